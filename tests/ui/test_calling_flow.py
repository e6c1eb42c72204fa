"""Press Call, come back, answer "Did you get to talk?", see it in the history, undo it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.contact import ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.ui.conftest import actions_of, open_helper_tools

Press = Callable[[QWidget, str], None]
PEOPLE_PAGE = 1


def shown_status(window: MainWindow, person_id: int) -> str:
    """The status line of the person's card on the page in front (replaced cards are hidden)."""
    labels = window.current_page.findChildren(QLabel, f"personStatus{person_id}")
    return [label.text() for label in labels if not label.isHidden()][-1]


def test_add_someone_call_answer_see_it_and_undo(
    qtbot: QtBot,
    app_store: Stores,
    clock: FixedClock,
    build_window: Callable[..., MainWindow],
    recording_opener: Any,
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    window = build_window(app_store, opener=recording_opener, messenger=Messenger(windows=True))
    open_helper_tools(window)

    def add_anna(dialog: QWidget) -> None:
        name = dialog.findChild(QLineEdit, "personNameEdit")
        assert name is not None
        name.setText("Anna")
        press(dialog, "addLink")
        link = dialog.findChild(QLineEdit, "linkUrl0")
        assert link is not None
        link.setText("https://zoom.us/j/85512345678")
        press(dialog, "editorSave")

    adding = press_in_modal(add_anna)
    press(window, "addPerson")
    assert adding.problems == []
    window.show_page(PEOPLE_PAGE)
    [anna] = app_store.today.list_people()
    assert anna.id is not None

    press(window, f"callButton{anna.id}")
    assert recording_opener.opened == ["https://zoom.us/j/85512345678"]
    assert "Opening your call with Anna" in window.undo_bar.message.text()
    assert app_store.today.last_contact_by_person() == {}

    # Too soon after pressing Call: the call may still be ringing, so nothing is asked.
    actions_of(window).check_follow_up()
    assert QApplication.activeModalWidget() is None
    clock.advance(minutes=30)
    answering = press_in_modal(lambda dialog: press(dialog, "followUpYes"))
    actions_of(window).check_follow_up()
    assert answering.seen == ["FollowUpDialog#followUpDialog"]

    last = app_store.today.last_contact_by_person()[anna.id]
    assert last.kind is ContactKind.VIDEO_CALL
    assert last.source is ContactSource.CALL_BUTTON
    assert last.happened_at == clock.now() - timedelta(minutes=30)
    assert "video call with Anna" in window.undo_bar.message.text()
    assert shown_status(window, anna.id) == "Last in touch today (video call)"

    # Asked once: coming back to the app again asks nothing more.
    actions_of(window).check_follow_up()
    assert QApplication.activeModalWidget() is None

    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert app_store.today.last_contact_by_person() == {}
    assert window.undo_bar.message.text() == "Removed that record."
    assert shown_status(window, anna.id) == "No contact recorded yet"


def test_not_this_time_records_no_contact(
    app_store: Stores,
    anna: Person,
    clock: FixedClock,
    build_window: Callable[..., MainWindow],
    recording_opener: Any,
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    window = build_window(app_store, opener=recording_opener, messenger=Messenger(windows=True))
    actions_of(window).call(anna.id)  # type: ignore[arg-type]
    clock.advance(minutes=5)
    press_in_modal(lambda dialog: press(dialog, "followUpNo"))
    actions_of(window).check_follow_up()
    assert app_store.today.last_contact_by_person() == {}
    assert app_store.contacts.latest_unasked_attempt() is None


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_a_link_that_will_not_open_says_so_and_records_nothing(
    app_store: Stores,
    anna: Person,
    build_window: Callable[..., MainWindow],
    recording_opener: Any,
    press_in_modal: Callable[..., Any],
) -> None:
    recording_opener.works = False
    window = build_window(app_store, opener=recording_opener, messenger=Messenger(windows=True))
    titles: list[str] = []

    def read_and_close(box: QWidget) -> None:
        titles.append(box.windowTitle())
        box.close()

    press_in_modal(read_and_close)
    actions_of(window).call(anna.id)  # type: ignore[arg-type]
    assert titles == ["The call didn't open"]
    assert app_store.contacts.latest_unasked_attempt() is None


SELF_HOSTED_JITSI = "https://jitsi.example.org/SundayTea"


def test_a_confirmed_self_hosted_jitsi_link_opens(
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    recording_opener: Any,
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    """The host is confirmed in the editor after the window was built, then Call is pressed."""
    window = build_window(app_store, opener=recording_opener, messenger=Messenger(windows=True))
    open_helper_tools(window)

    def add_priya(dialog: QWidget) -> None:
        name = dialog.findChild(QLineEdit, "personNameEdit")
        assert name is not None
        name.setText("Priya")
        press(dialog, "addLink")
        link = dialog.findChild(QLineEdit, "linkUrl0")
        assert link is not None
        link.setText(SELF_HOSTED_JITSI)
        press(dialog, "linkTrust0")  # "Yes, this is our own Jitsi server"
        press(dialog, "editorSave")

    adding = press_in_modal(add_priya)
    press(window, "addPerson")
    assert adding.problems == []
    window.show_page(PEOPLE_PAGE)
    [priya] = app_store.today.list_people()
    assert [link.url for link in priya.links] == [SELF_HOSTED_JITSI]

    titles: list[str] = []

    def read_and_close(box: QWidget) -> None:
        titles.append(box.windowTitle())
        box.close()

    press_in_modal(read_and_close)
    press(window, f"callButton{priya.id}")
    assert titles == []
    assert recording_opener.opened == [SELF_HOSTED_JITSI]
    assert "Opening your call with Priya" in window.undo_bar.message.text()


@pytest.mark.parametrize(
    "stored",
    [
        "https://jitsi.example.org/SundayTea",  # a self-hosted Jitsi nobody confirmed
        "https://meet.google.com/linkredirect?dest=https%3A%2F%2Fevil.example",
        "file:///C:/Windows/System32/calc.exe",
    ],
)
@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_a_stored_link_that_fails_the_check_now_is_not_opened(
    app_store: Stores,
    clock: FixedClock,
    build_window: Callable[..., MainWindow],
    recording_opener: Any,
    press_in_modal: Callable[..., Any],
    stored: str,
) -> None:
    """Saved by an older, laxer version or edited by hand: checked again when opened."""
    person = app_store.people.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY],
               links=(CallLink(None, None, "Anna", stored, "jitsi", is_default=True),)),
        now=clock.now(),
    )  # fmt: skip
    window = build_window(app_store, opener=recording_opener, messenger=Messenger(windows=True))
    texts: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.informativeText())
        box.close()

    press_in_modal(read_and_close)
    actions_of(window).call(person.id)  # type: ignore[arg-type]
    assert recording_opener.opened == []
    [text] = texts
    assert "Lonely Bridge won't open it" in text
    assert app_store.contacts.latest_unasked_attempt() is None


def test_record_a_visit_by_hand_and_undo(
    qtbot: QtBot,
    app_store: Stores,
    anna: Person,
    clock: FixedClock,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., Any],
    press: Press,
) -> None:
    window = build_window(app_store, messenger=Messenger(windows=True))

    def fill_in(dialog: QWidget) -> None:
        for name in (f"recordPerson{anna.id}", "recordKindvisit", "recordWhen2", "recordSave"):
            press(dialog, name)

    recording = press_in_modal(fill_in)
    press(window, "recordContactButton")
    assert recording.problems == []
    last = app_store.today.last_contact_by_person()[anna.id]  # type: ignore[index]
    assert last.kind is ContactKind.VISIT
    assert last.source is ContactSource.BY_HAND
    assert last.happened_at == clock.now() - timedelta(days=1)
    assert window.undo_bar.isVisible()
    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert app_store.today.last_contact_by_person() == {}
