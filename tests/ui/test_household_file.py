"""Helper mode's household file actions, with real message boxes offscreen and the file windows
answered through the composition root's Choosers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Choosers, Composition, Edges, build_services, open_store
from lonely_bridge.storage import migrate
from lonely_bridge.storage.household_file import read_summary, save_household
from lonely_bridge.storage.household_names import staged_file
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.paths import photos_dir, prepare_data_dir
from lonely_bridge.ui.household_file import HouseholdFileActions
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.e2e.driver import folder_state
from tests.household_files import (
    add_household_with_photos,
    add_member,
    household_on_another_computer,
    png_bytes,
    rewritten,
)
from tests.ui.conftest import Act, ModalPresser

Said = list[tuple[str, str]]


class Answers:
    """What the file windows answer, and what they were offered."""

    def __init__(self) -> None:
        self.save_as: Path | None = None
        self.open: Path | None = None
        self.suggested: list[str] = []

    def choose_save(self, parent: QWidget, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.save_as

    def choose_open(self, parent: QWidget) -> Path | None:
        return self.open


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def quits(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records the app being asked to close, instead of ending the test's event loop."""
    asked: list[bool] = []
    monkeypatch.setattr(QCoreApplication, "quit", lambda: asked.append(True))
    return asked


@pytest.fixture
def household(data_dir: Path, clock: FixedClock) -> Iterator[Stores]:
    add_household_with_photos(data_dir, clock)
    store = open_store(data_dir, clock, messenger=Messenger(windows=False), demo=False)
    yield store
    store.close()


@pytest.fixture
def actions_with(
    household: Stores, data_dir: Path, clock: FixedClock, answers: Answers
) -> Callable[..., HouseholdFileActions]:
    """``actions_with(windows=...)``: the household file actions, built by the composition root
    on Margaret's household, the file windows answered by ``answers``."""

    def build(*, windows: bool) -> HouseholdFileActions:
        edges = Edges(clock)
        return Composition(
            build_services(household, edges, data_dir),
            data_dir,
            edges,
            Messenger(windows=windows),
            Choosers(household_save=answers.choose_save, household_open=answers.choose_open),
        ).household_file

    return build


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.setObjectName("helperScreen")
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def respond(
    press_in_modal: Callable[[Act], ModalPresser],
) -> Callable[..., Said]:
    """``respond(*buttons)``: each box shown in turn gets its button (by words) pressed;
    returns the (title, text) of every box seen."""

    def start(*buttons: str) -> Said:
        said: Said = []

        def act_on(step: int) -> Act:
            def act(dialog: QWidget) -> None:
                assert isinstance(dialog, QMessageBox)
                said.append((dialog.text(), dialog.informativeText()))
                if step + 1 < len(buttons):
                    press_in_modal(act_on(step + 1))
                wanted = buttons[step]
                found = [b for b in dialog.buttons() if b.text().replace("&", "") == wanted]
                assert found, f"no button {wanted!r} in {dialog.text()!r}"
                found[0].click()

            return act

        press_in_modal(act_on(0))
        return said

    return start


@pytest.fixture
def other_file(tmp_path: Path, clock: FixedClock) -> Path:
    """A household saved on another computer: Margaret's, with Grace added."""
    folder = household_on_another_computer(tmp_path / "Client #12" / "old laptop", clock)
    target = tmp_path / "Client #12" / "Margaret's household.lonelybridge"
    save_household(migrate.database_path(folder), photos_dir(folder), target, now=clock.now())
    return target


# Saving -------------------------------------------------------------------------------------
def test_save_writes_the_file_chosen_and_says_so(
    actions_with: Callable[..., HouseholdFileActions],
    data_dir: Path,
    answers: Answers,
    parent: QWidget,
    respond: Callable[..., Said],
    tmp_path: Path,
) -> None:
    answers.save_as = tmp_path / "Client #12" / "for the new laptop"
    answers.save_as.parent.mkdir(exist_ok=True)
    actions = actions_with(windows=True)
    said = respond("OK")

    written = actions.save(parent)

    assert written == tmp_path / "Client #12" / "for the new laptop.lonelybridge"
    assert answers.suggested == ["Lonely Bridge household 2026-11-26.lonelybridge"]
    summary = read_summary(written, prepare_data_dir(tmp_path / "look"))
    assert (summary.people, summary.plans, summary.photos) == (7, 4, 2)
    [(title, text)] = said
    assert title == "The household is saved"
    assert str(written) in text
    assert "7 people, 4 regular calls and 2 photos" in text


