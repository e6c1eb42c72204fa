"""A calm crash dialog: the information is safe, and a helper can get the details in one press."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.controls import button, label


class CrashDialog(ScrollingDialog):
    """Ends with ``CLOSE_APP`` only when "Close Lonely Bridge" is pressed.

    Escape, the window's close button and "Carry on" all keep the app going: quitting
    should never be the accidental answer.
    """

    CLOSE_APP = 2

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Sorry, something went wrong"), name="crashDialog", parent=parent)
        self._details = details
        self.body.addWidget(
            label(
                _(
                    "Your information is safe: everything you saved is still there. "
                    "You can carry on, or close Lonely Bridge and open it again."
                )
            )
        )
        self.body.addWidget(
            label(
                _(
                    "If it happens again, press “Copy details for a helper” and send them "
                    "what was copied."
                ),
                role="muted",
            )
        )
        self.copied_label = label("", name="crashCopied")
        self.body.addWidget(self.copied_label)
        copy = button(_("Copy details for a helper"), name="crashCopyDetails")
        copy.clicked.connect(self.copy_details)
        keep_going = button(_("Carry on"), name="crashCarryOn", role="primary")
        keep_going.clicked.connect(self.accept)
        close_app = button(_("Close Lonely Bridge"), name="crashCloseApp")
        close_app.clicked.connect(lambda: self.done(self.CLOSE_APP))
        self.footer.addWidget(keep_going)
        self.footer.addWidget(copy)
        self.footer.addWidget(close_app)
        keep_going.setDefault(True)
        keep_going.setFocus()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self._details)
        self.copied_label.setText(_("✓ Copied. You can paste it into an e-mail or message."))
