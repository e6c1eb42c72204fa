"""SafeQtScheduler on a real Qt event loop: one stoppable timer, short waits, GUI-thread jobs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.triggers.date import DateTrigger
from pytestqt.qtbot import QtBot

from lonely_bridge.scheduling.qt_scheduler import MAX_WAIT, SafeQtScheduler

MakeScheduler = Callable[..., SafeQtScheduler]
WAIT_MS = 2_000


@pytest.fixture
def make_scheduler(qtbot: QtBot) -> Iterator[MakeScheduler]:
    made: list[SafeQtScheduler] = []

    def make(**options: object) -> SafeQtScheduler:
        scheduler = SafeQtScheduler(**options)
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        if scheduler.running:
            scheduler.shutdown()


def _at(offset: timedelta) -> DateTrigger:
    return DateTrigger(run_date=datetime.now(UTC) + offset, timezone=UTC)


def test_jobs_run_on_the_thread_that_owns_the_timer(
    qtbot: QtBot, make_scheduler: MakeScheduler
) -> None:
    ran_on: list[int] = []
    scheduler = make_scheduler()
    scheduler.add_job(lambda: ran_on.append(threading.get_ident()), _at(timedelta(0)), id="now")
    scheduler.start()

    qtbot.waitUntil(lambda: bool(ran_on), timeout=WAIT_MS)
    assert ran_on == [threading.get_ident()]


def test_a_job_late_by_hours_still_runs(qtbot: QtBot, make_scheduler: MakeScheduler) -> None:
    # APScheduler's default 1 s grace would drop it; the app decides what "missed" means.
    ran: list[str] = []
    scheduler = make_scheduler()
    scheduler.start()
    scheduler.add_job(lambda: ran.append("late"), _at(-timedelta(hours=3)), id="late")

    qtbot.waitUntil(lambda: ran == ["late"], timeout=WAIT_MS)
    assert scheduler.get_jobs() == []


def test_no_wait_is_longer_than_a_minute(qtbot: QtBot, make_scheduler: MakeScheduler) -> None:
    scheduler = make_scheduler()
    scheduler.start()
    scheduler.add_job(lambda: None, _at(timedelta(minutes=10)), id="later")

    qtbot.waitUntil(lambda: scheduler._timer.interval() > 0, timeout=WAIT_MS)
    assert scheduler._timer.isActive()
    assert scheduler._timer.interval() <= MAX_WAIT.total_seconds() * 1000


def test_it_keeps_waking_each_minute_with_nothing_scheduled(
    qtbot: QtBot, make_scheduler: MakeScheduler
) -> None:
    waits: list[timedelta] = []
    scheduler = make_scheduler(on_wake=waits.append)
    scheduler.start()

    qtbot.waitUntil(lambda: bool(waits), timeout=WAIT_MS)
    assert waits == [MAX_WAIT]
    assert scheduler._timer.isActive()
    assert scheduler._timer.interval() == 60_000


def test_wakeup_restarts_the_timer_at_once(qtbot: QtBot, make_scheduler: MakeScheduler) -> None:
    waits: list[timedelta] = []
    scheduler = make_scheduler(on_wake=waits.append)
    scheduler.start()
    qtbot.waitUntil(lambda: len(waits) == 1, timeout=WAIT_MS)

    scheduler.wakeup()

    assert scheduler._timer.interval() == 0
    qtbot.waitUntil(lambda: len(waits) == 2, timeout=WAIT_MS)


def test_no_job_runs_after_shutdown_even_when_due(
    qtbot: QtBot, make_scheduler: MakeScheduler
) -> None:
    ran: list[str] = []
    scheduler = make_scheduler()
    scheduler.start()
    scheduler.add_job(lambda: ran.append("due"), _at(-timedelta(seconds=5)), id="due")
    scheduler.add_job(lambda: ran.append("soon"), _at(timedelta(milliseconds=300)), id="soon")
    assert scheduler._timer.isActive()

    scheduler.shutdown()
    qtbot.wait(800)

    assert ran == []
    assert not scheduler._timer.isActive()


def test_a_job_that_shuts_the_scheduler_down_silences_the_rest(
    qtbot: QtBot, make_scheduler: MakeScheduler
) -> None:
    ran: list[str] = []
    scheduler = make_scheduler()

    def first() -> None:
        ran.append("first")
        scheduler.shutdown()

    scheduler.add_job(first, _at(-timedelta(seconds=2)), id="first")
    scheduler.add_job(lambda: ran.append("second"), _at(-timedelta(seconds=1)), id="second")
    scheduler.start()

    qtbot.waitUntil(lambda: bool(ran), timeout=WAIT_MS)
    qtbot.wait(50)
    assert ran == ["first"]
    assert not scheduler._timer.isActive()


def test_a_job_may_replan_itself_under_the_same_id(
    qtbot: QtBot, make_scheduler: MakeScheduler
) -> None:
    # The app replans when a reminder fires; APScheduler then removes the id it just fired,
    # so running jobs inside its store pass would lose the new job.
    next_week = datetime.now(UTC) + timedelta(days=7)
    scheduler = make_scheduler()

    def replan() -> None:
        scheduler.remove_all_jobs()
        scheduler.add_job(replan, DateTrigger(next_week, timezone=UTC), id="plan:1:start")

    scheduler.start()
    scheduler.add_job(replan, _at(-timedelta(seconds=1)), id="plan:1:start")

    qtbot.waitUntil(
        lambda: [job.next_run_time for job in scheduler.get_jobs()] == [next_week],
        timeout=WAIT_MS,
    )


def test_removing_all_jobs_voids_the_runs_already_found_due(
    qtbot: QtBot, make_scheduler: MakeScheduler
) -> None:
    ran: list[str] = []
    scheduler = make_scheduler()

    def first() -> None:
        ran.append("first")
        scheduler.remove_all_jobs()
        # Same id as a voided run: it must not be refused as "already running".
        scheduler.add_job(lambda: ran.append("again"), _at(-timedelta(seconds=1)), id="second")

    scheduler.add_job(first, _at(-timedelta(seconds=2)), id="first")
    scheduler.add_job(lambda: ran.append("second"), _at(-timedelta(seconds=1)), id="second")
    scheduler.start()

    qtbot.waitUntil(lambda: len(ran) >= 2, timeout=WAIT_MS)
    qtbot.wait(50)
    assert ran == ["first", "again"]


@pytest.mark.allow_log("apscheduler.executors.default", "ERROR")
def test_a_failing_job_does_not_stop_the_timer(qtbot: QtBot, make_scheduler: MakeScheduler) -> None:
    ran: list[str] = []
    scheduler = make_scheduler()

    def broken() -> None:
        raise RuntimeError("boom")

    scheduler.add_job(broken, _at(-timedelta(seconds=2)), id="broken")
    scheduler.add_job(lambda: ran.append("fine"), _at(-timedelta(seconds=1)), id="fine")
    scheduler.start()

    qtbot.waitUntil(lambda: ran == ["fine"], timeout=WAIT_MS)
    assert scheduler._timer.isActive()


def test_only_memory_job_stores_are_allowed(make_scheduler: MakeScheduler) -> None:
    scheduler = make_scheduler()
    with pytest.raises(TypeError, match="MemoryJobStore"):
        scheduler.add_jobstore("sqlalchemy", "disk", url="sqlite://")
    scheduler.add_jobstore(MemoryJobStore(), "other")
