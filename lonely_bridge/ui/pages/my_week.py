"""My week: a calm picture of recent contact and the people in it, with no scores."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from lonely_bridge.domain.contact_words import kind_name
from lonely_bridge.domain.time_words import when_words
from lonely_bridge.i18n import _
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import card, label
from lonely_bridge.ui.widgets.weeks_chart import WeeksChart


class MyWeekPage(Page):
    def __init__(self, overview: OverviewService, plans: PlanService, *, home_zone: str) -> None:
        super().__init__(_("My week"), name="myWeekPage")
        self._overview = overview
        self._plans = plans
        self._zone = ZoneInfo(home_zone)

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        self._coming_up(layout)
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

    def _coming_up(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("Coming up in the next seven days"), role="heading"))
        box = card(name="comingUp")
        inner = QVBoxLayout(box)
        today = self._plans.now().astimezone(self._zone).date()
        calls = self._plans.upcoming()
        if not calls:
            inner.addWidget(label(_("No calls planned this week."), name="comingUpEmpty"))
        for call in calls:
            when = when_words(call.due_at.astimezone(self._zone), today)
            inner.addWidget(label(_("{when}: {name}").format(when=when, name=call.person.name)))
        layout.addWidget(box)
