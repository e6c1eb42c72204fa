"""Now and then: queue what the older adult agreed to share, then try to deliver it."""

from __future__ import annotations

import logging
from datetime import timedelta, tzinfo

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.insight import Level
from lonely_bridge.domain.sharing import MailKind, ShareableSummary
from lonely_bridge.services.alerts import AlertService, DeliveryReport
from lonely_bridge.services.insight import InsightService
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.wording.family import (
    next_call_words,
    paused_summary_for_family,
    summary_for_family,
)
from lonely_bridge.wording.time import date_and_time

log = logging.getLogger(__name__)

# Who was in touch lately, and a planned call coming up soon, both over a week.
NEWS_WINDOW = timedelta(days=7)


def family_summary(
    *,
    insight: InsightService,
    overview: OverviewService,
    plans: PlanService,
    settings: SettingsService,
    zone: tzinfo,
) -> ShareableSummary:
    """What may be shared right now, worded for the reader; previews and rounds both use it.

    While the gentle eye is paused it says only that, and the next planned call: nothing
    about contact is worked out or counted.
    """
    upcoming = plans.next_call()
    next_call = None
    if upcoming is not None and upcoming.due_at - plans.now() < NEWS_WINDOW:
        moment = date_and_time(upcoming.due_at.astimezone(zone))
        next_call = next_call_words(moment, upcoming.person.name)
    if insight.paused():
        return paused_summary_for_family(owner_name=settings.owner_name(), next_call=next_call)
    current = insight.current()
    names = {status.person.id: status.person.name for status in overview.people_statuses()}
    in_touch = sorted(
        {
            names[event.person_id]
            for event in overview.recent_events(days=NEWS_WINDOW.days)
            if event.person_id in names
        }
    )
    return summary_for_family(
        current,
        owner_name=settings.owner_name(),
        people_in_touch=in_touch,
        next_call=next_call,
    )


class SharingRounds:
    """One round: at the top level, tell those who chose it; weekly notes for the rest.

    The outbox's own rules keep it to one automatic message a week per person, so a
    round can run as often as the app likes.
    """

    def __init__(
        self,
        *,
        alerts: AlertService,
        insight: InsightService,
        overview: OverviewService,
        plans: PlanService,
        settings: SettingsService,
        zone: tzinfo,
    ) -> None:
        self._alerts = alerts
        self._zone = zone
        self._insight = insight
        self._overview = overview
        self._plans = plans
        self._settings = settings

    def run_once(self) -> DeliveryReport | None:
        """Queue and deliver this round's messages; nothing at all while the eye is paused."""
        if self._insight.paused() or not self._alerts.trusted_people():
            return None
        insight = self._insight.current()
        summary = family_summary(
            insight=self._insight,
            overview=self._overview,
            plans=self._plans,
            settings=self._settings,
            zone=self._zone,
        )
        try:
            if insight.level is Level.TELL_SOMEONE:
                self._alerts.queue_for_everyone(summary, MailKind.LEVEL)
            self._alerts.queue_for_everyone(summary, MailKind.WEEKLY)
        except LonelyBridgeError as problem:
            # Not set up yet (no name, no server): nothing is sent, nothing is lost.
            log.info("Nothing shared this round: %s", problem)
            return None
        return self._alerts.deliver_due()
