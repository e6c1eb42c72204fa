"""A demo household on disk, closed and checkpointed as the app leaves it; running apps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lonely_bridge.storage import migrate
from lonely_bridge.storage.stores import open_stores
from tests.doubles import FixedClock
from tests.e2e.driver import Apps
from tests.household import add_demo_household


@pytest.fixture
def demo_dir(data_dir: Path, clock: FixedClock) -> Path:
    """A data folder holding the demo household, closed and fully checkpointed."""
    stores = open_stores(migrate.open_database(data_dir, now=clock.now()))
    add_demo_household(stores, clock)
    stores.close()
    assert [p.name for p in data_dir.iterdir()] == [migrate.DB_FILE_NAME]
    return data_dir


@pytest.fixture
def apps(demo_dir: Path, tmp_path: Path) -> Iterator[Apps]:
    """Starts apps on ``demo_dir`` (a module may make its own); stops them all afterwards."""
    running = Apps(demo_dir, tmp_path)
    try:
        yield running
    finally:
        running.stop_all()
