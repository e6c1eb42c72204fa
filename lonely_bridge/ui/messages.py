"""Every dialog goes through here, so --no-err-windows can log instead of blocking.

The log names each message by its topic, never by its words: those carry people's names.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.settings import TEXT_SIZE
from lonely_bridge.ui.theme import apply_theme, load_fonts
from lonely_bridge.ui.widgets.controls import button_text, keep_plain, window_title

log = logging.getLogger(__name__)


def _ensure_theme() -> None:
    """A question asked before the window exists (a damaged file at start) still looks like
    Lonely Bridge: large, clear text, not the system's small default."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not app.styleSheet():
        load_fonts()
        apply_theme(app, TEXT_SIZE.default)


# Qt never lets a message box grow wider than this share of the screen (less on wide ones).
BOX_WIDTH_SHARE = 0.6


def _stack_buttons_if_wide(box: QMessageBox) -> None:
    """Worded buttons at the larger text sizes can be wider than Qt lets the box grow, which
    cuts their words; stacked one above the other, each keeps all of its words."""
    buttons = box.findChild(QDialogButtonBox)
    screen = box.screen() or QApplication.primaryScreen()
    if buttons is None or screen is None:
        return
    buttons.ensurePolished()
    for button in buttons.buttons():
        button.ensurePolished()
    if buttons.sizeHint().width() > screen.availableGeometry().width() * BOX_WIDTH_SHARE:
        buttons.setOrientation(Qt.Orientation.Vertical)


class Messenger:
    """Shows calm, large message boxes, or only logs them when windows are switched off."""

    def __init__(self, *, windows: bool = True) -> None:
        self.windows = windows

    def _box(self, parent: QWidget | None, title: str, text: str, details: str) -> QMessageBox:
        _ensure_theme()
        box = QMessageBox(parent)
        box.setObjectName("messageBox")
        # Titles and texts carry names: plain text, or a name could be a link (QMessageBox
        # guesses the format, and opens links in its text by default).
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(window_title(title))
        box.setText(title)
        box.setInformativeText(text)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        if details:
            box.setDetailedText(details)  # shown in a plain-text box
        for text_label in box.findChildren(QLabel):
            keep_plain(text_label)
        heading = box.findChild(QLabel, "qt_msgbox_label")
        if heading is not None:  # the title stands out, as a heading does everywhere else
            heading.setProperty("role", "heading")
        return box

    def problem(self, parent: QWidget | None, error: LonelyBridgeError) -> None:
        """Say what went wrong, in the plain words ``explain`` has for it."""
        from lonely_bridge.wording.problems import explain  # most starts never need it

        words = explain(error)
        self.error(parent, words.title, f"{words.text}\n\n{words.next_step}", topic=error.code)

    def error(
        self, parent: QWidget | None, title: str, text: str, *, topic: str, details: str = ""
    ) -> None:
        log.error("Told of a problem: %s", topic)
        if not self.windows:
            return
        box = self._box(parent, title, text, details)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("OK")
        box.exec()

    def inform(self, parent: QWidget | None, title: str, text: str, *, topic: str) -> None:
        log.info("Told: %s", topic)
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
        topic: str,
        default: bool = False,
    ) -> bool:
        """A yes/no question with worded buttons; returns ``default`` when windows are off."""
        if not self.windows:
            log.info("Asked: %s; answered %s without windows", topic, default)
            return default
        box = self._box(parent, title, text, "")
        box.setIcon(QMessageBox.Icon.Question)
        yes_button = box.addButton(button_text(yes), QMessageBox.ButtonRole.YesRole)
        no_button = box.addButton(button_text(no), QMessageBox.ButtonRole.NoRole)
        yes_button.setAccessibleName(yes)
        no_button.setAccessibleName(no)
        box.setDefaultButton(yes_button if default else no_button)
        _stack_buttons_if_wide(box)
        box.exec()
        answer = box.clickedButton() is yes_button
        log.info("Asked: %s; answered %s", topic, answer)
        return answer
