"""Reads what the first screen needs through the standard library's sqlite3.

SQLAlchemy takes longer to import than Qt takes to draw a window, so Today is drawn from
these few queries and the ORM loads after the first paint (bench/startup.py measures it).
tests/storage/test_quick_reader.py holds these queries to the same answers as SqlStore.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import CallLink, Circle, Person, Rhythm
from lonely_bridge.domain.plans import CallPlan, read_schedule
from lonely_bridge.domain.reminders import Occurrence, Outcome
from lonely_bridge.storage.sqlite_files import file_uri

if TYPE_CHECKING:
    from lonely_bridge.domain.insight import ContactSummary

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 15.0


def _stored(moment: datetime) -> str:
    """The text SQLAlchemy writes for an aware UTC datetime, so comparisons match."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


_EVENT_COLUMNS = "e.id, e.person_id, e.kind, e.happened_at, e.source, e.duration_minutes, e.note"


def _event_from_row(row: tuple[Any, ...]) -> ContactEvent:
    happened = _moment(row[3])
    assert happened is not None
    return ContactEvent(
        id=row[0],
        person_id=row[1],
        kind=ContactKind(row[2]),
        happened_at=happened,
        source=ContactSource(row[4]),
        duration_minutes=row[5],
        note=row[6],
    )


def _plan_from_row(row: tuple[Any, ...]) -> CallPlan:
    return CallPlan(
        id=row[0],
        person_id=row[1],
        link_id=row[2],
        schedule=read_schedule(
            row[3],
            time_of_day=time.fromisoformat(row[4]),
            zone=row[5],
            starts_on=date.fromisoformat(row[6]),
            ends_on=None if row[7] is None else date.fromisoformat(row[7]),
        ),
        reminder_lead=timedelta(minutes=row[8]),
        active=bool(row[9]),
    )


def _moment(text: str | None) -> datetime | None:
    # SQLAlchemy stores our UTC datetimes as naive ISO text on SQLite.
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


