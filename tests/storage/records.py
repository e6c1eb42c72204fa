"""Records for the store tests: someone with default details, an event, a link."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.plans import CallPlan

PARIS_WINTER = timezone(timedelta(hours=1))


def someone(name: str, *, links: tuple[CallLink, ...] = (), **changes: object) -> Person:
    fields: dict[str, object] = {
        "id": None,
        "name": name,
        "relationship": "Friend",
        "circle": Circle.FRIEND,
        "rhythm": DEFAULT_RHYTHMS[Circle.FRIEND],
        "links": links,
    }
    fields.update(changes)
    return Person(**fields)  # type: ignore[arg-type]


def zoom_link(label: str, url: str, *, default: bool = False) -> CallLink:
    return CallLink(None, None, label, url, "zoom", is_default=default)


def event_for(
    person_id: int, when: datetime, kind: ContactKind = ContactKind.VISIT
) -> ContactEvent:
    return ContactEvent(None, person_id, kind, when, ContactSource.BY_HAND)


def id_of(record: Person | ContactEvent | CallPlan | CallLink) -> int:
    assert record.id is not None
    return record.id
