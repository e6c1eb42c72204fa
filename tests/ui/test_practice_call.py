"""The practice call: checks the network, then opens a fresh Jitsi room through the opener."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.devices import NetworkState
from lonely_bridge.domain.links import CallService, parse_call_link
from lonely_bridge.domain.settings import TextSize
from lonely_bridge.system.devices import NetworkChecker, network_state_from
from lonely_bridge.ui.dialogs.practice_call import PracticeCallDialog
from lonely_bridge.ui.theme import MIN_TARGET_PX, apply_theme

DIALOG_SIZE = (900, 700)
PRACTICE_LINK = re.compile(r"https://meet\.jit\.si/LonelyBridgePractice-[0-9a-f]{8}")


class FixedNetwork(NetworkChecker):
    """Stands in for QNetworkInformation, which may say "Unknown" on a test machine."""

    def __init__(self, state: NetworkState) -> None:
        self.fixed = state
        self.checks = 0

    def state(self) -> NetworkState:
        self.checks += 1
        return self.fixed


def open_dialog(qtbot: QtBot, opener: Any, state: NetworkState) -> PracticeCallDialog:
    dialog = PracticeCallDialog(opener, network=FixedNetwork(state))
    qtbot.addWidget(dialog)
    dialog.resize(*DIALOG_SIZE)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_no_network_says_so_and_opens_nothing(
    qtbot: QtBot, recording_opener: Any, press: Callable[[QWidget, str], None]
) -> None:
    dialog = open_dialog(qtbot, recording_opener, NetworkState.OFFLINE)
    assert not dialog.outcome.isVisible()
    with qtbot.assertNotEmitted(dialog.opened):
        press(dialog, "practiceCallStart")
    assert recording_opener.opened == []
    assert dialog.outcome.isVisible()
    assert not dialog.note.isVisible()
    words = dialog.outcome.text()
    assert words.startswith("This computer is not connected to the internet right now")
    assert "Wi-Fi" in words
    assert dialog.outcome.accessibleName() == words
    assert dialog.last_link is None
    assert dialog.isVisible()  # the person reads it; nothing closes by itself


@pytest.mark.parametrize("state", [NetworkState.ONLINE, NetworkState.UNKNOWN])
def test_online_opens_a_fresh_practice_room(
    qtbot: QtBot,
    recording_opener: Any,
    press: Callable[[QWidget, str], None],
    state: NetworkState,
) -> None:
    """ "Unknown" is not "no network": the practice call goes ahead."""
    dialog = open_dialog(qtbot, recording_opener, state)
    with qtbot.waitSignal(dialog.opened) as opened:
        press(dialog, "practiceCallStart")
    assert len(recording_opener.opened) == 1
    link = recording_opener.opened[0]
    assert PRACTICE_LINK.fullmatch(link)
    parsed = parse_call_link(link)
    assert parsed.service is CallService.JITSI
    assert parsed.url == link
    assert opened.args == [link]
    assert dialog.last_link == link
    assert "opening in your web browser" in dialog.outcome.text()
    # Every practice is a room of its own.
    press(dialog, "practiceCallStart")
    assert len(set(recording_opener.opened)) == 2


def test_a_limited_network_still_tries_and_says_what_to_check(
    qtbot: QtBot, recording_opener: Any, press: Callable[[QWidget, str], None]
) -> None:
    dialog = open_dialog(qtbot, recording_opener, NetworkState.LIMITED)
    press(dialog, "practiceCallStart")
    assert len(recording_opener.opened) == 1
    assert "may not be fully connected to the internet" in dialog.outcome.text()


@pytest.mark.allow_log("lonely_bridge.ui.dialogs.practice_call", "WARNING")
def test_the_browser_could_not_be_opened(
    qtbot: QtBot, recording_opener: Any, press: Callable[[QWidget, str], None]
) -> None:
    recording_opener.works = False
    dialog = open_dialog(qtbot, recording_opener, NetworkState.ONLINE)
    with qtbot.assertNotEmitted(dialog.opened):
        press(dialog, "practiceCallStart")
    assert len(recording_opener.opened) == 1
    assert dialog.outcome.text().startswith("The web browser could not be opened")
    assert dialog.last_link is None


def test_nothing_happens_until_the_person_presses_start(
    qtbot: QtBot, recording_opener: Any, press: Callable[[QWidget, str], None]
) -> None:
    network = FixedNetwork(NetworkState.ONLINE)
    dialog = PracticeCallDialog(recording_opener, network=network)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.accepted):
        press(dialog, "practiceCallClose")
    assert recording_opener.opened == []
    assert network.checks == 0


@pytest.mark.parametrize(
    ("reachability", "state"),
    [
        ("Online", NetworkState.ONLINE),
        ("Site", NetworkState.LIMITED),
        ("Local", NetworkState.LIMITED),
        ("Disconnected", NetworkState.OFFLINE),
        ("Unknown", NetworkState.UNKNOWN),
        ("SomethingNew", NetworkState.UNKNOWN),
    ],
)
def test_reachability_in_plain_states(reachability: str, state: NetworkState) -> None:
    assert network_state_from(reachability) is state


def test_the_real_network_check_gives_a_plain_state(qapp: QApplication) -> None:
    assert NetworkChecker().state() in set(NetworkState)


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_words_fit_and_buttons_are_big_and_named(
    qtbot: QtBot,
    qapp: QApplication,
    bundled_fonts: bool,
    recording_opener: Any,
    clipped_widgets: Callable[[QWidget], list[str]],
    press: Callable[[QWidget, str], None],
    size: TextSize,
) -> None:
    assert bundled_fonts
    apply_theme(qapp, size)
    dialog = open_dialog(qtbot, recording_opener, NetworkState.OFFLINE)
    assert clipped_widgets(dialog) == []
    press(dialog, "practiceCallStart")  # the longest words
    assert clipped_widgets(dialog) == []
    assert not dialog.outcome.visibleRegion().isEmpty()  # in view, not scrolled away
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    assert len(buttons) == 2
    for button in buttons:
        assert button.objectName()
        assert button.accessibleName()
        assert button.height() >= MIN_TARGET_PX
        assert button.width() >= MIN_TARGET_PX
