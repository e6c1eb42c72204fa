"""The reading voice on the Settings page: chosen among this computer's voices (Qt's "mock"
speech engine here), heard with "Hear it", and words instead of a list with no voice."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.settings import SPEECH_SPEED, SPEECH_VOICE, SpeechSpeed
from lonely_bridge.services.settings import read, write
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.speech import Speaker
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.pages.settings import SettingsPage, control_name
from tests.doubles import FixedClock
from tests.ui.conftest import actions_of

T = TypeVar("T", bound=QWidget)
VOICE = control_name(SPEECH_VOICE)


def settings_page(window: MainWindow) -> SettingsPage:
    names = [nav.objectName() for nav in window.nav_buttons]
    window.show_page(names.index("navSettingsPage"))
    page = window.current_page
    assert isinstance(page, SettingsPage)
    QApplication.processEvents()
    return page


def shown(root: QWidget, kind: type[T], name: str) -> list[T]:
    QApplication.processEvents()
    return [w for w in root.findChildren(kind, name) if w.isVisibleTo(root)]


def mock_voices() -> list[str]:
    speaker = Speaker(engine="mock")
    voices = speaker.voices()
    if len(voices) < 2:
        pytest.skip("Qt's mock speech engine is not installed, or has fewer than two voices")
    return voices


def test_the_list_holds_this_computers_voices_and_the_one_chosen_reads(
    qtbot: QtBot, app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    voices = mock_voices()
    window = build_window(app_store, speech_engine="mock")
    page = settings_page(window)
    [voice_list] = shown(page, QComboBox, f"{VOICE}List")
    listed = [voice_list.itemText(i) for i in range(voice_list.count())]
    assert listed == ["The computer's usual voice", *voices]
    assert voice_list.currentIndex() == 0
    speaker = actions_of(window)._machine.speaker
    assert isinstance(speaker, Speaker)
    [hear] = shown(page, QPushButton, f"{VOICE}Hear")
    qtbot.mouseClick(hear, Qt.MouseButton.LeftButton)
    assert speaker.engine is not None
    usual = speaker.engine.voice().name()
    other = next(voice for voice in voices if voice != usual)

    # Chosen by keyboard alone, as in any list: the arrow keys move through it.
    voice_list.setFocus()
    for _step in range(voices.index(other) + 1):
        qtbot.keyClick(voice_list, Qt.Key.Key_Down)
    assert voice_list.currentText() == other
    assert read(app_store.settings, SPEECH_VOICE) == other
    [slower] = shown(page, QPushButton, f"{control_name(SPEECH_SPEED)}Slower")
    qtbot.mouseClick(slower, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(hear, Qt.MouseButton.LeftButton)
    assert speaker.engine.voice().name() == other
    assert speaker.engine.rate() == pytest.approx(SpeechSpeed.SLOWER.rate)

    # Back to the usual voice: stored as "" and heard at once.
    qtbot.keyClick(voice_list, Qt.Key.Key_Home)
    assert read(app_store.settings, SPEECH_VOICE) == ""
    qtbot.mouseClick(hear, Qt.MouseButton.LeftButton)
    assert speaker.engine.voice().name() == usual


def test_the_voice_chosen_is_shown_again_when_the_page_is_opened_again(
    app_store: Stores, build_window: Callable[..., MainWindow], clock: FixedClock
) -> None:
    voices = mock_voices()
    write(app_store.settings, SPEECH_VOICE, voices[-1], now=clock.now())
    window = build_window(app_store, speech_engine="mock")
    [voice_list] = shown(settings_page(window), QComboBox, f"{VOICE}List")
    assert voice_list.currentText() == voices[-1]


def test_a_voice_from_another_computer_shows_as_the_usual_voice_it_reads_with(
    app_store: Stores, build_window: Callable[..., MainWindow], clock: FixedClock
) -> None:
    mock_voices()
    write(app_store.settings, SPEECH_VOICE, "A voice this computer does not have", now=clock.now())
    window = build_window(app_store, speech_engine="mock")
    [voice_list] = shown(settings_page(window), QComboBox, f"{VOICE}List")
    assert voice_list.currentText() == "The computer's usual voice"
    # Only showing it changes nothing: a voice that comes back later is still chosen.
    assert read(app_store.settings, SPEECH_VOICE) == "A voice this computer does not have"


def test_with_no_voice_on_this_computer_words_say_so_instead_of_a_list(
    app_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    window = build_window(app_store, speech_engine="no-such-engine")
    page = settings_page(window)
    assert shown(page, QComboBox, f"{VOICE}List") == []
    assert shown(page, QPushButton, f"{VOICE}Hear") == []
    [words] = shown(page, QLabel, f"{VOICE}None")
    assert "This computer has no voice for reading aloud" in words.text()


SPEECH_LOADED_CHECK = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from lonely_bridge.app.compose import Composition, Edges, build_services, open_for_command
from lonely_bridge.domain.clock import SystemClock
from lonely_bridge.system.paths import prepare_data_dir
from lonely_bridge.ui.messages import Messenger

app = QApplication([])
folder = prepare_data_dir(Path(sys.argv[1]))
edges = Edges(SystemClock(), speech_engine="mock")
store = open_for_command(folder, edges.clock)
composition = Composition(build_services(store, edges, folder), folder, edges, Messenger())
window = composition.window
window.show()
_ = composition.actions, composition.machine  # as after the first paint
print("PySide6.QtTextToSpeech" in sys.modules)
names = [nav.objectName() for nav in window.nav_buttons]
window.show_page(names.index("navSettingsPage"))
print("PySide6.QtTextToSpeech" in sys.modules)
window.close()
store.close()
"""


def test_the_speech_engine_loads_only_when_settings_is_first_shown(tmp_path: Path) -> None:
    """In a fresh process: the window, its actions and the machine load no speech engine;
    the Settings page, which lists the voices, does."""
    done = subprocess.run(
        [sys.executable, "-c", SPEECH_LOADED_CHECK, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.splitlines() == ["False", "True"], done.stderr
