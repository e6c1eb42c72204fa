"""Messenger: worded message boxes with windows on, and only log lines with windows off."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.settings import TextSize
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.theme import apply_theme, load_fonts

LOGGER = "lonely_bridge.ui.messages"
TITLE = "Your information needs a look"
TEXT = "Lonely Bridge has a good copy from Tuesday. Use it?"
YES = "Use the copy"
NO = "Close for now"
TOPIC = "use-good-copy"


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


def messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == level]


@pytest.mark.parametrize("default", [True, False])
def test_ask_without_windows_answers_the_default_and_logs(
    qtbot: QtBot, logs: pytest.LogCaptureFixture, press_in_modal, default: bool
) -> None:
    watcher = press_in_modal(lambda dialog: dialog.close())
    answer = Messenger(windows=False).ask(
        None, TITLE, TEXT, yes=YES, no=NO, topic=TOPIC, default=default
    )
    qtbot.wait(50)
    assert answer is default
    assert watcher.seen == []
    # The log names the topic and the answer, never the words: they carry people's names.
    [line] = messages(logs, logging.INFO)
    assert line == f"Asked: {TOPIC}; answered {default} without windows"


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_error_and_inform_without_windows_only_log(
    qtbot: QtBot, logs: pytest.LogCaptureFixture, press_in_modal
) -> None:
    watcher = press_in_modal(lambda dialog: dialog.close())
    messenger = Messenger(windows=False)
    messenger.error(
        None, "Could not open the call", "The link is not safe.", topic="x", details="tb"
    )
    messenger.inform(None, "Backup taken", "A copy of your information was saved.", topic="y")
    qtbot.wait(50)
    assert watcher.seen == []
    assert messages(logs, logging.ERROR) == ["Told of a problem: x"]
    assert messages(logs, logging.INFO) == ["Told: y"]


def describe_box(seen: list[dict[str, object]]) -> Callable[[QWidget], None]:
    """An act that notes what the message box looks like before it is answered."""

    def note(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        default = dialog.defaultButton()
        seen.append(
            {
                "name": dialog.objectName(),
                "title": dialog.windowTitle(),
                "accessible": dialog.accessibleName(),
                "informative": dialog.informativeText(),
                "buttons": sorted(b.text() for b in dialog.buttons()),
                "default": default.text() if default is not None else None,
            }
        )

    return note


@pytest.mark.parametrize(("word", "expected"), [(YES, True), (NO, False)])
def test_ask_with_windows_shows_worded_buttons(
    qtbot: QtBot,
    logs: pytest.LogCaptureFixture,
    press_in_modal,
    click_worded,
    word: str,
    expected: bool,
) -> None:
    seen: list[dict[str, object]] = []

    def answer(dialog: QWidget) -> None:
        describe_box(seen)(dialog)
        click_worded(word)(dialog)

    presser = press_in_modal(answer)
    result = Messenger(windows=True).ask(None, TITLE, TEXT, yes=YES, no=NO, topic=TOPIC)
    assert presser.problems == []
    assert result is expected
    assert seen == [
        {
            "name": "messageBox",
            "title": TITLE,
            "accessible": TITLE,
            "informative": TEXT,
            "buttons": sorted([YES, NO]),
            # The safe answer is the default unless the caller says otherwise.
            "default": NO,
        }
    ]
    assert messages(logs, logging.INFO) == [f"Asked: {TOPIC}; answered {expected}"]


def test_ask_with_windows_can_default_to_yes(qtbot: QtBot, press_in_modal, click_worded) -> None:
    seen: list[dict[str, object]] = []

    def answer(dialog: QWidget) -> None:
        describe_box(seen)(dialog)
        click_worded(YES)(dialog)

    presser = press_in_modal(answer)
    assert Messenger(windows=True).ask(None, TITLE, TEXT, yes=YES, no=NO, topic=TOPIC, default=True)
    assert presser.problems == []
    assert seen[0]["default"] == YES


def test_escape_answers_no(qtbot: QtBot, press_in_modal) -> None:
    presser = press_in_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert not Messenger(windows=True).ask(
        None, TITLE, TEXT, yes=YES, no=NO, topic=TOPIC, default=True
    )
    assert presser.problems == []
    assert presser.seen == ["QMessageBox#messageBox"]


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_error_with_windows_shows_ok_and_logs(
    qtbot: QtBot, logs: pytest.LogCaptureFixture, press_in_modal, click_worded
) -> None:
    seen: list[dict[str, object]] = []

    def answer(dialog: QWidget) -> None:
        describe_box(seen)(dialog)
        click_worded("OK")(dialog)

    presser = press_in_modal(answer)
    Messenger(windows=True).error(
        None, "Could not open the call", "The link is not safe.", topic="x"
    )
    assert presser.problems == []
    assert seen[0]["title"] == "Could not open the call"
    assert seen[0]["informative"] == "The link is not safe."
    assert "OK" in seen[0]["buttons"]
    assert messages(logs, logging.ERROR) == ["Told of a problem: x"]


def test_inform_with_windows_shows_a_box_and_logs(
    qtbot: QtBot, logs: pytest.LogCaptureFixture, press_in_modal, click_worded
) -> None:
    presser = press_in_modal(click_worded("OK"))
    Messenger(windows=True).inform(
        None, "Backup taken", "A copy of your information was saved.", topic="y"
    )
    assert presser.problems == []
    assert presser.seen == ["QMessageBox#messageBox"]
    assert messages(logs, logging.INFO) == ["Told: y"]


@pytest.mark.parametrize("size", list(TextSize), ids=lambda size: size.value)
def test_worded_buttons_keep_all_their_words_at_every_text_size(
    qtbot: QtBot, qapp: QApplication, press_in_modal, size: TextSize
) -> None:
    """Qt caps a message box's width; long worded buttons must not be cut to fit it."""
    load_fonts()
    apply_theme(qapp, size)
    widths: list[tuple[str, int, int]] = []

    def look(dialog: QWidget) -> None:
        for button in dialog.findChildren(QPushButton):
            widths.append((button.text(), button.width(), button.sizeHint().width()))
        dialog.reject()

    press_in_modal(look)
    Messenger(windows=True).ask(
        None, TITLE, TEXT, yes="Close Lonely Bridge now", no="Carry on for now", topic=TOPIC
    )
    assert len(widths) == 2
    for text, width, wanted in widths:
        assert width >= wanted, f"{text!r} is {width} px wide but needs {wanted}"
