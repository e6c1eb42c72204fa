"""Today's read model and the contact store's counting reads answer exactly as the ORM does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.reminders import Occurrence, Outcome
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.stores import Stores, open_stores
from tests.doubles import FixedClock
from tests.household import add_demo_household
from tests.storage.orm_reference import OrmReference


def test_quick_reads_equal_orm_reads(store: Stores, clock: FixedClock) -> None:
    add_demo_household(store, clock)
    archived = Person(
        None, "Old Friend", "Friend", Circle.FRIEND, DEFAULT_RHYTHMS[Circle.FRIEND],
        archived_at=clock.now() - timedelta(days=3),
    )  # fmt: skip
    store.people.add_person(archived, now=clock.now())
    orm = OrmReference(store)
    today, contacts, settings = store.today, store.contacts, store.settings
    assert today.list_people() == orm.list_people()
    assert today.list_people(include_archived=True) == orm.list_people(include_archived=True)
    assert today.last_contact_by_person() == orm.last_contact_by_person()
    assert settings.get_setting("owner_name") == orm.get_setting("owner_name") == "Margaret"
    assert settings.get_setting("missing", 7) == 7
    assert today.list_plans() == orm.list_plans()
    assert today.list_plans(active_only=False) == orm.list_plans(active_only=False)
    plan = today.list_plans()[0]
    assert plan.id is not None
    due = clock.now() - timedelta(days=1)
    store.plans.save_occurrence(
        Occurrence(None, plan.id, due, outcome=Outcome.JOINED, talked=True, reminded_at=due),
        now=clock.now(),
    )
    store.plans.save_occurrence(
        Occurrence(None, plan.id, clock.now(), snoozed_until=clock.now() + timedelta(minutes=10)),
        now=clock.now(),
    )
    for since in (due - timedelta(seconds=1), due, due + timedelta(microseconds=1)):
        assert today.occurrences_since(since) == orm.occurrences_since(since)
    assert len(today.occurrences_since(due)) == 2
    year = clock.now() - timedelta(weeks=52)
    assert contacts.events_between(year, clock.now()) == orm.events_between(year, clock.now())
    for moment in (clock.now(), clock.now() - timedelta(days=40, hours=5)):
        assert contacts.contact_summary(moment) == orm.contact_summary(moment)
        weeks = [moment - timedelta(weeks=12 - i) for i in range(13)]
        assert contacts.contact_counts(weeks) == orm.contact_counts(weeks)
        assert sum(sum(week.values()) for week in contacts.contact_counts(weeks)) > 0
        assert contacts.contact_counts(weeks[:1]) == []
        assert contacts.kinds_by_person(moment - timedelta(days=30), moment)
        week_ago = moment - timedelta(days=7)
        assert contacts.kinds_by_person(week_ago, moment) == orm.kinds_by_person(week_ago, moment)


def test_quick_reads_see_each_new_commit(store: Stores, clock: FixedClock) -> None:
    person = store.people.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
        now=clock.now(),
    )
    assert person.id is not None
    assert store.today.last_contact_by_person() == {}
    event = store.contacts.add_event(
        ContactEvent(None, person.id, ContactKind.VISIT, clock.now(), ContactSource.BY_HAND),
        now=clock.now(),
    )
    assert store.today.last_contact_by_person() == {person.id: event}
    store.settings.set_setting("text_size", "largest", now=clock.now())
    assert store.settings.get_setting("text_size") == "largest"


def test_the_orm_loads_only_when_something_writes(
    opened: OpenedDatabase, clock: FixedClock
) -> None:
    stores = open_stores(opened)
    try:
        assert stores.today.list_people() == []
        assert stores.settings.get_setting("owner_name", "") == ""
        assert not stores.sessions.loaded
        stores.people.add_person(
            Person(
                None, "Rose", "Friend", Circle.CLOSE_FRIEND, DEFAULT_RHYTHMS[Circle.CLOSE_FRIEND]
            ),
            now=clock.now(),
        )
        assert stores.sessions.loaded
        assert [p.name for p in stores.today.list_people()] == ["Rose"]
    finally:
        stores.close()


@pytest.mark.parametrize(
    "table",
    ["people", "call_links", "contact_events", "call_plans", "plan_occurrences", "call_attempts"],
)
def test_every_column_a_record_holds_is_read(table: str) -> None:
    """A column added to a table must be added to its reader, or named here as bookkeeping."""
    from lonely_bridge.storage import rows
    from lonely_bridge.storage.models import Base

    read = {
        "people": rows.PERSON_COLUMNS,
        "call_links": rows.LINK_COLUMNS,
        "contact_events": rows.EVENT_COLUMNS,
        "call_plans": rows.PLAN_COLUMNS,
        "plan_occurrences": rows.OCCURRENCE_COLUMNS,
        "call_attempts": rows.ATTEMPT_COLUMNS,
    }[table]
    # Kept in the table for the record; the domain records do not carry them.
    bookkeeping = {"created_at", "updated_at", "recorded_at", "occurrence_id"}
    columns = {column.name for column in Base.metadata.tables[table].columns}
    assert set(read) == columns - (bookkeeping - set(read))
