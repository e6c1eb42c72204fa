"""The app's reminder timetable: one in-memory job per due reminder, reported as Qt signals."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.date import DateTrigger  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, Signal

from lonely_bridge.domain.clock import Clock
from lonely_bridge.scheduling.qt_scheduler import MAX_WAIT, SafeQtScheduler

log = logging.getLogger(__name__)

# Well above any lateness of a busy event loop, well below a suspend or a clock change.
JUMP_THRESHOLD = timedelta(minutes=3)


@dataclass(frozen=True, slots=True)
class ScheduledReminder:
    """One moment to remind at: ``job_id`` is stable ("plan:12:start"), ``fire_at`` aware."""

    job_id: str
    fire_at: datetime
    payload: object

    def __post_init__(self) -> None:
        if self.fire_at.tzinfo is None:
            raise ValueError(f"{self.job_id}: fire_at must be an aware datetime")


class ReminderScheduler(QObject):
    """Fires ``due`` on the GUI thread when a reminder is reached, and ``tick`` on each wake-up.

    The timetable is rebuilt wholesale from the database with :meth:`replace_all`. Reminders
    reached late (the computer slept) still fire when the scheduler next wakes; a reminder
    whose time has already passed fires at once. On each wake-up the signals come in this
    order: ``clock_jumped`` (if the wall clock leapt, either way), ``tick``, then each
    ``due``. :meth:`shutdown` is final.
    """

    due = Signal(str, object)
    tick = Signal(object)
    clock_jumped = Signal(object, object)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._scheduler = SafeQtScheduler(self, on_wake=self._on_wake)
        self._closed = False
        self._last_tick: datetime | None = None
        self._last_steady = 0.0
        self._expected_wait = MAX_WAIT

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start(self) -> None:
        if self._closed:
            raise RuntimeError("A reminder scheduler cannot be started again after shutdown")
        self._last_tick = None
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop for good: no signal is emitted afterwards. Safe to call more than once."""
        self._closed = True
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def check_now(self) -> None:
        """Look for due reminders now, e.g. when a hint of a resume arrives before the minute."""
        if self._scheduler.running:
            self._scheduler.wakeup()

    def replace_all(self, entries: Iterable[ScheduledReminder]) -> None:
        """Make the timetable exactly ``entries``; ids must be unique."""
        reminders = list(entries)
        ids = [reminder.job_id for reminder in reminders]
        if len(set(ids)) != len(ids):
            duplicates = sorted({job_id for job_id in ids if ids.count(job_id) > 1})
            raise ValueError(f"Duplicate reminder ids: {', '.join(duplicates)}")
        if self._closed:
            # A late replan while the app closes must not crash it, nor start anything.
            log.debug("Ignoring %d reminders given after shutdown", len(reminders))
            return
        self._scheduler.remove_all_jobs()
        for reminder in reminders:
            fire_at = reminder.fire_at.astimezone(UTC)
            self._scheduler.add_job(
                self._emit_due,
                # A trigger object, not the name "date": plugin lookup fails in frozen builds.
                trigger=DateTrigger(run_date=fire_at, timezone=UTC),
                args=(reminder.job_id, reminder.payload),
                id=reminder.job_id,
                name=reminder.job_id,
                replace_existing=True,
                # Given here so pending jobs (before start) report their time too.
                next_run_time=fire_at,
            )

    def job_ids(self) -> list[str]:
        """The scheduled ids, soonest first."""
        return [job.id for job in self._scheduler.get_jobs()]

    def next_fire_times(self) -> dict[str, datetime]:
        return {
            job.id: job.next_run_time.astimezone(UTC)
            for job in self._scheduler.get_jobs()
            if job.next_run_time is not None
        }

    def _emit_due(self, job_id: str, payload: object) -> None:
        self.due.emit(job_id, payload)

    def _on_wake(self, next_wait: timedelta) -> None:
        """Report the wall clock; ``next_wait`` is how long until the following wake-up."""
        now, steady = self._clock.now(), self._clock.monotonic()
        previous, expected = self._last_tick, self._expected_wait
        steady_elapsed = timedelta(seconds=steady - self._last_steady)
        self._last_tick, self._last_steady, self._expected_wait = now, steady, next_wait
        if previous is not None and _jumped(now - previous, steady_elapsed, expected):
            log.info("The clock jumped from %s to %s", previous, now)
            self.clock_jumped.emit(previous, now)
        self.tick.emit(now)


def _jumped(wall: timedelta, steady: timedelta, expected: timedelta) -> bool:
    """Whether the wall clock leapt between two wake-ups, either way.

    The wall clock running ahead of or behind the steady clock means the date or time was
    changed (or, on Linux, that the computer slept: its steady clock stops meanwhile). The
    wall clock running well past the wait means a sleep where the steady clock kept going.
    """
    return abs(wall - steady) > JUMP_THRESHOLD or wall > expected + JUMP_THRESHOLD
