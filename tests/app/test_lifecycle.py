"""Around the window: a file check and daily copy under way finish before the database closes."""

from __future__ import annotations

import threading
from datetime import date

from pytestqt.qtbot import QtBot

from lonely_bridge.app.lifecycle import FileCheck
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.storage import migrate
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock

TODAY = date(2026, 11, 26)


def test_closing_waits_for_the_check_and_the_daily_copy(
    qtbot: QtBot, store: Stores, clock: FixedClock
) -> None:
    store.people.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
        now=clock.now(),
    )
    data_dir = store.database.path.parent
    check = FileCheck(store.database.path, migrate.backups_dir(data_dir), today=TODAY, back_up=True)
    with qtbot.waitSignal(check.finished) as finished:
        check.start()
        assert check.finish()
        # Once it has returned, nothing is left reading the file, and the copy is whole.
        assert not [t for t in threading.enumerate() if t.name == "file-check"]
        assert list(migrate.backups_dir(data_dir).glob("daily-*.db"))
    assert finished.args is not None


def test_a_check_never_started_has_nothing_to_wait_for(store: Stores) -> None:
    data_dir = store.database.path.parent
    check = FileCheck(
        store.database.path, migrate.backups_dir(data_dir), today=TODAY, back_up=False
    )
    assert check.finish(timeout_s=0)
