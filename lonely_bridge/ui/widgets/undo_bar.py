"""A bar that says what just happened and offers Undo; it never disappears on a timer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout

from lonely_bridge.i18n import _
from lonely_bridge.ui.widgets.controls import button, label


class UndoBar(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("undoBar")
        self.setProperty("role", "attention")
        self._undo: Callable[[], None] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 12, 24, 12)
        self.message = label("", name="undoMessage")
        row.addWidget(self.message, 1)
        self.undo_button = button(_("Undo"), name="undoButton")
        self.undo_button.clicked.connect(self._on_undo)
        self.close_button = button(_("OK"), name="undoDismiss", description=_("Hide this note"))
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.undo_button)
        row.addWidget(self.close_button)
        self.hide()

    def offer(self, message: str, undo: Callable[[], None] | None) -> None:
        self._undo = undo
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.undo_button.setVisible(undo is not None)
        self.show()

    def dismiss(self) -> None:
        self._undo = None
        self.hide()

    def _on_undo(self) -> None:
        undo, self._undo = self._undo, None
        if undo is not None:
            undo()
