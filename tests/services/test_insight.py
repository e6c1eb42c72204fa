"""InsightService: this week's level from the real records, settled against earlier weeks,
and the check-ins' rhythm."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lonely_bridge.domain.checkins import Scale
from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.domain.errors import InsightPaused
from lonely_bridge.domain.insight import Level
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.settings import (
    CHECK_IN_EVERY_DAYS,
    INSIGHT_COUNTS_FROM,
    INSIGHT_PAUSED,
    WEEKLY_LEVELS,
)
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.insight import InsightService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.storage.stores import Stores
from lonely_bridge.wording.insight import level_words, next_step_words, reason_words
from tests.doubles import FixedClock


@pytest.fixture
def anna(people_service: PeopleService) -> int:
    anna = people_service.save(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY])
    )
    assert anna.id is not None
    return anna.id


@pytest.fixture
def long_quiet(contacts: ContactService, clock: FixedClock, anna: int) -> None:
    """A visit a hundred days ago and nothing since: enough history, and a long gap."""
    contacts.record(anna, ContactKind.VISIT, when=clock.now() - timedelta(days=100))


def test_a_new_household_is_well_and_told_it_is_early_days(insight: InsightService) -> None:
    found = insight.current()

    assert found.level is Level.ALL_WELL
    assert [reason.code for reason in found.reasons][:1] == ["early_days"]


@pytest.mark.usefixtures("long_quiet")
def test_the_level_shown_rises_only_after_a_second_quiet_week(
    insight: InsightService, clock: FixedClock
) -> None:
    raw = insight.raw()
    assert raw.level >= Level.REACH_OUT

    first_week = insight.current()
    again_this_week = insight.current()
    clock.advance(weeks=1)
    second_week = insight.current()

    assert first_week.level is Level.ALL_WELL
    assert again_this_week.level is Level.ALL_WELL
    assert second_week.level is Level.QUIET_SPELL


@pytest.mark.usefixtures("long_quiet")
def test_the_level_falls_at_once_when_contact_comes_back(
    insight: InsightService, contacts: ContactService, clock: FixedClock, anna: int
) -> None:
    for _ in range(3):
        insight.current()
        clock.advance(weeks=1)
    assert insight.current().level > Level.QUIET_SPELL

    contacts.record(anna, ContactKind.VISIT)

    assert insight.current().level == insight.raw().level < Level.REACH_OUT


def test_archived_people_are_not_counted(
    insight: InsightService, people_service: PeopleService, anna: int
) -> None:
    people_service.archive(anna)

    assert insight.raw().signals.statuses == ()


def test_check_ins_come_monthly_unless_a_helper_changes_it(
    insight: InsightService, app_store: Stores, clock: FixedClock
) -> None:
    assert insight.check_in_every() == timedelta(days=CHECK_IN_EVERY_DAYS.default)

    app_store.settings.set_setting(CHECK_IN_EVERY_DAYS.key, 14, now=clock.now())

    assert insight.check_in_every() == timedelta(days=14)


@pytest.mark.allow_log("lonely_bridge.services.settings", "WARNING")
@pytest.mark.parametrize("stored", [0, -3, "often", None])
def test_a_rhythm_that_makes_no_sense_reads_as_monthly(
    insight: InsightService, app_store: Stores, clock: FixedClock, stored: object
) -> None:
    app_store.settings.set_setting(CHECK_IN_EVERY_DAYS.key, stored, now=clock.now())

    assert insight.check_in_every() == timedelta(days=CHECK_IN_EVERY_DAYS.default)


def test_a_check_in_is_due_at_first_then_not_until_the_rhythm_comes_round(
    insight: InsightService, app_store: Stores, clock: FixedClock
) -> None:
    app_store.settings.set_setting(CHECK_IN_EVERY_DAYS.key, 14, now=clock.now())
    assert insight.check_in_due()

    saved = insight.save_check_in(Scale.UCLA3, (1, None, 2))

    assert saved.id is not None
    assert saved.taken_at == clock.now()
    assert not insight.check_in_due()
    assert insight.check_in_due(Scale.LSNS6)
    clock.advance(days=13)
    assert not insight.check_in_due()
    clock.advance(days=1)
    assert insight.check_in_due()


def test_not_now_puts_the_check_in_off_until_tomorrow(
    insight: InsightService, clock: FixedClock
) -> None:
    assert not insight.check_in_put_off()

    insight.put_off_check_in()

    assert insight.check_in_put_off()
    clock.advance(days=1)
    assert not insight.check_in_put_off()


def test_the_report_gives_the_level_reasons_and_each_person_as_plain_data(
    insight: InsightService, contacts: ContactService, clock: FixedClock, anna: int
) -> None:
    contacts.record(anna, ContactKind.PHONE_CALL, when=clock.now() - timedelta(days=3))

    report = insight.report()
    shown = insight.current()

    assert report["level"] == shown.level.name.lower()
    assert report["level_words"] == level_words(shown.level)
    assert report["reasons"] == [reason_words(reason) for reason in shown.reasons]
    assert report["next_step"] == next_step_words(shown.next_step)
    assert report["people"] == [
        {"id": anna, "name": "Anna", "state": "on_track", "days_since_contact": 3}
    ]


# Pausing the gentle eye ---------------------------------------------------------------------
def _visits_every_week(
    contacts: ContactService, clock: FixedClock, person: int, weeks: int
) -> None:
    for week in range(weeks, 0, -1):
        contacts.record(person, ContactKind.VISIT, when=clock.now() - timedelta(weeks=week))


def test_while_paused_the_insight_is_not_worked_out_and_no_check_in_is_offered(
    insight: InsightService, settings: SettingsService
) -> None:
    assert insight.check_in_due()
    settings.set(INSIGHT_PAUSED, True)

    assert insight.paused()
    with pytest.raises(InsightPaused):
        insight.current()
    with pytest.raises(InsightPaused):
        insight.raw()
    assert not insight.check_in_due()
    assert insight.report()["paused"] is True


@pytest.mark.parametrize("paused", [True, False], ids=["paused", "just-quiet"])
def test_resuming_never_raises_a_long_gap_because_of_the_pause(
    insight: InsightService,
    settings: SettingsService,
    contacts: ContactService,
    clock: FixedClock,
    anna: int,
    paused: bool,
) -> None:
    _visits_every_week(contacts, clock, anna, weeks=30)
    assert insight.raw().level <= Level.QUIET_SPELL  # one person, seen every week
    settings.set(INSIGHT_PAUSED, paused)
    clock.advance(days=60)
    settings.set(INSIGHT_PAUSED, False)

    after = insight.raw()

    if paused:
        # The paused stretch is unknown, not "no contact": the eye starts afresh.
        assert after.level is Level.ALL_WELL
        assert after.reasons[0].code == "early_days"
        assert after.signals.days_of_history == 0
    else:
        assert after.level >= Level.REACH_OUT  # the same sixty days, not paused


def test_contact_noted_during_the_pause_is_not_counted(
    insight: InsightService,
    settings: SettingsService,
    contacts: ContactService,
    clock: FixedClock,
    anna: int,
) -> None:
    settings.set(INSIGHT_PAUSED, True)
    clock.advance(days=3)
    contacts.record(anna, ContactKind.VISIT)
    clock.advance(days=3)
    settings.set(INSIGHT_PAUSED, False)
    clock.advance(hours=1)

    signals = insight.raw().signals
    assert signals.people_last_30_days == frozenset()
    assert signals.days_since_in_person is None
    assert signals.in_person_this_week == 0

    contacts.record(anna, ContactKind.VISIT)  # after resuming: counted again
    assert insight.raw().signals.people_last_30_days == frozenset({anna})


def test_turning_off_a_pause_that_was_never_on_changes_nothing(
    insight: InsightService, settings: SettingsService, app_store: Stores
) -> None:
    settings.set(INSIGHT_PAUSED, False)
    assert settings.get(INSIGHT_COUNTS_FROM) is None


# The check-in answers, which are the older adult's to see and delete --------------------------
def test_answers_are_listed_newest_first_and_deleted_ones_leave_the_insight(
    insight: InsightService, settings: SettingsService, clock: FixedClock, app_store: Stores
) -> None:
    older = insight.save_check_in(Scale.UCLA3, (1, 1, 1))
    clock.advance(days=31)
    lonely = insight.save_check_in(Scale.UCLA3, (3, 3, 3))
    insight.current()
    assert "feeling" in [reason.code for reason in insight.raw().reasons]
    assert [answer.id for answer in insight.check_in_answers()] == [lonely.id, older.id]

    assert lonely.id is not None
    insight.delete_check_in(lonely.id)

    assert [answer.id for answer in insight.check_in_answers()] == [older.id]
    assert "feeling" not in [reason.code for reason in insight.raw().reasons]
    # The weeks' levels it helped to make are forgotten too.
    assert settings.get(WEEKLY_LEVELS) == {}

    insight.delete_all_check_ins()
    assert insight.check_in_answers() == []
    assert app_store.contacts.check_ins() == []
