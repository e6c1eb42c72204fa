"""My week: a calm picture of recent contact and the people in it, with no scores."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from lonely_bridge.domain.contact_words import kind_name
from lonely_bridge.i18n import _
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import card, label
from lonely_bridge.ui.widgets.weeks_chart import WeeksChart


class MyWeekPage(Page):
    def __init__(self, overview: OverviewService) -> None:
        super().__init__(_("My week"), name="myWeekPage")
        self._overview = overview

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        layout.addWidget(label(_("The last twelve weeks"), role="heading"))
        weeks = self._overview.recent_weeks()
        layout.addWidget(WeeksChart(weeks, point_size=self.point_size))
        legend = QHBoxLayout()
        legend.addWidget(
            label(_("▨ Striped: together in person"), name="legendInPerson", wrap=True)
        )
        legend.addWidget(label(_("■ Solid: calls and messages"), name="legendOther", wrap=True))
        layout.addLayout(legend)

        layout.addWidget(label(_("This week you were in touch with"), role="heading"))
        names = {s.person.id: s.person.name for s in self._overview.people_statuses()}
        seen: dict[int, list[str]] = {}
        for event in self._overview.recent_events(days=7):
            kinds = seen.setdefault(event.person_id, [])
            word = kind_name(event.kind)
            if word not in kinds:
                kinds.append(word)
        box = card(name="weekPeople")
        inner = QVBoxLayout(box)
        if not seen:
            inner.addWidget(
                label(_("Nobody yet this week. A short call can brighten two days at once."))
            )
        for person_id, kinds in seen.items():
            if person_id in names:
                inner.addWidget(label(f"{names[person_id]}: {', '.join(kinds)}"))
        layout.addWidget(box)
