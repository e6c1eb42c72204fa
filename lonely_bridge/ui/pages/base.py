"""A scrolling page with a title, the shape every destination shares."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

from lonely_bridge.ui.widgets.controls import clear_layout_widgets, label

PAGE_MARGIN_PX = 32
PAGE_SPACING_PX = 24


class Page(QScrollArea):
    """Subclasses fill ``self.body`` in ``refresh()``; the title stays put."""

    painted = Signal()
    # Set by the main window when the text size changes; pages size pictures from them.
    scale: float = 1.0
    point_size: int = 18

    def __init__(self, title: str, *, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName(f"{name}Content")
        outer = QVBoxLayout(content)
        # Without this the scroll area squeezes the page below its natural height, and
        # large text overlaps instead of scrolling.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        outer.setContentsMargins(PAGE_MARGIN_PX, PAGE_MARGIN_PX, PAGE_MARGIN_PX, PAGE_MARGIN_PX)
        outer.setSpacing(PAGE_SPACING_PX)
        self.title_label = label(title, role="title", name=f"{name}Title")
        outer.addWidget(self.title_label)
        self.body = QWidget()
        self.body.setObjectName(f"{name}Body")
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(PAGE_SPACING_PX)
        outer.addWidget(self.body)
        outer.addStretch(1)
        self.setWidget(content)

    def body_layout(self) -> QVBoxLayout:
        layout = self.body.layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    def clear_body(self) -> None:
        clear_layout_widgets(self.body)

    def refresh(self) -> None:
        """Re-read what the page shows."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()
