"""The main window: four destinations by mouse and keyboard, what each page shows, text size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.settings import TextSize
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.services.tutorials import TutorialService
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.theme import apply_theme
from lonely_bridge.ui.widgets.person_card import PersonCard
from lonely_bridge.ui.widgets.weeks_chart import WeeksChart
from tests.doubles import FixedClock

PAGES = ("todayPage", "peoplePage", "learnPage", "myWeekPage", "settingsPage", "helperPage")
NAV_BUTTONS = (
    "navTodayPage",
    "navPeoplePage",
    "navLearnPage",
    "navMyWeekPage",
    "navSettingsPage",
    "navHelperPage",
)
NAV_WORDS = ("Today", "People", "Learn", "My week", "Settings", "Helpers")
DIGIT_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)
# Every page is visited from a different one, so a broken switch cannot pass by staying put.
VISIT_ORDER = (1, 2, 3, 0)
DEMO_NAMES = ("Anna", "Harold", "Lily", "Priya", "Rose", "Thursday Book Club", "Tom")
# In the demo, these four were last in touch 1, 2, 5 and 6 days ago; the others 12+ days ago.
IN_TOUCH_THIS_WEEK = {"Anna", "Lily", "Rose", "Thursday Book Club"}
TAB_LIMIT = 80


def nav(window: MainWindow, index: int) -> QPushButton:
    found = window.findChild(QPushButton, NAV_BUTTONS[index])
    assert found is not None, f"no nav button {NAV_BUTTONS[index]}"
    return found


def assert_on_page(window: MainWindow, index: int) -> None:
    assert window.stack.currentWidget().objectName() == PAGES[index]
    assert window.stack.currentWidget().isVisible()
    checked = [button.objectName() for button in window.nav_buttons if button.isChecked()]
    assert checked == [NAV_BUTTONS[index]]


def visible_labels(root: QWidget) -> list[QLabel]:
    return [label for label in root.findChildren(QLabel) if label.isVisibleTo(root)]


def visible_cards(root: QWidget) -> list[PersonCard]:
    return [card for card in root.findChildren(PersonCard) if card.isVisibleTo(root)]


def card_name(card: PersonCard) -> str:
    name = card.findChild(QLabel, f"personName{card.person_id}")
    assert name is not None
    return name.text()


def open_page(qtbot: QtBot, window: MainWindow, index: int) -> QWidget:
    qtbot.mouseClick(nav(window, index), Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert_on_page(window, index)
    return window.stack.currentWidget()


def tab_to(qtbot: QtBot, target: QWidget) -> list[str]:
    """Press Tab until ``target`` has the focus; returns the names focus passed through."""
    passed = []
    for _ in range(TAB_LIMIT):
        focused = QApplication.focusWidget()
        assert focused is not None, "the keyboard focus was lost"
        if focused is target:
            return passed
        passed.append(focused.objectName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}; it went {passed}")


def test_the_window_opens_on_today_with_six_worded_destinations(demo_window: MainWindow) -> None:
    assert [button.objectName() for button in demo_window.nav_buttons] == list(NAV_BUTTONS)
    assert [button.text() for button in demo_window.nav_buttons] == list(NAV_WORDS)
    assert demo_window.stack.count() == 6
    assert_on_page(demo_window, 0)


def test_nav_buttons_switch_pages_by_mouse(qtbot: QtBot, demo_window: MainWindow) -> None:
    for index in VISIT_ORDER:
        qtbot.mouseClick(nav(demo_window, index), Qt.MouseButton.LeftButton)
        assert_on_page(demo_window, index)


def test_alt_number_shortcuts_switch_pages(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window)
    for index in VISIT_ORDER:
        qtbot.keyClick(demo_window, DIGIT_KEYS[index], Qt.KeyboardModifier.AltModifier)
        # A button's shortcut "animates" the click, so the page changes a moment later.
        qtbot.waitUntil(lambda i=index: demo_window.stack.currentIndex() == i)
        assert_on_page(demo_window, index)


def test_tab_and_space_choose_a_page(qtbot: QtBot, demo_window: MainWindow) -> None:
    """Tab stops on every nav button, not only the chosen one (as a QButtonGroup would)."""
    demo_window.activateWindow()
    for index in VISIT_ORDER:
        # Start every walk from the first nav button, as a keyboard user coming back up would.
        nav(demo_window, 0).setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: nav(demo_window, 0).hasFocus())
        target = nav(demo_window, index)
        tab_to(qtbot, target)
        qtbot.keyClick(target, Qt.Key.Key_Space)
        assert_on_page(demo_window, index)


def test_space_on_a_focused_nav_button_chooses_its_page(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    demo_window.activateWindow()
    for index in VISIT_ORDER:
        target = nav(demo_window, index)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(target.hasFocus)
        qtbot.keyClick(target, Qt.Key.Key_Space)
        assert_on_page(demo_window, index)


def test_arrow_keys_move_between_destinations(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_window.activateWindow()
    nav(demo_window, 0).setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: nav(demo_window, 0).hasFocus())
    for index in (1, 2, 3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        assert_on_page(demo_window, index)
        assert nav(demo_window, index).hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert_on_page(demo_window, 2)


def test_today_greets_margaret_and_offers_three_calls(demo_window: MainWindow) -> None:
    today = demo_window.stack.currentWidget()
    title = today.findChild(QLabel, "todayPageTitle")
    assert title is not None
    assert "Margaret" in title.text()
    assert title.text().startswith(("Good morning", "Good afternoon", "Good evening"))
    texts = [label.text() for label in visible_labels(today)]
    assert "Who would you like to talk to?" in texts

    cards = visible_cards(today)
    assert len(cards) == 3
    for card in cards:
        call = card.findChild(QPushButton, f"callButton{card.person_id}")
        assert call is not None
        assert call.isVisibleTo(today)
        assert call.text() == f"Call {card_name(card)}"


def test_people_lists_everyone_sorted_by_name(qtbot: QtBot, demo_window: MainWindow) -> None:
    people = open_page(qtbot, demo_window, 1)
    cards = visible_cards(people)
    # Layout order is the order on screen, top to bottom.
    cards.sort(key=lambda card: card.mapTo(people, card.rect().topLeft()).y())
    assert [card_name(card) for card in cards] == list(DEMO_NAMES)
    for card in cards:
        call = card.findChild(QPushButton, f"callButton{card.person_id}")
        assert call is not None
        assert call.text().startswith("Call ")


def test_learn_lists_the_shipped_tutorials(
    qtbot: QtBot, demo_window: MainWindow, data_dir: Path
) -> None:
    learn = open_page(qtbot, demo_window, 2)
    cards = [
        widget
        for widget in learn.findChildren(QWidget)
        if widget.objectName().startswith("tutorial-") and widget.isVisibleTo(learn)
    ]
    shipped = TutorialService(data_dir=data_dir).tutorials()
    assert len(cards) >= 12
    assert {card.objectName() for card in cards} == {f"tutorial-{t.id}" for t in shipped}
    titles = {label.text() for label in visible_labels(learn)}
    assert {tutorial.title for tutorial in shipped} <= titles


def test_my_week_shows_the_chart_and_who_was_in_touch(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    week = open_page(qtbot, demo_window, 3)
    chart = week.findChild(WeeksChart, "weeksChart")
    assert chart is not None
    assert chart.isVisibleTo(week)
    assert chart.height() > 0
    assert "This week you were in touch with" in [label.text() for label in visible_labels(week)]

    box = week.findChild(QWidget, "weekPeople")
    assert box is not None
    lines = [line for label in visible_labels(box) for line in label.text().split("\n")]
    assert len(lines) == len(IN_TOUCH_THIS_WEEK)
    assert {line.split(":")[0] for line in lines} == IN_TOUCH_THIS_WEEK
    assert all(": " in line and line.split(": ")[1] for line in lines), lines


@pytest.mark.parametrize(
    ("start", "name", "size"),
    [
        (TextSize.LARGE, "textSizeLarger", TextSize.LARGER),
        (TextSize.LARGE, "textSizeLargest", TextSize.LARGEST),
        (TextSize.LARGEST, "textSizeLarge", TextSize.LARGE),
    ],
)
def test_text_size_button_restyles_and_is_remembered(
    qtbot: QtBot,
    clock: FixedClock,
    demo_store: Stores,
    open_app_store: Callable[..., Stores],
    build_window: Callable[[Stores], MainWindow],
    start: TextSize,
    name: str,
    size: TextSize,
) -> None:
    SettingsService(demo_store.settings, clock).set_text_size(start)
    window = build_window(demo_store)
    assert QApplication.font().pointSize() == start.points
    assert window.size_buttons[start].isChecked()

    pressed = window.findChild(QPushButton, name)
    assert pressed is not None
    qtbot.mouseClick(pressed, Qt.MouseButton.LeftButton)
    assert QApplication.font().pointSize() == size.points
    assert pressed.isChecked()
    assert [b.objectName() for b in window.size_buttons.values() if b.isChecked()] == [name]
    assert SettingsService(demo_store.settings, clock).text_size() is size

    # As if Lonely Bridge were closed and opened again: a fresh store, a fresh window.
    reopened = open_app_store(demo=False)
    assert SettingsService(reopened.settings, clock).text_size() is size
    apply_theme(QApplication.instance(), start)
    again = build_window(reopened)
    assert QApplication.font().pointSize() == size.points
    assert again.size_buttons[size].isChecked()


def test_an_empty_store_shows_friendly_words(
    qtbot: QtBot,
    open_app_store: Callable[..., Stores],
    build_window: Callable[[Stores], MainWindow],
) -> None:
    window = build_window(open_app_store(demo=False))
    today = window.stack.currentWidget()
    empty_today = today.findChild(QLabel, "todayEmpty")
    assert empty_today is not None
    assert empty_today.isVisibleTo(today)
    assert empty_today.text() == "There is nobody here yet."
    # A button that starts the welcome, not a sentence pointing somewhere else.
    set_up = today.findChild(QPushButton, "todaySetUpButton")
    assert set_up is not None
    assert set_up.isVisibleTo(today)
    assert set_up.text() == "Set up Lonely Bridge"
    assert visible_cards(today) == []

    people = open_page(qtbot, window, 1)
    empty_people = people.findChild(QLabel, "peopleEmpty")
    assert empty_people is not None
    assert empty_people.isVisibleTo(people)
    assert empty_people.text()
    assert visible_cards(people) == []


def test_bring_to_front_unminimises(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_window.showMinimized()
    qtbot.waitUntil(demo_window.isMinimized)
    demo_window.bring_to_front()
    qtbot.waitUntil(lambda: not demo_window.isMinimized())
    assert demo_window.isVisible()


class _WindowShowSpy(QObject):
    """Notes every top-level window that is shown while installed on the application."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = event.type() == QEvent.Type.Show
        if shown and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(f"{type(watched).__name__}#{watched.objectName()}")
        return False


def test_refreshing_twice_in_a_row_opens_no_stray_windows(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Replaced widgets whose queued show has not run yet must not pop up as windows."""
    spy = _WindowShowSpy()
    app = QApplication.instance()
    app.installEventFilter(spy)
    try:
        demo_window.refresh_current()
        demo_window.refresh_current()
        qtbot.wait(20)
    finally:
        app.removeEventFilter(spy)
    assert spy.shown == []
    assert QApplication.activeWindow() is demo_window
