"""The people who may hear how things are going, and the messages waiting for them or sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.sharing import (
    SENDING_LEASE,
    MailKind,
    OutboxEntry,
    TrustedPerson,
)
from lonely_bridge.storage import rows
from lonely_bridge.storage.connections import SessionSource, orm
from lonely_bridge.storage.row_filling import fill_trusted_row


def _trusted(row: orm.TrustedPersonRow) -> TrustedPerson:
    return rows.trusted_person(rows.columns_of(row))


def _entry(row: orm.OutboxRow) -> OutboxEntry:
    return rows.outbox_entry(rows.columns_of(row))


def _changed(session: orm.Session, statement: orm.Executable) -> int:
    """Run an UPDATE or DELETE and say how many rows it changed."""
    return cast("orm.CursorResult[Any]", session.execute(statement)).rowcount


def _withdrawable(now: datetime) -> Any:
    """Unsent rows not being handed to the mail server at this moment."""
    return orm.OutboxRow.sent_at.is_(None) & (
        orm.OutboxRow.sending_since.is_(None) | (orm.OutboxRow.sending_since <= now - SENDING_LEASE)
    )


class SharingStore:
    """Implements TrustedPeopleRepository and OutboxRepository."""

    def __init__(self, sessions: SessionSource) -> None:
        self._sessions = sessions

    # Trusted people -----------------------------------------------------------------------
    def list_trusted_people(self) -> list[TrustedPerson]:
        query = orm.select(orm.TrustedPersonRow).order_by(
            orm.TrustedPersonRow.name, orm.TrustedPersonRow.id
        )
        with self._sessions() as session:
            return [_trusted(row) for row in session.scalars(query)]

    def get_trusted_person(self, person_id: int) -> TrustedPerson:
        with self._sessions() as session:
            row = session.get(orm.TrustedPersonRow, person_id)
            if row is None:
                raise NotFound(kind="trusted_person", id=person_id)
            return _trusted(row)

    def add_trusted_person(self, person: TrustedPerson, *, now: datetime) -> TrustedPerson:
        with self._sessions.begin() as session:
            row = orm.TrustedPersonRow(created_at=now)
            fill_trusted_row(row, person)
            session.add(row)
            session.flush()
            return _trusted(row)

    def update_trusted_person(
        self, person: TrustedPerson, *, now: datetime, withdraw_unsent: bool
    ) -> tuple[TrustedPerson, int]:
        """Save the changes; unsent messages follow the new address, or are withdrawn.

        Returns the person and how many unsent messages were withdrawn.
        """
        if person.id is None:
            raise ValueError("update_trusted_person needs a saved person")
        with self._sessions.begin() as session:
            row = session.get(orm.TrustedPersonRow, person.id)
            if row is None:
                raise NotFound(kind="trusted_person", id=person.id)
            fill_trusted_row(row, person)
            waiting = (orm.OutboxRow.recipient_id == person.id) & _withdrawable(now)
            if withdraw_unsent:
                withdrawn = _changed(session, orm.delete(orm.OutboxRow).where(waiting))
            else:
                withdrawn = 0
                session.execute(
                    orm.update(orm.OutboxRow)
                    .where(waiting)
                    .values(to_name=person.name, to_address=person.email)
                )
            session.flush()
            return _trusted(row), withdrawn

    def delete_trusted_person(self, person_id: int, *, now: datetime) -> int:
        """Remove them and their unsent messages; what was sent stays in the record.

        Returns how many unsent messages were withdrawn.
        """
        with self._sessions.begin() as session:
            row = session.get(orm.TrustedPersonRow, person_id)
            if row is None:
                raise NotFound(kind="trusted_person", id=person_id)
            withdrawn = _changed(
                session,
                orm.delete(orm.OutboxRow).where(
                    (orm.OutboxRow.recipient_id == person_id) & _withdrawable(now)
                ),
            )
            session.delete(row)  # the foreign key sets recipient_id to NULL on the rest
            return withdrawn

    # Outbox -------------------------------------------------------------------------------
    def add_to_outbox(self, entry: OutboxEntry) -> OutboxEntry:
        with self._sessions.begin() as session:
            row = orm.OutboxRow(
                recipient_id=entry.recipient_id,
                to_name=entry.to_name,
                to_address=entry.to_address,
                kind=entry.kind.value,
                subject=entry.subject,
                body=entry.body,
                message_id=entry.message_id,
                created_at=entry.created_at,
                attempts=0,
                next_attempt_at=entry.next_attempt_at,
            )
            session.add(row)
            session.flush()
            return _entry(row)

    def last_automatic_at(self, recipient_id: int) -> datetime | None:
        """When the newest automatic message to this person was approved (sent or not)."""
        query = orm.select(orm.func.max(orm.OutboxRow.created_at)).where(
            orm.OutboxRow.recipient_id == recipient_id,
            orm.OutboxRow.kind.in_([MailKind.LEVEL.value, MailKind.WEEKLY.value]),
        )
        with self._sessions() as session:
            # max() keeps the column's type, so the answer comes back as an aware UTC time.
            return session.scalar(query)

    def due_outbox(self, now: datetime) -> list[OutboxEntry]:
        query = (
            orm.select(orm.OutboxRow)
            .where(
                orm.OutboxRow.sent_at.is_(None),
                orm.OutboxRow.recipient_id.is_not(None),
                orm.OutboxRow.next_attempt_at <= now,
            )
            .order_by(orm.OutboxRow.next_attempt_at, orm.OutboxRow.id)
        )
        with self._sessions() as session:
            return [_entry(row) for row in session.scalars(query)]

    def claim_outbox(self, entry_id: int, *, now: datetime) -> OutboxEntry | None:
        """Take a due message for one try, atomically; None if it is no longer due.

        One UPDATE both checks and claims, so two senders can never take the same row. The
        claim counts the try and holds the row for SENDING_LEASE; after a crash it comes due
        again when the lease ends.
        """
        with self._sessions.begin() as session:
            claimed = _changed(
                session,
                orm.update(orm.OutboxRow)
                .where(
                    orm.OutboxRow.id == entry_id,
                    orm.OutboxRow.sent_at.is_(None),
                    orm.OutboxRow.recipient_id.is_not(None),
                    orm.OutboxRow.next_attempt_at <= now,
                )
                .values(
                    attempts=orm.OutboxRow.attempts + 1,
                    sending_since=now,
                    next_attempt_at=now + SENDING_LEASE,
                )
                .execution_options(synchronize_session=False),
            )
            if claimed != 1:
                return None
            row = session.get(orm.OutboxRow, entry_id, populate_existing=True)
            assert row is not None
            return _entry(row)

    def mark_outbox_sent(self, entry_id: int, *, sent_at: datetime) -> bool:
        """Record that the mail server took the message: one commit, and it is never sent again."""
        with self._sessions.begin() as session:
            done = _changed(
                session,
                orm.update(orm.OutboxRow)
                .where(orm.OutboxRow.id == entry_id, orm.OutboxRow.sent_at.is_(None))
                .values(sent_at=sent_at, sending_since=None, last_error=None)
                .execution_options(synchronize_session=False),
            )
            return done == 1

    def record_outbox_failure(
        self, entry_id: int, *, error: str, next_attempt_at: datetime
    ) -> bool:
        """Keep the message for another try; one whose person was removed meanwhile goes.

        Returns whether it will be tried again.
        """
        with self._sessions.begin() as session:
            row = session.get(orm.OutboxRow, entry_id)
            if row is None or row.sent_at is not None:
                return False
            if row.recipient_id is None:
                session.delete(row)
                return False
            row.last_error = error
            row.next_attempt_at = next_attempt_at
            row.sending_since = None
            return True

    def sent_outbox(self) -> list[OutboxEntry]:
        query = (
            orm.select(orm.OutboxRow)
            .where(orm.OutboxRow.sent_at.is_not(None))
            .order_by(orm.OutboxRow.sent_at.desc(), orm.OutboxRow.id.desc())
        )
        with self._sessions() as session:
            return [_entry(row) for row in session.scalars(query)]

    def unsent_outbox(self) -> list[OutboxEntry]:
        query = (
            orm.select(orm.OutboxRow)
            .where(orm.OutboxRow.sent_at.is_(None))
            .order_by(orm.OutboxRow.created_at, orm.OutboxRow.id)
        )
        with self._sessions() as session:
            return [_entry(row) for row in session.scalars(query)]

    def withdraw_outbox(self, entry_id: int, *, now: datetime) -> bool:
        """Delete an unsent message; False if it was sent already or is going right now."""
        with self._sessions.begin() as session:
            gone = _changed(
                session,
                orm.delete(orm.OutboxRow).where(orm.OutboxRow.id == entry_id, _withdrawable(now)),
            )
            return gone == 1
