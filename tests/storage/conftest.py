"""Store test fixtures: Anna, saved with default details."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.people import Person
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock
from tests.storage.records import someone


@pytest.fixture
def anna(store: Stores, clock: FixedClock) -> Person:
    return store.people.add_person(someone("Anna"), now=clock.now())
