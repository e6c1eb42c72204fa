"""An APScheduler scheduler driven by one stoppable QTimer that runs its jobs on the Qt thread."""

from __future__ import annotations

import logging
import math
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import shiboken6
from apscheduler.executors.base import BaseExecutor, run_job  # type: ignore[import-untyped]
from apscheduler.jobstores.memory import MemoryJobStore  # type: ignore[import-untyped]
from apscheduler.schedulers.base import (  # type: ignore[import-untyped]
    STATE_STOPPED,
    BaseScheduler,
)
from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

# Qt timers stand still while a Linux machine is suspended, so a long wait would wake up long
# after the call it was waiting for; re-reading the wall clock each minute bounds that.
MAX_WAIT = timedelta(seconds=60)

# The plans in the database decide what counts as "missed", so APScheduler must never drop a
# late run by itself (its default grace is 1 s, shorter than any sleep of the computer).
JOB_DEFAULTS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True}

WakeHandler = Callable[[timedelta], None]


class GuiThreadExecutor(BaseExecutor):  # type: ignore[misc]
    """Runs jobs on the scheduler's own thread, once APScheduler has finished its store pass.

    Running a job in the middle of ``_process_jobs`` (as ``DebugExecutor`` does) lets a job
    that replans under the same id lose its new job: APScheduler removes the id it has just
    fired after the job returns.
    """

    def __init__(self) -> None:
        super().__init__()
        self._queue: list[tuple[Any, list[datetime]]] = []

    def _do_submit_job(self, job: Any, run_times: list[datetime]) -> None:
        self._queue.append((job, run_times))

    def shutdown(self, wait: bool = True) -> None:
        self.discard_queued()

    def discard_queued(self, jobstore: str | None = None) -> None:
        """Forget the runs not started yet (of one job store, or all), even mid-round."""
        kept = []
        for job, run_times in self._queue:
            if jobstore in (None, job._jobstore_alias):
                self._release(job)
            else:
                kept.append((job, run_times))
        self._queue = kept

    def run_queued(self) -> None:
        # Popping one at a time lets a job discard the rest of its round, and lets a nested
        # event loop (a modal dialog opened by a job) carry on with the same queue.
        while self._queue:
            job, run_times = self._queue.pop(0)
            if self._scheduler.state == STATE_STOPPED:
                self._release(job)
                continue
            try:
                events = run_job(job, job._jobstore_alias, run_times, self._logger.name)
            except BaseException:
                self._run_job_error(job.id, *sys.exc_info()[1:])
            else:
                self._run_job_success(job.id, events)

    def _release(self, job: Any) -> None:
        # submit_job counted the run as started; left counted, max_instances would refuse
        # every later job with the same id.
        self._run_job_success(job.id, [])


class SafeQtScheduler(BaseScheduler):  # type: ignore[misc]
    """APScheduler on the Qt event loop, with one QTimer that really stops at shutdown.

    Unlike APScheduler's ``QtScheduler`` (whose ``QTimer.singleShot`` timers cannot be
    cancelled under PySide6, and whose jobs run on a thread pool), every job runs on the thread
    that owns the timer, and no wait is longer than :data:`MAX_WAIT`. Jobs live in memory
    only. Use it from the thread that owns ``parent`` (the GUI thread): QTimer cannot be
    started from any other.

    ``on_wake`` is called after every processing round with the wait until the next one, before
    the jobs found due are run.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        on_wake: WakeHandler | None = None,
        **options: Any,
    ) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        # A coarse timer may be 5% late: three seconds on a one-minute wait.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)
        self._on_wake = on_wake
        options.setdefault("timezone", UTC)
        options["job_defaults"] = {**JOB_DEFAULTS, **options.get("job_defaults", {})}
        super().__init__(**options)

    def add_jobstore(self, jobstore: Any, alias: str = "default", **jobstore_opts: Any) -> None:
        # A persistent store pickles jobs and silently deletes those whose function moved;
        # the database's plans are the truth and the jobs are rebuilt from them.
        if not isinstance(jobstore, MemoryJobStore):
            raise TypeError("SafeQtScheduler keeps its jobs in a MemoryJobStore only")
        super().add_jobstore(jobstore, alias, **jobstore_opts)

    def shutdown(self, wait: bool = True) -> None:
        try:
            super().shutdown(wait)
        finally:
            self._stop_timer()

    def remove_all_jobs(self, jobstore: str | None = None) -> None:
        """Remove every job, and the runs found due but not started yet."""
        super().remove_all_jobs(jobstore)
        # A caller replacing the whole timetable means the old one's pending runs are void.
        # (remove_job cannot do the same: APScheduler calls it for each one-shot job it fires.)
        for executor in list(self._executors.values()):
            if isinstance(executor, GuiThreadExecutor):
                executor.discard_queued(jobstore)

    def wakeup(self) -> None:
        self._start_timer(0)

    def _create_default_executor(self) -> GuiThreadExecutor:
        return GuiThreadExecutor()

    def _create_default_jobstore(self) -> MemoryJobStore:
        return MemoryJobStore()

    def _start_timer(self, wait_seconds: float | None) -> None:
        if self.state == STATE_STOPPED or not shiboken6.isValid(self._timer):
            return
        # Rounding up: a timer that fires a millisecond early only finds nothing due yet.
        self._timer.start(math.ceil(_capped_wait(wait_seconds) * 1000))

    def _stop_timer(self) -> None:
        if shiboken6.isValid(self._timer):
            self._timer.stop()

    def _on_timeout(self) -> None:
        # BaseScheduler processes jobs even when stopped; a stray timeout must not run any.
        if self.state == STATE_STOPPED:
            return
        try:
            wait_seconds = self._process_jobs()
        except Exception:
            # A reminder app that stops waking up is worse than one that retries in a minute.
            log.exception("Looking for due reminders failed")
            wait_seconds = None
        if self.state == STATE_STOPPED:
            return
        wait = _capped_wait(wait_seconds)
        self._start_timer(wait)
        if self._on_wake is not None:
            try:
                self._on_wake(timedelta(seconds=wait))
            except Exception:
                # The jobs found due must still run when the wake-up report fails.
                log.exception("Reporting a scheduler wake-up failed")
        for executor in list(self._executors.values()):
            if isinstance(executor, GuiThreadExecutor):
                executor.run_queued()


def _capped_wait(wait_seconds: float | None) -> float:
    """The seconds to wait: never more than MAX_WAIT, even when nothing is scheduled."""
    if wait_seconds is None:
        return MAX_WAIT.total_seconds()
    return max(0.0, min(wait_seconds, MAX_WAIT.total_seconds()))
