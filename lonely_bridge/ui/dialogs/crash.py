"""A calm crash dialog: the information is safe, and a helper can get the details in one press."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from lonely_bridge.i18n import _
from lonely_bridge.ui.widgets.controls import button, label


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(_("Something went wrong"))
        self.setAccessibleName(_("Something went wrong"))
        self._details = details
        layout = QVBoxLayout(self)
        layout.setSpacing(20)
        layout.addWidget(label(_("Sorry, something went wrong"), role="title"))
        layout.addWidget(
            label(
                _(
                    "Your information is safe: everything you saved is still there. "
                    "You can carry on, or close Lonely Bridge and open it again."
                )
            )
        )
        layout.addWidget(
            label(
                _(
                    "If it happens again, press “Copy details for a helper” and send them "
                    "what was copied."
                ),
                role="muted",
            )
        )
        self.copied_label = label("", name="crashCopied")
        layout.addWidget(self.copied_label)
        row = QHBoxLayout()
        copy = button(_("Copy details for a helper"), name="crashCopyDetails")
        copy.clicked.connect(self.copy_details)
        keep_going = button(_("Carry on"), name="crashCarryOn", role="primary")
        keep_going.clicked.connect(self.accept)
        close_app = button(_("Close Lonely Bridge"), name="crashCloseApp")
        close_app.clicked.connect(self.reject)
        row.addWidget(copy)
        row.addStretch(1)
        row.addWidget(close_app)
        row.addWidget(keep_going)
        layout.addLayout(row)
        keep_going.setDefault(True)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self._details)
        self.copied_label.setText(_("✓ Copied. You can paste it into an e-mail or message."))
