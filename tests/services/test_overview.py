"""OverviewService: what Today, People and My week read, counted from real records."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.domain.keeping_in_touch import RhythmState
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.overview import WEEKS_SHOWN, OverviewService
from lonely_bridge.services.people import PeopleService
from tests.doubles import FixedClock


def add(people: PeopleService, name: str) -> int:
    person = people.save(Person(None, name, "", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]))
    assert person.id is not None
    return person.id


@pytest.fixture
def anna(people_service: PeopleService) -> int:
    return add(people_service, "Anna")


@pytest.fixture
def tom(people_service: PeopleService) -> int:
    return add(people_service, "Tom")


def test_the_clock_the_pages_read_is_the_service_s_clock(
    overview: OverviewService, clock: FixedClock
) -> None:
    clock.advance(hours=3)

    assert overview.now() == clock.now()


def test_archived_people_are_left_off_but_keep_their_name(
    overview: OverviewService, people_service: PeopleService, anna: int, tom: int
) -> None:
    people_service.archive(tom)

    assert [person.name for person in overview.people()] == ["Anna"]
    assert overview.person(tom).name == "Tom"
    assert overview.person_name(tom) == "Tom"


def test_a_name_that_is_gone_reads_as_a_question_mark(
    overview: OverviewService, people_service: PeopleService, anna: int
) -> None:
    people_service.delete_forever(anna)

    assert overview.person_name(anna) == "?"


def test_whoever_has_waited_longest_comes_first(
    overview: OverviewService,
    contacts: ContactService,
    clock: FixedClock,
    anna: int,
    tom: int,
) -> None:
    contacts.record(anna, ContactKind.VISIT, when=clock.now() - timedelta(days=1))
    contacts.record(tom, ContactKind.VISIT, when=clock.now() - timedelta(days=60))

    found = overview.people_statuses()

    assert [status.person.name for status in found] == ["Tom", "Anna"]
    assert found[0].since == timedelta(days=60)
    assert found[1].state is RhythmState.ON_TRACK


def test_nobody_heard_from_yet_is_marked_never(overview: OverviewService, anna: int) -> None:
    [status] = overview.people_statuses()

    assert status.state is RhythmState.NEVER
    assert status.last_contact is None


def test_weeks_are_counted_oldest_first_with_this_minute_in_the_last(
    overview: OverviewService, contacts: ContactService, clock: FixedClock, anna: int
) -> None:
    contacts.record(anna, ContactKind.VISIT)
    contacts.record(anna, ContactKind.PHONE_CALL, when=clock.now() - timedelta(days=8))
    contacts.record(anna, ContactKind.PHONE_CALL, when=clock.now() - timedelta(days=9))
    contacts.record(anna, ContactKind.VISIT, when=clock.now() - timedelta(weeks=WEEKS_SHOWN + 1))

    weeks = overview.recent_weeks()

    assert len(weeks) == WEEKS_SHOWN
    assert [week.starts for week in weeks] == sorted(week.starts for week in weeks)
    assert weeks[-1].starts == clock.now() - timedelta(weeks=1)
    assert weeks[-1].counts[ContactKind.VISIT] == 1
    assert weeks[-2].counts[ContactKind.PHONE_CALL] == 2
    assert sum(week.total for week in weeks) == 3


def test_in_touch_names_each_way_once_in_the_order_first_seen(
    overview: OverviewService,
    contacts: ContactService,
    clock: FixedClock,
    anna: int,
    tom: int,
) -> None:
    contacts.record(anna, ContactKind.PHONE_CALL, when=clock.now() - timedelta(days=3))
    contacts.record(anna, ContactKind.VISIT, when=clock.now() - timedelta(days=2))
    contacts.record(anna, ContactKind.PHONE_CALL, when=clock.now() - timedelta(days=1))
    contacts.record(tom, ContactKind.MESSAGE, when=clock.now() - timedelta(days=10))

    assert overview.in_touch() == {anna: [ContactKind.PHONE_CALL, ContactKind.VISIT]}
    assert overview.in_touch(days=14) == {
        tom: [ContactKind.MESSAGE],
        anna: [ContactKind.PHONE_CALL, ContactKind.VISIT],
    }


def test_recent_events_cover_the_last_days_up_to_now(
    overview: OverviewService, contacts: ContactService, clock: FixedClock, anna: int
) -> None:
    old = contacts.record(anna, ContactKind.VISIT, when=clock.now() - timedelta(days=8))
    recent = contacts.record(anna, ContactKind.MESSAGE, when=clock.now() - timedelta(days=6))
    now = contacts.record(anna, ContactKind.PHONE_CALL)

    assert overview.recent_events() == [recent, now]
    assert overview.recent_events(days=9) == [old, recent, now]
