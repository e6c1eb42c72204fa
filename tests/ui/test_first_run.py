"""The first-run welcome in the real window at 1024x600: walked by keyboard alone from an empty
folder to Today with one person and one plan; skipped and resumed; Back; kind refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.settings import (
    HELPER_PIN,
    HOME_ZONE,
    OWNER_NAME,
    SET_UP_STATE,
    SET_UP_STEP,
    START_AT_LOGIN,
    SetUpState,
    SetUpStep,
)
from lonely_bridge.services.settings import read
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.first_run import FirstRun
from lonely_bridge.ui.main_window import MainWindow

SMALL_SCREEN = (1024, 600)
HOME = "Europe/London"
ZOOM = "https://zoom.us/j/85512345678"
TAB_LIMIT = 40


# Keyboard alone: every key goes to the widget that has the focus ---------------------------
def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard focus was lost"
    return widget


def key(qtbot: QtBot, which: Qt.Key) -> None:
    qtbot.keyClick(focused(), which)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot: QtBot, name: str) -> None:
    passed = []
    for _ in range(TAB_LIMIT):
        if focused().objectName() == name:
            return
        passed.append(focused().objectName())
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; it went {passed}")


def wait_focus(qtbot: QtBot, name: str) -> None:
    qtbot.waitUntil(lambda: (QApplication.focusWidget() or QWidget()).objectName() == name)


def open_small(
    build_window: Callable[..., MainWindow], store: Stores, **options: Any
) -> MainWindow:
    window = build_window(store, home_zone=HOME, **options)
    window.resize(*SMALL_SCREEN)
    window.activateWindow()
    return window


def welcome_of(qtbot: QtBot, window: MainWindow) -> FirstRun:
    def shown() -> FirstRun | None:
        return next((w for w in window.findChildren(FirstRun) if w.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None)
    welcome = shown()
    assert welcome is not None
    return welcome


def start_from_today(qtbot: QtBot, window: MainWindow) -> FirstRun:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, "todaySetUpButton")
    welcome = welcome_of(qtbot, window)
    qtbot.waitUntil(lambda: welcome.isAncestorOf(QApplication.focusWidget()))
    return welcome


def open_welcome(
    qtbot: QtBot, build_window: Callable[..., MainWindow], store: Stores, **options: Any
) -> tuple[MainWindow, FirstRun]:
    """The small window, with the welcome opened from Today and its name box focused."""
    window = open_small(build_window, store, **options)
    welcome = start_from_today(qtbot, window)
    wait_focus(qtbot, "setUpName")
    return window, welcome


def press(qtbot: QtBot, name: str) -> None:
    """Tab to a button and press it with the space bar."""
    tab_to(qtbot, name)
    key(qtbot, Qt.Key.Key_Space)


def answer_name(qtbot: QtBot, owner: str) -> None:
    type_text(qtbot, owner)
    key(qtbot, Qt.Key.Key_Return)
    wait_focus(qtbot, "setUpSizeLarge")


def fill_person(qtbot: QtBot, name: str, link: str, relationship: str = "") -> None:
    """The person screen's three boxes, in their Tab order."""
    wait_focus(qtbot, "setUpPersonName")
    type_text(qtbot, name)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, relationship)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, link)


def on_screen(welcome: FirstRun) -> str:
    [shown] = [
        s
        for s in welcome.findChildren(QWidget)
        if s.objectName().startswith("setUpScreen_") and s.isVisibleTo(welcome)
    ]
    return shown.objectName().removeprefix("setUpScreen_")


def shown_note(welcome: FirstRun) -> str:
    QApplication.processEvents()
    return welcome.note.text() if welcome.note.isVisible() else ""


