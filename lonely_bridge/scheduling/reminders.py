"""The app's reminder timetable: one APScheduler job per plan, reported as Qt signals."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import shiboken6
from apscheduler.executors.pool import ThreadPoolExecutor  # type: ignore[import-untyped]
from apscheduler.jobstores.base import JobLookupError  # type: ignore[import-untyped]
from apscheduler.jobstores.memory import MemoryJobStore  # type: ignore[import-untyped]
from apscheduler.schedulers.background import (  # type: ignore[import-untyped]
    BackgroundScheduler,
)
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.reminders import PlanReminders, Reminder
from lonely_bridge.scheduling.plan_trigger import PlanTrigger

log = logging.getLogger(__name__)

# Timers stand still while a Linux machine is suspended (APScheduler's wait as much as Qt's),
# so a long wait would wake up long after the call it was waiting for; looking at the wall
# clock each minute bounds that, and notices a date or time changed by hand.
HEARTBEAT = timedelta(seconds=60)
# Well above any lateness of a busy event loop, well below a suspend or a clock change.
JUMP_THRESHOLD = timedelta(minutes=3)
# The plans in the database decide what counts as "missed", so APScheduler must never drop a
# late run by itself (its default grace is 1 s, shorter than any sleep of the computer); runs
# piled up while asleep are one run, and a plan's job never runs twice at once.
JOB_DEFAULTS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}
# A bound on the reminders passed over in one look: a plan's calls for twenty years and more.
MAX_CATCH_UP = 1000


class ReminderScheduler(QObject):
    """Fires ``due`` on the GUI thread when a plan's reminder is reached.

    Each plan has one APScheduler job (a :class:`PlanTrigger`), replaced when its timetable
    changes; the job only asks for a look. A look reads the clock, reports it, and delivers
    each plan's latest reminder reached and not delivered yet, once. Looks happen when a job
    fires, after every :meth:`replace_all`, on :meth:`check_now` and every minute. In each
    look the signals come in this order: ``clock_jumped`` (if the wall clock leapt, either
    way), ``tick``, then each ``due``. :meth:`shutdown` is final.
    """

    due = Signal(str, object)  # the reminder's id ("plan:12:start") and the Reminder
    tick = Signal(object)  # each look at the clock, with the time it read
    clock_jumped = Signal(object, object)
    _look_soon = Signal()

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            # Jobs only emit a signal; one worker keeps their order.
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            # A persistent store pickles jobs and silently deletes those whose function
            # moved; the database's plans are the truth and the jobs are rebuilt from them.
            jobstores={"default": MemoryJobStore()},
            job_defaults=JOB_DEFAULTS,
        )
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(round(HEARTBEAT.total_seconds() * 1000))
        # A coarse timer may be 5% late: three seconds on a one-minute wait.
        self._heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self._heartbeat.timeout.connect(self._on_heartbeat)
        # Queued even from the GUI thread: a look never runs in the middle of its caller.
        self._look_soon.connect(self._look, Qt.ConnectionType.QueuedConnection)
        self._timetables: dict[str, PlanReminders] = {}
        self._delivered: dict[str, datetime] = {}  # job id: fire time of its last reminder
        self._closed = False
        self._last_look: datetime | None = None
        self._last_steady = 0.0

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start(self) -> None:
        if self._closed:
            raise RuntimeError("A reminder scheduler cannot be started again after shutdown")
        self._last_look = None
        self._scheduler.start()
        self._heartbeat.start()
        self._look_soon.emit()

    def shutdown(self) -> None:
        """Stop for good: no signal is emitted afterwards. Safe to call more than once."""
        self._closed = True
        # The timer goes with its parent; the APScheduler thread must still be stopped.
        if shiboken6.isValid(self._heartbeat):
            self._heartbeat.stop()
        if self._scheduler.running:
            # APScheduler's thread, mid-round, fails to remove a finished job once the
            # scheduler is marked stopped; emptying the store first waits for that round.
            self._scheduler.remove_all_jobs()
            # Waits for a job running now: it must not emit into an object being deleted.
            self._scheduler.shutdown(wait=True)

    def check_now(self) -> None:
        """Look for due reminders now, e.g. when a hint of a resume arrives before the minute."""
        if self._scheduler.running and not self._closed:
            self._scheduler.wakeup()
            self._look()

    def replace_all(self, timetables: Iterable[PlanReminders]) -> None:
        """Make the timetable exactly ``timetables``, one per plan; a plan's job is replaced
        only when its timetable changed."""
        given = list(timetables)
        ids = [timetable.job_id for timetable in given]
        if len(set(ids)) != len(ids):
            duplicates = sorted({job_id for job_id in ids if ids.count(job_id) > 1})
            raise ValueError(f"Duplicate reminder ids: {', '.join(duplicates)}")
        if self._closed:
            # A late replan while the app closes must not crash it, nor start anything.
            log.debug("Ignoring %d timetables given after shutdown", len(given))
            return
        previous = self._timetables
        self._timetables = {}
        for timetable in given:
            old = previous.get(timetable.job_id)
            if old is not None and old == timetable:
                self._timetables[timetable.job_id] = old  # its job and what it delivered stay
                continue
            self._timetables[timetable.job_id] = timetable
            self._delivered.pop(timetable.job_id, None)
            self._schedule(timetable)
        for job_id in previous.keys() - self._timetables.keys():
            self._delivered.pop(job_id, None)
            self._remove_job(job_id)
        self._look_soon.emit()

    def _schedule(self, timetable: PlanReminders) -> None:
        first = timetable.first_after(None)
        if first is None:
            self._remove_job(timetable.job_id)
            return
        self._scheduler.add_job(
            self._on_job,
            trigger=PlanTrigger(timetable),
            id=timetable.job_id,
            name=timetable.job_id,
            replace_existing=True,
            # Given here so pending jobs (before start) report their time too.
            next_run_time=first.fire_at,
        )

    def _remove_job(self, job_id: str) -> None:
        # APScheduler removes a job by itself after its trigger's last time.
        with contextlib.suppress(JobLookupError):
            self._scheduler.remove_job(job_id)

    def _on_job(self) -> None:
        # On APScheduler's worker thread: the signal's queued connection carries the look to
        # the GUI thread, where the timetable lives.
        if not self._closed and shiboken6.isValid(self):
            self._look_soon.emit()

    def _on_heartbeat(self) -> None:
        self._scheduler.wakeup()
        self._look()

    def _look(self) -> None:
        if self._closed or not self._scheduler.running:
            return
        now, steady = self._clock.now(), self._clock.monotonic()
        previous, steady_elapsed = self._last_look, timedelta(seconds=steady - self._last_steady)
        self._last_look, self._last_steady = now, steady
        if previous is not None and _jumped(now - previous, steady_elapsed):
            log.info("The clock jumped from %s to %s", previous, now)
            self.clock_jumped.emit(previous, now)
        if self._closed:
            return
        self.tick.emit(now)
        reached = [
            (job_id, timetable, reminder)
            for job_id, timetable in list(self._timetables.items())
            if (reminder := self._latest_reached(job_id, timetable, now)) is not None
        ]
        delivered = 0
        for job_id, timetable, reminder in sorted(reached, key=lambda item: item[2].fire_at):
            # A reminder delivered before may replace the timetable (or shut down): what
            # was worked out from the old one is void.
            if self._closed or self._timetables.get(job_id) is not timetable:
                continue
            self._delivered[job_id] = reminder.fire_at
            delivered += 1
            self.due.emit(reminder.job_id, reminder)
        log.debug("Looked for due reminders at %s: %d delivered", now, delivered)

    def _latest_reached(
        self, job_id: str, timetable: PlanReminders, now: datetime
    ) -> Reminder | None:
        """The plan's latest reminder at or before ``now`` not delivered yet: the heads-up of
        a call whose start is reached too is passed over."""
        moment, latest = self._delivered.get(job_id), None
        for _ in range(MAX_CATCH_UP):
            reminder = timetable.first_after(moment)
            if reminder is None or reminder.fire_at > now:
                break
            moment, latest = reminder.fire_at, reminder
        return latest


def _jumped(wall: timedelta, steady: timedelta) -> bool:
    """Whether the wall clock leapt between two looks, either way.

    The wall clock running ahead of or behind the steady clock means the date or time was
    changed (or, on Linux, that the computer slept: its steady clock stops meanwhile). The
    wall clock running well past the heartbeat means a sleep where the steady clock kept
    going.
    """
    return abs(wall - steady) > JUMP_THRESHOLD or wall > HEARTBEAT + JUMP_THRESHOLD
