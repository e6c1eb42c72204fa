"""Your information: pause, answers, save and delete, with real widgets, by keyboard alone."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Choosers, Composition, Edges, build_services
from lonely_bridge.domain.checkins import Scale
from lonely_bridge.domain.pin import PinHash
from lonely_bridge.domain.settings import INSIGHT_COUNTS_FROM, INSIGHT_PAUSED, TextSize
from lonely_bridge.services.settings import read
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.dialogs.check_in_answers import CheckInAnswersDialog
from lonely_bridge.ui.dialogs.delete_everything import DeleteEverythingDialog
from lonely_bridge.ui.dialogs.my_information import MyInformationDialog
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock, MemorySecrets

SMALL_SCREEN = (1024, 600)
PIN = "4821"


class Chooser:
    """Stands in for the save window: answers with ``path`` and remembers what was offered."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.offered: list[str] = []

    def __call__(self, parent: QWidget, suggested: str) -> Path | None:
        self.offered.append(suggested)
        return self.path


@pytest.fixture
def secrets() -> MemorySecrets:
    keeper = MemorySecrets()
    keeper.set_smtp_password("Plum-Kettle-7391")
    return keeper


@pytest.fixture
def chooser(tmp_path: Path) -> Chooser:
    return Chooser(tmp_path / "saved" / "mine")


@pytest.fixture
def compose(
    qtbot: QtBot,
    data_dir: Path,
    clock: FixedClock,
    secrets: MemorySecrets,
    chooser: Chooser,
    bundled_fonts: bool,
) -> Callable[..., Composition]:
    (chooser.path.parent if chooser.path else data_dir).mkdir(exist_ok=True)

    def build(store: Stores, *, messenger: Messenger | None = None) -> Composition:
        edges = Edges(clock, home_zone="Europe/London", secrets=secrets)
        composition = Composition(
            build_services(store, edges, data_dir),
            data_dir,
            edges,
            messenger or Messenger(windows=False),
            Choosers(information_file=chooser),
        )
        qtbot.addWidget(composition.window)
        return composition

    return build


def _open(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.resize(*SMALL_SCREEN)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def tab_to(name: str, *, within: QWidget | None = None, limit: int = 60) -> QWidget:
    """Press Tab until the widget named ``name`` has the keyboard's focus."""
    for _ in range(limit):
        # The offscreen platform makes no window active again after a message box closes;
        # the window (``within``) still knows which of its widgets has the focus.
        focused = within.focusWidget() if within else QApplication.focusWidget()
        if focused is None and within is not None:
            within.focusNextChild()  # as the first Tab into a window does
            focused = within.focusWidget()
        assert focused is not None, "nothing has the keyboard's focus"
        if focused.objectName() == name:
            return focused
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}")


def press_key(name: str, key: Qt.Key = Qt.Key.Key_Space, *, within: QWidget | None = None) -> None:
    QTest.keyClick(tab_to(name, within=within), key)
    QApplication.processEvents()


def words(root: QWidget, name: str) -> str:
    found = [w for w in root.findChildren(QLabel, name) if w.isVisibleTo(root)]
    assert found, f"no label {name}"
    return found[-1].text()


# The gentle eye --------------------------------------------------------------------------
def test_pausing_and_turning_back_on_by_keyboard(
    qtbot: QtBot, compose: Callable[..., Composition], app_store: Stores, clock: FixedClock
) -> None:
    composition = compose(app_store)
    dialog = _open(qtbot, composition.my_information_dialog())
    assert "is on" in words(dialog, "myInfoPauseWords")

    press_key("myInfoPause")
    assert read(app_store.settings, INSIGHT_PAUSED) is True
    assert "resting" in words(dialog, "myInfoPauseWords")
    assert dialog.findChild(QPushButton, "myInfoPause").text() == "Turn the gentle eye back on"

    clock.advance(days=3)
    press_key("myInfoPause")
    assert read(app_store.settings, INSIGHT_PAUSED) is False
    assert read(app_store.settings, INSIGHT_COUNTS_FROM) == clock.now()


# The answers ------------------------------------------------------------------------------
def test_answers_read_in_words_and_are_deleted_one_then_all(
    qtbot: QtBot,
    compose: Callable[..., Composition],
    app_store: Stores,
    clock: FixedClock,
    press_in_modal: Callable[..., Any],
    click_worded: Callable[[str], Any],
) -> None:
    composition = compose(app_store, messenger=Messenger(windows=True))
    insight = composition.services.insight
    first = insight.save_check_in(Scale.UCLA3, (1, None, 3))
    clock.advance(days=40)
    second = insight.save_check_in(Scale.UCLA3, (2, 2, 2))
    dialog = _open(qtbot, CheckInAnswersDialog(insight, messenger=composition.messenger))
    assert isinstance(dialog, CheckInAnswersDialog)
    text = words(dialog, f"answerWords{first.id}")
    assert "How often do you feel that you lack companionship?\n    Hardly ever" in text
    assert "Not answered" in text
    assert "Often" in text

    presser = press_in_modal(click_worded("Delete them"))
    press_key(f"answerDelete{second.id}")
    assert presser.seen
    assert [c.id for c in app_store.contacts.check_ins()] == [first.id]
    assert "Deleted your answers" in dialog.note.text()

    press_in_modal(click_worded("Keep them"))
    press_key("answersDeleteAll", within=dialog)
    assert len(app_store.contacts.check_ins()) == 1  # kept: the person said no

    press_in_modal(click_worded("Delete them all"))
    press_key("answersDeleteAll", within=dialog)
    assert app_store.contacts.check_ins() == []
    assert words(dialog, "answersNone")


