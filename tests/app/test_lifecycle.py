"""Around the window: a file check and daily copy under way finish before the database closes,
and the storage warms up at the person's first touch."""

from __future__ import annotations

import threading
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from lonely_bridge.app.lifecycle import FileCheck, WarmUpOnFirstTouch
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


class CountingWarmUp:
    """Stands in for Stores.warm_up: counts the calls and says when one came."""

    def __init__(self) -> None:
        self.calls = 0
        self.called = threading.Event()

    def __call__(self) -> None:
        self.calls += 1
        self.called.set()


def test_the_first_touch_warms_the_storage_up_once(qtbot: QtBot, qapp: QApplication) -> None:
    warm_up = CountingWarmUp()
    watcher = WarmUpOnFirstTouch(warm_up, qapp)
    button = QPushButton("Call Anna")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    QApplication.processEvents()
    assert warm_up.calls == 0  # being on the screen is not a touch

    qtbot.mouseMove(button)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    QApplication.processEvents()

    assert warm_up.called.wait(5)
    assert warm_up.calls == 1
    assert watcher.started


def test_a_watcher_stopped_before_any_touch_never_warms_up(
    qtbot: QtBot, qapp: QApplication
) -> None:
    warm_up = CountingWarmUp()
    watcher = WarmUpOnFirstTouch(warm_up, qapp)
    watcher.stop()
    button = QPushButton("Call Anna")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert not warm_up.called.wait(0.2)
    assert not watcher.started
