"""The contact store: events in and out, UTC times, and each person's latest contact."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from lonely_bridge.domain.checkins import CheckIn, Scale
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.people import Person
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock
from tests.storage.records import PARIS_WINTER, event_for, id_of, someone


def test_add_event_returns_it_with_an_id(store: Stores, clock: FixedClock, anna: Person) -> None:
    event = ContactEvent(
        None,
        id_of(anna),
        ContactKind.VIDEO_CALL,
        clock.now(),
        ContactSource.CALL_BUTTON,
        duration_minutes=35,
        note="Talked about the garden",
    )
    stored = store.contacts.add_event(event, now=clock.now())
    assert stored.id is not None
    assert stored == replace(event, id=stored.id)
    assert store.contacts.events_between(clock.now(), clock.now() + timedelta(seconds=1)) == [
        stored
    ]


def test_events_between_includes_start_and_excludes_end(
    store: Stores, clock: FixedClock, anna: Person
) -> None:
    start = clock.now() - timedelta(days=7)
    end = clock.now()
    tick = timedelta(microseconds=1)
    moments = [start - tick, start, start + timedelta(days=3), end - tick, end]
    added = store.contacts.add_events(
        [event_for(id_of(anna), m) for m in reversed(moments)], now=end
    )
    assert added == len(moments)
    found = store.contacts.events_between(start, end)
    assert [e.happened_at for e in found] == [start, start + timedelta(days=3), end - tick]


def test_events_between_converts_zoned_bounds(
    store: Stores, clock: FixedClock, anna: Person
) -> None:
    store.contacts.add_event(
        event_for(id_of(anna), datetime(2026, 11, 26, 11, 30, tzinfo=UTC)), now=clock.now()
    )
    # 12:00 in Paris is 11:00 UTC, so 11:30 UTC lies inside; 13:00 in Paris (12:00 UTC) ends it.
    inside = store.contacts.events_between(
        datetime(2026, 11, 26, 12, 0, tzinfo=PARIS_WINTER),
        datetime(2026, 11, 26, 13, 0, tzinfo=PARIS_WINTER),
    )
    outside = store.contacts.events_between(
        datetime(2026, 11, 26, 11, 0, tzinfo=PARIS_WINTER),
        datetime(2026, 11, 26, 12, 0, tzinfo=PARIS_WINTER),
    )
    assert len(inside) == 1
    assert outside == []


def test_last_contact_by_person_picks_the_latest(store: Stores, clock: FixedClock) -> None:
    anna = id_of(store.people.add_person(someone("Anna"), now=clock.now()))
    tom = id_of(store.people.add_person(someone("Tom"), now=clock.now()))
    id_of(store.people.add_person(someone("Rose"), now=clock.now()))
    now = clock.now()
    store.contacts.add_events(
        [
            event_for(anna, now - timedelta(days=1), ContactKind.PHONE_CALL),
            event_for(anna, now - timedelta(days=3), ContactKind.VISIT),
            event_for(tom, now - timedelta(days=10), ContactKind.MESSAGE),
            event_for(anna, now - timedelta(days=9), ContactKind.VISIT),
            event_for(tom, now - timedelta(days=20), ContactKind.VISIT),
        ],
        now=now,
    )
    latest = store.today.last_contact_by_person()
    assert set(latest) == {anna, tom}
    assert (latest[anna].happened_at, latest[anna].kind) == (
        now - timedelta(days=1),
        ContactKind.PHONE_CALL,
    )
    assert (latest[tom].happened_at, latest[tom].kind) == (
        now - timedelta(days=10),
        ContactKind.MESSAGE,
    )


def test_aware_times_round_trip_as_utc(
    store: Stores, clock: FixedClock, anna: Person, opened: OpenedDatabase
) -> None:
    paris_noon = datetime(2026, 7, 14, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    stored = store.contacts.add_event(event_for(id_of(anna), paris_noon), now=clock.now())
    (fetched,) = store.contacts.events_between(paris_noon, paris_noon + timedelta(minutes=1))
    assert fetched.happened_at == paris_noon
    assert fetched.happened_at.tzinfo is UTC
    assert fetched.happened_at.hour == 10
    conn = sqlite3.connect(opened.path)
    try:
        raw = conn.execute(
            "SELECT happened_at FROM contact_events WHERE id = ?", (stored.id,)
        ).fetchone()
    finally:
        conn.close()
    assert raw[0].startswith("2026-07-14 10:00:00")


def test_a_naive_time_is_refused(store: Stores, clock: FixedClock, anna: Person) -> None:
    naive = datetime(2026, 11, 26, 12, 0)
    with pytest.raises((ValueError, StatementError), match="naive"):
        store.contacts.add_event(event_for(id_of(anna), naive), now=clock.now())
    with pytest.raises((ValueError, StatementError), match="naive"):
        store.people.add_person(someone("Bert"), now=naive)
    assert store.contacts.events_between(clock.now() - timedelta(days=999), clock.now()) == []
    assert [p.name for p in store.today.list_people()] == ["Anna"]


def test_an_event_for_a_missing_person_is_refused(store: Stores, clock: FixedClock) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        store.contacts.add_event(event_for(404, clock.now()), now=clock.now())
    assert store.today.last_contact_by_person() == {}


def test_deleted_check_ins_are_gone_from_the_file(store: Stores, clock: FixedClock) -> None:
    first = store.contacts.add_check_in(CheckIn(None, Scale.UCLA3, (3, 3, 3), clock.now()))
    second = store.contacts.add_check_in(CheckIn(None, Scale.UCLA3, (1, 2, 1), clock.now()))
    third = store.contacts.add_check_in(CheckIn(None, Scale.LSNS6, (1,) * 6, clock.now()))
    assert first.id is not None
    assert second.id is not None

    store.contacts.delete_check_in(first.id)
    with pytest.raises(NotFound):
        store.contacts.delete_check_in(first.id)

    def ids_on_disk() -> list[int]:
        # A separate connection, as another program reading the file would see it.
        with closing(sqlite3.connect(store.database.path)) as raw:
            return [row[0] for row in raw.execute("SELECT id FROM check_ins ORDER BY id")]

    assert ids_on_disk() == [second.id, third.id]
    assert store.contacts.delete_check_ins() == 2
    assert ids_on_disk() == []
    assert store.contacts.check_ins() == []
