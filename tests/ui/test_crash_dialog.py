"""An unexpected error is logged with its details, and a helper can copy them in one press."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from lonely_bridge.ui.crash_handler import CrashHandler
from lonely_bridge.ui.dialogs.crash import CrashDialog
from lonely_bridge.ui.messages import Messenger


@pytest.mark.allow_log("lonely_bridge.ui.crash_handler", "CRITICAL")
def test_handler_logs_details_without_blocking(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    handler = CrashHandler(Messenger(windows=False), log_file=tmp_path / "lonely-bridge.log")
    previous = sys.excepthook
    handler.install()
    try:
        assert sys.excepthook == handler.handle
        try:
            raise RuntimeError("the kettle boiled over")
        except RuntimeError as error:
            with caplog.at_level(logging.CRITICAL):
                handler.handle(type(error), error, error.__traceback__)
    finally:
        handler.uninstall()
    assert sys.excepthook is previous
    assert [r.levelno for r in caplog.records] == [logging.CRITICAL]
    logged = caplog.text
    assert "the kettle boiled over" in logged
    assert "Lonely Bridge 0." in logged
    assert str(tmp_path / "lonely-bridge.log") in logged


def test_copy_details_for_a_helper(qtbot: QtBot) -> None:
    dialog = CrashDialog("Traceback: something specific")
    qtbot.addWidget(dialog)
    dialog.show()
    copied = dialog.findChild(QLabel, "crashCopied")
    assert copied is not None
    assert copied.text() == ""
    qtbot.mouseClick(dialog.findChild(QPushButton, "crashCopyDetails"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Traceback: something specific"
    assert copied.text().startswith("✓ Copied")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.findChild(QPushButton, "crashCarryOn"), Qt.MouseButton.LeftButton)
