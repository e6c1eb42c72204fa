"""The demo household written into a test's stores, as the app writes it."""

from __future__ import annotations

from lonely_bridge.domain.clock import Clock
from lonely_bridge.services.demo import build_demo_household
from lonely_bridge.storage.stores import Stores


def add_demo_household(stores: Stores, clock: Clock) -> int:
    """Margaret's household; returns the number of contact events."""
    return build_demo_household(
        people=stores.people,
        plans=stores.plans,
        contacts=stores.contacts,
        settings=stores.settings,
        clock=clock,
    )