def test_save_cancelled_in_the_file_window_does_nothing(
    actions_with: Callable[..., HouseholdFileActions], data_dir: Path, parent: QWidget
) -> None:
    before = folder_state(data_dir)
    actions = actions_with(windows=False)
    assert actions.save(parent) is None
    assert folder_state(data_dir) == before


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_save_into_the_apps_own_folder_is_refused_in_plain_words(
    actions_with: Callable[..., HouseholdFileActions],
    data_dir: Path,
    answers: Answers,
    parent: QWidget,
    respond: Callable[..., Said],
) -> None:
    answers.save_as = photos_dir(data_dir) / "household.lonelybridge"
    before = folder_state(data_dir)
    actions = actions_with(windows=True)
    said = respond("OK")

    assert actions.save(parent) is None

    [(title, text)] = said
    assert title == "Lonely Bridge won't write there"
    assert "Nothing was written" in text
    assert folder_state(data_dir) == before


# Restoring ----------------------------------------------------------------------------------
def test_restore_checks_confirms_stages_and_closes(
    actions_with: Callable[..., HouseholdFileActions],
    data_dir: Path,
    answers: Answers,
    parent: QWidget,
    respond: Callable[..., Said],
    other_file: Path,
    quits: list[bool],
) -> None:
    answers.open = other_file
    before = folder_state(data_dir)
    actions = actions_with(windows=True)
    said = respond("Restore this household", "OK")

    assert actions.restore(parent) is True

    (question_title, question), (closing_title, closing) = said
    assert question_title == "Restore this household?"
    assert "Margaret's household.lonelybridge" in question
    assert "8 people, 4 regular calls and 2 photos" in question
    assert "kept aside, unchanged" in question
    assert closing_title == "Lonely Bridge will close now"
    assert "When you open Lonely Bridge again" in closing
    assert quits == [True]
    assert staged_file(data_dir).read_bytes() == other_file.read_bytes()
    # Nothing of the household in use changed: the swap waits for the next start.
    after = folder_state(data_dir)
    del after[staged_file(data_dir).name]
    assert after == before


def test_restore_declined_changes_nothing(
    actions_with: Callable[..., HouseholdFileActions],
    data_dir: Path,
    answers: Answers,
    parent: QWidget,
    respond: Callable[..., Said],
    other_file: Path,
    quits: list[bool],
) -> None:
    answers.open = other_file
    before = folder_state(data_dir)
    actions = actions_with(windows=True)
    said = respond("Keep things as they are")

    assert actions.restore(parent) is False

    assert [title for title, _text in said] == ["Restore this household?"]
    assert quits == []
    assert folder_state(data_dir) == before


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_restore_of_a_hostile_file_is_refused_before_any_question(
    actions_with: Callable[..., HouseholdFileActions],
    data_dir: Path,
    answers: Answers,
    parent: QWidget,
    respond: Callable[..., Said],
    other_file: Path,
    quits: list[bool],
    tmp_path: Path,
) -> None:
    answers.open = rewritten(
        other_file,
        tmp_path / "hostile.lonelybridge",
        lambda members: add_member(members, "/etc/cron.d/evil.png", png_bytes()),
    )
    before = folder_state(data_dir)
    actions = actions_with(windows=True)
    said = respond("OK")

    assert actions.restore(parent) is False

    [(title, text)] = said
    assert title == "That household file can't be used"
    assert "Nothing was changed" in text
    assert quits == []
    assert folder_state(data_dir) == before


def test_restore_cancelled_in_the_file_window_does_nothing(
    actions_with: Callable[..., HouseholdFileActions],
    data_dir: Path,
    parent: QWidget,
    quits: list[bool],
) -> None:
    before = folder_state(data_dir)
    actions = actions_with(windows=False)
    assert actions.restore(parent) is False
    assert quits == []
    assert folder_state(data_dir) == before
