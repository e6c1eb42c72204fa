"""Accessibility guarantees: no clipped text up to 200%, big named targets, keyboard, font."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontInfo, QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.settings import TextSize
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.theme import (
    FONT_FAMILY,
    MIN_TARGET_PX,
    PRIMARY_BUTTON_HEIGHT_PX,
    load_fonts,
)

PAGES = ("todayPage", "peoplePage", "learnPage", "myWeekPage", "settingsPage", "helperPage")
TAB_LIMIT = 80
BODY_TEXT_MIN_PT = 18


def show_page(qtbot: QtBot, window: MainWindow, index: int) -> QWidget:
    qtbot.mouseClick(window.nav_buttons[index], Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    page = window.stack.currentWidget()
    assert page.objectName() == PAGES[index]
    return page


def rest_at(qtbot: QtBot, window: MainWindow, size: TextSize) -> None:
    """Apply ``size`` with the keyboard focus parked on the page, as after reading a while."""
    window.stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.wait(0)
    assert not isinstance(QApplication.focusWidget(), QPushButton)
    window.apply_text_size(size)
    qtbot.wait(10)
    assert QApplication.font().pointSize() == size.points


def page_cases() -> list[object]:
    return [
        pytest.param(size, index, id=f"{size.value}-{page}")
        for size in TextSize
        for index, page in enumerate(PAGES)
    ]


@pytest.mark.parametrize(("size", "index"), page_cases())
def test_no_text_is_clipped_on_a_page(
    qtbot: QtBot,
    demo_window: MainWindow,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
    index: int,
) -> None:
    page = show_page(qtbot, demo_window, index)
    rest_at(qtbot, demo_window, size)
    assert clipped_widgets(page) == []
    # The page scrolls down to its last line, and nothing hides beyond its right edge
    # (there is no horizontal scroll bar to reach it).
    content = page.widget()
    viewport = page.viewport()
    assert content.width() <= viewport.width()
    assert page.verticalScrollBar().maximum() >= content.height() - viewport.height()


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_no_text_is_clipped_in_the_navigation(
    qtbot: QtBot,
    demo_window: MainWindow,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
) -> None:
    for index in range(len(PAGES)):
        show_page(qtbot, demo_window, index)
        rest_at(qtbot, demo_window, size)
        navigation = demo_window.findChild(QWidget, "navigation")
        assert navigation is not None
        assert clipped_widgets(navigation) == []
        assert all(navigation.rect().contains(b.geometry()) for b in demo_window.nav_buttons)


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_no_text_is_clipped_in_the_undo_bar(
    qtbot: QtBot,
    demo_window: MainWindow,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
) -> None:
    rest_at(qtbot, demo_window, size)
    demo_window.undo_bar.offer("Your visit with Thursday Book Club was noted.", lambda: None)
    qtbot.wait(10)
    assert demo_window.undo_bar.isVisible()
    assert clipped_widgets(demo_window.undo_bar) == []


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_no_text_is_clipped_in_the_header(
    qtbot: QtBot,
    demo_window: MainWindow,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
) -> None:
    rest_at(qtbot, demo_window, size)
    header = demo_window.findChild(QWidget, "header")
    assert header is not None
    assert clipped_widgets(header) == []


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_changing_size_from_the_keyboard_clips_nothing(
    qtbot: QtBot,
    demo_window: MainWindow,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
) -> None:
    header = demo_window.findChild(QWidget, "header")
    assert header is not None
    size_button = demo_window.size_buttons[size]
    size_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(size_button, Qt.Key.Key_Space)
    qtbot.wait(10)
    assert QApplication.font().pointSize() == size.points
    assert clipped_widgets(header) == []


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_every_button_is_named_and_big_enough(
    qtbot: QtBot, demo_window: MainWindow, size: TextSize
) -> None:
    rest_at(qtbot, demo_window, size)
    problems = []
    measured = 0
    for index in range(len(PAGES)):
        show_page(qtbot, demo_window, index)
        for button in demo_window.findChildren(QPushButton):
            who = f"{button.objectName() or '(no name)'} {button.text()!r}"
            if not button.objectName() or not button.accessibleName():
                problems.append(f"{who} has no objectName or accessibleName")
            if not button.isVisibleTo(demo_window):
                continue
            measured += 1
            if button.width() < MIN_TARGET_PX or button.height() < MIN_TARGET_PX:
                problems.append(f"{who} is {button.width()}x{button.height()}")
            if button.property("role") == "primary" and button.height() < PRIMARY_BUTTON_HEIGHT_PX:
                problems.append(f"primary {who} is only {button.height()} px tall")
    assert problems == []
    # 4 nav + 3 size buttons on every page, and calls on Today and People.
    assert measured >= 4 * 7 + 3 + 7


@pytest.mark.parametrize("group", ["nav", "size"])
def test_tab_reaches_every_button_of_a_group(
    qtbot: QtBot, demo_window: MainWindow, group: str
) -> None:
    buttons = demo_window.nav_buttons if group == "nav" else list(demo_window.size_buttons.values())
    demo_window.activateWindow()
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(buttons[0].hasFocus)
    reached = set()
    for _ in range(TAB_LIMIT):
        focused = QApplication.focusWidget()
        assert focused is not None, "the keyboard focus was lost"
        reached.add(focused.objectName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert {button.objectName() for button in buttons} <= reached


def bar_width(image: QImage) -> int:
    """Columns at the left edge, halfway down, that differ from the button's own fill."""
    middle = image.height() // 2
    fill = image.pixelColor(image.width() - 8, middle)
    width = 0
    while width < image.width() // 2 and image.pixelColor(width, middle) != fill:
        width += 1
    return width


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_the_chosen_page_differs_in_shape_not_only_colour(
    qtbot: QtBot, demo_window: MainWindow, size: TextSize
) -> None:
    rest_at(qtbot, demo_window, size)
    chosen, other = demo_window.nav_buttons[0], demo_window.nav_buttons[1]
    assert chosen.isChecked()
    assert not other.isChecked()
    chosen_bar = bar_width(chosen.grab().toImage())
    other_bar = bar_width(other.grab().toImage())
    # A thick bar on the chosen button's left edge; none on the others.
    assert chosen_bar >= 8 * size.points // TextSize.LARGE.points
    assert other_bar <= 2


def test_the_bundled_font_is_loaded_and_used(qtbot: QtBot, demo_window: MainWindow) -> None:
    assert load_fonts()
    assert FONT_FAMILY == "Atkinson Hyperlegible"
    assert FONT_FAMILY in QFontDatabase.families()
    assert QApplication.font().family() == FONT_FAMILY
    today = demo_window.stack.currentWidget()
    status = next(
        label
        for label in today.findChildren(QLabel)
        if label.objectName().startswith("personStatus") and label.isVisibleTo(today)
    )
    # What is drawn, not only what was asked for: the bundled family, not a fallback.
    assert QFontInfo(status.font()).family() == FONT_FAMILY


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_all_text_is_at_least_body_size(
    qtbot: QtBot, demo_window: MainWindow, size: TextSize
) -> None:
    rest_at(qtbot, demo_window, size)
    too_small = []
    for index in range(len(PAGES)):
        show_page(qtbot, demo_window, index)
        for widget in demo_window.findChildren(QWidget):
            if not isinstance(widget, QLabel | QPushButton) or not widget.isVisibleTo(demo_window):
                continue
            points = QFontInfo(widget.font()).pointSizeF()
            if points < max(BODY_TEXT_MIN_PT, size.points) - 0.5:
                too_small.append(f"{widget.objectName()} {widget.text()[:30]!r}: {points} pt")
    assert too_small == []
