"""Every dialog goes through here, so --no-err-windows can log instead of blocking."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


class Messenger:
    """Shows calm, large message boxes, or only logs them when windows are switched off."""

    def __init__(self, *, windows: bool = True) -> None:
        self.windows = windows

    def _box(self, parent: QWidget | None, title: str, text: str, details: str) -> QMessageBox:
        box = QMessageBox(parent)
        box.setObjectName("messageBox")
        box.setWindowTitle(title)
        box.setText(f"<b>{title}</b>")
        box.setInformativeText(text)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        if details:
            box.setDetailedText(details)
        return box

    def error(self, parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
        log.error("%s: %s %s", title, text, details)
        if not self.windows:
            return
        box = self._box(parent, title, text, details)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("OK")
        box.exec()

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        log.info("%s: %s", title, text)
        if not self.windows:
            return
        box = self._box(parent, title, text, "")
        box.setIcon(QMessageBox.Icon.Information)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def ask(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        yes: str,
        no: str,
        default: bool = False,
    ) -> bool:
        """A yes/no question with worded buttons; returns ``default`` when windows are off."""
        log.info("Asked %r: %s (answering %s without windows)", title, text, default)
        if not self.windows:
            return default
        box = self._box(parent, title, text, "")
        box.setIcon(QMessageBox.Icon.Question)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes_button if default else no_button)
        box.exec()
        return box.clickedButton() is yes_button
