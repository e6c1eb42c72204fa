"""For family and helpers: the PIN asked for by keyboard alone in the real window, the wait
after wrong tries, Done and ten idle minutes, and the People page with no helper tools."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.people import Person
from lonely_bridge.domain.settings import HELPER_PIN
from lonely_bridge.services.settings import read
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.pages.helper import HelperPage
from tests.doubles import FixedClock
from tests.ui.conftest import HELPER_PIN_TYPED, open_helper_tools

T = TypeVar("T", bound=QWidget)
PEOPLE_PAGE, MY_WEEK_PAGE = 1, 3
HELPER_TOOLS = ("addPerson", "importContacts", "addPlan", "exportCalendar", "openSharing")


def helper_index(window: MainWindow) -> int:
    return [nav.objectName() for nav in window.nav_buttons].index("navHelperPage")


def helper_page(window: MainWindow) -> HelperPage:
    page = window.page(helper_index(window))
    assert isinstance(page, HelperPage)
    return page


def shown(root: QWidget, kind: type[T], name: str) -> T:
    """The one shown widget of that kind and name (a page just redrawn still holds the old
    ones until the event loop deletes them)."""
    QApplication.processEvents()
    [found] = [w for w in root.findChildren(kind, name) if w.isVisibleTo(root)]
    return found


def shown_buttons(root: QWidget) -> set[str]:
    QApplication.processEvents()
    return {b.objectName() for b in root.findChildren(QPushButton) if b.isVisibleTo(root)}


def shown_words(root: QWidget) -> str:
    QApplication.processEvents()
    return " ".join(w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root))


def type_keys(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the keyboard focus, as a person at the keyboard does."""
    for character in text:
        focused = QApplication.focusWidget()
        assert focused is not None, "nothing has the keyboard focus"
        qtbot.keyClicks(focused, character)


def press_enter(qtbot: QtBot) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)


def go_to_helpers_by_keyboard(qtbot: QtBot, window: MainWindow) -> HelperPage:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    number = helper_index(window) + 1
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == helper_index(window))
    page = helper_page(window)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    return page


@pytest.fixture
def window(app_store: Stores, anna: Person, build_window: Callable[..., MainWindow]) -> MainWindow:
    return build_window(app_store)


def test_the_people_page_offers_no_changes_without_the_pin(window: MainWindow) -> None:
    window.show_page(PEOPLE_PAGE)
    people = window.current_page
    buttons = shown_buttons(people)
    assert "callButton1" in buttons  # calling needs no PIN
    assert not any(
        name.startswith(("editPerson", "deletePerson", "restorePerson")) for name in buttons
    )
    assert not set(HELPER_TOOLS) & buttons
    assert not any(name.startswith(("changePlan", "stopPlan")) for name in buttons)


def test_locked_helper_page_shows_no_tools(window: MainWindow, app_store: Stores) -> None:
    open_helper_tools(window).done()
    page = helper_page(window)
    window.show_page(helper_index(window))
    assert not page.is_open
    buttons = shown_buttons(page)
    assert buttons == {"helperUnlock", "helperForgotPin"}


def test_the_first_pin_is_set_by_keyboard_typed_twice_and_kept_as_a_hash(
    qtbot: QtBot, window: MainWindow, app_store: Stores
) -> None:
    page = go_to_helpers_by_keyboard(qtbot, window)
    assert "No helper's PIN has been set" in shown_words(page)
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused.objectName() == "newPinEntry"
    type_keys(qtbot, "1234")
    press_enter(qtbot)  # on to "the same PIN again"
    type_keys(qtbot, "1243")
    press_enter(qtbot)
    assert not page.is_open
    assert "not the same" in shown_words(page)
    assert read(app_store.settings, HELPER_PIN) is None

    type_keys(qtbot, "1234")
    press_enter(qtbot)
    type_keys(qtbot, "1234")
    press_enter(qtbot)
    assert page.is_open
    saved = read(app_store.settings, HELPER_PIN)
    assert saved is not None
    assert saved.text.startswith("scrypt$")
    assert saved.matches("1234")


def test_unlocking_by_keyboard_alone_in_the_real_window(qtbot: QtBot, window: MainWindow) -> None:
    open_helper_tools(window).done()
    window.show_page(0)
    page = go_to_helpers_by_keyboard(qtbot, window)
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused.objectName() == "helperPinEntry"
    type_keys(qtbot, "12ab")  # letters are not taken
    assert shown(page, QLineEdit, "helperPinEntry").text() == "12"
    focused.clear()  # type: ignore[attr-defined]
    type_keys(qtbot, HELPER_PIN_TYPED)
    press_enter(qtbot)
    assert page.is_open
    assert set(HELPER_TOOLS) <= shown_buttons(page)
    assert "editPerson1" in shown_buttons(page)
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused.objectName() == "helperDone"  # the tools start at the top
    assert page.verticalScrollBar().value() == 0


