"""A plan this version cannot read is left out, named by its id in the log; the others go on."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.plans import CallPlan, PlanProblem
from lonely_bridge.domain.reminders import plan_problem
from lonely_bridge.services.plans import PlanService
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock
from tests.plans import call_plan, pending_reminders
from tests.raw_rows import insert_plan

SUNDAY_4PM = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # London is on UTC in November


@pytest.fixture
def people(app_store: Stores, clock: FixedClock) -> tuple[int, int]:
    ids = []
    for name in ("Anna", "Tom"):
        person = app_store.people.add_person(
            Person(None, name, "Family", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
            now=clock.now(),
        )
        assert person.id is not None
        ids.append(person.id)
    return ids[0], ids[1]


@pytest.fixture
def good_plan(plans: PlanService, people: tuple[int, int]) -> CallPlan:
    return plans.save(
        call_plan(
            None, people[0], None, "FREQ=WEEKLY;BYDAY=SU", time(16, 0), "Europe/London",
            date(2026, 11, 1),
        )
    )  # fmt: skip


@pytest.fixture
def bad_ids(app_store: Stores, people: tuple[int, int], good_plan: CallPlan) -> tuple[int, int]:
    """A plan in a zone this computer does not know, and one with a rule from a newer version."""
    database = app_store.database.path
    mars = insert_plan(database, person_id=people[0], time_zone="Mars/Olympus")
    yearly = insert_plan(database, person_id=people[1], rule="FREQ=YEARLY;BYMONTH=12")
    return mars, yearly


@pytest.mark.allow_log("lonely_bridge.services.plans", "WARNING")
def test_plans_lists_only_the_plans_it_can_keep(
    plans: PlanService, good_plan: CallPlan, bad_ids: tuple[int, int]
) -> None:
    assert [plan for plan, _person in plans.plans()] == [good_plan]
    everything = [plan.id for plan, _person in plans.plans(include_unreadable=True)]
    assert everything == [good_plan.id, *bad_ids]  # a helper can still change or stop them
    assert plans.unreadable() == list(bad_ids)


@pytest.mark.allow_log("lonely_bridge.services.plans", "WARNING")
def test_the_other_plans_keep_their_calls_reminders_and_calendar(
    plans: PlanService, good_plan: CallPlan, bad_ids: tuple[int, int], clock: FixedClock
) -> None:
    assert [(call.plan.id, call.due_at) for call in plans.upcoming()] == [
        (good_plan.id, SUNDAY_4PM)
    ]
    upcoming = plans.next_call()
    assert upcoming is not None
    assert upcoming.due_at == SUNDAY_4PM
    assert {(r.plan_id, r.due_at) for r in pending_reminders(plans)} == {(good_plan.id, SUNDAY_4PM)}
    missed = plans.missed_since(clock.now() - timedelta(days=10))
    assert {plan_id for plan_id, _due in missed.to_offer} == {good_plan.id}
    events = Calendar.from_ical(plans.calendar().content).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [f"plan-{good_plan.id}@lonely-bridge.local"]


@pytest.mark.allow_log("lonely_bridge.services.plans", "WARNING")
def test_the_log_names_each_plan_once_by_its_id_and_never_a_person(
    plans: PlanService, bad_ids: tuple[int, int], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    for _ in range(3):
        plans.plans()
        plans.timetables()
    mars, yearly = bad_ids
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2, warnings
    assert f"Plan {mars} " in warnings[0]
    assert "time zone" in warnings[0]
    assert f"Plan {yearly} " in warnings[1]
    assert "rule" in warnings[1]
    everything = caplog.text
    assert "Anna" not in everything
    assert "Tom" not in everything


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"time_zone": "Mars/Olympus"}, PlanProblem.TIME_ZONE),
        ({"time_zone": "Europe"}, PlanProblem.TIME_ZONE),  # a folder, not a zone
        ({"time_zone": "localtime"}, PlanProblem.TIME_ZONE),  # follows the computer
        ({"rule": "FREQ=YEARLY"}, PlanProblem.RULE),
        ({"rule": "FREQ=WEEKLY;BYDAY=SU;COUNT=3"}, PlanProblem.RULE),
        ({"rule": ""}, PlanProblem.RULE),
        ({"ends_on": date(2026, 10, 1)}, PlanProblem.RULE),  # ends before it starts
        ({}, None),
    ],
)
def test_what_is_wrong_with_a_plan(changes: dict[str, object], problem: PlanProblem | None) -> None:
    fields: dict[str, object] = {
        "id": 1, "person_id": 1, "link_id": None, "rule": "FREQ=WEEKLY;BYDAY=SU",
        "time_of_day": time(16, 0), "time_zone": "Europe/London", "starts_on": date(2026, 11, 1),
    }  # fmt: skip
    assert plan_problem(call_plan(**{**fields, **changes})) is problem  # type: ignore[arg-type]
