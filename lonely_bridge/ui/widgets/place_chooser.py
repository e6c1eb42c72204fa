"""Choosing a home time zone by its place: type a few letters of a town, pick it from the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from lonely_bridge.i18n import _
from lonely_bridge.wording.places import matching_places, place_line, place_name

__all__ = ["PlaceChooser", "place_name"]

# Enough to find a place by its first letters; the whole table would be slow to fill per key.
MAX_SHOWN = 40
LIST_ROWS = 4


class PlaceChooser(QWidget):
    """``zone`` is the chosen IANA name; ``chosen`` is emitted when the person picks one."""

    chosen = Signal(str)

    def __init__(self, zone: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeChooser")
        self._zone: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("placeSearch")
        self.search.setAccessibleName(_("Type the name of a town or city near you"))
        self.search.setPlaceholderText(_("for example: London"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.setObjectName("placeList")
        self.list.setAccessibleName(_("Places that match"))
        self.list.itemActivated.connect(self._pick)
        layout.addWidget(self.list)
        self.search.textEdited.connect(self._fill)
        self.search.returnPressed.connect(self._pick_current)
        self.set_zone(zone)

    @property
    def zone(self) -> str | None:
        return self._zone

    def set_zone(self, name: str | None) -> None:
        """Show ``name`` as chosen, without emitting ``chosen``."""
        self._zone = name
        self.search.setText(place_name(name) if name else "")
        self._fill(self.search.text())

    def _fill(self, typed: str) -> None:
        extra = (self._zone,) if self._zone else ()
        self.list.clear()
        for place in matching_places(typed, extra=extra)[:MAX_SHOWN]:
            item = QListWidgetItem(place_line(place))
            item.setData(Qt.ItemDataRole.UserRole, place.zone)
            self.list.addItem(item)
            if place.zone == self._zone:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        rows = max(1, min(LIST_ROWS, self.list.count()))
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth())

    def _pick_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        zone = str(item.data(Qt.ItemDataRole.UserRole))
        self._zone = zone
        self.search.setText(place_name(zone))
        self.chosen.emit(zone)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down walk the list while the typing stays in the box.
        walking = (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        )
        if walking and isinstance(event, QKeyEvent):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
            self.list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)
