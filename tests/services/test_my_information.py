"""Your information: all of it saved to a zip anyone can open, or all of it deleted."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from contextlib import closing
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from lonely_bridge.domain.checkins import Scale
from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.domain.learning import Progress
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.pin import PinHash
from lonely_bridge.domain.settings import HELPER_PIN, OWNER_NAME, TEXT_SIZE, TextSize
from lonely_bridge.domain.sharing import ALL_TOPICS, TrustedPerson
from lonely_bridge.services.alerts import AlertService
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.insight import InsightService
from lonely_bridge.services.my_information import InformationStores, MyInformationService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.storage import migrate
from lonely_bridge.storage.connections import checkpoint
from lonely_bridge.storage.household_eraser import HouseholdEraser
from lonely_bridge.storage.information_file import write_information_file
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer
from tests.plans import call_plan

NAME = "Zoë <b>Ὀδυσσεύς</b> & 王小明"
PASSWORD = "Plum-Kettle-7391"
SERVER = SmtpSettings("localhost", 2525, Security.NONE, "margaret", "margaret@example.org")
PHOTO = b"\xff\xd8\xff\xe0 Zoe's photo"


@pytest.fixture
def photos_dir(store_folder: Path) -> Path:
    folder = store_folder / "photos"
    folder.mkdir()
    return folder


@pytest.fixture
def my_information(
    app_store: Stores,
    clock: FixedClock,
    secrets: MemorySecrets,
    store_folder: Path,
    photos_dir: Path,
) -> MyInformationService:
    stores = InformationStores(
        today=app_store.today,
        contacts=app_store.contacts,
        check_ins=app_store.contacts,
        learning=app_store.learning,
        trusted=app_store.sharing,
        outbox=app_store.sharing,
        settings=app_store.settings,
    )
    return MyInformationService(
        stores,
        clock,
        secrets=secrets,
        photos_dir=photos_dir,
        writer=write_information_file,
        eraser=HouseholdEraser(app_store.writes, data_dir=store_folder, photos_dir=photos_dir),
    )


@pytest.fixture
def household(
    app_store: Stores,
    clock: FixedClock,
    photos_dir: Path,
    people_service: PeopleService,
    plans: PlanService,
    contacts: ContactService,
    insight: InsightService,
    alerts: AlertService,
    settings: SettingsService,
    secrets: MemorySecrets,
    mailer: RecordingMailer,
) -> dict[str, Any]:
    """A household with one of everything, and a name with markup and three alphabets."""
    (photos_dir / "zoe.jpg").write_bytes(PHOTO)
    zoe = people_service.save(
        Person(None, NAME, "Granddaughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY],
               notes="Likes <i>jazz</i>", photo_file="zoe.jpg",
               links=(CallLink(None, None, "Zoom", "https://zoom.us/j/85512345678", "zoom",
                               is_default=True),))
    )  # fmt: skip
    choir = people_service.save(
        Person(None, "Tuesday choir", "", Circle.GROUP, DEFAULT_RHYTHMS[Circle.GROUP],
               is_group=True)
    )  # fmt: skip
    assert zoe.id is not None
    assert choir.id is not None
    plans.save(
        call_plan(None, zoe.id, None, "FREQ=WEEKLY;BYDAY=SU", time(16), "Asia/Shanghai",
                  date(2026, 12, 6))
    )  # fmt: skip
    contacts.record(zoe.id, ContactKind.VIDEO_CALL)
    contacts.record(choir.id, ContactKind.GROUP_ACTIVITY)
    insight.save_check_in(Scale.UCLA3, (1, None, 3))
    app_store.learning.save_progress(
        Progress("first-video-call", 3, clock.now(), clock.now(), clock.now())
    )
    settings.set(OWNER_NAME, "Margaret")
    settings.set(TEXT_SIZE, TextSize.LARGEST)
    settings.set(HELPER_PIN, PinHash.of("4821"))
    alerts.save_smtp_settings(SERVER, password=PASSWORD)
    anna = alerts.save_person(
        TrustedPerson(None, "Anna", "anna@example.org", share_weekly=True, allowed=ALL_TOPICS)
    )
    from lonely_bridge.domain.sharing import MailKind, ShareableSummary

    alerts.queue(ShareableSummary("Margaret is well."), anna, MailKind.BY_HAND)
    assert alerts.deliver_due().sent
    return {"zoe": zoe.id, "choir": choir.id}


def _opened(path: Path) -> tuple[dict[str, Any], zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    return json.loads(archive.read("information.json").decode("utf-8")), archive


def test_everything_is_in_one_file_that_opens_without_the_app(
    my_information: MyInformationService, household: dict[str, Any], tmp_path: Path
) -> None:
    saved = my_information.save(tmp_path / my_information.suggested_file_name())

    assert saved.path.name == "Lonely Bridge information 2026-11-26.zip"
    assert (saved.people, saved.photos) == (1, 1)
    data, archive = _opened(saved.path)
    with archive:
        assert set(archive.namelist()) == {"README.txt", "information.json", "photos/zoe.jpg"}
        assert archive.read("photos/zoe.jpg") == PHOTO
        readme = archive.read("README.txt").decode("utf-8")
    for part in ("information.json", "people", "check_in_answers", "photos", "PIN"):
        assert part in readme

    [zoe] = data["people"]
    assert zoe["name"] == NAME  # unchanged: no markup read, no letters lost
    assert zoe["notes"] == "Likes <i>jazz</i>"
    assert zoe["photo"] == "photos/zoe.jpg"
    assert zoe["links"] == [{"label": "Zoom", "url": "https://zoom.us/j/85512345678",
                             "service": "zoom", "is_default": True}]  # fmt: skip
    assert [group["name"] for group in data["groups"]] == ["Tuesday choir"]
    [plan] = data["plans"]
    assert (plan["person"], plan["rule"], plan["time"], plan["time_zone"]) == (
        NAME, "FREQ=WEEKLY;BYDAY=SU", "16:00", "Asia/Shanghai"
    )  # fmt: skip
    assert sorted((r["person"], r["kind"]) for r in data["contact_records"]) == sorted(
        [(NAME, "video_call"), ("Tuesday choir", "group_activity")]
    )
    [answers] = data["check_in_answers"]
    assert [a["answer"] for a in answers["answers"]] == ["Hardly ever", "Not answered", "Often"]
    assert answers["answers"][0]["question"].startswith("How often do you feel")
    assert data["lessons"]["progress"][0]["lesson"] == "first-video-call"
    [anna] = data["trusted_people"]
    assert (anna["name"], anna["email"], anna["weekly_note"]) == ("Anna", "anna@example.org", True)
    [message] = data["messages_to_trusted_people"]
    assert message["to_address"] == "anna@example.org"
    assert "Margaret is well." in message["body"]
    assert message["sent_at"] is not None
    assert data["your_name"] == "Margaret"
    assert data["settings"]["text_size"] == "largest"
    assert data["settings"]["smtp_settings"]["host"] == "localhost"
    # Secrets stay out: the PIN's hash and the e-mail password.
    assert HELPER_PIN.key not in data["settings"]
    assert "scrypt$" not in json.dumps(data)
    assert PASSWORD not in json.dumps(data)


def test_deleting_everything_leaves_an_empty_household_and_no_copies(
    my_information: MyInformationService,
    household: dict[str, Any],
    app_store: Stores,
    store_folder: Path,
    photos_dir: Path,
    secrets: MemorySecrets,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    backups = migrate.backups_dir(store_folder)
    backups.mkdir(exist_ok=True)
    (backups / "daily-2026-11-25.db").write_bytes(NAME.encode())
    kept_aside = store_folder / "lonely-bridge.db.damaged-20261101T100000"
    kept_aside.write_bytes(NAME.encode())
    assert secrets.smtp_password() == PASSWORD
    database = migrate.database_path(store_folder)
    checkpoint(database)  # as after a restart: the household is in the file itself
    assert NAME.encode() in database.read_bytes()
    # Some builds of SQLite (Debian's) overwrite deleted rows by default, others do not.
    app_store.writes().execute("PRAGMA secure_delete = OFF")

    my_information.delete_everything()

    assert list(photos_dir.iterdir()) == []
    assert list(backups.iterdir()) == []
    assert not kept_aside.exists()
    assert secrets.smtp_password() is None
    with closing(sqlite3.connect(database)) as raw:
        tables = [row[0] for row in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
        )]  # fmt: skip
        assert tables  # the structure stays: the app opens it as a new household
        for table in tables:
            assert raw.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == 0, table
    # Not merely marked free: the name is nowhere in the file or its log.
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            assert NAME.encode() not in path.read_bytes()
            assert b"Granddaughter" not in path.read_bytes()

    data = my_information.gather()
    assert data["people"] == data["plans"] == data["check_in_answers"] == []
    assert data["your_name"] == ""
    assert data["settings"]["text_size"] == "large"  # back to the first day's


def test_the_app_opens_an_emptied_folder_as_a_new_household(
    my_information: MyInformationService,
    household: dict[str, Any],
    app_store: Stores,
    store_folder: Path,
    clock: FixedClock,
) -> None:
    my_information.delete_everything()
    app_store.close()

    opened = migrate.open_database(store_folder, now=clock.now())
    try:
        assert not opened.created  # the same file, now empty
        with closing(sqlite3.connect(opened.path)) as raw:
            assert raw.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
            assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        opened.dispose()
