"""The stdlib read path for the first screen answers exactly as the SQLAlchemy store does."""

from __future__ import annotations

from datetime import timedelta

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.reminders import Occurrence, Outcome
from lonely_bridge.services.demo import build_demo_household
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.quick_reader import QuickReader
from lonely_bridge.storage.repositories import SqlStore
from lonely_bridge.storage.store import AppStore
from tests.doubles import FixedClock


def test_quick_reads_equal_orm_reads(
    opened: OpenedDatabase, store: SqlStore, clock: FixedClock
) -> None:
    build_demo_household(store, clock)
    archived = Person(
        None, "Old Friend", "Friend", Circle.FRIEND, DEFAULT_RHYTHMS[Circle.FRIEND],
        archived_at=clock.now() - timedelta(days=3),
    )  # fmt: skip
    store.add_person(archived, now=clock.now())
    reader = QuickReader(opened.path)
    try:
        assert reader.list_people() == store.list_people()
        assert reader.list_people(include_archived=True) == store.list_people(include_archived=True)
        assert reader.last_contact_by_person() == store.last_contact_by_person()
        assert reader.get_setting("owner_name") == store.get_setting("owner_name") == "Margaret"
        assert reader.get_setting("missing", 7) == 7
        assert reader.list_plans() == store.list_plans()
        assert reader.list_plans(active_only=False) == store.list_plans(active_only=False)
        plan = store.list_plans()[0]
        assert plan.id is not None
        due = clock.now() - timedelta(days=1)
        store.save_occurrence(
            Occurrence(None, plan.id, due, outcome=Outcome.JOINED, talked=True, reminded_at=due),
            now=clock.now(),
        )
        store.save_occurrence(
            Occurrence(
                None, plan.id, clock.now(), snoozed_until=clock.now() + timedelta(minutes=10)
            ),
            now=clock.now(),
        )
        for since in (due - timedelta(seconds=1), due, due + timedelta(microseconds=1)):
            assert reader.occurrences_since(since) == store.occurrences_since(since)
        assert len(reader.occurrences_since(due)) == 2
        year = clock.now() - timedelta(weeks=52)
        assert reader.events_between(year, clock.now()) == store.events_between(year, clock.now())
        for moment in (clock.now(), clock.now() - timedelta(days=40, hours=5)):
            assert reader.contact_summary(moment) == store.contact_summary(moment)
            weeks = [moment - timedelta(weeks=12 - i) for i in range(13)]
            assert reader.contact_counts(weeks) == store.contact_counts(weeks)
            assert sum(sum(week.values()) for week in reader.contact_counts(weeks)) > 0
            assert reader.contact_counts(weeks[:1]) == []
            assert reader.kinds_by_person(moment - timedelta(days=30), moment)
            week_ago = moment - timedelta(days=7)
            assert reader.kinds_by_person(week_ago, moment) == store.kinds_by_person(
                week_ago, moment
            )
    finally:
        reader.close()


def test_quick_reader_sees_each_new_commit(
    opened: OpenedDatabase, store: SqlStore, clock: FixedClock
) -> None:
    person = store.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
        now=clock.now(),
    )
    assert person.id is not None
    reader = QuickReader(opened.path)
    try:
        assert reader.last_contact_by_person() == {}
        event = store.add_event(
            ContactEvent(None, person.id, ContactKind.VISIT, clock.now(), ContactSource.BY_HAND),
            now=clock.now(),
        )
        assert reader.last_contact_by_person() == {person.id: event}
        store.set_setting("text_size", "largest", now=clock.now())
        assert reader.get_setting("text_size") == "largest"
    finally:
        reader.close()


def test_app_store_loads_the_orm_only_when_needed(
    opened: OpenedDatabase, clock: FixedClock
) -> None:
    app_store = AppStore(opened)
    try:
        assert app_store.list_people() == []
        assert app_store._sql is None
        app_store.add_person(
            Person(
                None, "Rose", "Friend", Circle.CLOSE_FRIEND, DEFAULT_RHYTHMS[Circle.CLOSE_FRIEND]
            ),
            now=clock.now(),
        )
        assert app_store._sql is not None
        assert [p.name for p in app_store.list_people()] == ["Rose"]
    finally:
        app_store.close()
