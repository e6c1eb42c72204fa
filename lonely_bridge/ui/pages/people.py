"""People: everyone the older adult keeps in touch with, each one press from a call."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.settings import INSIGHT_PAUSED
from lonely_bridge.i18n import _
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import card, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.ui.widgets.person_card import PersonCard
from lonely_bridge.wording.plans import describe


class PeoplePage(Page):
    call_requested = Signal(int)
    other_ways_requested = Signal(int)

    def __init__(
        self,
        overview: OverviewService,
        people: PeopleService,
        plans: PlanService,
        settings: SettingsService,
        *,
        photos_dir: Path | None,
    ) -> None:
        super().__init__(_("People"), name="peoplePage")
        self._overview = overview
        self._people = people
        self._plans = plans
        self._settings = settings
        self._photos_dir = photos_dir

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        statuses = sorted(self._overview.people_statuses(), key=lambda s: s.person.name.lower())
        if not statuses:
            layout.addWidget(label(_("Nobody has been added yet."), name="peopleEmpty"))
        # While the gentle eye rests, the cards keep the facts and drop "it's been a while".
        nudge = not self._settings.get(INSIGHT_PAUSED)
        for status in statuses:
            person_card = PersonCard(
                status, photos_dir=self._photos_dir, scale=self.scale, nudge=nudge
            )
            person_card.call_requested.connect(self.call_requested)
            person_card.other_ways_requested.connect(self.other_ways_requested)
            layout.addWidget(person_card)
        self._regular_calls(layout)

    def _regular_calls(self, layout: QVBoxLayout) -> None:
        plans = self._plans.plans()
        if not plans:
            return
        layout.addWidget(label(_("Regular calls"), role="heading"))
        for plan, person in plans:
            assert plan.id is not None
            words = label(plan_words(plan), name=f"planWords{plan.id}")
            layout.addWidget(item_card(f"plan{plan.id}", person.name, [words], []))
        layout.addWidget(
            label(
                _("Family and helpers plan and change calls under “For family and helpers”."),
                role="muted",
                name="plansWhere",
            )
        )


def item_card(name: str, heading: str, lines: list[QLabel], buttons: list[QPushButton]) -> QFrame:
    box = card(name=name)
    inner = QVBoxLayout(box)
    inner.addWidget(label(heading, role="heading"))
    for line in lines:
        inner.addWidget(line)
    if buttons:
        inner.addWidget(button_row(*buttons))
    return box


def plan_words(plan: CallPlan) -> str:
    if plan.recurrence is None:
        return _("A plan this version cannot read")
    return describe(plan.recurrence)