def walk_to_today(qtbot: QtBot, window: MainWindow, *, owner: str = "Margaret") -> None:
    """Every screen answered from the keyboard, as a helper beside Margaret would."""
    welcome = start_from_today(qtbot, window)
    wait_focus(qtbot, "setUpName")
    answer_name(qtbot, owner)

    key(qtbot, Qt.Key.Key_Right)  # Larger, shown at once...
    assert window.size_buttons[list(window.size_buttons)[1]].isChecked()
    key(qtbot, Qt.Key.Key_Left)  # ...and back to Large
    assert QApplication.font().pointSize() == 18
    key(qtbot, Qt.Key.Key_Return)

    wait_focus(qtbot, "placeSearch")
    assert focused().text() == "London"  # type: ignore[attr-defined]
    key(qtbot, Qt.Key.Key_Return)

    wait_focus(qtbot, "setUpAutostart")
    key(qtbot, Qt.Key.Key_Return)

    wait_focus(qtbot, "setUpPin")
    type_text(qtbot, "4821")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "4821")
    key(qtbot, Qt.Key.Key_Return)

    fill_person(qtbot, "Anna", ZOOM, relationship="Daughter")
    key(qtbot, Qt.Key.Key_Return)

    wait_focus(qtbot, "setUpDay0")
    tab_to(qtbot, "setUpDay6")
    key(qtbot, Qt.Key.Key_Space)  # Sunday
    key(qtbot, Qt.Key.Key_Return)  # Finish (4 pm is already chosen)
    qtbot.waitUntil(lambda: not welcome.isVisible())


