"""The crash handler and dialog: log the details, never vanish, and let a helper copy them."""

from __future__ import annotations

import logging
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import PySide6
import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from lonely_bridge import __version__
from lonely_bridge.ui.crash_handler import CrashHandler, crash_details
from lonely_bridge.ui.dialogs.crash import CrashDialog
from lonely_bridge.ui.messages import Messenger

LOGGER = "lonely_bridge.ui.crash_handler"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def boil_over() -> None:
    raise RuntimeError("the kettle boiled over")


def caught(action: Callable[[], None]) -> ExcInfo:
    """A real exception with a real traceback, as sys.excepthook would receive it."""
    try:
        action()
    except BaseException as error:
        return type(error), error, error.__traceback__
    raise AssertionError("nothing was raised")


def crash_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.CRITICAL]


def interrupt() -> None:
    raise KeyboardInterrupt


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records QApplication.exit(code) instead of stopping the test's event loop."""
    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    return codes


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    return tmp_path / "logs" / "lonely-bridge.log"


@pytest.mark.allow_log("lonely_bridge.ui.crash_handler", "CRITICAL")
def test_handle_logs_the_traceback_and_version_without_blocking(
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    press_in_modal,
    exits: list[int],
    log_file: Path,
) -> None:
    watcher = press_in_modal(lambda dialog: dialog.close())
    handler = CrashHandler(Messenger(windows=False), log_file=log_file)
    with caplog.at_level(logging.CRITICAL, logger=LOGGER):
        handler.handle(*caught(boil_over))
    qtbot.wait(50)
    assert watcher.seen == []
    assert exits == []
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert record.levelno == logging.CRITICAL
    message = record.getMessage()
    assert "Traceback (most recent call last)" in message
    assert "in boil_over" in message
    assert "RuntimeError: the kettle boiled over" in message
    assert f"Lonely Bridge {__version__}" in message
    assert str(log_file) in message

    handler.handle(*caught(boil_over))
    assert len(crash_records(caplog)) == 2


def test_ctrl_c_quits_quietly(
    caplog: pytest.LogCaptureFixture, exits: list[int], log_file: Path
) -> None:
    handler = CrashHandler(Messenger(windows=True), log_file=log_file)
    with caplog.at_level(logging.CRITICAL, logger=LOGGER):
        handler.handle(*caught(interrupt))
    assert exits == [130]
    assert [r for r in caplog.records if r.name == LOGGER] == []


@pytest.mark.allow_log("lonely_bridge.ui.crash_handler", "CRITICAL")
def test_install_and_uninstall_swap_the_excepthook(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, log_file: Path
) -> None:
    def previous(*_args: object) -> None:
        raise AssertionError("the previous hook should not be called while installed")

    monkeypatch.setattr(sys, "excepthook", previous)
    handler = CrashHandler(Messenger(windows=False), log_file=log_file)
    handler.install()
    assert sys.excepthook == handler.handle
    sys.excepthook(*caught(boil_over))
    assert len(crash_records(caplog)) == 1
    handler.uninstall()
    assert sys.excepthook is previous
    handler.uninstall()
    assert sys.excepthook is previous


def test_crash_details_name_the_app_python_and_error(log_file: Path) -> None:
    details = crash_details(*caught(boil_over), log_file)
    assert details.startswith(f"Lonely Bridge {__version__}")
    assert f"Python {platform.python_version()}" in details
    assert f"PySide6 {PySide6.__version__}" in details
    assert f"Log file: {log_file}" in details
    assert "RuntimeError: the kettle boiled over" in details
    assert "Log file: none" in crash_details(*caught(boil_over), None)


