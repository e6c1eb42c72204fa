"""Choosing a home time zone by a place's plain name ("London"), searched as you type."""

from __future__ import annotations

import zoneinfo
from functools import cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from lonely_bridge.i18n import _

# The regions of the IANA database whose zones are named after a city or island; the rest
# ("Etc/GMT+5", "US/Eastern", "GB") are older or technical names nobody says aloud.
_PLACE_REGIONS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
VISIBLE_ROWS = 6


def place_name(zone: str) -> str:
    """The place a zone is named after: "America/New_York" is "New York"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@cache
def places() -> tuple[tuple[str, str], ...]:
    """(place name, zone) for every place this computer knows, by name, each name once."""
    found: dict[str, str] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        name = place_name(zone)
        # "Australia/ACT" and its like are old abbreviations, not places anyone types.
        if zone.split("/", 1)[0] in _PLACE_REGIONS and "/" in zone and not name.isupper():
            # Some places are listed twice under old and new names; the first will do.
            found.setdefault(name, zone)
    return tuple(sorted(found.items(), key=lambda item: item[0].casefold()))


class PlaceChooser(QWidget):
    """A search box over place names and the matching places; ``zone`` is the chosen one."""

    chosen = Signal(str)  # the IANA name of the place picked

    def __init__(self, zone: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeChooser")
        self._zone: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("placeSearch")
        self.search.setAccessibleName(_("Type the name of a town or city"))
        self.search.setPlaceholderText(_("Type a town or city, such as London"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._filter)
        layout.addWidget(self.search)
        self.matches = QListWidget()
        self.matches.setObjectName("placeMatches")
        self.matches.setAccessibleName(_("Places that match"))
        self.matches.itemActivated.connect(self._pick)
        self.matches.itemClicked.connect(self._pick)
        layout.addWidget(self.matches)
        self.search.returnPressed.connect(self._pick_first)
        if zone:
            self.set_zone(zone)
        else:
            self._filter("")

    @property
    def zone(self) -> str | None:
        return self._zone

    def set_zone(self, name: str) -> None:
        """Show ``name`` (an IANA zone) as chosen, without emitting ``chosen``."""
        self._zone = name
        self.search.setText(place_name(name))
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        self.matches.clear()
        for name, zone in places():
            if wanted in name.casefold():
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, zone)
                self.matches.addItem(item)
                if zone == self._zone:
                    self.matches.setCurrentItem(item)
        rows = max(1, min(VISIBLE_ROWS, self.matches.count()))
        row_height = self.matches.sizeHintForRow(0) if self.matches.count() else 0
        self.matches.setFixedHeight(rows * max(row_height, 1) + 2 * self.matches.frameWidth())

    def _pick_first(self) -> None:
        item = self.matches.currentItem() or self.matches.item(0)
        if item is not None:
            self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        zone = str(item.data(Qt.ItemDataRole.UserRole))
        self._zone = zone
        self.search.setText(item.text())
        self.matches.setCurrentItem(item)
        self.chosen.emit(zone)
