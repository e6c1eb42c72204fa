"""Reminder timing, snoozes and "missed while away", with a clock the tests move."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import (
    STILL_CURRENT,
    Occurrence,
    Outcome,
    ReminderKind,
    missed_while_away,
    plan_reminders,
    reminders_for,
)
from tests.plans import call_plan, with_schedule

# Sunday 29 November 2026, 16:00 in London is 16:00 UTC (winter time).
SUNDAY_4PM = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)


def weekly_anna(**changes: object) -> CallPlan:
    plan = call_plan(
        id=1,
        person_id=1,
        link_id=None,
        rule="FREQ=WEEKLY;BYDAY=SU",
        time_of_day=time(16, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 1, 4),
    )
    return with_schedule(plan, **changes)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Hours before: a heads-up 10 minutes ahead, then the call itself.
        (
            SUNDAY_4PM - timedelta(hours=3),
            [
                (ReminderKind.HEADS_UP, SUNDAY_4PM - timedelta(minutes=10)),
                (ReminderKind.START, SUNDAY_4PM),
            ],
        ),
        # Inside the lead time: no heads-up any more, only the call.
        (SUNDAY_4PM - timedelta(minutes=5), [(ReminderKind.START, SUNDAY_4PM)]),
        # Just after the start the call is still current, so it is shown at once.
        (SUNDAY_4PM + timedelta(minutes=5), [(ReminderKind.START, SUNDAY_4PM)]),
        # Long after: next week's call.
        (
            SUNDAY_4PM + timedelta(hours=2),
            [
                (ReminderKind.HEADS_UP, SUNDAY_4PM + timedelta(days=7, minutes=-10)),
                (ReminderKind.START, SUNDAY_4PM + timedelta(days=7)),
            ],
        ),
    ],
)
def test_reminder_timing(now: datetime, expected: list[tuple[ReminderKind, datetime]]) -> None:
    reminders = reminders_for([weekly_anna()], {}, now)
    assert [(r.kind, r.fire_at) for r in reminders] == expected
    assert {r.job_id for r in reminders} <= {"plan:1:lead", "plan:1:start"}


def test_each_reminder_carries_its_plans_zone() -> None:
    # The reminder window tells the call's time there too ("11 am for Lily") from it.
    new_york = weekly_anna(time_zone="America/New_York")
    known = {(1, SUNDAY_4PM): Occurrence(7, 1, SUNDAY_4PM, snoozed_until=SUNDAY_4PM)}
    reminders = [
        *reminders_for([new_york], {}, SUNDAY_4PM - timedelta(days=1)),
        *reminders_for([weekly_anna()], known, SUNDAY_4PM),
    ]
    [timetable] = plan_reminders([new_york], {}, SUNDAY_4PM)
    later = timetable.first_after(SUNDAY_4PM + timedelta(days=30))

    assert [r.zone for r in reminders] == ["America/New_York"] * 2 + ["Europe/London"]
    assert later is not None
    assert later.zone == "America/New_York"


def test_a_snooze_replaces_the_start_reminder() -> None:
    now = SUNDAY_4PM + timedelta(minutes=1)
    snoozed = Occurrence(
        7, 1, SUNDAY_4PM, reminded_at=SUNDAY_4PM, snoozed_until=now + timedelta(minutes=10)
    )
    [reminder] = reminders_for([weekly_anna()], {(1, SUNDAY_4PM): snoozed}, now)
    assert reminder.kind is ReminderKind.SNOOZED
    assert reminder.fire_at == now + timedelta(minutes=10)
    assert reminder.job_id == "plan:1:snooze"


def test_a_shown_reminder_is_not_shown_again() -> None:
    shown = Occurrence(7, 1, SUNDAY_4PM, reminded_at=SUNDAY_4PM)
    now = SUNDAY_4PM + timedelta(minutes=2)
    assert reminders_for([weekly_anna()], {(1, SUNDAY_4PM): shown}, now) == []


@pytest.mark.parametrize("outcome", list(Outcome))
def test_a_settled_call_moves_on_to_the_next(outcome: Outcome) -> None:
    settled = Occurrence(7, 1, SUNDAY_4PM, outcome=outcome)
    now = SUNDAY_4PM - timedelta(hours=1)
    reminders = reminders_for([weekly_anna()], {(1, SUNDAY_4PM): settled}, now)
    assert {r.due_at for r in reminders} == {SUNDAY_4PM + timedelta(days=7)}


def test_inactive_and_ended_plans_remind_nothing() -> None:
    now = SUNDAY_4PM - timedelta(hours=1)
    assert reminders_for([weekly_anna(active=False)], {}, now) == []
    assert reminders_for([weekly_anna(ends_on=date(2026, 11, 1))], {}, now) == []


def test_no_lead_time_means_no_heads_up() -> None:
    reminders = reminders_for(
        [weekly_anna(reminder_lead=timedelta(0))], {}, SUNDAY_4PM - timedelta(hours=1)
    )
    assert [r.kind for r in reminders] == [ReminderKind.START]


def test_reminder_keeps_wall_time_across_the_clock_change() -> None:
    # 25 October 2026 is the autumn change in London: 16:00 is BST before, GMT after.
    before = datetime(2026, 10, 18, 15, 0, tzinfo=UTC)  # 16:00 BST
    after = datetime(2026, 10, 25, 16, 0, tzinfo=UTC)  # 16:00 GMT
    starts = [
        r.fire_at
        for now in (before - timedelta(hours=1), after - timedelta(hours=1))
        for r in reminders_for([weekly_anna()], {}, now)
        if r.kind is ReminderKind.START
    ]
    assert starts == [before, after]


def test_computer_off_for_three_weeks_offers_one_call_and_settles_the_rest() -> None:
    last_seen = SUNDAY_4PM - timedelta(days=21, hours=2)
    now = SUNDAY_4PM + timedelta(hours=3)
    missed = missed_while_away([weekly_anna()], {}, last_seen=last_seen, now=now)
    assert missed.to_offer == [(1, SUNDAY_4PM)]
    assert missed.to_settle == [(1, SUNDAY_4PM - timedelta(days=d)) for d in (21, 14, 7)]


def test_calls_that_were_reminded_or_settled_are_not_missed() -> None:
    last_seen = SUNDAY_4PM - timedelta(days=7, hours=2)
    now = SUNDAY_4PM + timedelta(hours=1)
    week_ago = SUNDAY_4PM - timedelta(days=7)
    known = {
        (1, week_ago): Occurrence(3, 1, week_ago, outcome=Outcome.JOINED),
        (1, SUNDAY_4PM): Occurrence(4, 1, SUNDAY_4PM, reminded_at=SUNDAY_4PM),
    }
    missed = missed_while_away([weekly_anna()], known, last_seen=last_seen, now=now)
    assert missed.to_offer == []
    assert missed.to_settle == []


def test_a_call_still_current_is_not_called_missed() -> None:
    missed = missed_while_away(
        [weekly_anna()],
        {},
        last_seen=SUNDAY_4PM - timedelta(hours=1),
        now=SUNDAY_4PM + STILL_CURRENT - timedelta(minutes=1),
    )
    assert missed.to_offer == []
