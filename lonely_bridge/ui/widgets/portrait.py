"""A large round portrait: the person's photo, or a friendly initial when there is none."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from lonely_bridge.ui.theme import FONT_FAMILY

# Dark, calm colours that all keep white initials above 7:1 contrast (tests check this).
INITIAL_BACKGROUNDS = ("#0A3D75", "#1D5B2C", "#6B2C6E", "#7A3300", "#2F4858", "#5C3D00")
INITIAL_TEXT = "#FFFFFF"


def initial_colour(name: str) -> str:
    digest = hashlib.sha256(name.strip().lower().encode()).digest()
    return INITIAL_BACKGROUNDS[digest[0] % len(INITIAL_BACKGROUNDS)]


def initial_of(name: str) -> str:
    """The first letter, digit or symbol of ``name``, never an invisible control character."""
    shown = next((ch for ch in name if unicodedata.category(ch)[0] in "LNS"), "?")
    return shown.upper()


class Portrait(QWidget):
    def __init__(self, name: str, photo: Path | None = None, *, diameter: int = 96) -> None:
        super().__init__()
        self._name = name
        self._pixmap: QPixmap | None = None
        if photo is not None and photo.is_file():
            pixmap = QPixmap(str(photo))
            self._pixmap = None if pixmap.isNull() else pixmap
        self._diameter = diameter
        self.setFixedSize(QSize(diameter, diameter))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Portrait of {name}")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        circle = QRectF(1, 1, self._diameter - 2, self._diameter - 2)
        path = QPainterPath()
        path.addEllipse(circle)
        if self._pixmap is not None:
            scaled = self._pixmap.scaled(
                self._diameter,
                self._diameter,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.setClipPath(path)
            x = (self._diameter - scaled.width()) / 2
            y = (self._diameter - scaled.height()) / 2
            painter.drawPixmap(int(x), int(y), scaled)
        else:
            painter.fillPath(path, QColor(initial_colour(self._name)))
            font = QFont(FONT_FAMILY)
            font.setPixelSize(max(12, int(self._diameter * 0.45)))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor(INITIAL_TEXT))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, initial_of(self._name))
        painter.end()
