"""The place chooser: search as you type, pick with the keyboard, and say which place is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lonely_bridge.ui.widgets.place_chooser import PlaceChooser, place_name


def shown(qtbot: QtBot, chooser: PlaceChooser) -> PlaceChooser:
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.waitExposed(chooser)
    return chooser


def test_typing_then_enter_chooses_the_first_match(qtbot: QtBot) -> None:
    chooser = shown(qtbot, PlaceChooser())
    assert chooser.zone is None
    chooser.search.setFocus()
    qtbot.keyClicks(chooser.search, "auckl")
    assert chooser.list.currentItem().text() == "Auckland, New Zealand"
    with qtbot.waitSignal(chooser.chosen) as picked:
        qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    assert picked.args == ["Pacific/Auckland"]
    assert chooser.zone == "Pacific/Auckland"
    assert chooser.search.text() == "Auckland"


def test_down_walks_the_matches_from_the_typing_box(qtbot: QtBot) -> None:
    chooser = shown(qtbot, PlaceChooser())
    qtbot.keyClicks(chooser.search, "new")
    first = chooser.list.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(chooser.search, Qt.Key.Key_Down)
    second = chooser.list.currentItem().data(Qt.ItemDataRole.UserRole)
    assert first != second
    qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    assert chooser.zone == second


def test_set_zone_shows_the_place_and_says_nothing(qtbot: QtBot) -> None:
    chooser = shown(qtbot, PlaceChooser("Europe/London"))
    assert chooser.search.text() == "London"
    assert chooser.list.currentItem().data(Qt.ItemDataRole.UserRole) == "Europe/London"
    with qtbot.assertNotEmitted(chooser.chosen):
        chooser.set_zone("UTC")
    assert chooser.zone == "UTC"
    assert chooser.search.text() == place_name("UTC")
    assert chooser.list.currentItem().data(Qt.ItemDataRole.UserRole) == "UTC"
    chooser.set_zone(None)
    assert chooser.zone is None
