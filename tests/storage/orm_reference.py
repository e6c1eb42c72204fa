"""Reference answers, read the plain way through the ORM, for the fast sqlite3 reads to match.

Production answers each query once (Today's read model, the contact store's counting reads);
these slower, obvious versions exist only so tests can hold those to the same answers.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from lonely_bridge.domain.contact import ContactEvent, ContactKind
from lonely_bridge.domain.insight import ContactSummary
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Occurrence
from lonely_bridge.storage import rows
from lonely_bridge.storage.models import (
    CallPlanRow,
    ContactEventRow,
    PersonRow,
    PlanOccurrenceRow,
    SettingRow,
)
from lonely_bridge.storage.stores import Stores
from tests.insight_from_events import summarize


def _person(row: PersonRow) -> Person:
    links = tuple(rows.link(rows.columns_of(link)) for link in row.links)
    return rows.person(rows.columns_of(row), links)


def _event(row: ContactEventRow) -> ContactEvent:
    return rows.event(rows.columns_of(row))


class OrmReference:
    """The reads of Today's read model and the contact store, through the ORM."""

    def __init__(self, stores: Stores) -> None:
        self._sessions = stores.sessions

    def list_people(self, *, include_archived: bool = False) -> list[Person]:
        query = select(PersonRow).options(selectinload(PersonRow.links)).order_by(PersonRow.name)
        if not include_archived:
            query = query.where(PersonRow.archived_at.is_(None))
        with self._sessions() as session:
            return [_person(row) for row in session.scalars(query)]

    def last_contact_by_person(self) -> dict[int, ContactEvent]:
        latest = (
            select(
                ContactEventRow.person_id,
                func.max(ContactEventRow.happened_at).label("latest"),
            )
            .group_by(ContactEventRow.person_id)
            .subquery()
        )
        query = select(ContactEventRow).join(
            latest,
            (ContactEventRow.person_id == latest.c.person_id)
            & (ContactEventRow.happened_at == latest.c.latest),
        )
        with self._sessions() as session:
            return {row.person_id: _event(row) for row in session.scalars(query)}

    def list_plans(self, *, active_only: bool = True) -> list[CallPlan]:
        query = select(CallPlanRow).order_by(CallPlanRow.id)
        if active_only:
            query = query.where(CallPlanRow.active.is_(True))
        with self._sessions() as session:
            return [rows.plan(rows.columns_of(row)) for row in session.scalars(query)]

    def occurrences_since(self, since: datetime) -> list[Occurrence]:
        query = (
            select(PlanOccurrenceRow)
            .where(PlanOccurrenceRow.due_at >= since)
            .order_by(PlanOccurrenceRow.due_at)
        )
        with self._sessions() as session:
            return [rows.occurrence(rows.columns_of(row)) for row in session.scalars(query)]

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._sessions() as session:
            row = session.get(SettingRow, key)
            return default if row is None else json.loads(row.value_json)

    def events_between(self, start: datetime, end: datetime) -> list[ContactEvent]:
        query = (
            select(ContactEventRow)
            .where(ContactEventRow.happened_at >= start, ContactEventRow.happened_at < end)
            .order_by(ContactEventRow.happened_at, ContactEventRow.id)
        )
        with self._sessions() as session:
            return [_event(row) for row in session.scalars(query)]

    def contact_counts(self, bounds: Sequence[datetime]) -> list[dict[ContactKind, int]]:
        """Each event counted here, one by one."""
        counts = [dict.fromkeys(ContactKind, 0) for _ in bounds[1:]]
        if counts:
            for event in self.events_between(bounds[0], bounds[-1]):
                counts[bisect.bisect_right(bounds, event.happened_at) - 1][event.kind] += 1
        return counts

    def kinds_by_person(self, start: datetime, end: datetime) -> dict[int, list[ContactKind]]:
        """From every event, in the order first seen."""
        found: dict[int, list[ContactKind]] = {}
        for event in self.events_between(start, end):
            kinds = found.setdefault(event.person_id, [])
            if event.kind not in kinds:
                kinds.append(event.kind)
        return found

    def contact_summary(self, now: datetime) -> ContactSummary:
        """Every event through the ORM, summarised in Python."""
        with self._sessions() as session:
            return summarize([_event(row) for row in session.scalars(select(ContactEventRow))], now)
