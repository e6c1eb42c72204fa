"""The demo household: who is in it, their plans and links, and a year of contact, reproducibly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.services.demo import build_demo_household
from lonely_bridge.storage import migrate
from lonely_bridge.storage.db import make_session_factory
from lonely_bridge.storage.repositories import SqlStore
from lonely_bridge.system.paths import prepare_data_dir
from tests.doubles import FixedClock

FAR = timedelta(days=10 * 365)


def _all_events(store: SqlStore, clock: FixedClock) -> list[ContactEvent]:
    return store.events_between(clock.now() - FAR, clock.now() + FAR)


@pytest.fixture
def demo(store: SqlStore, clock: FixedClock) -> SqlStore:
    count = build_demo_household(store, clock)
    assert count == len(_all_events(store, clock))
    return store


@pytest.fixture
def second_store(tmp_path: Path, clock: FixedClock) -> Iterator[SqlStore]:
    opened = migrate.open_database(prepare_data_dir(tmp_path / "second"), now=clock.now())
    yield SqlStore(make_session_factory(opened.engine))
    opened.dispose()


def test_six_people_and_one_group(demo: SqlStore) -> None:
    people = demo.list_people()
    assert len(people) == 7
    assert len({p.name for p in people}) == 7
    groups = [p for p in people if p.is_group]
    assert [g.name for g in groups] == ["Thursday Book Club"]
    assert all(p.archived_at is None for p in people)


def test_everyone_has_a_default_link(demo: SqlStore) -> None:
    for person in demo.list_people():
        assert person.links, person.name
        default = person.default_link
        assert default is not None
        assert default.is_default
        assert default.id is not None
        assert default in person.links
        assert sum(link.is_default for link in person.links) == 1


def test_four_plans_use_their_persons_default_link(demo: SqlStore) -> None:
    people = {p.id: p for p in demo.list_people()}
    plans = demo.list_plans()
    assert len(plans) == 4
    for plan in plans:
        person = people[plan.person_id]
        assert person.default_link is not None
        assert plan.link_id == person.default_link.id
        assert plan.active
    assert len({plan.person_id for plan in plans}) == 4


def test_about_a_year_of_history_and_nothing_in_the_future(
    demo: SqlStore, clock: FixedClock
) -> None:
    events = _all_events(demo, clock)
    now = clock.now()
    earliest = min(e.happened_at for e in events)
    assert timedelta(days=330) <= now - earliest <= timedelta(days=366)
    assert max(e.happened_at for e in events) <= now
    assert all(e.source is ContactSource.DEMO for e in events)
    people = {p.id for p in demo.list_people()}
    assert {e.person_id for e in events} == people


def test_every_kind_of_contact_appears(demo: SqlStore, clock: FixedClock) -> None:
    assert {e.kind for e in _all_events(demo, clock)} == set(ContactKind)


def test_people_are_in_different_states(demo: SqlStore, clock: FixedClock) -> None:
    """Someone was in touch this week and someone has been quiet for over a month."""
    quiet = [clock.now() - event.happened_at for event in demo.last_contact_by_person().values()]
    assert min(quiet) < timedelta(days=7)
    assert max(quiet) > timedelta(days=30)


def test_the_demo_is_deterministic(
    demo: SqlStore, second_store: SqlStore, clock: FixedClock
) -> None:
    build_demo_household(second_store, clock)
    assert _all_events(second_store, clock) == _all_events(demo, clock)
    assert second_store.list_people() == demo.list_people()
    assert second_store.list_plans() == demo.list_plans()


def test_the_owner_is_margaret(demo: SqlStore) -> None:
    assert demo.get_setting("owner_name") == "Margaret"