def test_wrong_pins_say_when_to_try_again_and_never_which_digit(
    qtbot: QtBot, window: MainWindow, clock: FixedClock
) -> None:
    open_helper_tools(window).done()
    page = go_to_helpers_by_keyboard(qtbot, window)
    message = shown(page, QLabel, "helperPinMessage")
    texts = []
    for _ in range(4):
        type_keys(qtbot, "4820")
        press_enter(qtbot)
        texts.append(message.text())
    assert texts[0] == "That is not the helper's PIN. Please try again."
    assert texts[3] == "That is not the helper's PIN. You can try again in 30 seconds."
    assert not any("digit" in text for text in texts)
    # The right PIN waits too, until the time is up.
    type_keys(qtbot, HELPER_PIN_TYPED)
    press_enter(qtbot)
    assert not page.is_open
    assert "You can try again in 30 seconds" in message.text()
    clock.advance(seconds=30)
    type_keys(qtbot, HELPER_PIN_TYPED)
    press_enter(qtbot)
    assert page.is_open


def test_the_wait_counts_down_on_its_own_and_says_when_it_is_over(
    qtbot: QtBot, window: MainWindow, clock: FixedClock
) -> None:
    open_helper_tools(window).done()
    page = go_to_helpers_by_keyboard(qtbot, window)
    message = shown(page, QLabel, "helperPinMessage")
    for _ in range(4):
        type_keys(qtbot, "4820")
        press_enter(qtbot)
    assert message.text() == "That is not the helper's PIN. You can try again in 30 seconds."
    # Nobody types: the words follow the clock by themselves.
    clock.advance(seconds=20)
    qtbot.waitUntil(lambda: "You can try again in 10 seconds" in message.text(), timeout=3000)
    clock.advance(seconds=10)
    qtbot.waitUntil(
        lambda: message.text() == "You can type the helper's PIN again now.", timeout=3000
    )
    assert message.accessibleName() == message.text()
    type_keys(qtbot, HELPER_PIN_TYPED)
    press_enter(qtbot)
    assert page.is_open


def test_the_wait_is_shown_again_after_the_app_is_closed_and_opened(
    qtbot: QtBot,
    app_store: Stores,
    anna: Person,
    build_window: Callable[..., MainWindow],
    open_app_store: Callable[..., Stores],
    clock: FixedClock,
) -> None:
    first = build_window(app_store)
    open_helper_tools(first).done()
    page = helper_page(first)
    first.show_page(helper_index(first))
    for _ in range(5):
        entry = shown(page, QLineEdit, "helperPinEntry")
        entry.setText("0000")
        entry.returnPressed.emit()
    first.close()
    app_store.close()

    clock.advance(seconds=10)
    again = build_window(open_app_store(demo=False))
    again.show_page(helper_index(again))
    reopened = helper_page(again)
    assert "You can try again in 20 seconds" in shown_words(reopened)


def test_done_locks_and_goes_back_to_today(qtbot: QtBot, window: MainWindow) -> None:
    page = open_helper_tools(window)
    qtbot.mouseClick(shown(page, QPushButton, "helperDone"), Qt.MouseButton.LeftButton)
    assert not page.is_open
    assert window.stack.currentIndex() == 0
    window.show_page(helper_index(window))
    assert "helperUnlock" in shown_buttons(page)


def test_ten_idle_minutes_lock_and_go_back_to_today(
    qtbot: QtBot, window: MainWindow, clock: FixedClock
) -> None:
    page = open_helper_tools(window)
    clock.advance(minutes=9)
    qtbot.keyClick(page, Qt.Key.Key_Shift)  # any key counts as someone being there
    clock.advance(minutes=9)
    page.check_idle()
    assert page.is_open
    assert window.stack.currentIndex() == helper_index(window)
    clock.advance(minutes=1)
    page.check_idle()
    assert not page.is_open
    assert window.stack.currentIndex() == 0
    window.show_page(helper_index(window))
    assert not {"addPerson", "helperDone"} & shown_buttons(page)


