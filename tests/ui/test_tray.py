"""The icon beside the clock: a click or "Open Lonely Bridge" opens the window, "Close" closes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from lonely_bridge.ui.tray import Tray

# Offscreen Qt, asked for a tray icon it cannot show, says so.
pytestmark = pytest.mark.qt_log_ignore("systemTrayWindowChanged")

Reason = QSystemTrayIcon.ActivationReason


@pytest.fixture
def tray(qapp: QApplication) -> Tray:
    return Tray()


def test_the_icon_has_a_picture_and_the_menu_its_two_choices(tray: Tray) -> None:
    assert not tray.icon.icon().isNull()
    assert [action.text() for action in tray.menu.actions()] == ["Open Lonely Bridge", "Close"]
    assert tray.icon.contextMenu() is tray.menu
    assert "Click to open" in tray.icon.toolTip()


def test_the_menu_opens_and_closes(qtbot: QtBot, tray: Tray) -> None:
    with qtbot.waitSignal(tray.open_requested):
        tray.open_action.trigger()
    with qtbot.waitSignal(tray.close_requested):
        tray.close_action.trigger()


@pytest.mark.parametrize("reason", [Reason.Trigger, Reason.DoubleClick, Reason.MiddleClick])
def test_a_click_on_the_icon_opens_the_window(
    qtbot: QtBot, tray: Tray, reason: QSystemTrayIcon.ActivationReason
) -> None:
    with qtbot.waitSignal(tray.open_requested):
        tray.icon.activated.emit(reason)


def test_the_right_button_only_shows_the_menu(qtbot: QtBot, tray: Tray) -> None:
    with qtbot.assertNotEmitted(tray.open_requested):
        tray.icon.activated.emit(Reason.Context)