# Save all my information -------------------------------------------------------------------
def test_saving_all_my_information_by_keyboard(
    qtbot: QtBot, compose: Callable[..., Composition], demo_store: Stores, chooser: Chooser
) -> None:
    dialog = _open(qtbot, compose(demo_store).my_information_dialog())

    press_key("myInfoSaveAll")

    assert chooser.offered == ["Lonely Bridge information 2026-11-26.zip"]
    assert chooser.path is not None
    saved = chooser.path.with_name("mine.zip")  # the ending is added when missing
    with zipfile.ZipFile(saved) as archive:
        data = json.loads(archive.read("information.json"))
    assert len(data["people"]) == 6
    assert "mine.zip" in dialog.findChild(QLabel, "myInformationDialogNote").text()


def test_a_save_put_off_changes_nothing(
    qtbot: QtBot, compose: Callable[..., Composition], app_store: Stores, chooser: Chooser
) -> None:
    chooser.path = None  # the person closed the save window
    dialog = _open(qtbot, compose(app_store).my_information_dialog())
    press_key("myInfoSaveAll")
    assert not dialog.findChild(QLabel, "myInformationDialogNote").isVisible()


# Delete everything -------------------------------------------------------------------------
def test_delete_needs_a_second_deliberate_step_and_enter_keeps_everything(qtbot: QtBot) -> None:
    dialog = _open(qtbot, DeleteEverythingDialog())
    assert isinstance(dialog, DeleteEverythingDialog)
    what_goes = words(dialog, "deleteWhatGoes")
    assert "saved copies" in what_goes
    assert "cannot be undone" in words(dialog, "deleteCannotUndo")
    assert not dialog.findChild(QPushButton, "deleteEverything").isVisibleTo(dialog)

    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == DeleteEverythingDialog.DialogCode.Rejected  # Enter keeps

    dialog.show()
    press_key("deleteSure", within=dialog)
    final = dialog.focusWidget()
    assert final is not None
    assert final.objectName() == "deleteEverything"  # the last step, and nothing more
    QTest.keyClick(final, Qt.Key.Key_Space)
    assert dialog.result() == DeleteEverythingDialog.DialogCode.Accepted
    assert not dialog.confirmed_by_pin


def test_the_helpers_pin_may_stand_for_the_second_step(qtbot: QtBot) -> None:
    pin = PinHash.of(PIN)
    dialog = _open(qtbot, DeleteEverythingDialog(check_pin=pin.matches))
    assert isinstance(dialog, DeleteEverythingDialog)
    field = tab_to("deletePin")
    assert isinstance(field, QLineEdit)
    assert field.echoMode() is QLineEdit.EchoMode.Password

    QTest.keyClicks(field, "1234")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Nothing was deleted" in dialog.note.text()
    assert field.text() == ""  # a PIN never stays on screen

    QTest.keyClicks(field, PIN)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert dialog.result() == DeleteEverythingDialog.DialogCode.Accepted
    assert dialog.confirmed_by_pin


def test_deleting_everything_by_keyboard_starts_afresh(
    qtbot: QtBot,
    compose: Callable[..., Composition],
    demo_store: Stores,
    secrets: MemorySecrets,
    press_in_modal: Callable[..., Any],
) -> None:
    composition = compose(demo_store)
    window = composition.window
    window.show()
    dialog = _open(qtbot, composition.my_information_dialog(window))
    assert isinstance(dialog, MyInformationDialog)

    def agree_by_keyboard(confirm: QWidget) -> None:
        press_key("deleteSure", within=confirm)
        press_key("deleteEverything", within=confirm)

    with qtbot.waitSignal(dialog.everything_deleted):
        press_in_modal(agree_by_keyboard)
        press_key("myInfoDeleteEverything")

    assert demo_store.today.list_people(include_archived=True) == []
    assert secrets.smtp_password() is None
    window.show_page(0)
    QApplication.processEvents()
    assert window.findChild(QLabel, "todayEmpty") is not None


def test_saying_no_deletes_nothing(
    qtbot: QtBot,
    compose: Callable[..., Composition],
    demo_store: Stores,
    press_in_modal: Callable[..., Any],
    click_named: Callable[[str], Any],
) -> None:
    dialog = _open(qtbot, compose(demo_store).my_information_dialog())
    press_in_modal(click_named("deleteKeep"))
    press_key("myInfoDeleteEverything")
    assert len(demo_store.today.list_people()) == 7  # six people and the book club
    assert "Nothing was deleted" in dialog.findChild(QLabel, "myInformationDialogNote").text()


# Fits a small screen -----------------------------------------------------------------------
@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_each_dialog_fits_a_small_screen_at_every_text_size(
    qtbot: QtBot,
    compose: Callable[..., Composition],
    demo_store: Stores,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
) -> None:
    composition = compose(demo_store)
    demo_store_insight = composition.services.insight
    demo_store_insight.save_check_in(Scale.LSNS6, (0, 1, 2, 3, 4, 5))
    composition.window.apply_text_size(size, save=False)
    for dialog in (
        composition.my_information_dialog(),
        CheckInAnswersDialog(demo_store_insight, messenger=composition.messenger),
        DeleteEverythingDialog(check_pin=lambda pin: False),
    ):
        _open(qtbot, dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= SMALL_SCREEN[0], dialog.objectName()
        assert hint.height() <= SMALL_SCREEN[1], dialog.objectName()
        assert clipped_widgets(dialog) == [], dialog.objectName()
        dialog.close()
