"""Today's read model: what the first screen shows, read through the standard library's sqlite3.

SQLAlchemy takes longer to import than Qt takes to draw a window, so Today is drawn from
these few queries and the ORM loads after the first paint (bench/startup.py measures it).
Rows become records through storage/rows.py, the same functions the ORM stores use.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

from lonely_bridge.domain.contact import ContactEvent
from lonely_bridge.domain.people import CallLink, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Occurrence
from lonely_bridge.storage import rows
from lonely_bridge.storage.connections import ReadConnections

log = logging.getLogger(__name__)


def latest_contacts(
    db: sqlite3.Connection, *, until: str, after: str = ""
) -> dict[int, ContactEvent]:
    """Each person's newest contact at or before ``until`` and after ``after`` (stored text;
    the empty text is before every moment)."""
    # One index seek per person (person_id, happened_at), not a scan of all history.
    found = db.execute(
        f"SELECT {rows.select_list(rows.EVENT_COLUMNS, 'e')} FROM people AS p "
        "JOIN contact_events AS e ON e.id = ("
        "  SELECT id FROM contact_events WHERE person_id = p.id AND happened_at <= ?"
        "  AND happened_at > ? ORDER BY happened_at DESC, id DESC LIMIT 1)",
        (until, after),
    )
    return {event.person_id: event for event in map(rows.event, found)}


class TodayReadModel:
    """Implements TodayReads on read-only connections to the live database."""

    def __init__(self, reads: ReadConnections) -> None:
        self._db = reads

    def list_people(self, *, include_archived: bool = False) -> list[Person]:
        db = self._db()
        where = "" if include_archived else "WHERE archived_at IS NULL"
        people = db.execute(
            f"SELECT {rows.select_list(rows.PERSON_COLUMNS)} FROM people {where} ORDER BY name"
        ).fetchall()
        links: dict[int, list[CallLink]] = {}
        for row in db.execute(
            f"SELECT {rows.select_list(rows.LINK_COLUMNS)} FROM call_links ORDER BY id"
        ):
            links.setdefault(row["person_id"], []).append(rows.link(row))
        return [rows.person(row, tuple(links.get(row["id"], ()))) for row in people]

    def last_contact_by_person(self) -> dict[int, ContactEvent]:
        return latest_contacts(self._db(), until="9999-12-31")

    def list_plans(self, *, active_only: bool = True) -> list[CallPlan]:
        where = "WHERE active = 1" if active_only else ""
        found = self._db().execute(
            f"SELECT {rows.select_list(rows.PLAN_COLUMNS)} FROM call_plans {where} ORDER BY id"
        )
        plans = []
        for row in found:
            try:
                plans.append(rows.plan(row))
            except (TypeError, ValueError):
                # One row another program wrote badly must not hide every other plan.
                log.warning("Plan %s is left out: a stored value cannot be read", row["id"])
        return plans

    def occurrences_since(self, since: datetime) -> list[Occurrence]:
        found = self._db().execute(
            f"SELECT {rows.select_list(rows.OCCURRENCE_COLUMNS)} FROM plan_occurrences "
            "WHERE due_at >= ? ORDER BY due_at",
            (rows.stored(since),),
        )
        return [rows.occurrence(row) for row in found]
