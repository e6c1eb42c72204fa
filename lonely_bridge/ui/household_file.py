"""Helper mode's two household file actions: save the whole household to one file, and restore
one (checked in full, confirmed, then put in place when Lonely Bridge next opens)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.household import SUFFIX
from lonely_bridge.i18n import _
from lonely_bridge.wording.household import household_contents, saved_when

if TYPE_CHECKING:
    from lonely_bridge.domain.household import HouseholdSummary
    from lonely_bridge.ui.file_choosers import FileChooser, SaveChooser
    from lonely_bridge.ui.messages import Messenger


class HouseholdFiles(Protocol):
    """The data folder's side of the actions (app/household.py fills it in)."""

    def save(self, target: Path) -> tuple[Path, HouseholdSummary]:
        """Write the household to ``target``; returns the file written and what it holds."""
        ...

    def check(self, source: Path) -> HouseholdSummary:
        """Check ``source`` in full; raises a LonelyBridgeError when it cannot be used."""
        ...

    def stage(self, source: Path) -> None:
        """Keep ``source`` for the next start to put in place."""
        ...


def choose_file_to_save_with_dialog(parent: QWidget, suggested: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the household to a file"), str(Path.home() / suggested),
        _("Lonely Bridge households (*{suffix})").format(suffix=SUFFIX),
    )  # fmt: skip
    return Path(chosen) if chosen else None


def choose_file_to_restore_with_dialog(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the household file to restore"), str(Path.home()),
        _("Lonely Bridge households (*{suffix})").format(suffix=SUFFIX),
    )  # fmt: skip
    return Path(chosen) if chosen else None


@contextmanager
def _busy() -> Iterator[None]:
    """A waiting pointer while the work runs, so a click never seems to have done nothing."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class HouseholdFileActions:
    """``save(parent)`` and ``restore(parent)``, for the helper screen's buttons."""

    def __init__(
        self,
        files: HouseholdFiles,
        *,
        messenger: Messenger,
        choose_save: SaveChooser,
        choose_open: FileChooser,
        suggested_name: Callable[[], str],
        close_app: Callable[[], None],
    ) -> None:
        self._files = files
        self._messenger = messenger
        self._choose_save = choose_save
        self._choose_open = choose_open
        self._suggested_name = suggested_name
        self._close_app = close_app

    def save(self, parent: QWidget) -> Path | None:
        """Ask where, save, and say so; returns the file written (None: nothing was)."""
        chosen = self._choose_save(parent, self._suggested_name())
        if chosen is None:
            return None
        try:
            with _busy():
                written, summary = self._files.save(chosen)
        except LonelyBridgeError as error:
            self._messenger.problem(parent, error)
            return None
        self._messenger.inform(
            parent,
            _("The household is saved"),
            _(
                "Everything is in the file {file}: {contents}, with their links, the record "
                "of contact and the settings.\n\nKeep it somewhere safe, such as a USB stick. "
                "On a new computer, a helper can open it with “Restore the household from a "
                "file”."
            ).format(file=written, contents=household_contents(summary)),
            topic="household-saved",
        )
        return written

    def restore(self, parent: QWidget) -> bool:
        """Ask which file, check it, confirm, and stage it; True when Lonely Bridge closes."""
        chosen = self._choose_open(parent)
        if chosen is None:
            return False
        try:
            with _busy():
                summary = self._files.check(chosen)
        except LonelyBridgeError as error:
            self._messenger.problem(parent, error)
            return False
        if not self._confirmed(parent, chosen, summary):
            return False
        try:
            with _busy():
                self._files.stage(chosen)
        except LonelyBridgeError as error:
            self._messenger.problem(parent, error)
            return False
        self._messenger.inform(
            parent,
            _("Lonely Bridge will close now"),
            _(
                "When you open Lonely Bridge again, the restored household will be there: "
                "{contents}. What is here now will be kept aside, unchanged."
            ).format(contents=household_contents(summary)),
            topic="household-staged",
        )
        self._close_app()
        return True

    def _confirmed(self, parent: QWidget, chosen: Path, summary: HouseholdSummary) -> bool:
        return self._messenger.ask(
            parent,
            _("Restore this household?"),
            _(
                "The file {file} was saved on {when}. It holds {contents}.\n\n"
                "It will take the place of everything on this computer now: the people and "
                "their photos, the regular calls, the record of contact and the settings.\n\n"
                "Nothing is deleted: what is here now is kept aside, unchanged, in a folder "
                "inside Lonely Bridge's information. Lonely Bridge will close, and the restored "
                "household will be there when it opens again."
            ).format(
                file=chosen.name, when=saved_when(summary), contents=household_contents(summary)
            ),
            yes=_("Restore this household"),
            no=_("Keep things as they are"),
            topic="restore-household",
        )
