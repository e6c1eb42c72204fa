"""Helper mode's "Save a profile for other computers", pressed in the real window offscreen,
with the save window answered through the composition root's Choosers."""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Choosers, Composition, Edges, build_services
from lonely_bridge.domain.people import Person
from lonely_bridge.formats.profile import parse_profile
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.paths import logs_dir
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.e2e.driver import folder_state, run_app
from tests.ui.conftest import HELPER_PIN_TYPED, Act, ModalPresser, open_helper_tools

Said = list[tuple[str, str]]


class SaveAnswer:
    """What the save window answers, and the name it offered."""

    def __init__(self) -> None:
        self.save_as: Path | None = None
        self.suggested: list[str] = []

    def __call__(self, parent: QWidget, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.save_as


@pytest.fixture
def answer() -> SaveAnswer:
    return SaveAnswer()


@pytest.fixture
def window(
    qtbot: QtBot,
    app_store: Stores,
    anna: Person,
    data_dir: Path,
    clock: FixedClock,
    answer: SaveAnswer,
) -> MainWindow:
    edges = Edges(clock)
    composition = Composition(
        build_services(app_store, edges, data_dir),
        data_dir,
        edges,
        Messenger(windows=True),
        Choosers(profile_save=answer),
    )
    window = composition.window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def press_save_profile(
    qtbot: QtBot, window: MainWindow, press_in_modal: Callable[[Act], ModalPresser]
) -> Callable[[], Said]:
    """Presses "Save a profile for other computers" in helper mode; returns the (title, text)
    of the message box that followed, after pressing its OK."""

    def press() -> Said:
        page = open_helper_tools(window)
        said: Said = []

        def read_and_close(dialog: QWidget) -> None:
            assert isinstance(dialog, QMessageBox)
            said.append((dialog.text(), dialog.informativeText()))
            dialog.button(QMessageBox.StandardButton.Ok).click()

        press_in_modal(read_and_close)
        QApplication.processEvents()
        [save] = [b for b in page.findChildren(QPushButton, "saveProfile") if b.isVisibleTo(page)]
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(said))
        return said

    return press


def test_the_profile_is_saved_where_chosen_readable_only_here_and_accepted_by_provision(
    press_save_profile: Callable[[], Said], answer: SaveAnswer, tmp_path: Path
) -> None:
    folder = tmp_path / "Client #12"
    folder.mkdir()
    answer.save_as = folder / "Margaret's laptop"  # typed without .toml

    [(title, text)] = press_save_profile()

    written = folder / "Margaret's laptop.toml"
    assert answer.suggested == ["Lonely Bridge profile 2026-11-26.toml"]
    assert sorted(p.name for p in folder.iterdir()) == [written.name]
    if sys.platform != "win32":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    data = written.read_bytes()
    profile = parse_profile(data)
    assert [person.name for person in profile.people] == ["Anna"]
    assert profile.pin is None
    assert profile.pin_hash is not None
    assert profile.pin_hash.matches(HELPER_PIN_TYPED)
    assert HELPER_PIN_TYPED.encode() not in data
    assert title == "The profile is saved"
    assert str(written) in text
    assert "1 person, 0 regular calls" in text
    assert "no PIN, only its scrambled form, and no e-mail password" in text
    # A care worker's dry run on a new computer accepts it as it is.
    dry_run = run_app("--data-dir", str(tmp_path / "new"), "provision", str(written), "--dry-run")
    assert dry_run.returncode == 0, dry_run.stderr
    assert "Anna" in dry_run.stdout


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_a_place_that_cannot_be_written_is_explained_and_nothing_is_left(
    press_save_profile: Callable[[], Said], answer: SaveAnswer, tmp_path: Path
) -> None:
    # A file where the folder should be: refused even to root, unlike a read-only folder.
    out = tmp_path / "out"
    out.mkdir()
    stick = out / "stick"
    stick.write_text("a file where a folder was expected")
    answer.save_as = stick / "profile.toml"
    before = folder_state(out)

    [(title, text)] = press_save_profile()

    assert title == "Lonely Bridge could not write there"
    assert "Nothing else was changed" in text
    assert str(stick / "profile.toml") in text
    assert folder_state(out) == before


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_the_apps_own_folder_is_refused(
    press_save_profile: Callable[[], Said], answer: SaveAnswer, data_dir: Path
) -> None:
    answer.save_as = logs_dir(data_dir) / "profile.toml"

    [(title, _text)] = press_save_profile()

    assert title == "Lonely Bridge won't write there"
    assert not answer.save_as.exists()


def test_cancelling_the_save_window_writes_nothing_and_says_nothing(
    qtbot: QtBot, window: MainWindow, answer: SaveAnswer, tmp_path: Path
) -> None:
    page = open_helper_tools(window)
    before = folder_state(tmp_path)
    QApplication.processEvents()
    [save] = [b for b in page.findChildren(QPushButton, "saveProfile") if b.isVisibleTo(page)]
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # a message box would block here
    assert answer.suggested == ["Lonely Bridge profile 2026-11-26.toml"]
    assert folder_state(tmp_path) == before
