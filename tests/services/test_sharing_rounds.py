"""A sharing round: weekly notes and top-level news, once a week each, worded for family."""

from __future__ import annotations

from datetime import UTC

import pytest

from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.settings import INSIGHT_PAUSED
from lonely_bridge.domain.sharing import ALL_TOPICS, TrustedPerson
from lonely_bridge.services.alerts import AlertService
from lonely_bridge.services.insight import InsightService
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.services.sharing_rounds import SharingRounds, family_summary
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock, RecordingMailer
from tests.household import add_demo_household

SERVER = SmtpSettings("localhost", 2525, Security.NONE, "", "margaret@example.org")


@pytest.fixture
def rounds(
    alerts: AlertService,
    insight: InsightService,
    overview: OverviewService,
    plans: PlanService,
    settings: SettingsService,
) -> SharingRounds:
    return SharingRounds(
        alerts=alerts,
        insight=insight,
        overview=overview,
        plans=plans,
        settings=settings,
        zone=UTC,
    )


def test_no_trusted_people_means_nothing_happens(
    app_store: Stores, rounds: SharingRounds, mailer: RecordingMailer, clock: FixedClock
) -> None:
    add_demo_household(app_store, clock)
    assert rounds.run_once() is None
    assert mailer.calls == 0


def test_a_weekly_note_goes_once_a_week_with_only_what_was_allowed(
    app_store: Stores,
    alerts: AlertService,
    rounds: SharingRounds,
    mailer: RecordingMailer,
    clock: FixedClock,
) -> None:
    add_demo_household(app_store, clock)
    alerts.save_smtp_settings(SERVER, password=None)
    alerts.save_person(
        TrustedPerson(None, "Anna", "anna@example.org", share_level_changes=False,
                      share_weekly=True, allowed=ALL_TOPICS)
    )  # fmt: skip
    rounds.run_once()
    assert len(mailer.sent) == 1
    note = mailer.sent[0]
    assert note.to_address == "anna@example.org"
    assert "Margaret" in note.body
    words = note.body.replace("Lonely Bridge", "the app").lower()  # the app's own name
    for word in ("lonely", "risk", "score", "test"):
        assert word not in words

    clock.advance(days=3)
    rounds.run_once()
    assert len(mailer.sent) == 1  # at most one automatic message a week
    clock.advance(days=5)
    rounds.run_once()
    assert len(mailer.sent) == 2


def test_the_preview_and_the_round_word_the_summary_the_same(
    app_store: Stores,
    clock: FixedClock,
    insight: InsightService,
    overview: OverviewService,
    plans: PlanService,
    settings: SettingsService,
) -> None:
    add_demo_household(app_store, clock)
    common = {"insight": insight, "overview": overview, "plans": plans, "settings": settings}
    first = family_summary(**common, zone=UTC)  # type: ignore[arg-type]
    again = family_summary(**common, zone=UTC)  # type: ignore[arg-type]
    assert first == again
    assert first.next_call is not None
    assert first.next_call.endswith("with Anna")  # Sunday's call, within the week
    assert "Anna" in first.people_in_touch


def test_a_paused_gentle_eye_shares_nothing_and_says_so_to_family(
    app_store: Stores,
    alerts: AlertService,
    rounds: SharingRounds,
    mailer: RecordingMailer,
    clock: FixedClock,
    insight: InsightService,
    overview: OverviewService,
    plans: PlanService,
    settings: SettingsService,
) -> None:
    add_demo_household(app_store, clock)
    alerts.save_smtp_settings(SERVER, password=None)
    alerts.save_person(
        TrustedPerson(None, "Anna", "anna@example.org", share_level_changes=True,
                      share_weekly=True, allowed=ALL_TOPICS)
    )  # fmt: skip
    settings.set(INSIGHT_PAUSED, True)

    assert rounds.run_once() is None
    assert mailer.sent == []
    assert alerts.waiting() == []
    common = {"insight": insight, "overview": overview, "plans": plans, "settings": settings}
    summary = family_summary(**common, zone=UTC)  # type: ignore[arg-type]
    assert "paused" in summary.level_words
    assert summary.reasons == ()
    assert summary.people_in_touch == ()  # nothing counted while paused

    settings.set(INSIGHT_PAUSED, False)
    rounds.run_once()
    assert len(mailer.sent) == 1
