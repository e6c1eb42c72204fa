"""How long since each person was last in touch, measured against their own rhythm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from lonely_bridge.domain.contact import ContactEvent
from lonely_bridge.domain.people import Person

DUE_SOON_SHARE = 0.75  # "due soon" from three quarters of the ideal gap onwards


class RhythmState(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    TOO_LONG = "too_long"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class PersonStatus:
    person: Person
    last_contact: ContactEvent | None
    since: timedelta | None
    state: RhythmState

    @property
    def urgency(self) -> float:
        """How far through the ideal gap they are; higher means "call sooner"."""
        if self.since is None:
            return 1.0
        return self.since / self.person.rhythm.ideal


def rhythm_state(person: Person, since: timedelta | None) -> RhythmState:
    if since is None:
        return RhythmState.NEVER
    if since >= person.rhythm.too_long:
        return RhythmState.TOO_LONG
    if since >= person.rhythm.ideal:
        return RhythmState.OVERDUE
    if since >= person.rhythm.ideal * DUE_SOON_SHARE:
        return RhythmState.DUE_SOON
    return RhythmState.ON_TRACK


def statuses(
    people: list[Person], last_contacts: dict[int, ContactEvent], now: datetime
) -> list[PersonStatus]:
    """Each person's status, the ones most in need of contact first."""
    result = []
    for person in people:
        last = last_contacts.get(person.id) if person.id is not None else None
        since = None if last is None else max(now - last.happened_at, timedelta(0))
        result.append(PersonStatus(person, last, since, rhythm_state(person, since)))
    return sorted(result, key=lambda status: (-status.urgency, status.person.name))
