"""ContactService: contact noted by hand is kept (never in the future), and can be taken back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lonely_bridge.domain.contact import ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from tests.doubles import FixedClock


@pytest.fixture
def anna_id(people_service: PeopleService) -> int:
    anna = people_service.save(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY])
    )
    assert anna.id is not None
    return anna.id


def test_contact_noted_now_is_kept_as_noted_by_hand(
    contacts: ContactService, overview: OverviewService, anna_id: int, clock: FixedClock
) -> None:
    event = contacts.record(anna_id, ContactKind.VISIT)

    assert event.id is not None
    assert (event.person_id, event.kind, event.happened_at) == (
        anna_id,
        ContactKind.VISIT,
        clock.now(),
    )
    assert event.source is ContactSource.BY_HAND
    assert overview.recent_events() == [event]


def test_contact_earlier_in_the_week_keeps_its_own_day(
    contacts: ContactService, overview: OverviewService, anna_id: int, clock: FixedClock
) -> None:
    tuesday = clock.now() - timedelta(days=2)

    event = contacts.record(anna_id, ContactKind.PHONE_CALL, when=tuesday)

    assert event.happened_at == tuesday
    assert overview.in_touch() == {anna_id: [ContactKind.PHONE_CALL]}


def test_contact_cannot_be_noted_in_the_future(
    contacts: ContactService, anna_id: int, clock: FixedClock
) -> None:
    event = contacts.record(anna_id, ContactKind.VISIT, when=clock.now() + timedelta(days=1))

    assert event.happened_at == clock.now()


def test_undo_takes_the_record_back(
    contacts: ContactService, overview: OverviewService, anna_id: int
) -> None:
    kept = contacts.record(anna_id, ContactKind.MESSAGE)
    taken_back = contacts.record(anna_id, ContactKind.VISIT)

    contacts.undo(taken_back)

    assert overview.recent_events() == [kept]
