"""Every service built as the app builds it, over a real store on disk, with stand-ins only at
the edges the app does not own (clock, link opener, mail server, keychain)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lonely_bridge.services.alerts import AlertService
from lonely_bridge.services.calls import CallService
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.importing import ContactImporter
from lonely_bridge.services.insight import InsightService
from lonely_bridge.services.learning import LearningService
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.services.tutorials import TutorialService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer, RecordingOpener


@pytest.fixture
def store_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "alerts-data"
    folder.mkdir()
    return folder


@pytest.fixture
def app_store(store_folder: Path, clock: FixedClock) -> Iterator[AppStore]:
    store = AppStore(open_database(store_folder, now=clock.now()))
    yield store
    store.close()


@pytest.fixture
def mailer() -> RecordingMailer:
    return RecordingMailer()


@pytest.fixture
def secrets() -> MemorySecrets:
    return MemorySecrets()


@pytest.fixture
def opener() -> RecordingOpener:
    return RecordingOpener()


@pytest.fixture
def alerts(
    app_store: AppStore, mailer: RecordingMailer, secrets: MemorySecrets, clock: FixedClock
) -> AlertService:
    return AlertService(app_store, mailer, secrets, clock)


@pytest.fixture
def people_service(app_store: AppStore, clock: FixedClock) -> PeopleService:
    return PeopleService(app_store, clock)


@pytest.fixture
def calls(app_store: AppStore, opener: RecordingOpener, clock: FixedClock) -> CallService:
    return CallService(app_store, opener, clock)


@pytest.fixture
def contacts(app_store: AppStore, clock: FixedClock) -> ContactService:
    return ContactService(app_store, clock)


@pytest.fixture
def importer(app_store: AppStore, clock: FixedClock, tmp_path: Path) -> ContactImporter:
    return ContactImporter(app_store, clock, photos_dir=tmp_path / "photos")


@pytest.fixture
def overview(app_store: AppStore, clock: FixedClock) -> OverviewService:
    return OverviewService(app_store, clock)


@pytest.fixture
def plans(app_store: AppStore, clock: FixedClock) -> PlanService:
    return PlanService(app_store, clock)


@pytest.fixture
def settings(app_store: AppStore, clock: FixedClock) -> SettingsService:
    return SettingsService(app_store, clock)


@pytest.fixture
def insight(app_store: AppStore, clock: FixedClock) -> InsightService:
    return InsightService(app_store, clock)


@pytest.fixture
def helper_folder(tmp_path: Path) -> Path:
    """The data folder where a helper may add tutorials and kind words of their own."""
    folder = tmp_path / "helper"
    folder.mkdir()
    return folder


@pytest.fixture
def tutorials(helper_folder: Path) -> TutorialService:
    return TutorialService(data_dir=helper_folder)


@pytest.fixture
def learning(
    app_store: AppStore, clock: FixedClock, tutorials: TutorialService, helper_folder: Path
) -> LearningService:
    return LearningService(app_store, clock, tutorials, data_dir=helper_folder)
