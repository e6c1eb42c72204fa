"""A plan row whose stored values cannot be read is left out, named by id; the rest are read."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import date, time

import pytest

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.quick_reader import QuickReader
from lonely_bridge.storage.repositories import SqlStore
from tests.doubles import FixedClock
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
        CallPlan(
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
