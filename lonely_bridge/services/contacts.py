"""Recording contact that happened outside the app, and undoing the last record."""

from __future__ import annotations

from datetime import datetime

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.services.ports import ContactRepository


class ContactService:
    def __init__(self, contacts: ContactRepository, clock: Clock) -> None:
        self._contacts = contacts
        self._clock = clock

    def record(
        self, person_id: int, kind: ContactKind, *, when: datetime | None = None
    ) -> ContactEvent:
        now = self._clock.now()
        moment = now if when is None else min(when, now)  # contact cannot be in the future
        return self._contacts.add_event(
            ContactEvent(None, person_id, kind, moment, ContactSource.BY_HAND), now=now
        )

    def undo(self, event: ContactEvent) -> None:
        if event.id is not None:
            self._contacts.delete_event(event.id)
