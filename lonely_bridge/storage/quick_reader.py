"""Reads what the first screen needs through the standard library's sqlite3.

SQLAlchemy takes longer to import than Qt takes to draw a window, so Today is drawn from
these few queries and the ORM loads after the first paint (bench/startup.py measures it).
tests/storage/test_quick_reader.py holds these queries to the same answers as SqlStore.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import CallLink, Circle, Person, Rhythm
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Occurrence, Outcome

BUSY_TIMEOUT_S = 15.0


def _stored(moment: datetime) -> str:
    """The text SQLAlchemy writes for an aware UTC datetime, so comparisons match."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _moment(text: str | None) -> datetime | None:
    # SQLAlchemy stores our UTC datetimes as naive ISO text on SQLite.
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


class QuickReader:
    """Read-only queries on the live database; each statement sees the latest commit."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(
                f"file:{self._path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,
            )  # fmt: skip
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def list_people(self, *, include_archived: bool = False) -> list[Person]:
        db = self._db()
        where = "" if include_archived else "WHERE archived_at IS NULL"
        people = db.execute(
            "SELECT id, name, relationship_label, circle, is_group, notes, photo_file, "
            "archived_at, ideal_interval_days, too_long_interval_days "
            f"FROM people {where} ORDER BY name"
        ).fetchall()
        links: dict[int, list[CallLink]] = {}
        for row in db.execute(
            "SELECT id, person_id, label, url, service, is_default FROM call_links ORDER BY id"
        ):
            links.setdefault(row[1], []).append(
                CallLink(row[0], row[1], row[2], row[3], row[4], bool(row[5]))
            )
        return [
            Person(
                id=row[0],
                name=row[1],
                relationship=row[2],
                circle=Circle(row[3]),
                is_group=bool(row[4]),
                notes=row[5],
                photo_file=row[6],
                archived_at=_moment(row[7]),
                rhythm=Rhythm(timedelta(days=row[8]), timedelta(days=row[9])),
                links=tuple(links.get(row[0], ())),
            )
            for row in people
        ]

    def last_contact_by_person(self) -> dict[int, ContactEvent]:
        rows = self._db().execute(
            "SELECT e.id, e.person_id, e.kind, e.happened_at, e.source, e.duration_minutes, "
            "e.note FROM contact_events AS e JOIN ("
            "  SELECT person_id, MAX(happened_at) AS latest FROM contact_events "
            "  GROUP BY person_id"
            ") AS last ON e.person_id = last.person_id AND e.happened_at = last.latest"
        )
        result = {}
        for row in rows:
            happened = _moment(row[3])
            assert happened is not None
            result[row[1]] = ContactEvent(
                id=row[0],
                person_id=row[1],
                kind=ContactKind(row[2]),
                happened_at=happened,
                source=ContactSource(row[4]),
                duration_minutes=row[5],
                note=row[6],
            )
        return result

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._db().execute("SELECT value_json FROM settings WHERE key = ?", (key,))
        found = row.fetchone()
        return default if found is None else json.loads(found[0])

    def list_plans(self, *, active_only: bool = True) -> list[CallPlan]:
        where = "WHERE active = 1" if active_only else ""
        rows = self._db().execute(
            "SELECT id, person_id, link_id, rule, time_of_day, time_zone, starts_on, ends_on, "
            f"reminder_lead_minutes, active FROM call_plans {where} ORDER BY id"
        )
        return [
            CallPlan(
                id=row[0],
                person_id=row[1],
                link_id=row[2],
                rule=row[3],
                time_of_day=time.fromisoformat(row[4]),
                time_zone=row[5],
                starts_on=date.fromisoformat(row[6]),
                ends_on=None if row[7] is None else date.fromisoformat(row[7]),
                reminder_lead=timedelta(minutes=row[8]),
                active=bool(row[9]),
            )
            for row in rows
        ]

    def occurrences_since(self, since: datetime) -> list[Occurrence]:
        rows = self._db().execute(
            "SELECT id, plan_id, due_at, outcome, talked, snoozed_until, reminded_at "
            "FROM plan_occurrences WHERE due_at >= ? ORDER BY due_at",
            (_stored(since),),
        )
        result = []
        for row in rows:
            due = _moment(row[2])
            assert due is not None
            result.append(
                Occurrence(
                    id=row[0],
                    plan_id=row[1],
                    due_at=due,
                    outcome=None if row[3] is None else Outcome(row[3]),
                    talked=None if row[4] is None else bool(row[4]),
                    snoozed_until=_moment(row[5]),
                    reminded_at=_moment(row[6]),
                )
            )
        return result
