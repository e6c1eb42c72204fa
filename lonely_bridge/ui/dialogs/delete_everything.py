"""Delete everything: what goes, that it cannot be undone, and a deliberate second step.

The person presses "Yes, I'm sure" and only then sees the button that deletes; or a helper
types their PIN instead. "Save all my information first" is offered before either.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.controls import button, card, label

PinCheck = Callable[[str], bool]
PIN_MAX_DIGITS = 8


def _what_goes() -> str:
    return "\n".join(
        [
            _("• the people, groups and call links"),
            _("• the regular calls"),
            _("• every call, visit and message that was noted"),
            _("• your answers to the short questions"),
            _("• how far you went in the lessons"),
            _("• the people you share news with, and the record of what was sent"),
            _("• the photos"),
            _("• the saved copies Lonely Bridge keeps, which hold the same information"),
            _("• your settings, the helper's PIN and the e-mail password"),
        ]
    )


class _PinField(QLineEdit):
    """Enter in the PIN field tries the PIN, and goes no further: the dialog's own Enter
    means "Keep everything"."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class DeleteEverythingDialog(ScrollingDialog):
    """Accepted only after the second step (or a right PIN); the caller then deletes."""

    save_first_requested = Signal()

    def __init__(self, *, check_pin: PinCheck | None = None, parent: QWidget | None = None):
        super().__init__(_("Delete everything?"), name="deleteEverythingDialog", parent=parent)
        self._check_pin = check_pin
        self.confirmed_by_pin = False
        body = self.body
        body.addWidget(label(_("This takes away everything Lonely Bridge keeps:"),
                             name="deleteIntro"))  # fmt: skip
        body.addWidget(label(_what_goes(), name="deleteWhatGoes"))
        body.addWidget(
            label(
                _(
                    "It cannot be undone. Lonely Bridge will then start afresh, as on the "
                    "first day. If you may want any of it later, save it first."
                ),
                role="heading",
                name="deleteCannotUndo",
            )
        )
        save_first = button(
            _("Save all my information first"),
            name="deleteSaveFirst",
            description=_("Keep a copy in a file before anything is deleted"),
        )
        save_first.clicked.connect(self.save_first_requested)
        body.addWidget(save_first, 0, Qt.AlignmentFlag.AlignLeft)

        self.sure = button(_("Yes, I'm sure"), name="deleteSure")
        self.sure.clicked.connect(self._second_step)
        body.addWidget(self.sure, 0, Qt.AlignmentFlag.AlignLeft)
        self.second = card(role="attention", name="deleteSecondStep")
        second = QVBoxLayout(self.second)
        second.addWidget(label(_("Last step: press this to delete everything now."),
                               name="deleteLastStepWords"))  # fmt: skip
        self.delete = button(_("Delete everything"), name="deleteEverything")
        self.delete.clicked.connect(self.accept)
        second.addWidget(self.delete, 0, Qt.AlignmentFlag.AlignLeft)
        self.second.hide()
        body.addWidget(self.second)

        self.pin: QLineEdit | None = None
        if check_pin is not None:
            self._pin_part(body)

        keep = button(_("Keep everything"), name="deleteKeep", role="primary")
        keep.clicked.connect(self.reject)
        keep.setDefault(True)  # Enter never deletes by accident
        keep.setAutoDefault(True)
        self.footer.addWidget(keep)

    def _pin_part(self, body: QVBoxLayout) -> None:
        box = card(name="deleteWithPin")
        inner = QVBoxLayout(box)
        words = _("Or a family member or helper can type their PIN instead:")
        inner.addWidget(label(words, name="deletePinWords"))
        pin = _PinField()
        pin.setObjectName("deletePin")
        pin.setAccessibleName(_("The helper's PIN"))
        pin.setEchoMode(QLineEdit.EchoMode.Password)
        pin.setMaxLength(PIN_MAX_DIGITS)
        pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        pin.returnPressed.connect(self._with_pin)
        inner.addWidget(pin)
        with_pin = button(_("Delete everything with the PIN"), name="deleteWithPinButton")
        with_pin.clicked.connect(self._with_pin)
        inner.addWidget(with_pin, 0, Qt.AlignmentFlag.AlignLeft)
        body.addWidget(box)
        self.pin = pin

    def _second_step(self) -> None:
        self.sure.hide()
        self.second.show()
        self.delete.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(self.second)

    def _with_pin(self) -> None:
        assert self.pin is not None
        assert self._check_pin is not None
        typed = self.pin.text()
        self.pin.clear()  # never left on screen, right or wrong
        if typed and self._check_pin(typed):
            self.confirmed_by_pin = True
            self.accept()
            return
        self.show_note(_("That PIN is not the helper's. Nothing was deleted."))
