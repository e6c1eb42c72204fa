"""Fixtures for the sharing service: a real store on disk, a mailer that records, a test vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lonely_bridge.domain.clock import FixedClock
from lonely_bridge.services.alerts import AlertService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.stores import Stores, open_stores
from tests.doubles import MemorySecrets, RecordingMailer


@pytest.fixture
def app_store(tmp_path: Path, clock: FixedClock) -> Iterator[Stores]:
    folder = tmp_path / "alerts-data"
    folder.mkdir()
    store = open_stores(open_database(folder, now=clock.now()))
    yield store
    store.close()


@pytest.fixture
def mailer() -> RecordingMailer:
    return RecordingMailer()


@pytest.fixture
def secrets() -> MemorySecrets:
    return MemorySecrets()


@pytest.fixture
def alerts(
    app_store: Stores, mailer: RecordingMailer, secrets: MemorySecrets, clock: FixedClock
) -> AlertService:
    return AlertService(
        app_store.sharing, app_store.sharing, app_store.settings, mailer, secrets, clock
    )
