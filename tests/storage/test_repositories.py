"""The SQLite store: domain records in and out, UTC times, constraints the database enforces."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person, Rhythm
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.repositories import SqlStore
from tests.doubles import FixedClock
from tests.plans import call_plan

PARIS_WINTER = timezone(timedelta(hours=1))


def _person(name: str, *, links: tuple[CallLink, ...] = (), **changes: object) -> Person:
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


def _link(label: str, url: str, *, default: bool = False) -> CallLink:
    return CallLink(None, None, label, url, "zoom", is_default=default)


def _event(person_id: int, when: datetime, kind: ContactKind = ContactKind.VISIT) -> ContactEvent:
    return ContactEvent(None, person_id, kind, when, ContactSource.BY_HAND)


def _id(record: Person | ContactEvent | CallPlan | CallLink) -> int:
    assert record.id is not None
    return record.id


@pytest.fixture
def anna(store: SqlStore, clock: FixedClock) -> Person:
    return store.add_person(_person("Anna"), now=clock.now())


# People and links ---------------------------------------------------------------------------


def test_add_person_with_links_keeps_the_chosen_default(store: SqlStore, clock: FixedClock) -> None:
    links = (
        _link("Zoom", "https://zoom.us/j/1"),
        _link("Phone", "tel:+441632960123", default=True),
    )
    added = store.add_person(
        _person("Anna", links=links, notes="Works Mondays", circle=Circle.FAMILY),
        now=clock.now(),
    )
    person_id = _id(added)
    assert [link.label for link in added.links] == ["Zoom", "Phone"]
    assert all(link.id is not None and link.person_id == person_id for link in added.links)
    assert added.default_link is not None
    assert added.default_link.label == "Phone"
    fetched = store.get_person(person_id)
    assert fetched == added
    assert fetched.notes == "Works Mondays"
    assert fetched.circle is Circle.FAMILY
    assert fetched.rhythm == DEFAULT_RHYTHMS[Circle.FRIEND]


def test_without_a_flagged_default_the_first_link_is_used(
    store: SqlStore, clock: FixedClock
) -> None:
    added = store.add_person(
        _person("Tom", links=(_link("A", "https://zoom.us/j/1"), _link("B", "tel:+1"))),
        now=clock.now(),
    )
    fetched = store.get_person(_id(added))
    assert fetched.default_link is not None
    assert fetched.default_link.label == "A"


def test_rhythm_and_group_round_trip(store: SqlStore, clock: FixedClock) -> None:
    rhythm = Rhythm(timedelta(days=5), timedelta(days=11))
    added = store.add_person(
        _person("Choir", rhythm=rhythm, is_group=True, circle=Circle.GROUP), now=clock.now()
    )
    fetched = store.get_person(_id(added))
    assert fetched.rhythm == rhythm
    assert fetched.is_group


def test_list_people_is_sorted_and_hides_the_archived(store: SqlStore, clock: FixedClock) -> None:
    for name in ("Rose", "Anna", "Tom"):
        store.add_person(_person(name), now=clock.now())
    store.add_person(_person("Bert", archived_at=clock.now() - timedelta(days=1)), now=clock.now())
    assert [p.name for p in store.list_people()] == ["Anna", "Rose", "Tom"]
    everyone = store.list_people(include_archived=True)
    assert [p.name for p in everyone] == ["Anna", "Bert", "Rose", "Tom"]
    assert everyone[1].archived_at == clock.now() - timedelta(days=1)


def test_get_unknown_person_raises_not_found(store: SqlStore) -> None:
    with pytest.raises(NotFound) as raised:
        store.get_person(404)
    assert raised.value.params == {"kind": "person", "id": 404}


def test_add_link_to_a_person(store: SqlStore, clock: FixedClock, anna: Person) -> None:
    link = store.add_link(
        CallLink(None, _id(anna), "Anna's phone", "tel:+447700900123", "phone"), now=clock.now()
    )
    assert link.id is not None
    assert store.get_person(_id(anna)).links == (link,)


def test_add_link_to_unknown_person_raises_not_found(store: SqlStore, clock: FixedClock) -> None:
    with pytest.raises(NotFound):
        store.add_link(CallLink(None, 404, "Phone", "tel:+1", "phone"), now=clock.now())
    with pytest.raises(ValueError, match="needs a person"):
        store.add_link(CallLink(None, None, "Phone", "tel:+1", "phone"), now=clock.now())


# Contact events ------------------------------------------------------------------------------


def test_add_event_returns_it_with_an_id(store: SqlStore, clock: FixedClock, anna: Person) -> None:
    event = ContactEvent(
        None,
        _id(anna),
        ContactKind.VIDEO_CALL,
        clock.now(),
        ContactSource.CALL_BUTTON,
        duration_minutes=35,
        note="Talked about the garden",
    )
    stored = store.add_event(event, now=clock.now())
    assert stored.id is not None
    assert stored == replace(event, id=stored.id)
    assert store.events_between(clock.now(), clock.now() + timedelta(seconds=1)) == [stored]


def test_events_between_includes_start_and_excludes_end(
    store: SqlStore, clock: FixedClock, anna: Person
) -> None:
    start = clock.now() - timedelta(days=7)
    end = clock.now()
    tick = timedelta(microseconds=1)
    moments = [start - tick, start, start + timedelta(days=3), end - tick, end]
    added = store.add_events([_event(_id(anna), m) for m in reversed(moments)], now=end)
    assert added == len(moments)
    found = store.events_between(start, end)
    assert [e.happened_at for e in found] == [start, start + timedelta(days=3), end - tick]


def test_events_between_converts_zoned_bounds(
    store: SqlStore, clock: FixedClock, anna: Person
) -> None:
    store.add_event(_event(_id(anna), datetime(2026, 11, 26, 11, 30, tzinfo=UTC)), now=clock.now())
    # 12:00 in Paris is 11:00 UTC, so 11:30 UTC lies inside; 13:00 in Paris (12:00 UTC) ends it.
    inside = store.events_between(
        datetime(2026, 11, 26, 12, 0, tzinfo=PARIS_WINTER),
        datetime(2026, 11, 26, 13, 0, tzinfo=PARIS_WINTER),
    )
    outside = store.events_between(
        datetime(2026, 11, 26, 11, 0, tzinfo=PARIS_WINTER),
        datetime(2026, 11, 26, 12, 0, tzinfo=PARIS_WINTER),
    )
    assert len(inside) == 1
    assert outside == []


def test_last_contact_by_person_picks_the_latest(store: SqlStore, clock: FixedClock) -> None:
    anna = _id(store.add_person(_person("Anna"), now=clock.now()))
    tom = _id(store.add_person(_person("Tom"), now=clock.now()))
    _id(store.add_person(_person("Rose"), now=clock.now()))
    now = clock.now()
    store.add_events(
        [
            _event(anna, now - timedelta(days=1), ContactKind.PHONE_CALL),
            _event(anna, now - timedelta(days=3), ContactKind.VISIT),
            _event(tom, now - timedelta(days=10), ContactKind.MESSAGE),
            _event(anna, now - timedelta(days=9), ContactKind.VISIT),
            _event(tom, now - timedelta(days=20), ContactKind.VISIT),
        ],
        now=now,
    )
    latest = store.last_contact_by_person()
    assert set(latest) == {anna, tom}
    assert (latest[anna].happened_at, latest[anna].kind) == (
        now - timedelta(days=1),
        ContactKind.PHONE_CALL,
    )
    assert (latest[tom].happened_at, latest[tom].kind) == (
        now - timedelta(days=10),
        ContactKind.MESSAGE,
    )


# Times --------------------------------------------------------------------------------------


def test_aware_times_round_trip_as_utc(
    store: SqlStore, clock: FixedClock, anna: Person, opened: OpenedDatabase
) -> None:
    paris_noon = datetime(2026, 7, 14, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    stored = store.add_event(_event(_id(anna), paris_noon), now=clock.now())
    (fetched,) = store.events_between(paris_noon, paris_noon + timedelta(minutes=1))
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


def test_a_naive_time_is_refused(store: SqlStore, clock: FixedClock, anna: Person) -> None:
    naive = datetime(2026, 11, 26, 12, 0)
    with pytest.raises((ValueError, StatementError), match="naive"):
        store.add_event(_event(_id(anna), naive), now=clock.now())
    with pytest.raises((ValueError, StatementError), match="naive"):
        store.add_person(_person("Bert"), now=naive)
    assert store.events_between(clock.now() - timedelta(days=999), clock.now()) == []
    assert [p.name for p in store.list_people()] == ["Anna"]


# Constraints --------------------------------------------------------------------------------


def test_an_event_for_a_missing_person_is_refused(store: SqlStore, clock: FixedClock) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        store.add_event(_event(404, clock.now()), now=clock.now())
    assert store.last_contact_by_person() == {}


def test_removing_a_person_removes_their_links_and_events(
    store: SqlStore, clock: FixedClock, opened: OpenedDatabase
) -> None:
    anna = store.add_person(
        _person("Anna", links=(_link("Z", "https://zoom.us/j/1"),)), now=clock.now()
    )
    store.add_event(_event(_id(anna), clock.now()), now=clock.now())
    with opened.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM people WHERE id = ?", (_id(anna),))
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


# Settings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["largest", 42, ["Anna", "Tom"], {"size": 2, "voice": None}, True, 2.5]
)
def test_settings_round_trip(store: SqlStore, clock: FixedClock, value: object) -> None:
    store.set_setting("key", value, now=clock.now())
    assert store.get_setting("key") == value
    assert type(store.get_setting("key")) is type(value)


def test_settings_overwrite_and_default(store: SqlStore, clock: FixedClock) -> None:
    assert store.get_setting("text_size") is None
    assert store.get_setting("text_size", "large") == "large"
    store.set_setting("text_size", "larger", now=clock.now())
    store.set_setting("text_size", "largest", now=clock.now() + timedelta(minutes=1))
    store.set_setting("other", 1, now=clock.now())
    assert store.get_setting("text_size") == "largest"
    assert store.get_setting("other") == 1


# Plans --------------------------------------------------------------------------------------


def _plan(person_id: int, link_id: int | None, *, active: bool = True) -> CallPlan:
    return call_plan(
        id=None,
        person_id=person_id,
        link_id=link_id,
        rule="FREQ=WEEKLY;BYDAY=SU",
        time_of_day=time(16, 0),
        time_zone="Europe/London",
        starts_on=date(2026, 1, 4),
        ends_on=date(2026, 12, 27),
        reminder_lead=timedelta(minutes=15),
        active=active,
    )


def test_plans_round_trip_and_filter_active(store: SqlStore, clock: FixedClock) -> None:
    anna = store.add_person(
        _person("Anna", links=(_link("Z", "https://zoom.us/j/1"),)), now=clock.now()
    )
    link = anna.default_link
    assert link is not None
    sunday = store.add_plan(_plan(_id(anna), link.id), now=clock.now())
    paused = store.add_plan(_plan(_id(anna), None, active=False), now=clock.now())
    assert sunday.id is not None
    assert sunday == replace(_plan(_id(anna), link.id), id=sunday.id)
    assert store.list_plans() == [sunday]
    assert store.list_plans(active_only=False) == [sunday, paused]


def test_a_plan_for_a_missing_person_is_refused(store: SqlStore, clock: FixedClock) -> None:
    with pytest.raises(IntegrityError):
        store.add_plan(_plan(404, None), now=clock.now())
    assert store.list_plans(active_only=False) == []


def test_add_people_adds_everyone_or_nobody(store: SqlStore, clock: FixedClock) -> None:
    good = Person(None, "Zoë", "Friend", Circle.FRIEND, DEFAULT_RHYTHMS[Circle.FRIEND])
    # A name the database refuses (NOT NULL) stands for any failure half-way through.
    bad = replace(good, name=None)  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):
        store.add_people([good, good, bad], now=clock.now())
    assert store.list_people(include_archived=True) == []
    added = store.add_people([good, replace(good, name="José")], now=clock.now())
    assert [p.name for p in added] == ["Zoë", "José"]
