"""One-of-several buttons that Tab can reach one by one (a QButtonGroup lets Tab stop only once)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton

PREVIOUS_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Left)
NEXT_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Right)


class ChoiceGroup(QObject):
    """Keeps at most one button checked; ids are the caller's. Arrow keys move and choose."""

    chosen = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buttons: list[tuple[int, QPushButton]] = []

    def add(self, button: QPushButton, ident: int) -> None:
        button.setCheckable(True)
        button.clicked.connect(lambda _checked=False: self.choose(ident))
        button.installEventFilter(self)
        self._buttons.append((ident, button))

    def buttons(self) -> list[QPushButton]:
        return [button for _ident, button in self._buttons]

    def button(self, ident: int) -> QPushButton | None:
        return next((button for i, button in self._buttons if i == ident), None)

    def checked_id(self) -> int | None:
        return next((i for i, button in self._buttons if button.isChecked()), None)

    def set_checked(self, ident: int) -> None:
        """Check ``ident`` alone, without emitting ``chosen``."""
        for i, button in self._buttons:
            button.setChecked(i == ident)

    def choose(self, ident: int) -> None:
        self.set_checked(ident)
        self.chosen.emit(ident)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in PREVIOUS_KEYS + NEXT_KEYS:
            return False
        positions = [button for _ident, button in self._buttons]
        if watched not in positions:
            return False
        index = positions.index(watched) + (-1 if event.key() in PREVIOUS_KEYS else 1)
        if 0 <= index < len(positions):
            ident, target = self._buttons[index]
            self.choose(ident)
            target.setFocus(Qt.FocusReason.TabFocusReason)
        return True
