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
from lonely_bridge.storage.stores import Stores, open_stores
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer, RecordingOpener


@pytest.fixture
def store_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "alerts-data"
    folder.mkdir()
    return folder


@pytest.fixture
def app_store(store_folder: Path, clock: FixedClock) -> Iterator[Stores]:
    store = open_stores(open_database(store_folder, now=clock.now()))
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
    app_store: Stores, mailer: RecordingMailer, secrets: MemorySecrets, clock: FixedClock
) -> AlertService:
    return AlertService(
        app_store.sharing, app_store.sharing, app_store.settings, mailer, secrets, clock
    )


@pytest.fixture
def people_service(app_store: Stores, clock: FixedClock) -> PeopleService:
    return PeopleService(app_store.people, app_store.today, app_store.settings, clock)


@pytest.fixture
def calls(app_store: Stores, opener: RecordingOpener, clock: FixedClock) -> CallService:
    return CallService(app_store.people, app_store.contacts, app_store.settings, opener, clock)


@pytest.fixture
def contacts(app_store: Stores, clock: FixedClock) -> ContactService:
    return ContactService(app_store.contacts, clock)


@pytest.fixture
def importer(app_store: Stores, clock: FixedClock, tmp_path: Path) -> ContactImporter:
    return ContactImporter(app_store.people, app_store.today, clock, photos_dir=tmp_path / "photos")


@pytest.fixture
def overview(app_store: Stores, clock: FixedClock) -> OverviewService:
    return OverviewService(app_store.today, app_store.people, app_store.contacts, clock)


@pytest.fixture
def plans(app_store: Stores, clock: FixedClock) -> PlanService:
    return PlanService(
        app_store.plans, app_store.today, app_store.people, app_store.settings, clock
    )


@pytest.fixture
def settings(app_store: Stores, clock: FixedClock) -> SettingsService:
    return SettingsService(app_store.settings, clock)


@pytest.fixture
def insight(app_store: Stores, clock: FixedClock) -> InsightService:
    return InsightService(
        app_store.today, app_store.contacts, app_store.contacts, app_store.settings, clock
    )


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
    app_store: Stores, clock: FixedClock, tutorials: TutorialService, helper_folder: Path
) -> LearningService:
    return LearningService(
        app_store.learning, app_store.settings, clock, tutorials, data_dir=helper_folder
    )
