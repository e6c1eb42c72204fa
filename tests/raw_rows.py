"""Plans written straight into a database file with sqlite3, as another program might leave them.

A plan saved by a newer version (a rule this one cannot keep), or copied to a computer whose
time-zone data is older (a zone it does not know), reaches the app only this way: the app's
own save refuses both.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

# As SQLAlchemy stores times and dates in SQLite.
STORED_NOW = "2026-11-26 15:00:00.000000"


def insert_plan(
    database: Path,
    *,
    person_id: int,
    rule: str = "FREQ=WEEKLY;BYDAY=SU",
    time_zone: str = "Europe/London",
    time_of_day: str = "16:00:00.000000",
    starts_on: str = "2026-11-01",
) -> int:
    """Add one active plan row as given, unchecked; returns its id."""
    with closing(sqlite3.connect(database)) as db, db:
        cursor = db.execute(
            "INSERT INTO call_plans (person_id, link_id, rule, time_of_day, time_zone, "
            "starts_on, ends_on, reminder_lead_minutes, active, created_at, updated_at) "
            "VALUES (?, NULL, ?, ?, ?, ?, NULL, 10, 1, ?, ?)",
            (person_id, rule, time_of_day, time_zone, starts_on, STORED_NOW, STORED_NOW),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid
