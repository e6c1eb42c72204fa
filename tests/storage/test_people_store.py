"""The people store: people and their links in and out, and what the database refuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person, Rhythm
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock
from tests.storage.records import event_for, id_of, someone, zoom_link


def test_add_person_with_links_keeps_the_chosen_default(store: Stores, clock: FixedClock) -> None:
    links = (
        zoom_link("Zoom", "https://zoom.us/j/1"),
        zoom_link("Phone", "tel:+441632960123", default=True),
    )
    added = store.people.add_person(
        someone("Anna", links=links, notes="Works Mondays", circle=Circle.FAMILY),
        now=clock.now(),
    )
    person_id = id_of(added)
    assert [link.label for link in added.links] == ["Zoom", "Phone"]
    assert all(link.id is not None and link.person_id == person_id for link in added.links)
    assert added.default_link is not None
    assert added.default_link.label == "Phone"
    fetched = store.people.get_person(person_id)
    assert fetched == added
    assert fetched.notes == "Works Mondays"
    assert fetched.circle is Circle.FAMILY
    assert fetched.rhythm == DEFAULT_RHYTHMS[Circle.FRIEND]


def test_without_a_flagged_default_the_first_link_is_used(store: Stores, clock: FixedClock) -> None:
    added = store.people.add_person(
        someone("Tom", links=(zoom_link("A", "https://zoom.us/j/1"), zoom_link("B", "tel:+1"))),
        now=clock.now(),
    )
    fetched = store.people.get_person(id_of(added))
    assert fetched.default_link is not None
    assert fetched.default_link.label == "A"


def test_rhythm_and_group_round_trip(store: Stores, clock: FixedClock) -> None:
    rhythm = Rhythm(timedelta(days=5), timedelta(days=11))
    added = store.people.add_person(
        someone("Choir", rhythm=rhythm, is_group=True, circle=Circle.GROUP), now=clock.now()
    )
    fetched = store.people.get_person(id_of(added))
    assert fetched.rhythm == rhythm
    assert fetched.is_group


def test_list_people_is_sorted_and_hides_the_archived(store: Stores, clock: FixedClock) -> None:
    for name in ("Rose", "Anna", "Tom"):
        store.people.add_person(someone(name), now=clock.now())
    store.people.add_person(
        someone("Bert", archived_at=clock.now() - timedelta(days=1)), now=clock.now()
    )
    assert [p.name for p in store.today.list_people()] == ["Anna", "Rose", "Tom"]
    everyone = store.today.list_people(include_archived=True)
    assert [p.name for p in everyone] == ["Anna", "Bert", "Rose", "Tom"]
    assert everyone[1].archived_at == clock.now() - timedelta(days=1)


def test_get_unknown_person_raises_not_found(store: Stores) -> None:
    with pytest.raises(NotFound) as raised:
        store.people.get_person(404)
    assert raised.value.params == {"kind": "person", "id": 404}


def test_add_link_to_a_person(store: Stores, clock: FixedClock, anna: Person) -> None:
    link = store.people.add_link(
        CallLink(None, id_of(anna), "Anna's phone", "tel:+447700900123", "phone"), now=clock.now()
    )
    assert link.id is not None
    assert store.people.get_person(id_of(anna)).links == (link,)


def test_add_link_to_unknown_person_raises_not_found(store: Stores, clock: FixedClock) -> None:
    with pytest.raises(NotFound):
        store.people.add_link(CallLink(None, 404, "Phone", "tel:+1", "phone"), now=clock.now())
    with pytest.raises(ValueError, match="needs a person"):
        store.people.add_link(CallLink(None, None, "Phone", "tel:+1", "phone"), now=clock.now())


def test_removing_a_person_removes_their_links_and_events(
    store: Stores, clock: FixedClock, opened: OpenedDatabase
) -> None:
    anna = store.people.add_person(
        someone("Anna", links=(zoom_link("Z", "https://zoom.us/j/1"),)), now=clock.now()
    )
    store.contacts.add_event(event_for(id_of(anna), clock.now()), now=clock.now())
    with opened.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM people WHERE id = ?", (id_of(anna),))
        counts = [
            connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in ("call_links", "contact_events")
        ]
    assert counts == [0, 0]


def test_the_database_checks_rhythms(opened: OpenedDatabase) -> None:
    insert = (
        "INSERT INTO people (name, relationship_label, circle, is_group, notes, "
        "ideal_interval_days, too_long_interval_days, created_at) "
        "VALUES ('X', '', 'other', 0, '', ?, ?, '2026-01-01 00:00:00')"
    )
    for ideal, too_long in ((0, 10), (10, 5)):
        with pytest.raises(IntegrityError, match="CHECK"), opened.engine.begin() as connection:
            connection.exec_driver_sql(insert, (ideal, too_long))


def test_add_people_adds_everyone_or_nobody(store: Stores, clock: FixedClock) -> None:
    good = Person(None, "Zoë", "Friend", Circle.FRIEND, DEFAULT_RHYTHMS[Circle.FRIEND])
    # A name the database refuses (NOT NULL) stands for any failure half-way through.
    bad = replace(good, name=None)  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):
        store.people.add_people([good, good, bad], now=clock.now())
    assert store.today.list_people(include_archived=True) == []
    added = store.people.add_people([good, replace(good, name="José")], now=clock.now())
    assert [p.name for p in added] == ["Zoë", "José"]
