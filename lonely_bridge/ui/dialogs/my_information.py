"""Your information: the older adult's own controls, never behind the helper's PIN.

Pause the gentle eye (or turn it back on), see and delete the check-in answers, save all
the information to one file, or delete everything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lonely_bridge.domain.errors import DiskFull, LonelyBridgeError
from lonely_bridge.domain.settings import INSIGHT_PAUSED
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.services.insight import InsightService
from lonely_bridge.services.my_information import MyInformationService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.dialogs.check_in_answers import CheckInAnswersDialog
from lonely_bridge.ui.dialogs.delete_everything import DeleteEverythingDialog, PinCheck
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.widgets.controls import button, card, label

SaveChooser = Callable[[QWidget, str], Path | None]


def _pause_words(paused: bool) -> str:
    if paused:
        return _(
            "The gentle eye is resting. Lonely Bridge is not keeping an eye on how often you "
            "are in touch, asks no questions, and sends no news to anyone by itself."
        )
    return _(
        "The gentle eye is on. Lonely Bridge notices how often you are in touch, and now and "
        "then suggests someone to call."
    )


class MyInformationDialog(ScrollingDialog):
    """Opened from Settings by the "Your information" button; one clear action per button."""

    everything_deleted = Signal()

    def __init__(
        self,
        information: MyInformationService,
        insight: InsightService,
        *,
        settings: SettingsService,
        messenger: Messenger,
        choose_file: SaveChooser,
        check_pin: PinCheck | None = None,
        home_zone: str = "UTC",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Your information"), name="myInformationDialog", parent=parent)
        self._information = information
        self._insight = insight
        self._settings = settings
        self._messenger = messenger
        self._choose_file = choose_file
        self._check_pin = check_pin
        self._home_zone = home_zone
        body = self.body

        eye = self._section(body, _("The gentle eye"), "myInfoEye")
        self.pause_words = label("", name="myInfoPauseWords")
        eye.addWidget(self.pause_words)
        self.pause_button = button("", name="myInfoPause")
        self.pause_button.clicked.connect(self.toggle_pause)
        eye.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignLeft)

        answers = self._section(body, _("Your answers to the short questions"), "myInfoAnswers")
        self.answers_words = label("", name="myInfoAnswersWords")
        answers.addWidget(self.answers_words)
        see = button(_("See my answers"), name="myInfoSeeAnswers")
        see.clicked.connect(self.see_answers)
        answers.addWidget(see, 0, Qt.AlignmentFlag.AlignLeft)

        save = self._section(body, _("Keep a copy"), "myInfoSave")
        save.addWidget(
            label(
                _(
                    "Save everything Lonely Bridge keeps, with the photos, in one file. Any "
                    "computer can open it, without Lonely Bridge."
                )
            )
        )
        save_button = button(_("Save all my information"), name="myInfoSaveAll")
        save_button.clicked.connect(self.save_all)
        save.addWidget(save_button, 0, Qt.AlignmentFlag.AlignLeft)

        wipe = self._section(body, _("Start afresh"), "myInfoDelete")
        wipe.addWidget(label(_("Take away everything Lonely Bridge keeps about you.")))
        delete = button(_("Delete everything…"), name="myInfoDeleteEverything")
        delete.clicked.connect(self.delete_everything)
        wipe.addWidget(delete, 0, Qt.AlignmentFlag.AlignLeft)

        close = button(_("Close"), name="myInfoClose", role="primary")
        close.clicked.connect(self.accept)
        close.setDefault(True)
        self.footer.addWidget(close)
        self.refresh()

    def _section(self, body: QVBoxLayout, heading: str, name: str) -> QVBoxLayout:
        box = card(name=name)
        inner = QVBoxLayout(box)
        inner.addWidget(label(heading, role="heading", name=f"{name}Heading"))
        body.addWidget(box)
        return inner

    def refresh(self) -> None:
        paused = self._insight.paused()
        self.pause_words.setText(_pause_words(paused))
        self.pause_words.setAccessibleName(self.pause_words.text())
        words = _("Turn the gentle eye back on") if paused else _("Pause the gentle eye")
        self.pause_button.setText(words)
        self.pause_button.setAccessibleName(words)
        count = len(self._insight.check_in_answers())
        self.answers_words.setText(
            ngettext(
                "You have answered them once.", "You have answered them {n} times.", count
            ).format(n=count)
            if count
            else _("You have not answered any yet.")
        )

    # What the buttons do --------------------------------------------------------------
    def toggle_pause(self) -> None:
        paused = not self._insight.paused()
        self._settings.set(INSIGHT_PAUSED, paused)
        self.refresh()
        self.show_note(
            _("The gentle eye is resting now. Nothing is lost.")
            if paused
            else _("The gentle eye is on again. It starts afresh from today.")
        )

    def see_answers(self) -> None:
        dialog = CheckInAnswersDialog(
            self._insight, messenger=self._messenger, home_zone=self._home_zone, parent=self
        )
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def save_all(self, *, told: ScrollingDialog | None = None) -> bool:
        """Ask where, then save; the outcome is told in ``told`` (this dialog by default)."""
        told = told or self
        target = self._choose_file(told, self._information.suggested_file_name())
        if target is None:
            return False
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        try:
            saved = self._information.save(target)
        except DiskFull:
            told.show_note(
                _(
                    "There was not enough room to save the file, so nothing was saved there. "
                    "Your information is safe in Lonely Bridge. Please choose another place, "
                    "such as a memory stick."
                )
            )
            return False
        except LonelyBridgeError as problem:
            self._messenger.problem(told, problem)
            return False
        told.show_note(
            _("Saved all your information in “{file}”, in the folder {folder}.").format(
                file=saved.path.name, folder=saved.path.parent
            )
        )
        return True

    def delete_everything(self) -> None:
        dialog = DeleteEverythingDialog(check_pin=self._check_pin, parent=self)
        dialog.save_first_requested.connect(lambda: self.save_all(told=dialog))
        agreed = dialog.exec()
        dialog.deleteLater()
        if not agreed:
            self.show_note(_("Nothing was deleted."))
            return
        try:
            self._information.delete_everything()
        except LonelyBridgeError as problem:
            self._messenger.problem(self, problem)
            return
        self._messenger.inform(
            self,
            _("Everything is deleted"),
            _("Lonely Bridge will start afresh, as on the first day."),
            topic="everything-deleted",
        )
        self.everything_deleted.emit()
        self.accept()
