"""People: everyone the older adult keeps in touch with, each one press from a call."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.i18n import _
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import button, card, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.ui.widgets.person_card import PersonCard
from lonely_bridge.wording.plans import describe


class PeoplePage(Page):
    call_requested = Signal(int)
    other_ways_requested = Signal(int)
    edit_requested = Signal(int)
    add_requested = Signal()
    import_requested = Signal()
    restore_requested = Signal(int)
    delete_requested = Signal(int)
    plan_requested = Signal()
    plan_edit_requested = Signal(int)
    plan_stop_requested = Signal(int)
    calendar_requested = Signal()
    sharing_requested = Signal()

    def __init__(
        self,
        overview: OverviewService,
        people: PeopleService,
        plans: PlanService,
        *,
        photos_dir: Path | None,
    ) -> None:
        super().__init__(_("People"), name="peoplePage")
        self._overview = overview
        self._people = people
        self._plans = plans
        self._photos_dir = photos_dir

    def refresh(self) -> None:
        self.clear_body()
        layout = self.body_layout()
        statuses = sorted(self._overview.people_statuses(), key=lambda s: s.person.name.lower())
        if not statuses:
            layout.addWidget(label(_("Nobody has been added yet."), name="peopleEmpty"))
        for status in statuses:
            person_card = PersonCard(
                status, photos_dir=self._photos_dir, scale=self.scale, editable=True
            )
            person_card.call_requested.connect(self.call_requested)
            person_card.other_ways_requested.connect(self.other_ways_requested)
            person_card.edit_requested.connect(self.edit_requested)
            layout.addWidget(person_card)
        self._helper_tools(layout)

    def _helper_tools(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("For family and helpers"), role="heading"))
        add = button(_("Add someone"), name="addPerson")
        add.clicked.connect(self.add_requested)
        from_file = button(
            _("Add from a contacts file…"),
            name="importContacts",
            description=_("A .vcf file exported from a phone or an e-mail program"),
        )
        from_file.clicked.connect(self.import_requested)
        sharing = button(
            _("Sharing with family…"),
            name="openSharing",
            description=_("Choose who may hear how things are, and see what was sent"),
        )
        sharing.clicked.connect(self.sharing_requested)
        layout.addWidget(button_row(add, from_file, sharing))
        self._regular_calls(layout)
        archived = self._people.archived()
        if archived:
            layout.addWidget(label(_("Put away"), role="heading"))
        for person in archived:
            assert person.id is not None
            bring_back = button(
                _("Bring {name} back").format(name=person.name), name=f"restorePerson{person.id}"
            )
            bring_back.clicked.connect(lambda _c=False, i=person.id: self.restore_requested.emit(i))
            delete = button(
                _("Delete for good…"),
                name=f"deletePerson{person.id}",
                description=_("Asks first; removes {name} and their history").format(
                    name=person.name
                ),
            )
            delete.clicked.connect(lambda _c=False, i=person.id: self.delete_requested.emit(i))
            layout.addWidget(
                item_card(f"archived{person.id}", person.name, [], [bring_back, delete])
            )

    def _regular_calls(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("Regular calls"), role="heading"))
        # Plans this version cannot read are listed too, so a helper can change or stop them.
        for plan, person in self._plans.plans(include_unreadable=True):
            assert plan.id is not None
            change = button(_("Change"), name=f"changePlan{plan.id}")
            change.clicked.connect(lambda _c=False, i=plan.id: self.plan_edit_requested.emit(i))
            stop = button(_("Stop these calls…"), name=f"stopPlan{plan.id}")
            stop.clicked.connect(lambda _c=False, i=plan.id: self.plan_stop_requested.emit(i))
            words = label(plan_words(plan), name=f"planWords{plan.id}")
            layout.addWidget(item_card(f"plan{plan.id}", person.name, [words], [change, stop]))
        add_plan = button(_("Plan a regular call"), name="addPlan")
        add_plan.clicked.connect(self.plan_requested)
        calendar = button(
            _("Save the calls for a calendar…"),
            name="exportCalendar",
            description=_("A file family can add to their own calendars"),
        )
        calendar.clicked.connect(self.calendar_requested)
        layout.addWidget(button_row(add_plan, calendar))


def item_card(name: str, heading: str, lines: list[QLabel], buttons: list[QPushButton]) -> QFrame:
    box = card(name=name)
    inner = QVBoxLayout(box)
    inner.addWidget(label(heading, role="heading"))
    for line in lines:
        inner.addWidget(line)
    inner.addWidget(button_row(*buttons))
    return box


def plan_words(plan: CallPlan) -> str:
    if plan.recurrence is None:
        return _("A plan this version cannot read")
    return describe(plan.recurrence)