# Done when: the whole walk, keyboard alone ---------------------------------------------
def test_first_run_from_an_empty_folder_to_today_by_keyboard_alone(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    window = open_small(build_window, app_store)
    walk_to_today(qtbot, window)

    today = window.stack.currentWidget()
    assert window.stack.currentIndex() == 0
    title = today.findChild(QLabel, "todayPageTitle")
    assert title is not None
    assert title.text().endswith(", Margaret")
    people = app_store.today.list_people()
    assert [(p.name, p.relationship) for p in people] == [("Anna", "Daughter")]
    assert [link.url for link in people[0].links] == [ZOOM]
    [plan] = app_store.today.list_plans()
    assert plan.recurrence is not None
    assert (plan.recurrence.weekdays, plan.recurrence.time_of_day.hour) == ((6,), 16)
    assert plan.time_zone == HOME
    next_call = today.findChild(QLabel, "nextCallWords")
    assert next_call is not None
    assert "with Anna" in next_call.text()
    shown_buttons = today.findChildren(QWidget, "todaySetUpButton")
    assert [b for b in shown_buttons if b.isVisibleTo(today)] == []
    settings = app_store.settings
    assert read(settings, OWNER_NAME) == "Margaret"
    assert read(settings, HOME_ZONE) == HOME
    assert read(settings, START_AT_LOGIN) is True
    pin = read(settings, HELPER_PIN)
    assert pin is not None
    assert pin.matches("4821")
    assert read(settings, SET_UP_STATE) is SetUpState.FINISHED


# Skip, resume, Back ---------------------------------------------------------------------
def test_skip_on_the_first_screen_then_today_resumes_where_it_was_left(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    window, welcome = open_welcome(qtbot, build_window, app_store)
    answer_name(qtbot, "Margaret")
    press(qtbot, "setUpSkip")
    qtbot.waitUntil(lambda: not welcome.isVisible())
    assert read(app_store.settings, SET_UP_STATE) is SetUpState.SKIPPED
    assert read(app_store.settings, SET_UP_STEP) is SetUpStep.SIZE

    QApplication.processEvents()
    today = window.stack.currentWidget()
    [button] = [b for b in today.findChildren(QWidget, "todaySetUpButton") if b.isVisibleTo(today)]
    assert button.text() == "Carry on setting up"  # type: ignore[attr-defined]
    again = start_from_today(qtbot, window)
    assert again is not welcome
    assert on_screen(again) == "size"
    wait_focus(qtbot, "setUpSizeLarge")
    key(qtbot, Qt.Key.Key_Escape)  # Escape is "Skip for now" too
    qtbot.waitUntil(lambda: not again.isVisible())
    assert read(app_store.settings, SET_UP_STEP) is SetUpStep.SIZE


def test_skipping_at_the_very_first_screen_keeps_nothing_typed_but_the_place(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    window, welcome = open_welcome(qtbot, build_window, app_store)
    press(qtbot, "setUpSkip")
    qtbot.waitUntil(lambda: not welcome.isVisible())
    assert read(app_store.settings, SET_UP_STATE) is SetUpState.SKIPPED
    again = start_from_today(qtbot, window)
    assert on_screen(again) == "name"


def test_back_keeps_the_answers(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    _window, welcome = open_welcome(qtbot, build_window, app_store)
    answer_name(qtbot, "Margaret")
    press(qtbot, "setUpBack")
    wait_focus(qtbot, "setUpName")
    assert focused().text() == "Margaret"  # type: ignore[attr-defined]
    assert on_screen(welcome) == "name"


# Kind refusals and hostile names ------------------------------------------------------------
def walk_to(qtbot: QtBot, welcome: FirstRun, screen: str) -> None:
    """Enter through the screens before ``screen``, typing only what the person screen needs."""
    for _ in range(len(SetUpStep)):
        if on_screen(welcome) == screen:
            return
        if on_screen(welcome) == "person":
            fill_person(qtbot, "Anna", ZOOM)
        key(qtbot, Qt.Key.Key_Return)
        QApplication.processEvents()
    raise AssertionError(f"stuck on {on_screen(welcome)}: {shown_note(welcome)}")


def test_the_pin_screen_refuses_three_digits_and_two_different_pins_kindly(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    _window, welcome = open_welcome(qtbot, build_window, app_store)
    walk_to(qtbot, welcome, "pin")
    wait_focus(qtbot, "setUpPin")
    type_text(qtbot, "123")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "123")
    key(qtbot, Qt.Key.Key_Return)
    assert on_screen(welcome) == "pin"
    assert shown_note(welcome) == (
        "A PIN is 4 to 8 digits, such as 4821: numbers only. "
        "Nothing has been changed. Please type the PIN again."
    )
    for name, text in (("setUpPin", "4821"), ("setUpPinAgain", "4812")):
        edit = welcome.findChild(QLineEdit, name)
        assert edit is not None
        edit.setFocus()
        wait_focus(qtbot, name)
        key(qtbot, Qt.Key.Key_End)
        for _ in range(3):
            key(qtbot, Qt.Key.Key_Backspace)
        type_text(qtbot, text)
    key(qtbot, Qt.Key.Key_Return)
    assert on_screen(welcome) == "pin"
    assert shown_note(welcome) == (
        "The PIN typed the second time is different from the first. "
        "Nothing has been saved. Please type the same PIN in both boxes."
    )
    assert read(app_store.settings, HELPER_PIN) is None


def test_no_pin_is_fine_a_family_member_can_set_it_later(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    _window, welcome = open_welcome(qtbot, build_window, app_store)
    walk_to(qtbot, welcome, "pin")
    hint = welcome.findChild(QLabel, "setUpPinHint")
    assert hint is not None
    assert "a family member can set it later" in hint.text()
    key(qtbot, Qt.Key.Key_Return)
    assert on_screen(welcome) == "person"
    assert read(app_store.settings, HELPER_PIN) is None


def test_a_broken_link_gets_the_link_checks_words_and_saves_nobody(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    _window, welcome = open_welcome(qtbot, build_window, app_store)
    walk_to(qtbot, welcome, "person")
    fill_person(qtbot, "Anna", "file:///etc/passwd")
    status = welcome.findChild(QLabel, "setUpLinkStatus")
    assert status is not None
    assert status.text().startswith("✗ ")
    key(qtbot, Qt.Key.Key_Return)
    assert on_screen(welcome) == "person"
    assert shown_note(welcome) == status.text().removeprefix("✗ ")
    assert app_store.today.list_people() == []


def test_a_name_with_markup_shows_as_typed(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    window, welcome = open_welcome(qtbot, build_window, app_store)
    type_text(qtbot, "<b>Bob</b>")
    walk_to(qtbot, welcome, "person")
    fill_person(qtbot, "<i>Anna</i>", ZOOM)
    key(qtbot, Qt.Key.Key_Return)
    intro = welcome.findChild(QLabel, "setUpPlanIntro")
    assert intro is not None
    assert "<i>Anna</i>" in intro.text()
    assert intro.textFormat() == Qt.TextFormat.PlainText
    key(qtbot, Qt.Key.Key_Return)  # no day: no regular call
    qtbot.waitUntil(lambda: not welcome.isVisible())
    title = window.stack.currentWidget().findChild(QLabel, "todayPageTitle")
    assert title is not None
    assert title.text().endswith(", <b>Bob</b>")
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert app_store.today.list_plans() == []


@pytest.mark.parametrize("screen", ["name", "size", "zone", "autostart", "pin", "person", "plan"])
def test_every_screen_fits_a_small_screen_at_the_largest_text(
    qtbot: QtBot,
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    clipped_widgets: Callable[[QWidget], list[str]],
    screen: str,
) -> None:
    window, welcome = open_welcome(qtbot, build_window, app_store)
    answer_name(qtbot, "Margaret")
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Right)  # Largest
    assert QApplication.font().pointSize() == 36
    if screen == "name":
        key(qtbot, Qt.Key.Key_Escape)
        again = start_from_today(qtbot, window)
        press(qtbot, "setUpBack")
        welcome = again
    walk_to(qtbot, welcome, screen)
    if screen == "person":  # with its longest problem said
        fill_person(qtbot, "", "file:///etc/passwd")
        key(qtbot, Qt.Key.Key_Return)
        assert shown_note(welcome)
    QApplication.processEvents()
    assert welcome.width() <= SMALL_SCREEN[0]
    assert welcome.height() <= SMALL_SCREEN[1]
    assert clipped_widgets(welcome) == []


def test_people_from_a_contacts_file_then_the_first_ones_link(
    qtbot: QtBot,
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    tmp_path: Path,
    press_in_modal: Callable[..., Any],
    click_named: Callable[[str], Any],
) -> None:
    contacts = tmp_path / "family.vcf"
    contacts.write_text(
        "".join(
            "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", "END:VCARD", ""])
            for name in ("Anna", "Tom")
        ),
        encoding="utf-8",
    )
    _window, welcome = open_welcome(
        qtbot, build_window, app_store, choose_contacts_file=lambda _parent: contacts
    )
    walk_to(qtbot, welcome, "person")
    wait_focus(qtbot, "setUpPersonName")
    tab_to(qtbot, "setUpImport")
    presser = press_in_modal(click_named("importAdd"))
    key(qtbot, Qt.Key.Key_Space)
    assert presser.seen == ["ImportPreviewDialog#importPreview"]
    assert sorted(p.name for p in app_store.today.list_people()) == ["Anna", "Tom"]
    assert "Added Anna, Tom." in shown_note(welcome)
    name = welcome.findChild(QLineEdit, "setUpPersonName")
    assert name is not None
    assert name.text() == "Anna"
    wait_focus(qtbot, "setUpLink")
    type_text(qtbot, ZOOM)
    key(qtbot, Qt.Key.Key_Return)
    assert on_screen(welcome) == "plan"
    anna = next(p for p in app_store.today.list_people() if p.name == "Anna")
    assert [link.url for link in anna.links] == [ZOOM]
    assert len(app_store.today.list_people()) == 2  # Anna was changed, not added again


def test_coming_back_to_home_shows_the_chosen_place_and_what_the_computer_says(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    _window, welcome = open_welcome(qtbot, build_window, app_store)
    walk_to(qtbot, welcome, "zone")
    wait_focus(qtbot, "placeSearch")
    type_text(qtbot, "auckl")  # the computer's place is selected, so this replaces it
    key(qtbot, Qt.Key.Key_Return)
    assert on_screen(welcome) == "autostart"
    assert read(app_store.settings, HOME_ZONE) == "Pacific/Auckland"
    press(qtbot, "setUpBack")
    wait_focus(qtbot, "placeSearch")
    assert focused().text() == "Auckland"  # type: ignore[attr-defined]
    now = welcome.findChild(QLabel, "setUpZoneNow")
    assert now is not None
    assert "This computer is set to London." in now.text()
