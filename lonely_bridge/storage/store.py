"""The app's store: quick stdlib reads for the first screen, the SQLAlchemy store for the rest."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.quick_reader import BUSY_TIMEOUT_S, QuickReader

if TYPE_CHECKING:
    from lonely_bridge.domain.calls import CallAttempt
    from lonely_bridge.domain.checkins import CheckIn
    from lonely_bridge.domain.contact import ContactEvent, ContactKind
    from lonely_bridge.domain.insight import ContactSummary
    from lonely_bridge.domain.learning import ConfidenceAnswer, Progress
    from lonely_bridge.domain.people import CallLink, Person
    from lonely_bridge.domain.plans import CallPlan
    from lonely_bridge.domain.reminders import Occurrence
    from lonely_bridge.domain.sharing import OutboxEntry, TrustedPerson
    from lonely_bridge.storage.repositories import SqlStore


def checkpoint(path: Path) -> None:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


class AppStore:
    """Implements every service port; SQLAlchemy loads on first need, or in ``warm_up``."""

    def __init__(self, database: OpenedDatabase) -> None:
        self.database = database
        self._reader = QuickReader(database.path)
        self._sql: SqlStore | None = None
        self._lock = threading.Lock()

    def sql(self) -> SqlStore:
        with self._lock:
            if self._sql is None:
                from lonely_bridge.storage.db import make_session_factory
                from lonely_bridge.storage.repositories import SqlStore

                self._sql = SqlStore(make_session_factory(self.database.engine))
            return self._sql

    def warm_up(self) -> None:
        """Load SQLAlchemy now (call from a worker thread after the first paint)."""
        self.sql()

    def close(self) -> None:
        """Close every connection, folding the write-ahead log back into the database file.

        Until then recent changes live only in the -wal file beside it; after this the
        database file alone holds everything, so a copy of it is complete.
        """
        self._reader.close()
        self.database.dispose()
        checkpoint(self.database.path)

    # The first screen's reads -------------------------------------------------------------
    def list_people(self, *, include_archived: bool = False) -> list[Person]:
        return self._reader.list_people(include_archived=include_archived)

    def last_contact_by_person(self) -> dict[int, ContactEvent]:
        return self._reader.last_contact_by_person()

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self._reader.get_setting(key, default)

    # Everything else ----------------------------------------------------------------------
    def get_person(self, person_id: int) -> Person:
        return self.sql().get_person(person_id)

    def add_person(self, person: Person, *, now: datetime) -> Person:
        return self.sql().add_person(person, now=now)

    def add_people(self, people: Sequence[Person], *, now: datetime) -> list[Person]:
        return self.sql().add_people(people, now=now)

    def update_person(self, person: Person, *, now: datetime) -> Person:
        return self.sql().update_person(person, now=now)

    def delete_person(self, person_id: int) -> None:
        self.sql().delete_person(person_id)

    def add_link(self, link: CallLink, *, now: datetime) -> CallLink:
        return self.sql().add_link(link, now=now)

    def add_event(self, event: ContactEvent, *, now: datetime) -> ContactEvent:
        return self.sql().add_event(event, now=now)

    def add_events(self, events: Sequence[ContactEvent], *, now: datetime) -> int:
        return self.sql().add_events(events, now=now)

    def events_between(self, start: datetime, end: datetime) -> list[ContactEvent]:
        # Read straight from SQLite: building ORM objects for a year of events is slow.
        return self._reader.events_between(start, end)

    def contact_counts(self, bounds: Sequence[datetime]) -> list[dict[ContactKind, int]]:
        return self._reader.contact_counts(bounds)

    def kinds_by_person(self, start: datetime, end: datetime) -> dict[int, list[ContactKind]]:
        return self._reader.kinds_by_person(start, end)

    def contact_summary(self, now: datetime) -> ContactSummary:
        return self._reader.contact_summary(now)

    def add_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan:
        return self.sql().add_plan(plan, now=now)

    def list_plans(self, *, active_only: bool = True) -> list[CallPlan]:
        return self._reader.list_plans(active_only=active_only)

    def update_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan:
        return self.sql().update_plan(plan, now=now)

    def delete_plan(self, plan_id: int) -> None:
        self.sql().delete_plan(plan_id)

    def get_plan(self, plan_id: int) -> CallPlan:
        return self.sql().get_plan(plan_id)

    def occurrences_since(self, since: datetime) -> list[Occurrence]:
        return self._reader.occurrences_since(since)

    def save_occurrence(self, occurrence: Occurrence, *, now: datetime) -> Occurrence:
        return self.sql().save_occurrence(occurrence, now=now)

    def set_archived(self, person_id: int, archived_at: datetime | None) -> None:
        self.sql().set_archived(person_id, archived_at)

    def delete_event(self, event_id: int) -> None:
        self.sql().delete_event(event_id)

    def add_attempt(self, attempt: CallAttempt) -> CallAttempt:
        return self.sql().add_attempt(attempt)

    def latest_unasked_attempt(self) -> CallAttempt | None:
        return self.sql().latest_unasked_attempt()

    def answer_attempt(
        self,
        attempt_id: int,
        *,
        talked: bool | None,
        asked_at: datetime,
        event: ContactEvent | None,
    ) -> ContactEvent | None:
        return self.sql().answer_attempt(attempt_id, talked=talked, asked_at=asked_at, event=event)

    def add_check_in(self, checkin: CheckIn) -> CheckIn:
        return self.sql().add_check_in(checkin)

    def check_ins(self, *, since: datetime | None = None) -> list[CheckIn]:
        return self.sql().check_ins(since=since)

    def all_progress(self) -> dict[str, Progress]:
        return self.sql().all_progress()

    def save_progress(self, progress: Progress) -> None:
        self.sql().save_progress(progress)

    def add_confidence(self, answer: ConfidenceAnswer) -> ConfidenceAnswer:
        return self.sql().add_confidence(answer)

    def confidence_answers(self) -> list[ConfidenceAnswer]:
        return self.sql().confidence_answers()

    def set_setting(self, key: str, value: Any, *, now: datetime) -> None:
        self.sql().set_setting(key, value, now=now)

    # Consented sharing by e-mail -----------------------------------------------------------
    def list_trusted_people(self) -> list[TrustedPerson]:
        return self.sql().list_trusted_people()

    def get_trusted_person(self, person_id: int) -> TrustedPerson:
        return self.sql().get_trusted_person(person_id)

    def add_trusted_person(self, person: TrustedPerson, *, now: datetime) -> TrustedPerson:
        return self.sql().add_trusted_person(person, now=now)

    def update_trusted_person(
        self, person: TrustedPerson, *, now: datetime, withdraw_unsent: bool
    ) -> tuple[TrustedPerson, int]:
        return self.sql().update_trusted_person(person, now=now, withdraw_unsent=withdraw_unsent)

    def delete_trusted_person(self, person_id: int, *, now: datetime) -> int:
        return self.sql().delete_trusted_person(person_id, now=now)

    def add_to_outbox(self, entry: OutboxEntry) -> OutboxEntry:
        return self.sql().add_to_outbox(entry)

    def last_automatic_at(self, recipient_id: int) -> datetime | None:
        return self.sql().last_automatic_at(recipient_id)

    def due_outbox(self, now: datetime) -> list[OutboxEntry]:
        return self.sql().due_outbox(now)

    def claim_outbox(self, entry_id: int, *, now: datetime) -> OutboxEntry | None:
        return self.sql().claim_outbox(entry_id, now=now)

    def mark_outbox_sent(self, entry_id: int, *, sent_at: datetime) -> bool:
        return self.sql().mark_outbox_sent(entry_id, sent_at=sent_at)

    def record_outbox_failure(
        self, entry_id: int, *, error: str, next_attempt_at: datetime
    ) -> bool:
        return self.sql().record_outbox_failure(
            entry_id, error=error, next_attempt_at=next_attempt_at
        )

    def sent_outbox(self) -> list[OutboxEntry]:
        return self.sql().sent_outbox()

    def unsent_outbox(self) -> list[OutboxEntry]:
        return self.sql().unsent_outbox()

    def withdraw_outbox(self, entry_id: int, *, now: datetime) -> bool:
        return self.sql().withdraw_outbox(entry_id, now=now)

    def next_outbox_attempt_at(self) -> datetime | None:
        return self.sql().next_outbox_attempt_at()
