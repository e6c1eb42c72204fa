"""Twelve weeks of contact as labelled bars; in-person time is hatched, not only coloured."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.services.overview import WeekSummary
from lonely_bridge.ui.theme import COLOURS, FONT_FAMILY
from lonely_bridge.wording.time import short_date

IN_PERSON = (ContactKind.VISIT, ContactKind.GROUP_ACTIVITY)


class WeeksChart(QWidget):
    def __init__(self, weeks: list[WeekSummary], *, point_size: int) -> None:
        super().__init__()
        self.setObjectName("weeksChart")
        self._weeks = weeks
        self._point_size = point_size
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self._label_height() + 220)
        self.setAccessibleName("Contact over the last twelve weeks")
        self.setAccessibleDescription(self.describe())

    def describe(self) -> str:
        """The chart in words, for screen readers and for the read-aloud button."""
        parts = []
        for week in self._weeks:
            in_person = sum(week.counts[kind] for kind in IN_PERSON)
            parts.append(
                f"Week of {short_date(week.starts)}: {week.total} times in touch, "
                f"{in_person} in person"
            )
        return "; ".join(parts)

    def _label_height(self) -> int:
        return round(self._point_size * 2.2)

    def sizeHint(self) -> QSize:
        return QSize(600, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(FONT_FAMILY)
        font.setPointSize(max(10, round(self._point_size * 0.6)))
        painter.setFont(font)
        label_h = self._label_height()
        chart_h = self.height() - label_h - 8
        count = max(1, len(self._weeks))
        slot = self.width() / count
        tallest = max([week.total for week in self._weeks] + [1])
        for index, week in enumerate(self._weeks):
            x = index * slot + slot * 0.15
            width = slot * 0.7
            in_person = sum(week.counts[kind] for kind in IN_PERSON)
            other = week.total - in_person
            other_h = chart_h * other / tallest
            person_h = chart_h * in_person / tallest
            base = chart_h
            painter.setPen(QPen(QColor(COLOURS.text), 2))
            painter.setBrush(QColor(COLOURS.primary))
            painter.drawRect(QRectF(x, base - other_h, width, other_h))
            hatch = QBrush(QColor(COLOURS.visit), Qt.BrushStyle.BDiagPattern)
            painter.setBrush(QColor(COLOURS.surface))
            painter.drawRect(QRectF(x, base - other_h - person_h, width, person_h))
            painter.setBrush(hatch)
            painter.drawRect(QRectF(x, base - other_h - person_h, width, person_h))
            painter.setPen(QColor(COLOURS.text))
            painter.drawText(
                QRectF(index * slot, chart_h + 4, slot, label_h),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                short_date(week.starts),
            )
        painter.end()
