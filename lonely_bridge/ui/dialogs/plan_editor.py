"""The helper's form for a regular call: who, how often, when, in whose time, and how to call."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, QObject, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.plans import DEFAULT_REMINDER_LEAD, CallPlan
from lonely_bridge.domain.recurrence import Frequency, Recurrence, next_occurrence
from lonely_bridge.i18n import _
from lonely_bridge.services.plans import PlanService
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, combo_box, label
from lonely_bridge.ui.widgets.flow_layout import FlowLayout
from lonely_bridge.wording.plans import describe, local_time_warning, local_times_text
from lonely_bridge.wording.problems import explain

MAX_LEAD_MINUTES = 120
DEFAULT_TIME = time(16, 0)
# (how often, interval) for each "how often" choice, in the order shown.
FREQUENCIES = (
    (Frequency.DAILY, 1),
    (Frequency.WEEKLY, 1),
    (Frequency.WEEKLY, 2),
    (Frequency.MONTHLY_NTH_WEEKDAY, 1),
)
NTH_CHOICES = (1, 2, 3, 4, -1)


def _frequency_words() -> list[str]:
    return [_("Every day"), _("Every week"), _("Every two weeks"), _("Once a month")]


def _day_words() -> list[str]:
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def _nth_words() -> list[str]:
    return [_("First"), _("Second"), _("Third"), _("Fourth"), _("Last")]


def _choice_row(
    parent: ScrollingDialog, words: list[str], prefix: str
) -> tuple[ChoiceGroup, QWidget]:
    group = ChoiceGroup(parent)
    box = QWidget()
    flow = FlowLayout(box)
    for index, text in enumerate(words):
        choice = button(text, name=f"{prefix}{index}", checkable=True)
        choice.setProperty("role", "choice")
        group.add(choice, index)
        flow.addWidget(choice)
    parent.body.addWidget(box)
    return group, box


class PlanEditor(ScrollingDialog):
    def __init__(
        self,
        plan: CallPlan | None,
        *,
        people: list[Person],
        plans: PlanService,
        home_zone: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Change a regular call") if plan else _("Plan a regular call")
        super().__init__(title, name="planEditor", parent=parent)
        self._plan = plan
        self._people = [p for p in people if p.id is not None]
        self._plans = plans
        self._home_zone = home_zone
        self.saved: CallPlan | None = None
        body = self.body

        body.addWidget(label(_("With whom?"), role="heading"))
        self.person_box = combo_box(name="planPerson", title=_("With whom?"))
        for person in self._people:
            self.person_box.addItem(person.name, person.id)
        body.addWidget(self.person_box)
        body.addWidget(label(_("How to call"), role="heading"))
        self.link_box = combo_box(name="planLink", title=_("How to call"))
        body.addWidget(self.link_box)

        body.addWidget(label(_("How often?"), role="heading"))
        self.frequency, _box = _choice_row(self, _frequency_words(), "planFrequency")
        self.days_heading = label(_("On which days?"), role="heading")
        body.addWidget(self.days_heading)
        self.days = _MultiChoice(self, _day_words(), "planDay")
        self.nth_heading = label(_("Which week of the month?"), role="heading")
        body.addWidget(self.nth_heading)
        self.nth, self.nth_box = _choice_row(self, _nth_words(), "planNth")

        body.addWidget(label(_("At what time?"), role="heading"))
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("planTime")
        self.time_edit.setAccessibleName(_("At what time?"))
        self.time_edit.setDisplayFormat("h:mm AP")
        body.addWidget(self.time_edit)
        body.addWidget(label(_("In whose time?"), role="heading"))
        self.zone_box = combo_box(name="planZone", title=_("In whose time?"))
        self.zone_box.setEditable(True)  # typing filters the long list of places
        self.zone_box.addItem(_("My time here ({zone})").format(zone=home_zone), home_zone)
        for zone in sorted(available_timezones() - {home_zone}):
            if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
                self.zone_box.addItem(zone.replace("_", " "), zone)
        body.addWidget(self.zone_box)

        body.addWidget(label(_("Starting on"), role="heading"))
        self.start_edit = QDateEdit()
        self.start_edit.setObjectName("planStart")
        self.start_edit.setAccessibleName(_("Starting on"))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("d MMMM yyyy")
        body.addWidget(self.start_edit)
        self.ends_box = QCheckBox(_("Stop after a date"))
        self.ends_box.setObjectName("planHasEnd")
        self.ends_box.setAccessibleName(self.ends_box.text())
        body.addWidget(self.ends_box)
        self.end_edit = QDateEdit()
        self.end_edit.setObjectName("planEnd")
        self.end_edit.setAccessibleName(_("Last day"))
        self.end_edit.setCalendarPopup(True)
        self.end_edit.setDisplayFormat("d MMMM yyyy")
        body.addWidget(self.end_edit)

        body.addWidget(label(_("Remind how many minutes before?"), role="heading"))
        self.lead_box = QSpinBox()
        self.lead_box.setObjectName("planLead")
        self.lead_box.setAccessibleName(_("Remind how many minutes before?"))
        self.lead_box.setRange(0, MAX_LEAD_MINUTES)
        self.lead_box.setSuffix(" " + _("minutes"))
        body.addWidget(self.lead_box)

        self.preview = label("", name="planPreview")
        body.addWidget(self.preview)
        cancel = button(_("Cancel"), name="planCancel")
        cancel.clicked.connect(self.reject)
        save = button(_("Save"), name="planSave", role="primary")
        save.clicked.connect(self.save)
        self.footer.addWidget(save)
        self.footer.addWidget(cancel)

        self._load(plan, today)
        self.person_box.currentIndexChanged.connect(self._fill_links)
        for signal in (
            self.frequency.chosen,
            self.days.changed,
            self.nth.chosen,
            self.time_edit.timeChanged,
            self.zone_box.currentIndexChanged,
            self.start_edit.dateChanged,
            self.end_edit.dateChanged,
            self.ends_box.toggled,
            self.person_box.currentIndexChanged,
        ):
            signal.connect(self._update)
        self._update()

    # Filling in -----------------------------------------------------------------------------
    def _load(self, plan: CallPlan | None, today: date) -> None:
        rec = plan.recurrence if plan is not None else None
        schedule = plan.schedule if plan is not None else None
        person_ids = [p.id for p in self._people]
        if plan is not None and plan.person_id in person_ids:
            self.person_box.setCurrentIndex(person_ids.index(plan.person_id))
        self._fill_links(link_id=plan.link_id if plan else None)
        frequency = (rec.frequency, rec.interval) if rec else (Frequency.WEEKLY, 1)
        self.frequency.set_checked(FREQUENCIES.index(frequency) if frequency in FREQUENCIES else 1)
        weekdays = rec.weekdays if rec and rec.weekdays else (today.weekday(),)
        self.days.set_checked(weekdays)
        nth = rec.nth if rec and rec.nth in NTH_CHOICES else 1
        self.nth.set_checked(NTH_CHOICES.index(nth))
        chosen = schedule.time_of_day if schedule else DEFAULT_TIME
        self.time_edit.setTime(QTime(chosen.hour, chosen.minute))
        zone = plan.time_zone if plan else self._home_zone
        index = self.zone_box.findData(zone)
        self.zone_box.setCurrentIndex(max(index, 0))
        start = schedule.starts_on if schedule else today
        self.start_edit.setDate(QDate(start.year, start.month, start.day))
        end = schedule.ends_on if schedule and schedule.ends_on else today + timedelta(days=90)
        self.end_edit.setDate(QDate(end.year, end.month, end.day))
        self.ends_box.setChecked(bool(schedule and schedule.ends_on))
        lead = plan.reminder_lead if plan else DEFAULT_REMINDER_LEAD
        self.lead_box.setValue(int(lead.total_seconds() // 60))

    def _person(self) -> Person | None:
        index = self.person_box.currentIndex()
        return self._people[index] if 0 <= index < len(self._people) else None

    def _fill_links(self, *_args: object, link_id: int | None = None) -> None:
        self.link_box.clear()
        person = self._person()
        if person is None:
            return
        for link in sorted(person.links, key=lambda link: not link.is_default):
            self.link_box.addItem(link.label, link.id)
        if link_id is not None and (index := self.link_box.findData(link_id)) >= 0:
            self.link_box.setCurrentIndex(index)

    # Checking -------------------------------------------------------------------------------
    def recurrence(self) -> Recurrence:
        """What the form says, as a recurrence; raises ValueError if it says nothing sensible."""
        frequency, interval = FREQUENCIES[self.frequency.checked_id() or 0]
        days = self.days.checked()
        if frequency is Frequency.MONTHLY_NTH_WEEKDAY:
            days = days[:1]
        chosen = self.time_edit.time()
        return Recurrence(
            frequency,
            interval=interval,
            weekdays=() if frequency is Frequency.DAILY else tuple(days),
            nth=NTH_CHOICES[self.nth.checked_id() or 0]
            if frequency is Frequency.MONTHLY_NTH_WEEKDAY
            else None,
            time_of_day=time(chosen.hour(), chosen.minute()),
            zone=str(self.zone_box.currentData() or self._home_zone),
            starts_on=self.start_edit.date().toPython(),  # type: ignore[arg-type]
            ends_on=self.end_edit.date().toPython() if self.ends_box.isChecked() else None,  # type: ignore[arg-type]
        )

    def _update(self, *_args: object) -> None:
        frequency, _interval = FREQUENCIES[self.frequency.checked_id() or 0]
        monthly = frequency is Frequency.MONTHLY_NTH_WEEKDAY
        self.days.single = monthly
        self.days_heading.setVisible(frequency is not Frequency.DAILY)
        self.days.box.setVisible(frequency is not Frequency.DAILY)
        self.nth_heading.setVisible(monthly)
        self.nth_box.setVisible(monthly)
        self.end_edit.setEnabled(self.ends_box.isChecked())
        try:
            rec = self.recurrence()
        except ValueError:
            self.preview.setText(_("Please choose at least one day."))
            return
        lines = [describe(rec) + "."]
        person = self._person()
        upcoming = next_occurrence(rec, self._plans.now())
        if person is not None and rec.zone != self._home_zone and upcoming is not None:
            lines.append(local_times_text(upcoming, self._home_zone, rec.zone, person.name) + ".")
        warning = local_time_warning(rec, from_date=self._plans.now().date())
        if warning:
            lines.append(warning)
        if upcoming is None:
            lines.append(_("With this end date there are no calls left."))
        self.preview.setText("\n".join(lines))

    def save(self) -> None:
        person = self._person()
        if person is None or person.id is None:
            self.show_note(_("Please add the person first, under “For family and helpers”."))
            return
        try:
            rec = self.recurrence()
        except ValueError:
            self.show_note(_("Please choose at least one day."))
            return
        base = self._plan or CallPlan(None, person.id, None, rec)
        plan = replace(
            base,
            person_id=person.id,
            link_id=self.link_box.currentData(),
            schedule=rec,
            reminder_lead=timedelta(minutes=self.lead_box.value()),
        )
        try:
            self.saved = self._plans.save(plan)
        except LonelyBridgeError as error:
            text = explain(error)
            self.show_note(f"{text.text} {text.next_step}")
            return
        self.accept()


class _MultiChoice(QObject):
    """Toggle buttons for days of the week; for a monthly plan only one may be on."""

    changed = Signal()

    def __init__(self, dialog: ScrollingDialog, words: list[str], prefix: str) -> None:
        super().__init__(dialog)
        self.single = False
        self.box = QWidget()
        flow = FlowLayout(self.box)
        self.buttons: list[QPushButton] = []
        for index, text in enumerate(words):
            day = button(text, name=f"{prefix}{index}", checkable=True)
            day.setProperty("role", "choice")
            day.clicked.connect(lambda _checked=False, i=index: self._toggled(i))
            flow.addWidget(day)
            self.buttons.append(day)
        dialog.body.addWidget(self.box)

    def _toggled(self, index: int) -> None:
        if self.single:
            for position, day in enumerate(self.buttons):
                day.setChecked(position == index)
        self.changed.emit()

    def set_checked(self, days: tuple[int, ...]) -> None:
        for position, day in enumerate(self.buttons):
            day.setChecked(position in days)

    def checked(self) -> list[int]:
        return [position for position, day in enumerate(self.buttons) if day.isChecked()]
