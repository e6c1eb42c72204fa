"""PlanService: what comes next, counting only calls that are still open."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as wall_time

import pytest

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Outcome
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from tests.doubles import FixedClock
from tests.plans import call_plan

# A daily call at 10:00 in London (on UTC in November); each test starts five minutes after it.
TODAY_10AM = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def daily_plan(plans: PlanService, people_service: PeopleService, clock: FixedClock) -> CallPlan:
    clock.set(TODAY_10AM + timedelta(minutes=5))
    anna = people_service.save(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY])
    )
    assert anna.id is not None
    plan = plans.save(
        call_plan(
            id=None,
            person_id=anna.id,
            link_id=None,
            rule="FREQ=DAILY",
            time_of_day=wall_time(10, 0),
            time_zone="Europe/London",
            starts_on=date(2026, 11, 1),
        )
    )
    assert plan.id is not None
    return plan


def test_next_call_after_answering_the_current_one(
    plans: PlanService, daily_plan: CallPlan
) -> None:
    """Settled calls are passed over, not counted against the limit (found by a benchmark)."""
    assert daily_plan.id is not None
    today = TODAY_10AM
    assert [call.due_at for call in plans.upcoming(within=timedelta(days=2))][:1] == [today]

    plans.settle(daily_plan.id, today, Outcome.JOINED)

    upcoming = plans.upcoming(within=timedelta(days=2))
    assert [call.due_at for call in upcoming][:1] == [today + timedelta(days=1)]
    following = plans.next_call()
    assert following is not None
    assert following.due_at == today + timedelta(days=1)


def test_reopening_forgets_only_what_was_recorded_about_calls_still_to_come(
    plans: PlanService, daily_plan: CallPlan, clock: FixedClock
) -> None:
    plan = daily_plan
    assert plan.id is not None
    today = TODAY_10AM
    days = [today + timedelta(days=n) for n in range(-1, 4)]
    # Recorded while the clock ran four days ahead.
    clock.set(today + timedelta(days=4))
    plans.settle(plan.id, days[0], Outcome.MISSED)
    plans.settle(plan.id, days[1], Outcome.JOINED)
    plans.settle(plan.id, days[2], Outcome.MISSED)
    plans.settle(plan.id, days[3], Outcome.SKIPPED)
    plans.snooze(plan.id, days[4])
    clock.set(today + timedelta(minutes=5))  # put right

    assert plans.reopen_calls_ahead() == 3
    assert plans.reopen_calls_ahead() == 0
    after = [plans.occurrence(plan.id, day) for day in days]
    # Yesterday's and today's calls have come: what was recorded about them stands.
    assert [o.outcome for o in after[:2]] == [Outcome.MISSED, Outcome.JOINED]
    for reopened in after[2:]:
        assert reopened.id is not None
        assert (reopened.outcome, reopened.snoozed_until, reopened.reminded_at) == (None,) * 3


def test_calls_between_lists_every_call_answered_or_not_within_the_stretch(
    plans: PlanService, daily_plan: CallPlan
) -> None:
    assert daily_plan.id is not None
    plans.settle(daily_plan.id, TODAY_10AM, Outcome.JOINED)
    start = TODAY_10AM
    calls = plans.calls_between(start, start + timedelta(days=3))
    # From the first instant, up to but not including the end: a calendar's three days.
    assert [call.due_at for call in calls] == [start + timedelta(days=day) for day in range(3)]
    assert {call.person.name for call in calls} == {"Anna"}
    assert plans.calls_between(start, start) == []
