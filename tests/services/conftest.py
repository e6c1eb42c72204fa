"""Fixtures for the sharing service: a real store on disk, a mailer that records, a test vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lonely_bridge.services.alerts import AlertService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer


@pytest.fixture
def app_store(tmp_path: Path, clock: FixedClock) -> Iterator[AppStore]:
    folder = tmp_path / "alerts-data"
    folder.mkdir()
    store = AppStore(open_database(folder, now=clock.now()))
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
    app_store: AppStore, mailer: RecordingMailer, secrets: MemorySecrets, clock: FixedClock
) -> AlertService:
    return AlertService(app_store, mailer, secrets, clock)
