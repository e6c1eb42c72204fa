"""A large box for typing a PIN: digits only, each shown as a dot, Enter to go on."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from lonely_bridge.domain.pin import MAX_DIGITS

PIN_ENTRY_CHARACTERS = MAX_DIGITS + 2


def pin_entry(*, name: str, title: str, parent: QWidget | None = None) -> QLineEdit:
    entry = QLineEdit(parent)
    entry.setObjectName(name)
    entry.setAccessibleName(title)
    entry.setProperty("role", "pin")
    entry.setEchoMode(QLineEdit.EchoMode.Password)
    entry.setMaxLength(MAX_DIGITS)
    entry.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{MAX_DIGITS}}}")))
    entry.setInputMethodHints(
        Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
    )
    # Room for every digit at the text size chosen, and no more: a PIN box that fills the
    # screen hides the button beside it.
    width = entry.fontMetrics().horizontalAdvance("0") * PIN_ENTRY_CHARACTERS * 2
    entry.setMinimumWidth(width)
    entry.setMaximumWidth(width * 2)
    return entry