def test_forgot_the_pin_points_to_the_care_workers_command(
    qtbot: QtBot,
    app_store: Stores,
    anna: Person,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., Any],
) -> None:
    window = build_window(app_store, messenger=Messenger(windows=True))
    open_helper_tools(window).done()
    window.show_page(helper_index(window))
    seen: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.close()

    press_in_modal(read_and_close)
    page = helper_page(window)
    qtbot.mouseClick(shown(page, QPushButton, "helperForgotPin"), Qt.MouseButton.LeftButton)
    assert any("lonely-bridge provision" in text for text in seen)
    assert any("Nothing is lost" in text for text in seen)


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_the_pin_is_changed_in_helper_mode(
    qtbot: QtBot, window: MainWindow, app_store: Stores
) -> None:
    page = open_helper_tools(window)
    shown(page, QLineEdit, "newPinEntry").setText("86420")
    shown(page, QLineEdit, "newPinAgainEntry").setText("86420")
    qtbot.mouseClick(shown(page, QPushButton, "helperChangePin"), Qt.MouseButton.LeftButton)
    saved = read(app_store.settings, HELPER_PIN)
    assert saved is not None
    assert saved.matches("86420")
    assert not saved.matches(HELPER_PIN_TYPED)


def test_sharing_from_my_week_asks_for_the_pin_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.conftest import actions_of

    opened: list[bool] = []
    monkeypatch.setattr(actions_of(window), "open_sharing", lambda: opened.append(True))
    open_helper_tools(window).done()
    window.show_page(MY_WEEK_PAGE)
    week = window.current_page
    week.sharing_requested.emit()  # type: ignore[attr-defined]
    assert opened == []
    assert window.stack.currentIndex() == helper_index(window)
    open_helper_tools(window)
    assert opened == [True]
    week.sharing_requested.emit()  # type: ignore[attr-defined]
    assert opened == [True, True]  # helper mode is open: no PIN again


def test_the_helper_lesson_says_what_the_app_does(window: MainWindow) -> None:
    from lonely_bridge.domain.pin import MAX_DIGITS, MIN_DIGITS
    from lonely_bridge.services.helper_access import (
        FIRST_WAIT,
        FREE_WRONG_TRIES,
        IDLE_LIMIT,
        LONGEST_WAIT,
    )
    from lonely_bridge.services.tutorials import TutorialService

    library = TutorialService().library()
    lessons = [library.get("helper-setting-up"), library.get("helper-pin")]
    words = " ".join(step.text for lesson in lessons if lesson for step in lesson.steps)
    assert all(lessons)
    assert (
        3,
        timedelta(seconds=30),
        timedelta(hours=1),
    ) == (FREE_WRONG_TRIES, FIRST_WAIT, LONGEST_WAIT)
    facts = [
        f"{MIN_DIGITS} to {MAX_DIGITS} digits",
        "type it twice",
        "Three wrong PINs in a row cost nothing",
        "waits 30 seconds",
        "twice as long",
        "up to an hour",
        f"{int(IDLE_LIMIT.total_seconds() // 60)} minutes",
        "lonely-bridge provision",
    ]
    # Every button and heading the lesson names is one the app shows.
    nav = window.nav_buttons[helper_index(window)].text()
    page = open_helper_tools(window)
    on_screen = {b.text().replace("&&", "&").rstrip("…") for b in page.findChildren(QPushButton)}
    on_screen |= {w.text() for w in page.findChildren(QLabel)}
    on_screen |= {nav, page.accessibleName()}
    page.done()
    window.show_page(helper_index(window))
    on_screen |= {b.text().rstrip("…") for b in page.findChildren(QPushButton)}
    named = [
        nav,
        page.accessibleName(),
        "Done",
        "Forgot the PIN?",
        "Change the helper's PIN",
        "Add someone",
        "Plan a regular call",
        "Add from a contacts file",
    ]
    for fact in facts + [f"“{name}”" if name != "Done" else name for name in named]:
        assert fact in words, fact
    assert set(named) <= on_screen


@pytest.mark.parametrize(
    ("button_name", "method"), [("saveHousehold", "save"), ("restoreHousehold", "restore")]
)
def test_the_household_file_buttons_start_the_household_file_actions(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, button_name: str, method: str
) -> None:
    from lonely_bridge.ui.household_file import HouseholdFileActions

    asked: list[QWidget] = []
    monkeypatch.setattr(HouseholdFileActions, method, lambda _self, parent: asked.append(parent))
    page = open_helper_tools(window)
    qtbot.mouseClick(shown(page, QPushButton, button_name), Qt.MouseButton.LeftButton)
    assert asked == [window]
