"""The plan store: plans in and out, and the people they must belong to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock
from tests.plans import call_plan
from tests.storage.records import id_of, someone, zoom_link


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


def test_plans_round_trip_and_filter_active(store: Stores, clock: FixedClock) -> None:
    anna = store.people.add_person(
        someone("Anna", links=(zoom_link("Z", "https://zoom.us/j/1"),)), now=clock.now()
    )
    link = anna.default_link
    assert link is not None
    sunday = store.plans.add_plan(_plan(id_of(anna), link.id), now=clock.now())
    paused = store.plans.add_plan(_plan(id_of(anna), None, active=False), now=clock.now())
    assert sunday.id is not None
    assert sunday == replace(_plan(id_of(anna), link.id), id=sunday.id)
    assert store.today.list_plans() == [sunday]
    assert store.today.list_plans(active_only=False) == [sunday, paused]


def test_a_plan_for_a_missing_person_is_refused(store: Stores, clock: FixedClock) -> None:
    with pytest.raises(IntegrityError):
        store.plans.add_plan(_plan(404, None), now=clock.now())
    assert store.today.list_plans(active_only=False) == []
