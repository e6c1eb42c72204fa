"""Turns planned calls into reminders on screen, and the person's answers into outcomes."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Outcome, Reminder, ReminderKind
from lonely_bridge.i18n import _
from lonely_bridge.services.calls import CallService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.ports import Chime, ReminderTimer, Speaker
from lonely_bridge.ui.reminder_window import ReminderMode, ReminderWindow
from lonely_bridge.wording.plans import local_times_text
from lonely_bridge.wording.time import clock_time, when_words

log = logging.getLogger(__name__)


class RemindersController(QObject):
    """Owns the reminder windows; one per plan at a time."""

    shown = Signal(object)  # the ReminderWindow, for tests and the benchmark
    changed = Signal()  # an outcome was recorded: pages showing plans should refresh
    declined = Signal()  # "Not today": a moment for a kind word

    def __init__(
        self,
        *,
        plans: PlanService,
        calls: CallService,
        scheduler: ReminderTimer,
        messenger: Messenger,
        photos_dir: Path,
        home_zone: str,
        speaker: Speaker | None = None,
        chime: Chime | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._plans = plans
        self._calls = calls
        self._scheduler = scheduler
        self._messenger = messenger
        self._photos_dir = photos_dir
        self._home_zone = home_zone
        self._speaker = speaker
        self._chime = chime
        self.windows: dict[int, ReminderWindow] = {}
        # When each plan's window was due to appear; one shown earlier came from a wrong clock.
        self._shown_for: dict[int, datetime] = {}
        scheduler.due.connect(self._on_due)
        scheduler.tick.connect(self._on_tick)
        scheduler.clock_jumped.connect(self._on_clock_jumped)

    # Scheduling ---------------------------------------------------------------------------
    def start(self) -> None:
        """Offer calls missed while the computer was off, then schedule what is to come."""
        last_seen = self._plans.last_seen()
        self._plans.touch()
        if last_seen is not None and last_seen > self._plans.now():
            # Last seen "in the future": the date was wrong then and has been put right
            # while the app was closed.
            log.info("The clock is behind the time last seen; reopening calls still to come")
            self._plans.reopen_calls_ahead()
        self._catch_up(last_seen)
        self._scheduler.start()

    def _catch_up(self, last_seen: datetime | None) -> None:
        self._offer_missed(last_seen)
        self._plans.settle_stale()
        self.rebuild()

    def rebuild(self) -> None:
        """Schedule from the database, the single source of truth, after every change."""
        self._scheduler.replace_all(self._plans.timetables())

    def shutdown(self) -> None:
        self._plans.touch()
        self._scheduler.shutdown()
        for window in list(self.windows.values()):
            window.close()

    def check_now(self) -> None:
        """A hint that the computer may have woken: look at the clock at once."""
        self._scheduler.check_now()

    def _on_tick(self, now: datetime) -> None:
        self._plans.touch(now)

    def _on_clock_jumped(self, before: datetime, now: datetime) -> None:
        # Forward (a sleep, or a wrong date) or back (a wrong date put right): calls still to
        # come get their reminders again, and windows that rang too early go away.
        log.info("The clock jumped (sleep or a change); checking the calls again")
        self._plans.reopen_calls_ahead()
        for plan_id, window in list(self.windows.items()):
            if self._shown_for.get(plan_id, now) > now:
                window.close()
        self._catch_up(before)

    # Showing ------------------------------------------------------------------------------
    def _find(self, plan_id: int) -> tuple[CallPlan, Person] | None:
        for plan, person in self._plans.plans():
            if plan.id == plan_id:
                return plan, person
        return None

    def _on_due(self, _job_id: str, reminder: object) -> None:
        assert isinstance(reminder, Reminder)
        found = self._find(reminder.plan_id)
        if found is None:
            self.rebuild()
            return
        plan, person = found
        if reminder.kind is ReminderKind.HEADS_UP:
            minutes = round(plan.reminder_lead.total_seconds() / 60)
            headline = _("In {minutes} minutes: your call with {name}").format(
                minutes=minutes, name=person.name
            )
            mode = ReminderMode.HEADS_UP
        else:
            self._plans.mark_reminded(plan.id or 0, reminder.due_at)
            headline = _("It's time to call {name}").format(name=person.name)
            mode = ReminderMode.START
        detail = self._call_time(reminder.due_at, reminder.zone, person.name)
        self._show(plan, person, reminder.due_at, mode, headline, detail)
        self.rebuild()

    def _offer_missed(self, last_seen: datetime | None) -> None:
        missed = self._plans.missed_since(last_seen)
        for plan_id, due in missed.to_offer:
            found = self._find(plan_id)
            if found is None:
                continue
            plan, person = found
            local = due.astimezone(ZoneInfo(self._home_zone))
            headline = _("You had a call with {name} {when}").format(
                name=person.name,
                when=when_words(local, self._plans.now().astimezone(local.tzinfo).date()).lower(),
            )
            detail = _("Would you like to call now?")
            self._show(plan, person, due, ReminderMode.MISSED, headline, detail)

    def _call_time(self, due: datetime, zone: str, name: str) -> str:
        """The call's time here, and in the plan's zone when that is another one."""
        if zone != self._home_zone:
            return local_times_text(due, self._home_zone, zone, name)
        return _("At {time}.").format(time=clock_time(due.astimezone(ZoneInfo(self._home_zone))))

    def _show(
        self,
        plan: CallPlan,
        person: Person,
        due: datetime,
        mode: ReminderMode,
        headline: str,
        detail: str,
    ) -> None:
        assert plan.id is not None
        old = self.windows.pop(plan.id, None)
        if old is not None:
            old.close()
        window = ReminderWindow(
            person,
            headline=headline,
            detail=detail,
            photos_dir=self._photos_dir,
            mode=mode,
        )
        window.join.connect(lambda: self._join(plan, person, due))
        window.snooze.connect(lambda: self._snooze(plan, due))
        outcome = Outcome.MISSED if mode is ReminderMode.MISSED else Outcome.SKIPPED
        window.not_today.connect(lambda: self._settle(plan, due, outcome))
        window.not_today.connect(self.declined)
        # "OK" on a heads-up and the window's own close button answer nothing else.
        plan_id = plan.id
        window.dismissed.connect(lambda: self._forget(plan_id, window))
        self.windows[plan.id] = window
        lead = plan.reminder_lead if mode is ReminderMode.HEADS_UP else timedelta(0)
        self._shown_for[plan.id] = due - lead
        window.present()
        if self._chime is not None:
            self._chime.play()
        if self._speaker is not None:
            self._speaker.say(headline)
        log.info("Reminder shown for plan %s (%s)", plan.id, mode.value)
        self.shown.emit(window)

    # Answers ------------------------------------------------------------------------------
    def _join(self, plan: CallPlan, person: Person, due: datetime) -> None:
        assert plan.id is not None
        assert person.id is not None
        occurrence = self._plans.settle(plan.id, due, Outcome.JOINED)
        try:
            self._calls.call(
                person.id, link_id=plan.link_id, from_reminder=True, occurrence_id=occurrence.id
            )
        except LonelyBridgeError as error:
            self._messenger.problem(None, error)
        self._done(plan)

    def _snooze(self, plan: CallPlan, due: datetime) -> None:
        assert plan.id is not None
        self._plans.snooze(plan.id, due)
        self._done(plan)

    def _settle(self, plan: CallPlan, due: datetime, outcome: Outcome) -> None:
        assert plan.id is not None
        self._plans.settle(plan.id, due, outcome)
        self._done(plan)

    def _forget(self, plan_id: int, window: ReminderWindow) -> None:
        # Closed windows delete themselves; only the one still on screen stays listed.
        if self.windows.get(plan_id) is window:
            del self.windows[plan_id]

    def _done(self, plan: CallPlan) -> None:
        if plan.id is not None:
            self.windows.pop(plan.id, None)
        self.rebuild()
        self.changed.emit()
