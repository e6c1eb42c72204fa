"""People and their call links, one transaction per call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.people import CallLink, Person
from lonely_bridge.storage import rows
from lonely_bridge.storage.connections import SessionSource, orm
from lonely_bridge.storage.row_filling import fill_person_row


def _person(row: orm.PersonRow) -> Person:
    links = tuple(rows.link(rows.columns_of(link)) for link in row.links)
    return rows.person(rows.columns_of(row), links)


class PeopleStore:
    """Implements PeopleRepository."""

    def __init__(self, sessions: SessionSource) -> None:
        self._sessions = sessions

    def get_person(self, person_id: int) -> Person:
        with self._sessions() as session:
            row = session.get(
                orm.PersonRow, person_id, options=[orm.selectinload(orm.PersonRow.links)]
            )
            if row is None:
                raise NotFound(kind="person", id=person_id)
            return _person(row)

    def add_person(self, person: Person, *, now: datetime) -> Person:
        return self.add_people([person], now=now)[0]

    def add_people(self, people: Sequence[Person], *, now: datetime) -> list[Person]:
        """Add everyone in one transaction: all of them, or (on any error) none."""
        with self._sessions.begin() as session:
            added = []
            for person in people:
                row = orm.PersonRow(created_at=now)
                fill_person_row(row, person, now)
                session.add(row)
                added.append(row)
            session.flush()
            return [_person(row) for row in added]

    def update_person(self, person: Person, *, now: datetime) -> Person:
        """Save changed details; links keep their ids (plans point at them) unless removed."""
        if person.id is None:
            raise ValueError("update_person needs a saved person")
        with self._sessions.begin() as session:
            row = session.get(
                orm.PersonRow, person.id, options=[orm.selectinload(orm.PersonRow.links)]
            )
            if row is None:
                raise NotFound(kind="person", id=person.id)
            fill_person_row(row, person, now)
            session.flush()
            return _person(row)

    def delete_person(self, person_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(orm.PersonRow, person_id)
            if row is None:
                raise NotFound(kind="person", id=person_id)
            session.delete(row)

    def add_link(self, link: CallLink, *, now: datetime) -> CallLink:
        if link.person_id is None:
            raise ValueError("a call link needs a person")
        with self._sessions.begin() as session:
            if session.get(orm.PersonRow, link.person_id) is None:
                raise NotFound(kind="person", id=link.person_id)
            row = orm.CallLinkRow(
                person_id=link.person_id,
                label=link.label,
                url=link.url,
                service=link.service,
                is_default=link.is_default,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return rows.link(rows.columns_of(row))

    def set_archived(self, person_id: int, archived_at: datetime | None) -> None:
        with self._sessions.begin() as session:
            row = session.get(orm.PersonRow, person_id)
            if row is None:
                raise NotFound(kind="person", id=person_id)
            row.archived_at = archived_at
