"""My week: a calm picture of recent contact and the people in it, with no scores."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from lonely_bridge.domain.people import Person
from lonely_bridge.i18n import _
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import button, card, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.ui.widgets.weeks_chart import WeeksChart
from lonely_bridge.wording.contacts import kind_name
from lonely_bridge.wording.time import when_words

if TYPE_CHECKING:
    from lonely_bridge.services.insight import InsightService


class MyWeekPage(Page):
    call_requested = Signal(int)
    check_in_requested = Signal()
    sharing_requested = Signal()

    def __init__(
        self,
        overview: OverviewService,
        plans: PlanService,
        insight: InsightService,
        *,
        home_zone: str,
    ) -> None:
        super().__init__(_("My week"), name="myWeekPage")
        self._overview = overview
        self._plans = plans
        self._insight = insight
        self._zone = ZoneInfo(home_zone)

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        people = self._overview.people()  # read once: the insight, plans and names share it
        names = {person.id: person.name for person in people}
        self._how_things_are(layout, people, names)
        self._coming_up(layout, people)
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
        seen = self._overview.in_touch(days=7)
        box = card(name="weekPeople")
        inner = QVBoxLayout(box)
        if not seen:
            inner.addWidget(
                label(_("Nobody yet this week. A short call can brighten two days at once."))
            )
        lines = [
            f"{names[person_id]}: {', '.join(kind_name(kind) for kind in kinds)}"
            for person_id, kinds in seen.items()
            if person_id in names
        ]
        if lines:
            # One label, a line each: hundreds of labels take longer to lay out than the rest
            # of the page together.
            inner.addWidget(label("\n".join(lines), name="weekPeopleList"))
        layout.addWidget(box)

    def _coming_up(self, layout: QVBoxLayout, people: list[Person]) -> None:
        layout.addWidget(label(_("Coming up in the next seven days"), role="heading"))
        box = card(name="comingUp")
        inner = QVBoxLayout(box)
        today = self._plans.now().astimezone(self._zone).date()
        calls = self._plans.upcoming(people=people)
        if not calls:
            inner.addWidget(label(_("No calls planned this week."), name="comingUpEmpty"))
        for call in calls:
            when = when_words(call.due_at.astimezone(self._zone), today)
            inner.addWidget(label(_("{when}: {name}").format(when=when, name=call.person.name)))
        layout.addWidget(box)

    def _how_things_are(
        self, layout: QVBoxLayout, people: list[Person], names: dict[int | None, str]
    ) -> None:
        from lonely_bridge.domain.insight import Level
        from lonely_bridge.wording.insight import level_words, next_step_words, reason_words

        service = self._insight
        if service.paused():
            self._resting(layout)
            return
        insight = service.current(people=people)
        box = card(role="attention" if insight.level >= Level.REACH_OUT else "card", name="insight")
        inner = QVBoxLayout(box)
        inner.addWidget(label(level_words(insight.level), role="heading", name="insightLevel"))
        for index, reason in enumerate(insight.reasons):
            inner.addWidget(label("• " + reason_words(reason), name=f"insightReason{index}"))
        inner.addWidget(label(next_step_words(insight.next_step), name="insightNextStep"))
        if insight.next_person_id is not None:
            name = names.get(insight.next_person_id) or self._overview.person_name(
                insight.next_person_id
            )
            call = button(_("Call {name}").format(name=name), name="insightCall", role="primary")
            person_id = insight.next_person_id
            call.clicked.connect(lambda: self.call_requested.emit(person_id))
            inner.addWidget(call, 0, Qt.AlignmentFlag.AlignLeft)
        if insight.level is Level.TELL_SOMEONE:
            share = button(_("Tell someone I trust…"), name="insightShare")
            share.clicked.connect(self.sharing_requested)
            inner.addWidget(share, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(box)
        if service.check_in_due() and not service.check_in_put_off():
            ask = card(name="checkInPrompt")
            column = QVBoxLayout(ask)
            column.addWidget(
                label(
                    _(
                        "Would you like to answer three short questions about how you have "
                        "been? You can skip any of them."
                    )
                )
            )
            answer = button(_("Answer now"), name="checkInStart")
            answer.clicked.connect(self.check_in_requested)
            later = button(_("Not now"), name="checkInLater")
            later.clicked.connect(lambda: self._put_off_check_in(service))
            column.addWidget(button_row(answer, later))
            layout.addWidget(ask)

    def _resting(self, layout: QVBoxLayout) -> None:
        from lonely_bridge.wording.insight import paused_title, paused_words

        box = card(name="insightPaused")
        inner = QVBoxLayout(box)
        inner.addWidget(label(paused_title(), role="heading", name="insightPausedTitle"))
        inner.addWidget(label(paused_words(), name="insightPausedWords"))
        layout.addWidget(box)

    def _put_off_check_in(self, service: InsightService) -> None:
        service.put_off_check_in()
        self.refresh()
