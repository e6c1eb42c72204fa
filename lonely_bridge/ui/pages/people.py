"""People: everyone the older adult keeps in touch with, each one press from a call."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from lonely_bridge.i18n import _
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import label
from lonely_bridge.ui.widgets.person_card import PersonCard


class PeoplePage(Page):
    call_requested = Signal(int)

    def __init__(self, overview: OverviewService, *, photos_dir: Path | None) -> None:
        super().__init__(_("People"), name="peoplePage")
        self._overview = overview
        self._photos_dir = photos_dir

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        statuses = sorted(self._overview.people_statuses(), key=lambda s: s.person.name.lower())
        if not statuses:
            layout.addWidget(label(_("Nobody has been added yet."), name="peopleEmpty"))
            return
        for status in statuses:
            card = PersonCard(status, photos_dir=self._photos_dir, scale=self.scale)
            card.call_requested.connect(self.call_requested)
            layout.addWidget(card)
