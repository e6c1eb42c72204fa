"""Press Call, come back, answer "Did you get to talk?", see it in the history, undo it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from lonely_bridge.app import build_services
from lonely_bridge.domain.clock import FixedClock
from lonely_bridge.domain.contact import ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.store import AppStore
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.window_factory import build_main_window


class RecordingOpener:
    """Stands in for the operating system's link opener, which tests must not reach."""

    def __init__(self, *, works: bool = True) -> None:
        self.opened: list[str] = []
        self.works = works

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        return self.works


@pytest.fixture
def app_store(opened: OpenedDatabase) -> AppStore:
    return AppStore(opened)


@pytest.fixture
def anna(app_store: AppStore, clock: FixedClock) -> Person:
    return app_store.add_person(
        Person(
            None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY],
            links=(
                CallLink(None, None, "Anna on Zoom", "https://zoom.us/j/85512345678", "zoom", True),
                CallLink(None, None, "Anna's phone", "tel:+447700900123", "phone"),
            ),
        ),
        now=clock.now() - timedelta(days=40),
    )  # fmt: skip


def make_window(
    qtbot: QtBot, store: AppStore, clock: FixedClock, data_dir: Path, opener: RecordingOpener
) -> MainWindow:
    services = build_services(store, clock, data_dir, opener=opener)
    window, _today = build_main_window(
        services, data_dir=data_dir, messenger=Messenger(windows=True)
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def click_in_modal(qtbot: QtBot, name: str) -> None:
    """Press a button in the dialog that is about to open (dialogs block in exec())."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog was shown"
        target = dialog.findChild(QPushButton, name)
        assert target is not None, f"no button {name}"
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, press)


def test_call_follow_up_history_and_undo(
    qtbot: QtBot, app_store: AppStore, anna: Person, clock: FixedClock, data_dir: Path
) -> None:
    opener = RecordingOpener()
    window = make_window(qtbot, app_store, clock, data_dir, opener)
    call = window.findChild(QPushButton, f"callButton{anna.id}")
    assert call is not None
    assert call.text() == "Call Anna"

    qtbot.mouseClick(call, Qt.MouseButton.LeftButton)
    assert opener.opened == ["https://zoom.us/j/85512345678"]
    assert "Opening your call with Anna" in window.undo_bar.message.text()
    assert app_store.last_contact_by_person() == {}

    # Too soon after pressing Call: the call may still be ringing, so nothing is asked.
    window.commands.check_follow_up()
    clock.advance(minutes=30)
    click_in_modal(qtbot, "followUpYes")
    window.commands.check_follow_up()

    last = app_store.last_contact_by_person()[anna.id]  # type: ignore[index]
    assert last.kind is ContactKind.VIDEO_CALL
    assert last.source is ContactSource.CALL_BUTTON
    assert last.happened_at == clock.now() - timedelta(minutes=30)
    assert "video call with Anna" in window.undo_bar.message.text()
    shown = [
        status.text()
        for status in window.current_page.findChildren(QLabel, f"personStatus{anna.id}")
        if not status.isHidden()
    ]
    assert shown[-1] == "Last in touch today (video call)"

    # Asked once: coming back to the app again asks nothing more.
    window.commands.check_follow_up()
    assert QApplication.activeModalWidget() is None

    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert app_store.last_contact_by_person() == {}
    assert window.undo_bar.message.text() == "Removed that record."


def test_not_this_time_records_no_contact(
    qtbot: QtBot, app_store: AppStore, anna: Person, clock: FixedClock, data_dir: Path
) -> None:
    window = make_window(qtbot, app_store, clock, data_dir, RecordingOpener())
    window.commands.call(anna.id)  # type: ignore[arg-type]
    clock.advance(minutes=5)
    click_in_modal(qtbot, "followUpNo")
    window.commands.check_follow_up()
    assert app_store.last_contact_by_person() == {}
    assert app_store.latest_unasked_attempt() is None


def test_a_link_that_will_not_open_says_so_and_records_nothing(
    qtbot: QtBot, app_store: AppStore, anna: Person, clock: FixedClock, data_dir: Path
) -> None:
    window = make_window(qtbot, app_store, clock, data_dir, RecordingOpener(works=False))

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None
        assert "didn't open" in box.windowTitle()
        box.close()

    QTimer.singleShot(0, close_box)
    window.commands.call(anna.id)  # type: ignore[arg-type]
    assert app_store.latest_unasked_attempt() is None


def test_record_a_visit_by_hand_and_undo(
    qtbot: QtBot, app_store: AppStore, anna: Person, clock: FixedClock, data_dir: Path
) -> None:
    window = make_window(qtbot, app_store, clock, data_dir, RecordingOpener())
    record = window.findChild(QPushButton, "recordContactButton")
    assert record is not None

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        for name in (f"recordPerson{anna.id}", "recordKindvisit", "recordWhen2", "recordSave"):
            qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, fill_in)
    qtbot.mouseClick(record, Qt.MouseButton.LeftButton)
    last = app_store.last_contact_by_person()[anna.id]  # type: ignore[index]
    assert last.kind is ContactKind.VISIT
    assert last.source is ContactSource.BY_HAND
    assert last.happened_at == clock.now() - timedelta(days=1)
    assert window.undo_bar.isVisible()
    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert app_store.last_contact_by_person() == {}
