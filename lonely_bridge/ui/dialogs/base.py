"""A dialog whose content scrolls while its title and buttons stay in view, at any text size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lonely_bridge.ui.widgets.controls import label, window_title
from lonely_bridge.ui.widgets.flow_layout import FlowLayout

BODY_SPACING_PX = 16


class ScrollingDialog(QDialog):
    """Subclasses fill ``self.body`` and ``self.footer``, and put hints in ``self.note``."""

    def __init__(self, title: str, *, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(window_title(title))
        self.setAccessibleName(title)
        outer = QVBoxLayout(self)
        self.title_label = label(title, role="title", name=f"{name}Title")
        outer.addWidget(self.title_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setSpacing(BODY_SPACING_PX)
        # As on the pages: never squeeze the content below its natural height.
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        # A line for hints and problems, then the buttons, which wrap onto a second row
        # rather than squeeze their words at the largest text size.
        self.note = label("", name=f"{name}Note")
        self.note.hide()  # an empty line would still take a line's height
        outer.addWidget(self.note)
        buttons = QWidget()
        self.footer = FlowLayout(buttons)
        outer.addWidget(buttons)
        self.scroll_area = scroll

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setAccessibleName(text)
        self.note.setVisible(bool(text))