class QuickReader:
    """Read-only queries on the live database; each statement sees the latest commit."""

    def __init__(self, path: Path) -> None:
        self._path = path
        # One connection per thread: e-mail delivery reads settings from a worker thread,
        # and a sqlite3 connection must not be used by two threads at once.
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _db(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                file_uri(self._path, read_only=True), uri=True, timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,
            )  # fmt: skip
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
        self._local = threading.local()

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

    def last_contact_by_person(self, *, until: datetime | None = None) -> dict[int, ContactEvent]:
        # One index seek per person (person_id, happened_at), not a scan of all history.
        bound = "9999-12-31" if until is None else _stored(until)
        rows = self._db().execute(
            f"SELECT {_EVENT_COLUMNS} FROM people AS p JOIN contact_events AS e ON e.id = ("
            "  SELECT id FROM contact_events WHERE person_id = p.id AND happened_at <= ?"
            "  ORDER BY happened_at DESC, id DESC LIMIT 1)",
            (bound,),
        )
        return {event.person_id: event for event in map(_event_from_row, rows)}

    def events_between(self, start: datetime, end: datetime) -> list[ContactEvent]:
        rows = self._db().execute(
            f"SELECT {_EVENT_COLUMNS} FROM contact_events AS e "
            "WHERE happened_at >= ? AND happened_at < ? ORDER BY happened_at, id",
            (_stored(start), _stored(end)),
        )
        return [_event_from_row(row) for row in rows]

    def kinds_by_person(self, start: datetime, end: datetime) -> dict[int, list[ContactKind]]:
        # Two columns from the (happened_at, kind, person_id) index, not whole events.
        found: dict[int, list[ContactKind]] = {}
        for person_id, value in self._db().execute(
            "SELECT person_id, kind FROM contact_events "
            "WHERE happened_at >= ? AND happened_at < ? ORDER BY happened_at, id",
            (_stored(start), _stored(end)),
        ):
            kinds = found.setdefault(person_id, [])
            kind = ContactKind(value)
            if kind not in kinds:
                kinds.append(kind)
        return found

    def contact_counts(self, bounds: Sequence[datetime]) -> list[dict[ContactKind, int]]:
        """Contacts of each kind from each bound up to, not including, the next."""
        return self._span_counts(bounds, upper_inclusive=False)

    def _span_counts(
        self, bounds: Sequence[datetime], *, upper_inclusive: bool
    ) -> list[dict[ContactKind, int]]:
        # Each (span, kind) is one range of the (kind, happened_at) index, counted without
        # reading or sorting rows. The bounds are compared as stored text, exactly as Python
        # compares the moments (julianday() would round them to the millisecond).
        counts: list[dict[ContactKind, int]] = [dict.fromkeys(ContactKind, 0) for _ in bounds[1:]]
        if not counts:
            return counts
        stored = [_stored(moment) for moment in bounds]
        spans = [v for i in range(len(counts)) for v in (i, stored[i], stored[i + 1])]
        kinds = [kind.value for kind in ContactKind]
        low, high = (">", "<=") if upper_inclusive else (">=", "<")
        rows = self._db().execute(
            f"WITH s(i, low, high) AS (VALUES {', '.join('(?, ?, ?)' for _ in counts)}), "
            f"k(kind) AS (VALUES {', '.join('(?)' for _ in kinds)}) "
            "SELECT s.i, k.kind, (SELECT COUNT(*) FROM contact_events AS e WHERE e.kind = k.kind"
            f" AND e.happened_at {low} s.low AND e.happened_at {high} s.high) FROM s, k",
            (*spans, *kinds),
        )
        for index, kind, count in rows:
            counts[index][ContactKind(kind)] = count
        return counts

    def contact_summary(self, now: datetime) -> ContactSummary:
        """What the insight needs, answered by SQLite: its cost stays flat as years pass."""
        from lonely_bridge.domain.insight import (
            BASELINE_WEEKS,
            IN_PERSON_KINDS,
            PEOPLE_WINDOW,
            WEEK,
            ContactSummary,
        )

        db = self._db()
        stored_now = _stored(now)
        # Week 0 is the 7 days up to and including now, week 1 the 7 before it, and so on.
        weeks = BASELINE_WEEKS.stop
        bounds = [now - (weeks - step) * WEEK for step in range(weeks + 1)]
        weekly = {
            (weeks - 1 - span, kind): count
            for span, counts in enumerate(self._span_counts(bounds, upper_inclusive=True))
            for kind, count in counts.items()
            if count
        }
        month_ago = _stored(now - PEOPLE_WINDOW)
        in_touch = frozenset(
            row[0]
            for row in db.execute(
                "SELECT DISTINCT person_id FROM contact_events "
                "WHERE happened_at > ? AND happened_at <= ?",
                (month_ago, stored_now),
            )
        )
        in_person = tuple(kind.value for kind in IN_PERSON_KINDS)
        marks = ", ".join("?" for _ in in_person)
        group_recent = db.execute(
            "SELECT EXISTS(SELECT 1 FROM contact_events WHERE kind = ? "
            "AND happened_at > ? AND happened_at <= ?)",
            (ContactKind.GROUP_ACTIVITY.value, month_ago, stored_now),
        ).fetchone()[0]
        week_count = db.execute(
            f"SELECT COUNT(*) FROM contact_events WHERE kind IN ({marks}) "
            "AND happened_at > ? AND happened_at <= ?",
            (*in_person, _stored(now - WEEK), stored_now),
        ).fetchone()[0]
        # Walks the time index backwards and stops at the first visit or group.
        last = db.execute(
            f"SELECT happened_at FROM contact_events WHERE kind IN ({marks}) "
            "AND happened_at <= ? ORDER BY happened_at DESC LIMIT 1",
            (*in_person, stored_now),
        ).fetchone()
        first = db.execute("SELECT MIN(happened_at) FROM contact_events").fetchone()[0]
        latest = self.last_contact_by_person(until=now)
        return ContactSummary(
            weekly_kinds=weekly,
            latest=latest,
            in_touch_30_days=in_touch,
            group_activity_30_days=bool(group_recent),
            in_person_7_days=int(week_count),
            last_in_person=_moment(last[0]) if last else None,
            first=_moment(first),
        )

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
        plans = []
        for row in rows:
            try:
                plans.append(_plan_from_row(row))
            except (TypeError, ValueError):
                # One row another program wrote badly must not hide every other plan.
                log.warning("Plan %s is left out: a stored value cannot be read", row[0])
        return plans

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
