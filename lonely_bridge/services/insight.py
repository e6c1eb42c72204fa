"""This week's gentle insight, worked out from the history and settled against earlier weeks.

Pausing the gentle eye (INSIGHT_PAUSED, which the older adult turns on and off in Settings)
means, precisely:

* while paused, the insight is not worked out at all (``current`` and ``raw`` raise
  InsightPaused; the pages say, warmly, that it is resting and how to turn it back on), no
  check-in is offered, and the sharing rounds neither write nor send anything;
* calls, visits and check-ins may still be noted during the pause (they are the person's own
  records), but the insight never counts them: when the eye is turned back on, the moment is
  kept (INSIGHT_COUNTS_FROM) and the insight reads nothing from before it. It starts afresh,
  as for a new household: the paused stretch is unknown, not "no contact", so turning it back
  on never brings a "30 days without a visit" that only the pause made. The earlier weeks'
  levels are forgotten too, so nothing from before the pause settles the new ones.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from lonely_bridge.domain.checkins import (
    DEFAULT_EVERY,
    CheckIn,
    Scale,
    check_in_due,
    last_taken,
)
from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import InsightPaused
from lonely_bridge.domain.insight import Insight, evaluate_summary, settle
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.settings import (
    CHECK_IN_EVERY_DAYS,
    CHECK_IN_PUT_OFF_ON,
    INSIGHT_COUNTS_FROM,
    INSIGHT_PAUSED,
    WEEKLY_LEVELS,
)
from lonely_bridge.services.ports import (
    CheckInRepository,
    ContactRepository,
    SettingsRepository,
    TodayReads,
)
from lonely_bridge.services.settings import read, write
from lonely_bridge.wording.insight import level_words, next_step_words, reason_words

# Enough for every rule: a run of missed planned calls, and the check-ins still current
# (a full year covers LSNS-6's every-six-months rhythm and the one before it).
MISSED_CALLS_WINDOW = timedelta(weeks=13)
CHECK_INS_WINDOW = timedelta(days=400)
WEEKS_KEPT = 26


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


class InsightService:
    def __init__(
        self,
        today: TodayReads,
        contacts: ContactRepository,
        check_ins: CheckInRepository,
        settings: SettingsRepository,
        clock: Clock,
    ) -> None:
        self._today = today
        self._contacts = contacts
        self._check_ins = check_ins
        self._settings = settings
        self._clock = clock

    def paused(self) -> bool:
        """True while the older adult has paused the gentle eye."""
        return read(self._settings, INSIGHT_PAUSED)

    def counts_from(self) -> datetime | None:
        """When the gentle eye was last turned back on; nothing before it is read."""
        return read(self._settings, INSIGHT_COUNTS_FROM)

    def raw(self, now: datetime | None = None, *, people: list[Person] | None = None) -> Insight:
        """This week's level before settling; ``people`` (not archived) if already read.

        Raises InsightPaused while the gentle eye is paused.
        """
        if self.paused():
            raise InsightPaused()
        moment = now or self._clock.now()
        if people is None:
            people = self._today.list_people()
        since = self.counts_from()
        occurrences = self._today.occurrences_since(_later(moment - MISSED_CALLS_WINDOW, since))
        check_ins = self._check_ins.check_ins(since=_later(moment - CHECK_INS_WINDOW, since))
        if since is not None:
            # Those at the very moment of turning back on belong to the pause, as contact does.
            occurrences = [o for o in occurrences if o.due_at > since]
            check_ins = [c for c in check_ins if c.taken_at > since]
        return evaluate_summary(
            self._contacts.contact_summary(moment, since=since),
            people,
            occurrences,
            check_ins,
            moment,
            known_since=since,
        )

    def current(self, *, people: list[Person] | None = None) -> Insight:
        """The insight to show: this week's raw level, settled against the earlier weeks.

        Each week's raw level is kept, because the rule "rise only after two high weeks"
        needs the raw levels, not the levels that were shown.
        """
        now = self._clock.now()
        insight = self.raw(now, people=people)
        this_week = week_start(now.date())
        saved = read(self._settings, WEEKLY_LEVELS)
        weekly = dict(saved)
        since = self.counts_from()
        if since is not None:
            # Levels from before a pause say nothing about the weeks after it.
            weekly = {week: level for week, level in weekly.items() if week >= since.date()}
        history = [weekly[week] for week in sorted(weekly) if week < this_week]
        if weekly != saved or weekly.get(this_week) != insight.level:
            weekly[this_week] = insight.level
            kept = dict(sorted(weekly.items())[-WEEKS_KEPT:])
            write(self._settings, WEEKLY_LEVELS, kept, now=now)
        return settle(insight, history)

    # Check-ins ------------------------------------------------------------------------------
    def check_in_every(self) -> timedelta:
        return timedelta(days=read(self._settings, CHECK_IN_EVERY_DAYS))

    def check_in_due(self, scale: Scale = Scale.UCLA3) -> bool:
        """Whether to offer this check-in now; never while the gentle eye is paused."""
        if self.paused():
            return False
        now = self._clock.now()
        every = self.check_in_every() if scale is Scale.UCLA3 else None
        # Only a check-in within the last interval can make it not yet due: older ones need
        # not be read, however many years of them there are.
        recent = self._check_ins.check_ins(since=now - (every or DEFAULT_EVERY[scale]))
        return check_in_due(scale, last_taken(recent, scale), now, every)

    def check_in_put_off(self) -> bool:
        """True when the person said "Not now" today (asked again tomorrow at the earliest)."""
        return read(self._settings, CHECK_IN_PUT_OFF_ON) == self._clock.now().date()

    def put_off_check_in(self) -> None:
        now = self._clock.now()
        write(self._settings, CHECK_IN_PUT_OFF_ON, now.date(), now=now)

    def save_check_in(self, scale: Scale, answers: tuple[int | None, ...]) -> CheckIn:
        return self._check_ins.add_check_in(CheckIn(None, scale, answers, self._clock.now()))

    def check_in_answers(self) -> list[CheckIn]:
        """Every check-in answered, newest first, for the older adult to look through."""
        return sorted(self._check_ins.check_ins(), key=lambda c: c.taken_at, reverse=True)

    def delete_check_in(self, check_in_id: int) -> None:
        """Delete one check-in for good; raises NotFound when it is already gone."""
        self._check_ins.delete_check_in(check_in_id)
        self._forget_weekly_levels()

    def delete_all_check_ins(self) -> int:
        """Delete every check-in for good; returns how many there were."""
        count = self._check_ins.delete_check_ins()
        self._forget_weekly_levels()
        return count

    def _forget_weekly_levels(self) -> None:
        # Earlier weeks' levels may rest on the deleted answers; nothing they made is kept.
        write(self._settings, WEEKLY_LEVELS, {}, now=self._clock.now())

    # For care workers ---------------------------------------------------------------------
    def report(self) -> dict[str, Any]:
        """The level, its reasons and each person's status, as plain data (for --json).

        While paused: only ``{"paused": True}``, as nothing is worked out.
        """
        if self.paused():
            return {"paused": True}
        insight = self.current()
        people = []
        for status in insight.signals.statuses:
            assert status.person.id is not None
            people.append(
                {
                    "id": status.person.id,
                    "name": status.person.name,
                    "state": status.state.value,
                    "days_since_contact": None if status.since is None else status.since.days,
                }
            )
        return {
            "level": insight.level.name.lower(),
            "level_words": level_words(insight.level),
            "reasons": [reason_words(reason) for reason in insight.reasons],
            "next_step": next_step_words(insight.next_step),
            "people": people,
            "paused": False,
        }


def _later(moment: datetime, since: datetime | None) -> datetime:
    return moment if since is None or since < moment else since
