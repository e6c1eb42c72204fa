"""A plan row whose stored values cannot be read is left out, named by id; the rest are read."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import date, time

import pytest

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.plans import PlanProblem, UnreadableSchedule
from lonely_bridge.domain.recurrence import Frequency, Recurrence
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.quick_reader import QuickReader
from lonely_bridge.storage.repositories import SqlStore
from tests.doubles import FixedClock
from tests.plans import call_plan
from tests.raw_rows import insert_plan


@pytest.mark.allow_log("lonely_bridge.storage.quick_reader", "WARNING")
def test_rows_with_unreadable_values_are_left_out_and_logged(
    opened: OpenedDatabase, store: SqlStore, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    anna = store.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
        now=clock.now(),
    )
    assert anna.id is not None
    good = store.add_plan(
        call_plan(
            None, anna.id, None, "FREQ=DAILY", time(16, 0), "Europe/London", date(2026, 11, 1)
        ),
        now=clock.now(),
    )
    bad = [
        insert_plan(opened.path, person_id=anna.id, time_of_day="25:99:00.000000"),
        insert_plan(opened.path, person_id=anna.id, starts_on="next Sunday"),
    ]
    lead = insert_plan(opened.path, person_id=anna.id)
    with closing(sqlite3.connect(opened.path)) as db, db:
        db.execute("UPDATE call_plans SET reminder_lead_minutes = 'ten' WHERE id = ?", (lead,))
    bad.append(lead)
    caplog.set_level(logging.WARNING)

    reader = QuickReader(opened.path)
    try:
        assert reader.list_plans() == [good]
    finally:
        reader.close()

    for plan_id in bad:
        assert f"Plan {plan_id} is left out" in caplog.text
    assert "Anna" not in caplog.text


def test_a_plan_is_read_once_where_it_is_loaded(
    opened: OpenedDatabase, store: SqlStore, clock: FixedClock
) -> None:
    # Both readers give the rule as a Recurrence; one this version cannot keep comes back
    # as it was stored, with the reason, so a helper can see it and change or stop it.
    anna = store.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
        now=clock.now(),
    )
    assert anna.id is not None
    sundays = insert_plan(opened.path, person_id=anna.id, rule="rrule:freq=weekly;byday=su")
    yearly = insert_plan(opened.path, person_id=anna.id, rule="FREQ=YEARLY;BYMONTH=12")
    mars = insert_plan(opened.path, person_id=anna.id, time_zone="Mars/Olympus")
    sunday_4pm = Recurrence(
        Frequency.WEEKLY, weekdays=(6,), time_of_day=time(16, 0), zone="Europe/London",
        starts_on=date(2026, 11, 1),
    )  # fmt: skip

    reader = QuickReader(opened.path)
    try:
        for plans in (store.list_plans(), reader.list_plans()):
            by_id = {plan.id: plan.schedule for plan in plans}
            assert by_id[sundays] == sunday_4pm
            unreadable = [by_id.get(plan_id) for plan_id in (yearly, mars)]
            assert [
                (s.problem, s.rule) for s in unreadable if isinstance(s, UnreadableSchedule)
            ] == [
                (PlanProblem.RULE, "FREQ=YEARLY;BYMONTH=12"),
                (PlanProblem.TIME_ZONE, "FREQ=WEEKLY;BYDAY=SU"),
            ]
    finally:
        reader.close()

    # Saved again, the rule is written in the one form the app writes.
    [plan] = [plan for plan in store.list_plans() if plan.id == sundays]
    store.update_plan(plan, now=clock.now())
    with closing(sqlite3.connect(opened.path)) as db:
        [(rule,)] = db.execute("SELECT rule FROM call_plans WHERE id = ?", (sundays,))
    assert rule == "FREQ=WEEKLY;BYDAY=SU"
