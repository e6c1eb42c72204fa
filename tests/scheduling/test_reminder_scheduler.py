"""ReminderScheduler: reminders arrive on time on the GUI thread; replanning and clock jumps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.clock import Clock, SystemClock
from lonely_bridge.scheduling.qt_scheduler import MAX_WAIT
from lonely_bridge.scheduling.reminders import (
    JUMP_THRESHOLD,
    ReminderScheduler,
    ScheduledReminder,
)
from tests.doubles import FixedClock

MakeReminders = Callable[[Clock], ReminderScheduler]
SIGNAL_TIMEOUT_MS = 4_000
ON_TIME = timedelta(seconds=2)


@pytest.fixture
def make_reminders(qtbot: QtBot) -> Iterator[MakeReminders]:
    made: list[ReminderScheduler] = []

    def make(clock: Clock) -> ReminderScheduler:
        reminders = ReminderScheduler(clock)
        made.append(reminders)
        return reminders

    yield make
    for reminders in made:
        reminders.shutdown()


@pytest.fixture
def reminders(make_reminders: MakeReminders) -> ReminderScheduler:
    scheduler = make_reminders(SystemClock())
    scheduler.start()
    return scheduler


def _in(
    offset: timedelta, job_id: str = "plan:12:start", payload: object = None
) -> ScheduledReminder:
    return ScheduledReminder(job_id, datetime.now(UTC) + offset, payload)


def test_a_reminder_arrives_within_two_seconds_of_its_time(
    qtbot: QtBot, reminders: ReminderScheduler
) -> None:
    arrived: list[tuple[str, object, datetime, bool]] = []

    def on_due(job_id: str, payload: object) -> None:
        on_gui_thread = QThread.currentThread() == QCoreApplication.instance().thread()
        arrived.append((job_id, payload, datetime.now(UTC), on_gui_thread))

    reminders.due.connect(on_due)
    entry = _in(timedelta(seconds=1), payload={"plan": 12})

    with qtbot.waitSignal(reminders.due, timeout=SIGNAL_TIMEOUT_MS):
        reminders.replace_all([entry])

    [(job_id, payload, at, on_gui_thread)] = arrived
    assert (job_id, payload) == ("plan:12:start", {"plan": 12})
    assert timedelta(0) <= at - entry.fire_at < ON_TIME
    assert on_gui_thread
    assert reminders.job_ids() == []


def test_a_reminder_already_past_fires_at_once(qtbot: QtBot, reminders: ReminderScheduler) -> None:
    with qtbot.waitSignal(reminders.due, timeout=1_000) as blocker:
        reminders.replace_all([_in(-timedelta(hours=2), "plan:3:lead", "payload")])
    assert blocker.args == ["plan:3:lead", "payload"]


def test_replacing_twice_with_the_same_ids_never_duplicates(
    reminders: ReminderScheduler,
) -> None:
    entries = [
        _in(timedelta(hours=1), "plan:12:lead"),
        _in(timedelta(hours=2), "plan:12:start"),
        _in(timedelta(hours=3), "plan:13:start"),
    ]
    reminders.replace_all(entries)
    reminders.replace_all(entries)

    assert reminders.job_ids() == ["plan:12:lead", "plan:12:start", "plan:13:start"]


def test_replacing_with_fewer_entries_removes_the_others(reminders: ReminderScheduler) -> None:
    reminders.replace_all(
        [_in(timedelta(hours=1), "plan:12:lead"), _in(timedelta(hours=2), "plan:12:start")]
    )
    reminders.replace_all([_in(timedelta(hours=2), "plan:12:start")])

    assert reminders.job_ids() == ["plan:12:start"]


def test_editing_fire_at_moves_the_job(reminders: ReminderScheduler) -> None:
    first = _in(timedelta(hours=1), "plan:12:snooze")
    moved = ScheduledReminder("plan:12:snooze", first.fire_at + timedelta(minutes=10), None)

    reminders.replace_all([first])
    reminders.replace_all([moved])

    assert reminders.next_fire_times() == {"plan:12:snooze": moved.fire_at}


def test_the_timetable_can_be_filled_before_start(
    qtbot: QtBot, make_reminders: MakeReminders
) -> None:
    reminders = make_reminders(SystemClock())
    entry = _in(-timedelta(minutes=1), "plan:4:start")
    reminders.replace_all([entry])
    assert reminders.next_fire_times() == {"plan:4:start": entry.fire_at}

    with qtbot.waitSignal(reminders.due, timeout=1_000):
        reminders.start()


def test_a_due_slot_may_replan_under_the_same_id(
    qtbot: QtBot, reminders: ReminderScheduler
) -> None:
    next_week = _in(timedelta(days=7), "plan:12:start")
    reminders.due.connect(lambda job_id, payload: reminders.replace_all([next_week]))

    with qtbot.waitSignal(reminders.due, timeout=1_000):
        reminders.replace_all([_in(-timedelta(seconds=1), "plan:12:start")])

    assert reminders.next_fire_times() == {"plan:12:start": next_week.fire_at}


def test_a_due_slot_that_replaces_the_timetable_voids_the_rest_of_the_round(
    qtbot: QtBot, reminders: ReminderScheduler
) -> None:
    # Two reminders fall due in one wake-up; the first one's slot rebuilds from the database,
    # where the second is already settled and the third is still to come.
    heard: list[str] = []
    still_due = _in(-timedelta(seconds=1), "plan:3:start")

    def on_due(job_id: str, _payload: object) -> None:
        heard.append(job_id)
        if job_id == "plan:1:start":
            reminders.replace_all([still_due])

    reminders.due.connect(on_due)
    reminders.replace_all(
        [
            _in(-timedelta(seconds=3), "plan:1:start"),
            _in(-timedelta(seconds=2), "plan:2:start"),
            _in(-timedelta(seconds=1), "plan:3:start"),
        ]
    )

    qtbot.waitUntil(lambda: len(heard) >= 2, timeout=1_000)
    qtbot.wait(50)
    assert heard == ["plan:1:start", "plan:3:start"]
    assert reminders.job_ids() == []


def test_shutdown_stops_everything(qtbot: QtBot, reminders: ReminderScheduler) -> None:
    emitted: list[object] = []
    reminders.due.connect(lambda *args: emitted.append(args))
    reminders.tick.connect(emitted.append)
    reminders.replace_all([_in(timedelta(milliseconds=300))])

    reminders.shutdown()
    qtbot.wait(800)

    assert emitted == []
    assert not reminders._scheduler._timer.isActive()
    reminders.shutdown()
    reminders.replace_all([_in(-timedelta(seconds=1))])
    qtbot.wait(50)
    assert emitted == []
    with pytest.raises(RuntimeError, match="after shutdown"):
        reminders.start()


def test_the_timer_never_waits_more_than_a_minute(
    qtbot: QtBot, reminders: ReminderScheduler
) -> None:
    timer = reminders._scheduler._timer
    with qtbot.waitSignal(reminders.tick, timeout=1_000):
        reminders.replace_all([_in(timedelta(minutes=10))])

    assert timer.isActive()
    assert 0 < timer.interval() <= 60_000


def test_tick_reports_the_clocks_now(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    reminders = make_reminders(clock)
    with qtbot.waitSignal(reminders.tick, timeout=1_000) as blocker:
        reminders.start()
    assert blocker.args == [clock.now()]


def test_a_normal_minute_between_ticks_is_no_jump(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    reminders = make_reminders(clock)
    jumps: list[tuple[datetime, datetime]] = []
    reminders.clock_jumped.connect(lambda before, after: jumps.append((before, after)))

    reminders._on_wake(MAX_WAIT)
    clock.advance(seconds=60)
    reminders._on_wake(MAX_WAIT)
    # A busy event loop may be late by a little; only more than the threshold is a jump.
    clock.advance(seconds=60 + JUMP_THRESHOLD.total_seconds())
    reminders._on_wake(MAX_WAIT)

    assert jumps == []


def test_an_hour_between_ticks_is_a_jump(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    reminders = make_reminders(clock)
    heard: list[tuple[object, ...]] = []
    reminders.clock_jumped.connect(lambda before, after: heard.append(("jumped", before, after)))
    reminders.tick.connect(lambda now: heard.append(("tick", now)))
    before = clock.now()
    after = before + timedelta(hours=1)

    reminders._on_wake(MAX_WAIT)
    clock.advance(hours=1)
    reminders._on_wake(MAX_WAIT)

    assert heard == [("tick", before), ("jumped", before, after), ("tick", after)]


def test_a_short_expected_wait_makes_the_threshold_count_from_it(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    reminders = make_reminders(clock)
    jumps: list[object] = []
    reminders.clock_jumped.connect(lambda *args: jumps.append(args))

    reminders._on_wake(timedelta(seconds=5))
    clock.advance(minutes=4)
    reminders._on_wake(MAX_WAIT)

    assert len(jumps) == 1


def test_reminders_need_an_aware_time_and_unique_ids(reminders: ReminderScheduler) -> None:
    with pytest.raises(ValueError, match="aware"):
        ScheduledReminder("plan:1:start", datetime(2026, 11, 26, 15, 0), None)

    entry = _in(timedelta(hours=1), "plan:1:start")
    with pytest.raises(ValueError, match="plan:1:start"):
        reminders.replace_all([entry, entry])


def test_a_clock_set_back_is_a_jump_too(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    # A wrong date is corrected: a minute passes, but the wall clock goes back two days.
    reminders = make_reminders(clock)
    jumps: list[tuple[datetime, datetime]] = []
    reminders.clock_jumped.connect(lambda before, after: jumps.append((before, after)))
    before = clock.now()

    reminders._on_wake(MAX_WAIT)
    clock.advance(seconds=60)
    clock.set(before - timedelta(days=2))
    reminders._on_wake(MAX_WAIT)

    assert jumps == [(before, before - timedelta(days=2))]


def test_a_clock_set_forward_within_the_wait_is_a_jump(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    # Woken early (check_now) seconds after the clock was set ahead by a little more than
    # the threshold: less than a minute's wait plus the threshold, so only the steady clock
    # tells.
    reminders = make_reminders(clock)
    jumps: list[object] = []
    reminders.clock_jumped.connect(lambda *args: jumps.append(args))

    reminders._on_wake(MAX_WAIT)
    clock.advance(seconds=5)
    clock.set(clock.now() + JUMP_THRESHOLD + timedelta(seconds=30))
    reminders._on_wake(MAX_WAIT)

    assert len(jumps) == 1


def test_small_corrections_of_the_clock_are_no_jump(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    # Network time nudges the clock by seconds; only more than the threshold is a jump.
    reminders = make_reminders(clock)
    jumps: list[object] = []
    reminders.clock_jumped.connect(lambda *args: jumps.append(args))

    reminders._on_wake(MAX_WAIT)
    clock.advance(seconds=60)
    clock.set(clock.now() - JUMP_THRESHOLD)
    reminders._on_wake(MAX_WAIT)
    clock.advance(seconds=60)
    clock.set(clock.now() + JUMP_THRESHOLD)
    reminders._on_wake(MAX_WAIT)

    assert jumps == []


def test_the_controllable_clock_keeps_a_steady_reading() -> None:
    clock = FixedClock(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))
    start = clock.monotonic()
    clock.advance(minutes=2)  # time passes: both move
    assert clock.monotonic() - start == 120
    clock.set(datetime(2020, 1, 1, tzinfo=UTC))  # the date is changed: only the wall clock
    assert clock.monotonic() - start == 120
    system = SystemClock()
    assert system.monotonic() <= system.monotonic()
