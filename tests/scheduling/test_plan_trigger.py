"""PlanTrigger: one plan's reminders as APScheduler fire times, by the plan's recurrence."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Occurrence, plan_reminders
from lonely_bridge.scheduling.plan_trigger import PlanTrigger
from tests.plans import call_plan

# Sunday 22 March 2026, noon in London; the clocks go forward next Sunday at 1 am.
SUNDAY_NOON = datetime(2026, 3, 22, 12, 0, tzinfo=UTC)
LEAD = timedelta(minutes=10)


def weekly_at_4pm(**changes: object) -> CallPlan:
    fields: dict[str, object] = {
        "id": 7, "person_id": 1, "link_id": None, "rule": "FREQ=WEEKLY;BYDAY=SU",
        "time_of_day": time(16, 0), "time_zone": "Europe/London", "starts_on": date(2026, 1, 4),
        "reminder_lead": LEAD,
    }  # fmt: skip
    return call_plan(**{**fields, **changes})  # type: ignore[arg-type]


def fire_times(trigger: PlanTrigger, count: int) -> list[datetime]:
    found: list[datetime] = []
    previous = None
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, SUNDAY_NOON)
        if previous is None:
            break
        found.append(previous)
    return found


def test_it_fires_for_the_heads_up_and_the_start_of_each_call() -> None:
    [reminders] = plan_reminders([weekly_at_4pm()], {}, SUNDAY_NOON)
    trigger = PlanTrigger(reminders)

    # Today 4 pm GMT; next Sunday 4 pm BST (3 pm UTC): the wall-clock time is kept.
    assert fire_times(trigger, 4) == [
        datetime(2026, 3, 22, 15, 50, tzinfo=UTC),
        datetime(2026, 3, 22, 16, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 14, 50, tzinfo=UTC),
        datetime(2026, 3, 29, 15, 0, tzinfo=UTC),
    ]


def test_a_snoozed_call_fires_at_the_end_of_its_snooze_then_goes_on() -> None:
    due = datetime(2026, 3, 22, 16, 0, tzinfo=UTC)
    snoozed = Occurrence(1, 7, due, snoozed_until=due + timedelta(minutes=10))
    [reminders] = plan_reminders([weekly_at_4pm()], {(7, due): snoozed}, due)

    assert fire_times(PlanTrigger(reminders), 2) == [
        due + timedelta(minutes=10),
        datetime(2026, 3, 29, 14, 50, tzinfo=UTC),
    ]


def test_a_time_already_past_is_given_so_it_fires_at_once() -> None:
    [reminders] = plan_reminders([weekly_at_4pm()], {}, SUNDAY_NOON)
    late = SUNDAY_NOON + timedelta(hours=5)

    assert PlanTrigger(reminders).get_next_fire_time(None, late) == datetime(
        2026, 3, 22, 15, 50, tzinfo=UTC
    )


def test_after_a_long_sleep_the_next_time_follows_the_last_one_fired() -> None:
    [reminders] = plan_reminders([weekly_at_4pm()], {}, SUNDAY_NOON)
    three_weeks_on = datetime(2026, 4, 12, 14, 55, tzinfo=UTC)  # between heads-up and start

    assert PlanTrigger(reminders).get_next_fire_time(three_weeks_on, three_weeks_on) == (
        datetime(2026, 4, 12, 15, 0, tzinfo=UTC)
    )


def test_a_plan_that_has_ended_stops_firing() -> None:
    [reminders] = plan_reminders([weekly_at_4pm(ends_on=date(2026, 3, 22))], {}, SUNDAY_NOON)

    assert len(fire_times(PlanTrigger(reminders), 5)) == 2


def test_without_a_heads_up_only_the_start_fires() -> None:
    [reminders] = plan_reminders([weekly_at_4pm(reminder_lead=timedelta(0))], {}, SUNDAY_NOON)

    assert fire_times(PlanTrigger(reminders), 2) == [
        datetime(2026, 3, 22, 16, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 15, 0, tzinfo=UTC),
    ]
