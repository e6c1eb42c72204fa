"""Factories for the app's labels and buttons, so every control is named and accessible.

Words on screen are plain text: a name is never markup, and no label opens a link.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtText
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
    QWidget,
)

LINK_INTERACTION = (
    Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
)


def keep_plain(widget: QLabel) -> QLabel:
    """Show ``widget``'s words exactly as written, and let no click on it open anything."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setOpenExternalLinks(False)
    widget.setTextInteractionFlags(widget.textInteractionFlags() & ~LINK_INTERACTION)
    return widget


def button_text(text: str) -> str:
    """``text`` for a button or tick box: an "&" is a letter there, not a shortcut marker."""
    return text.replace("&", "&&")


def tooltip_text(text: str) -> str:
    """``text`` for a tooltip, which has no plain-text setting: Qt guesses, so escape markup."""
    if QtText.mightBeRichText(text):
        return QtText.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
    return text


def set_tooltip(target: QWidget | QSystemTrayIcon, text: str) -> None:
    """A tooltip, plain, on a widget or the tray icon."""
    target.setToolTip(tooltip_text(text))


def window_title(text: str) -> str:
    """``text`` for a title bar, where Qt would hide a "[*]" as its unsaved-changes mark."""
    return text.replace("[*]", "[*][*]")


def label(text: str, *, role: str = "", name: str = "", wrap: bool = True) -> QLabel:
    widget = keep_plain(QLabel(text))
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setAccessibleName(text)
    # Word-wrapped labels must be allowed to grow taller, or large text gets clipped.
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def button(
    text: str,
    *,
    name: str,
    role: str = "",
    description: str = "",
    checkable: bool = False,
) -> QPushButton:
    widget = QPushButton(button_text(text))
    widget.setObjectName(name)
    widget.setAccessibleName(text)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(tooltip_text(description))
    if role:
        widget.setProperty("role", role)
    widget.setCheckable(checkable)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


def card(*, role: str = "card", name: str = "") -> QFrame:
    frame = QFrame()
    frame.setProperty("role", role)
    if name:
        frame.setObjectName(name)
    return frame


def clear_layout_widgets(container: QWidget) -> None:
    """Remove and delete every child widget of ``container``'s layout."""
    layout = container.layout()
    if layout is not None:
        clear_layout(layout)


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        child = item.widget()
        if child is not None:
            # Hide at once: deleteLater alone leaves the old widget painted until the event
            # loop next runs, on top of the new one. (Unparenting instead would turn a widget
            # whose queued show has not run yet into a stray top-level window.)
            child.hide()
            child.deleteLater()
        elif (nested_layout := item.layout()) is not None:
            clear_layout(nested_layout)
            nested_layout.deleteLater()


COMBO_MIN_CHARACTERS = 12


def combo_box(*, name: str, title: str) -> QComboBox:
    """A drop-down that does not grow to its longest choice (a time zone list would run off
    the screen at the largest text size); the open list still shows every word."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(title)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_MIN_CHARACTERS)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo
