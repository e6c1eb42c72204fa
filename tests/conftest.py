"""Shared fixtures: headless Qt, a controllable clock, real SQLite stores on disk; and the log
guard (tests/log_guard.py), which fails a test that logs a warning it did not declare."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Before any Qt import: every test runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")
# No test may write this computer's own login entries (start at login): the app, and every
# app a test starts as a subprocess, writes them in a folder of this test run's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="lonely-bridge-test-config-")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lonely_bridge.storage import migrate
from lonely_bridge.storage.stores import Stores, open_stores
from lonely_bridge.system.paths import prepare_data_dir
from tests.doubles import FixedClock

pytest_plugins = ["pytester", "tests.log_guard"]
atexit.register(shutil.rmtree, os.environ["XDG_CONFIG_HOME"], ignore_errors=True)


# A Thursday afternoon in late November, away from any daylight-saving change.
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return prepare_data_dir(tmp_path / "data")


@pytest.fixture
def opened(data_dir: Path, clock: FixedClock) -> Iterator[migrate.OpenedDatabase]:
    database = migrate.open_database(data_dir, now=clock.now())
    yield database
    database.dispose()


@pytest.fixture
def store(opened: migrate.OpenedDatabase) -> Iterator[Stores]:
    stores = open_stores(opened)
    yield stores
    stores.close()
