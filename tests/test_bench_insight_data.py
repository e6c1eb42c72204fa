"""bench/insight_scale.py's history, checked; at 1,000 people, quick reads equal event-by-event."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.domain.people import Circle
from lonely_bridge.domain.recurrence import occurrences_between
from lonely_bridge.domain.reminders import recurrence_of
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore
from lonely_bridge.system.paths import prepare_data_dir

BENCH = Path(__file__).resolve().parents[1] / "bench" / "insight_scale.py"
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
PEOPLE, YEARS, EVENTS = 20, 2, 3_000
Household = Any  # bench/insight_scale.py's Household; the script is loaded from its file


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_insight_scale", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


bench = _load()


@pytest.fixture(scope="module")
def household() -> Household:
    return bench.make_household(now=NOW, people=PEOPLE, years=YEARS, events=EVENTS, seed=7)


def test_every_circle_and_about_the_asked_number_of_events(household: Household) -> None:
    people = household.people
    events = household.events
    assert len(people) == PEOPLE
    assert {person.circle for person in people} == set(Circle)
    assert all(person.is_group == (person.circle is Circle.GROUP) for person in people)
    assert len({person.name for person in people}) == PEOPLE
    assert abs(len(events) - EVENTS) <= EVENTS * 0.1
    assert {event.kind for event in events} == set(ContactKind)
    assert {event.person_id for event in events} <= set(range(PEOPLE))


def test_the_full_size_is_two_hundred_people() -> None:
    counts = bench.circle_counts(bench.PEOPLE)
    assert sum(counts.values()) == 200
    assert counts[Circle.GROUP] >= 10
    assert counts[Circle.FAMILY] >= 10


def test_a_thousand_people_all_have_their_own_names() -> None:
    # More people than there are first-and-last-name pairs: the generator still finishes.
    big = bench.make_household(now=NOW, people=1_000, years=1, events=5_000, seed=7)
    names = [person.name for person in big.people]
    assert len(names) == 1_000
    assert len(set(names)) == 1_000
    assert len(names) - bench.circle_counts(1_000)[Circle.GROUP] > bench.NAME_PAIRS
    assert {person.circle for person in big.people} == set(Circle)


def test_the_large_size_is_a_thousand_people_over_twenty_years() -> None:
    assert sum(bench.circle_counts(bench.LARGE.people).values()) == 1_000
    assert bench.LARGE.years == 20


def test_history_spans_the_years_up_to_now_in_order(household: Household) -> None:
    events = household.events
    since = household.since
    assert since == NOW - timedelta(days=round(365.25 * YEARS))
    assert all(since <= event.happened_at < NOW for event in events)
    assert [e.happened_at for e in events] == sorted(e.happened_at for e in events)
    assert events[0].happened_at < since + timedelta(days=30)
    assert events[-1].happened_at > NOW - timedelta(days=3)


def test_groups_meet_and_the_archived_fall_silent(household: Household) -> None:
    people = household.people
    for event in household.events:
        person = people[event.person_id]
        if event.kind is ContactKind.GROUP_ACTIVITY:
            assert person.is_group
        if person.archived_at is not None:
            assert event.happened_at < person.archived_at


def test_planned_calls_follow_their_plans(household: Household) -> None:
    plans = household.plans
    occurrences = household.occurrences
    assert plans
    assert occurrences
    for number, plan in enumerate(plans):
        start = datetime.combine(plan.schedule.starts_on, datetime.min.time(), UTC)
        due = occurrences_between(recurrence_of(plan), start, NOW - timedelta(hours=1))
        assert [o.due_at for o in occurrences if o.plan_id == number] == due
    assert all(o.outcome is not None for o in occurrences)


def test_the_same_seed_gives_the_same_household(household: Household) -> None:
    again = bench.make_household(now=NOW, people=PEOPLE, years=YEARS, events=EVENTS, seed=7)
    assert again == household


def test_one_month_is_the_last_month_of_the_same_people(household: Household) -> None:
    small = bench.recent(household, days=30)
    cutoff = NOW - timedelta(days=30)
    big_events = household.events
    assert small.people == household.people
    assert small.events == [event for event in big_events if event.happened_at >= cutoff]
    assert 0 < len(small.events) < len(big_events) / 10
    assert all(c.taken_at >= cutoff for c in small.check_ins)
    for number, plan in enumerate(small.plans):
        # The plan's month of calls is unchanged, and nothing is recorded before it began.
        due = occurrences_between(recurrence_of(plan), cutoff, NOW - timedelta(hours=1))
        assert [o.due_at for o in small.occurrences if o.plan_id == number] == due


@pytest.fixture
def app_store(tmp_path: Path) -> Iterator[AppStore]:
    store = AppStore(open_database(prepare_data_dir(tmp_path / "data"), now=NOW))
    yield store
    store.close()


def test_fill_writes_it_all_to_the_database(household: Household, app_store: AppStore) -> None:
    small = bench.recent(household, days=30)
    bench.fill(app_store, small)
    assert len(app_store.list_people(include_archived=True)) == PEOPLE
    # Names are unique, so they tell which stored person is which generated one.
    place = {person.name: index for index, person in enumerate(household.people)}
    position = {p.id: place[p.name] for p in app_store.list_people(include_archived=True)}
    stored = app_store.events_between(small.since, NOW)
    assert len(position) == PEOPLE
    assert [replace(e, id=None, person_id=position[e.person_id]) for e in stored] == small.events
    assert len(app_store.list_plans(active_only=False)) == len(small.plans)
    assert len(app_store.occurrences_since(small.since)) == len(small.occurrences)
    assert len(app_store.check_ins()) == len(small.check_ins)


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppStore]:
    """1,000 people with two years of contact, stored."""
    household = bench.make_household(now=NOW, people=1_000, years=2, events=40_000, seed=11)
    folder = prepare_data_dir(tmp_path_factory.mktemp("thousand") / "data")
    store = AppStore(open_database(folder, now=NOW))
    bench.fill(store, household)
    yield store
    store.close()


def _moments(store: AppStore) -> list[datetime]:
    """Now, and moments that put a contact exactly on a week's edge, or a microsecond past it."""
    events = store.events_between(NOW - timedelta(days=40), NOW)
    edge = events[len(events) // 2].happened_at
    return [
        NOW,
        edge + timedelta(weeks=3),  # on an edge of the insight's weeks and the chart's
        edge + timedelta(weeks=3, microseconds=1),
        edge + timedelta(weeks=3) - timedelta(microseconds=1),
        edge + timedelta(days=7),  # on the edge of "this week"
        NOW - timedelta(days=200, hours=5, minutes=3),
    ]


def test_my_week_at_a_thousand_people_equals_the_event_by_event_answer(
    thousand: AppStore,
) -> None:
    from lonely_bridge.domain.checkins import Scale, check_in_due, last_taken
    from lonely_bridge.services.insight import (
        CHECK_INS_WINDOW,
        MISSED_CALLS_WINDOW,
        InsightService,
    )
    from lonely_bridge.services.overview import OverviewService
    from tests.doubles import FixedClock
    from tests.insight_from_events import evaluate

    store = thousand
    people = store.list_people()
    assert len(store.list_people(include_archived=True)) == 1_000
    everything = store.events_between(NOW - timedelta(days=3 * 365), NOW + timedelta(days=1))
    for moment in _moments(store):
        clock = FixedClock(moment)
        overview = OverviewService(store, clock)
        # The chart: the last twelve weeks, the last running a second past now.
        start = moment - timedelta(weeks=12)
        expected: list[dict[ContactKind, int]] = [dict.fromkeys(ContactKind, 0) for _ in range(12)]
        for event in store.events_between(start, moment + timedelta(seconds=1)):
            week = min(int((event.happened_at - start) / timedelta(weeks=1)), 11)
            expected[week][event.kind] += 1
        weeks = overview.recent_weeks()
        assert [week.counts for week in weeks] == expected
        assert [week.starts for week in weeks] == [start + timedelta(weeks=i) for i in range(12)]
        # Who was in touch this week, and how, in the order first seen.
        seen: dict[int, list[ContactKind]] = {}
        for event in overview.recent_events(days=7):
            kinds = seen.setdefault(event.person_id, [])
            if event.kind not in kinds:
                kinds.append(event.kind)
        assert overview.in_touch(days=7) == seen
        assert list(overview.in_touch(days=7)) == list(seen)
        # The insight: the database's summary against every event, one by one.
        insight = InsightService(store, clock)
        straightforward = evaluate(
            everything,
            people,
            store.occurrences_since(moment - MISSED_CALLS_WINDOW),
            store.check_ins(since=moment - CHECK_INS_WINDOW),
            moment,
        )
        assert insight.raw(moment) == straightforward
        assert insight.raw(moment, people=people) == straightforward
        for scale in Scale:
            every = insight.check_in_every() if scale is Scale.UCLA3 else None
            due = check_in_due(scale, last_taken(store.check_ins(), scale), moment, every)
            assert insight.check_in_due(scale) == due
