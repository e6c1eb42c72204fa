"""Today: a greeting, who might like a call, and (once plans exist) what is coming up."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout

from lonely_bridge.domain.people import Person
from lonely_bridge.domain.settings import INSIGHT_PAUSED, SET_UP_STATE, SetUpState
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import button, card, label
from lonely_bridge.ui.widgets.person_card import PersonCard
from lonely_bridge.wording.plans import local_times_text
from lonely_bridge.wording.time import greeting, long_date, when_words

PEOPLE_ON_TODAY = 3


class TodayPage(Page):
    call_requested = Signal(int)
    other_ways_requested = Signal(int)
    record_requested = Signal()
    set_up_requested = Signal()  # start, or carry on with, the first-run welcome

    def __init__(
        self,
        overview: OverviewService,
        settings: SettingsService,
        plans: PlanService,
        *,
        photos_dir: Path | None,
        home_zone: str,
    ) -> None:
        super().__init__(_("Today"), name="todayPage")
        self._overview = overview
        self._settings = settings
        self._plans = plans
        self._photos_dir = photos_dir
        self._home_zone = home_zone
        self._zone = ZoneInfo(home_zone)

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        local_now = self._overview.now().astimezone(self._zone)
        owner = self._settings.owner_name()
        hello = greeting(local_now)
        self.title_label.setText(f"{hello}, {owner}" if owner else hello)
        layout.addWidget(label(long_date(local_now), role="heading", name="todayDate"))
        paused = self._settings.get(INSIGHT_PAUSED)
        if paused:
            from lonely_bridge.wording.insight import paused_line

            layout.addWidget(label(paused_line(), name="todayInsightPaused"))
        people = self._overview.people()  # read once: the next call and the cards share it
        self._next_call(layout, local_now, people)
        self._unreadable_note(layout, people)
        statuses = self._overview.people_statuses(people)
        if not statuses:
            self._set_up_button(layout)
            return
        record = button(
            _("I was in touch with someone"),
            name="recordContactButton",
            role="primary",
            description=_("Note a visit, call or message that happened outside Lonely Bridge"),
        )
        record.clicked.connect(self.record_requested)
        layout.addWidget(record)
        layout.addWidget(label(_("Who would you like to talk to?"), role="heading"))
        for status in statuses[:PEOPLE_ON_TODAY]:
            card = PersonCard(
                status, photos_dir=self._photos_dir, scale=self.scale, nudge=not paused
            )
            card.call_requested.connect(self.call_requested)
            card.other_ways_requested.connect(self.other_ways_requested)
            layout.addWidget(card)

    def _set_up_button(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("There is nobody here yet."), name="todayEmpty"))
        begun = self._settings.get(SET_UP_STATE) is not SetUpState.NOT_STARTED
        set_up = button(
            _("Carry on setting up") if begun else _("Set up Lonely Bridge"),
            name="todaySetUpButton",
            role="primary",
            description=_(
                "A few questions, one at a time: your name, and who to keep in touch with"
            ),
        )
        set_up.clicked.connect(self.set_up_requested)
        layout.addWidget(set_up)

    def _next_call(self, layout: QVBoxLayout, local_now: datetime, people: list[Person]) -> None:
        upcoming = self._plans.next_call(people=people)
        if upcoming is None:
            return
        box = card(name="nextCall")
        inner = QVBoxLayout(box)
        inner.addWidget(label(_("Your next planned call"), role="heading"))
        due = upcoming.due_at.astimezone(self._zone)
        words = _("{when} with {name}").format(
            when=when_words(due, local_now.date()), name=upcoming.person.name
        )
        if upcoming.plan.time_zone != self._home_zone:
            words += (
                " ("
                + local_times_text(
                    upcoming.due_at, self._home_zone, upcoming.plan.time_zone, upcoming.person.name
                )
                + ")"
            )
        inner.addWidget(label(words, name="nextCallWords"))
        layout.addWidget(box)

    def _unreadable_note(self, layout: QVBoxLayout, people: list[Person]) -> None:
        count = len(self._plans.unreadable(people=people))
        if count:
            words = ngettext(
                "One regular call could not be read; a helper can fix it.",
                "{count} regular calls could not be read; a helper can fix them.",
                count,
            ).format(count=count)
            words += " " + _("Nothing is lost, and your other calls go on as usual.")
            layout.addWidget(label(words, name="todayUnreadablePlans"))
