"""PlanService: what comes next, counting only calls that are still open."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Outcome
from lonely_bridge.services.plans import PlanService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore
from tests.doubles import FixedClock


def test_next_call_after_answering_the_current_one(tmp_path: Path) -> None:
    """Settled calls are passed over, not counted against the limit (found by a benchmark)."""
    # Five minutes after a daily 10:00 call (London is on UTC in November) that was joined.
    clock = FixedClock(datetime(2026, 11, 26, 10, 5, tzinfo=UTC))
    store = AppStore(open_database(tmp_path, now=clock.now()))
    try:
        anna = store.add_person(
            Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
            now=clock.now(),
        )
        assert anna.id is not None
        plans = PlanService(store, clock)
        plan = plans.save(
            CallPlan(
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
        today = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
        assert [call.due_at for call in plans.upcoming(within=timedelta(days=2))][:1] == [today]
        plans.settle(plan.id, today, Outcome.JOINED)
        upcoming = plans.upcoming(within=timedelta(days=2))
        assert [call.due_at for call in upcoming][:1] == [today + timedelta(days=1)]
        following = plans.next_call()
    finally:
        store.close()
    assert following is not None
    assert following.due_at == today + timedelta(days=1)


def test_reopening_forgets_only_what_was_recorded_about_calls_still_to_come(
    tmp_path: Path,
) -> None:
    clock = FixedClock(datetime(2026, 11, 26, 10, 5, tzinfo=UTC))
    store = AppStore(open_database(tmp_path, now=clock.now()))
    try:
        anna = store.add_person(
            Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
            now=clock.now(),
        )
        assert anna.id is not None
        plans = PlanService(store, clock)
        plan = plans.save(
            CallPlan(
                None, anna.id, None, "FREQ=DAILY", wall_time(10, 0), "Europe/London",
                date(2026, 11, 1),
            )
        )  # fmt: skip
        assert plan.id is not None
        today = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
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
    finally:
        store.close()
    # Yesterday's and today's calls have come: what was recorded about them stands.
    assert [o.outcome for o in after[:2]] == [Outcome.MISSED, Outcome.JOINED]
    for reopened in after[2:]:
        assert reopened.id is not None
        assert (reopened.outcome, reopened.snoozed_until, reopened.reminded_at) == (None,) * 3