@pytest.fixture
def dialog(qtbot: QtBot) -> CrashDialog:
    shown = CrashDialog("Lonely Bridge 0.1.0\nTraceback: the kettle boiled over")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def named_button(dialog: QDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, f"no button {name}"
    return found


def test_copy_details_puts_them_on_the_clipboard_and_says_so(
    qtbot: QtBot, dialog: CrashDialog
) -> None:
    QGuiApplication.clipboard().setText("something else")
    copied = dialog.findChild(QLabel, "crashCopied")
    assert copied is not None
    assert copied.text() == ""
    qtbot.mouseClick(named_button(dialog, "crashCopyDetails"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        "Lonely Bridge 0.1.0\nTraceback: the kettle boiled over"
    )
    assert copied.text()
    assert copied.isVisible()
    assert copied.height() > 0
    assert dialog.isVisible()


def test_carry_on_accepts(qtbot: QtBot, dialog: CrashDialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(named_button(dialog, "crashCarryOn"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_carries_on(qtbot: QtBot, dialog: CrashDialog) -> None:
    carry_on = named_button(dialog, "crashCarryOn")
    assert carry_on.isDefault()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)


def test_only_close_lonely_bridge_closes_the_app(qtbot: QtBot, dialog: CrashDialog) -> None:
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(named_button(dialog, "crashCloseApp"), Qt.MouseButton.LeftButton)
    assert dialog.result() == CrashDialog.CLOSE_APP


def test_escape_carries_on(qtbot: QtBot, dialog: CrashDialog) -> None:
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() != CrashDialog.CLOSE_APP


def test_dialog_buttons_are_named_and_worded(dialog: CrashDialog) -> None:
    words = {b.objectName(): b.text() for b in dialog.findChildren(QPushButton)}
    assert words == {
        "crashCopyDetails": "Copy details for a helper",
        "crashCarryOn": "Carry on",
        "crashCloseApp": "Close Lonely Bridge",
    }
    for button in dialog.findChildren(QPushButton):
        assert button.accessibleName() == button.text()


@pytest.mark.allow_log("lonely_bridge.ui.crash_handler", "CRITICAL")
def test_with_windows_the_dialog_shows_and_carry_on_keeps_the_app_going(
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    press_in_modal,
    click_named,
    exits: list[int],
    log_file: Path,
) -> None:
    presser = press_in_modal(click_named("crashCarryOn"))
    handler = CrashHandler(Messenger(windows=True), log_file=log_file)
    handler.handle(*caught(boil_over))
    assert presser.problems == []
    assert presser.seen == ["CrashDialog#crashDialog"]
    assert exits == []
    assert len(crash_records(caplog)) == 1


@pytest.mark.allow_log("lonely_bridge.ui.crash_handler", "CRITICAL")
def test_with_windows_close_lonely_bridge_exits(
    qtbot: QtBot, press_in_modal, click_named, exits: list[int], log_file: Path
) -> None:
    presser = press_in_modal(click_named("crashCloseApp"))
    CrashHandler(Messenger(windows=True), log_file=log_file).handle(*caught(boil_over))
    assert presser.problems == []
    assert presser.seen == ["CrashDialog#crashDialog"]
    assert exits == [1]


@pytest.mark.allow_log("lonely_bridge.ui.crash_handler", "CRITICAL")
def test_a_second_crash_while_the_dialog_is_up_opens_no_second_dialog(
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    press_in_modal,
    click_named,
    exits: list[int],
    log_file: Path,
) -> None:
    handler = CrashHandler(Messenger(windows=True), log_file=log_file)
    nested: list[object] = []

    def crash_again_then_carry_on(dialog: QObject) -> None:
        # Should a nested dialog open, this presser closes it instead of hanging the test.
        guard = press_in_modal(click_named("crashCarryOn"))
        handler.handle(*caught(boil_over))
        guard.stop()
        nested.extend(guard.seen)
        click_named("crashCarryOn")(dialog)

    presser = press_in_modal(crash_again_then_carry_on)
    with caplog.at_level(logging.CRITICAL, logger=LOGGER):
        handler.handle(*caught(boil_over))
    assert presser.problems == []
    assert nested == []
    assert len([r for r in caplog.records if r.name == LOGGER]) == 2
    assert exits == []
