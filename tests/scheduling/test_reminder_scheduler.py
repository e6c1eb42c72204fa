"""ReminderScheduler: reminders arrive once, on the GUI thread; replanning and clock jumps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.clock import Clock, SystemClock
from lonely_bridge.domain.recurrence import Frequency, Recurrence
from lonely_bridge.domain.reminders import PlanReminders, Reminder, ReminderKind
from lonely_bridge.scheduling.reminders import HEARTBEAT, JUMP_THRESHOLD, ReminderScheduler
from tests.doubles import FixedClock
from tests.scheduled_jobs import job_ids, next_fire_times, waiting

MakeReminders = Callable[[Clock], ReminderScheduler]
SIGNAL_TIMEOUT_MS = 4_000
# A plan that ended long ago: after its pending reminders, nothing more comes.
ENDED = Recurrence(
    Frequency.DAILY, time_of_day=time(16, 0), zone="UTC",
    starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 1),
)  # fmt: skip


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


@pytest.fixture
def on_clock(make_reminders: MakeReminders, clock: FixedClock) -> ReminderScheduler:
    """A running scheduler whose looks read the test's clock."""
    scheduler = make_reminders(clock)
    scheduler.start()
    return scheduler


def timetable(
    plan_id: int, *fire_at: datetime, kinds: tuple[ReminderKind, ...] = ()
) -> PlanReminders:
    """A plan whose next call has reminders at ``fire_at`` (the last one its start)."""
    due = fire_at[-1]
    kinds = kinds or (ReminderKind.HEADS_UP,) * (len(fire_at) - 1) + (ReminderKind.START,)
    pending = tuple(
        Reminder(kind, plan_id, due, moment, ENDED.zone)
        for kind, moment in zip(kinds, fire_at, strict=True)
    )
    return PlanReminders(plan_id, pending, ENDED, timedelta(minutes=10), due)


def in_(offset: timedelta, plan_id: int = 12) -> PlanReminders:
    return timetable(plan_id, datetime.now(UTC) + offset)


def heard_due(reminders: ReminderScheduler) -> list[str]:
    heard: list[str] = []
    reminders.due.connect(lambda job_id, _reminder: heard.append(job_id))
    return heard


def look(qtbot: QtBot, reminders: ReminderScheduler) -> None:
    """One look at the clock, as the scheduler takes each minute."""
    with qtbot.waitSignal(reminders.tick, timeout=SIGNAL_TIMEOUT_MS):
        reminders.check_now()


def test_a_reminder_arrives_at_its_time_on_the_gui_thread(
    qtbot: QtBot, reminders: ReminderScheduler
) -> None:
    arrived: list[tuple[str, object, datetime, bool]] = []

    def on_due(job_id: str, reminder: object) -> None:
        on_gui_thread = QThread.currentThread() == QCoreApplication.instance().thread()
        arrived.append((job_id, reminder, datetime.now(UTC), on_gui_thread))

    reminders.due.connect(on_due)
    plan = in_(timedelta(milliseconds=500))

    with qtbot.waitSignal(reminders.due, timeout=SIGNAL_TIMEOUT_MS):
        reminders.replace_all([plan])

    [(job_id, reminder, at, on_gui_thread)] = arrived
    assert (job_id, reminder) == ("plan:12:start", plan.pending[0])
    assert at >= plan.pending[0].fire_at
    assert on_gui_thread
    # The plan has no call after this one: its job is done.
    assert job_ids(reminders) == []
    assert waiting(reminders) == {}


def test_a_reminder_already_past_fires_at_once(qtbot: QtBot, reminders: ReminderScheduler) -> None:
    plan = in_(-timedelta(hours=2), plan_id=3)
    with qtbot.waitSignal(reminders.due, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        reminders.replace_all([plan])
    assert blocker.args == ["plan:3:start", plan.pending[0]]


def test_a_reminder_fired_by_its_job_never_comes_twice(
    qtbot: QtBot, reminders: ReminderScheduler
) -> None:
    heard = heard_due(reminders)
    with qtbot.waitSignal(reminders.due, timeout=SIGNAL_TIMEOUT_MS):
        reminders.replace_all([in_(timedelta(milliseconds=200))])

    for _ in range(3):
        look(qtbot, reminders)
    assert heard == ["plan:12:start"]


def test_a_reminder_is_delivered_once_however_often_the_clock_is_read(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    heard = heard_due(on_clock)
    on_clock.replace_all([timetable(12, clock.now() + timedelta(minutes=5))])
    look(qtbot, on_clock)
    assert heard == []

    clock.advance(minutes=5)
    look(qtbot, on_clock)
    assert heard == ["plan:12:start"]
    for _ in range(3):
        clock.advance(seconds=HEARTBEAT.total_seconds())
        look(qtbot, on_clock)
    assert heard == ["plan:12:start"]


def test_a_clock_set_back_and_forward_again_does_not_repeat_a_reminder(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    heard = heard_due(on_clock)
    at = clock.now() + timedelta(minutes=1)
    on_clock.replace_all([timetable(12, at)])
    clock.advance(minutes=1)
    look(qtbot, on_clock)

    clock.set(at - timedelta(minutes=30))
    look(qtbot, on_clock)
    clock.advance(minutes=31)
    look(qtbot, on_clock)

    assert heard == ["plan:12:start"]


def test_a_heads_up_reached_with_its_start_is_passed_over(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    # Asleep through both: the call itself is what matters now.
    heard = heard_due(on_clock)
    on_clock.replace_all(
        [timetable(12, clock.now() + timedelta(minutes=1), clock.now() + timedelta(minutes=11))]
    )
    clock.advance(minutes=20)
    look(qtbot, on_clock)
    assert heard == ["plan:12:start"]


def test_replacing_twice_with_the_same_timetable_keeps_one_job_per_plan(
    reminders: ReminderScheduler,
) -> None:
    hour = timedelta(hours=1)
    plans = [in_(hour, 12), in_(2 * hour, 13), in_(3 * hour, 14)]
    reminders.replace_all(plans)
    reminders.replace_all(plans)

    assert job_ids(reminders) == ["plan:12", "plan:13", "plan:14"]


def test_replacing_with_fewer_plans_removes_the_others(reminders: ReminderScheduler) -> None:
    reminders.replace_all([in_(timedelta(hours=1), 12), in_(timedelta(hours=2), 13)])
    reminders.replace_all([in_(timedelta(hours=2), 13)])

    assert job_ids(reminders) == ["plan:13"]


def test_a_changed_timetable_replaces_the_plans_job(reminders: ReminderScheduler) -> None:
    first = in_(timedelta(hours=1), 12)
    moved = timetable(12, first.pending[0].fire_at + timedelta(minutes=10))

    reminders.replace_all([first])
    reminders.replace_all([moved])

    assert next_fire_times(reminders) == {"plan:12": moved.pending[0].fire_at}
    assert waiting(reminders) == {"plan:12:start": moved.pending[0].fire_at}


def test_the_timetable_can_be_filled_before_start(
    qtbot: QtBot, make_reminders: MakeReminders
) -> None:
    reminders = make_reminders(SystemClock())
    plan = in_(-timedelta(minutes=1), 4)
    reminders.replace_all([plan])
    assert next_fire_times(reminders) == {"plan:4": plan.pending[0].fire_at}

    with qtbot.waitSignal(reminders.due, timeout=SIGNAL_TIMEOUT_MS):
        reminders.start()


def test_a_due_slot_may_replan_under_the_same_id(
    qtbot: QtBot, reminders: ReminderScheduler
) -> None:
    next_week = in_(timedelta(days=7), 12)
    reminders.due.connect(lambda job_id, reminder: reminders.replace_all([next_week]))

    with qtbot.waitSignal(reminders.due, timeout=SIGNAL_TIMEOUT_MS):
        reminders.replace_all([in_(-timedelta(seconds=1), 12)])

    assert next_fire_times(reminders) == {"plan:12": next_week.pending[0].fire_at}


def test_a_due_slot_that_replaces_the_timetable_voids_the_rest_of_the_look(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    # Two reminders fall due in one look; the first one's slot rebuilds from the database,
    # where the second is already settled and the third is still to come.
    heard: list[str] = []
    now = clock.now()
    still_due = timetable(3, now - timedelta(seconds=1))

    def on_due(job_id: str, _reminder: object) -> None:
        heard.append(job_id)
        if job_id == "plan:1:start":
            on_clock.replace_all([still_due])

    on_clock.due.connect(on_due)
    on_clock.replace_all(
        [
            timetable(1, now - timedelta(seconds=3)),
            timetable(2, now - timedelta(seconds=2)),
            timetable(3, now - timedelta(seconds=1)),
        ]
    )
    look(qtbot, on_clock)
    # The third comes in this look or the next one the replan asks for; the second never.
    look(qtbot, on_clock)
    assert heard == ["plan:1:start", "plan:3:start"]


def test_shutdown_stops_everything(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    emitted: list[object] = []
    on_clock.replace_all([timetable(12, clock.now() - timedelta(seconds=1))])  # a look is due
    on_clock.due.connect(lambda *args: emitted.append(args))
    on_clock.tick.connect(emitted.append)

    on_clock.shutdown()
    QCoreApplication.sendPostedEvents()  # the look asked for before shutdown
    on_clock.check_now()

    assert emitted == []
    assert not on_clock.running
    assert not on_clock._heartbeat.isActive()
    on_clock.shutdown()
    on_clock.replace_all([timetable(12, clock.now() - timedelta(seconds=1))])
    QCoreApplication.sendPostedEvents()
    assert emitted == []
    with pytest.raises(RuntimeError, match="after shutdown"):
        on_clock.start()


def test_the_clock_is_read_at_least_each_minute(reminders: ReminderScheduler) -> None:
    reminders.replace_all([in_(timedelta(days=10))])

    assert reminders._heartbeat.isActive()
    assert reminders._heartbeat.interval() == HEARTBEAT.total_seconds() * 1000 == 60_000


def test_tick_reports_the_clocks_now(
    qtbot: QtBot, make_reminders: MakeReminders, clock: FixedClock
) -> None:
    reminders = make_reminders(clock)
    with qtbot.waitSignal(reminders.tick, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        reminders.start()
    assert blocker.args == [clock.now()]


def jumps_of(reminders: ReminderScheduler) -> list[tuple[datetime, datetime]]:
    jumps: list[tuple[datetime, datetime]] = []
    reminders.clock_jumped.connect(lambda before, after: jumps.append((before, after)))
    return jumps


def test_a_normal_minute_between_looks_is_no_jump(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    jumps = jumps_of(on_clock)
    look(qtbot, on_clock)
    clock.advance(seconds=60)
    look(qtbot, on_clock)
    # A busy event loop may be late by a little; only more than the threshold is a jump.
    clock.advance(seconds=60 + JUMP_THRESHOLD.total_seconds())
    look(qtbot, on_clock)

    assert jumps == []


def test_an_hour_between_looks_is_a_jump(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    heard: list[tuple[object, ...]] = []
    look(qtbot, on_clock)
    on_clock.clock_jumped.connect(lambda before, after: heard.append(("jumped", before, after)))
    on_clock.tick.connect(lambda now: heard.append(("tick", now)))
    before = clock.now()

    clock.advance(hours=1)
    on_clock.check_now()

    assert heard == [("jumped", before, before + timedelta(hours=1)), ("tick", clock.now())]


def test_a_clock_set_back_is_a_jump_too(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    # A wrong date is corrected: a minute passes, but the wall clock goes back two days.
    jumps = jumps_of(on_clock)
    look(qtbot, on_clock)
    before = clock.now()

    clock.advance(seconds=60)
    clock.set(before - timedelta(days=2))
    look(qtbot, on_clock)

    assert jumps == [(before, before - timedelta(days=2))]


def test_a_clock_set_forward_within_the_minute_is_a_jump(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    # Looked early (check_now) seconds after the clock was set ahead by a little more than
    # the threshold: less than a minute plus the threshold, so only the steady clock tells.
    jumps = jumps_of(on_clock)
    look(qtbot, on_clock)
    clock.advance(seconds=5)
    clock.set(clock.now() + JUMP_THRESHOLD + timedelta(seconds=30))
    look(qtbot, on_clock)

    assert len(jumps) == 1


def test_small_corrections_of_the_clock_are_no_jump(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    # Network time nudges the clock by seconds; only more than the threshold is a jump.
    jumps = jumps_of(on_clock)
    look(qtbot, on_clock)
    clock.advance(seconds=60)
    clock.set(clock.now() - JUMP_THRESHOLD)
    look(qtbot, on_clock)
    clock.advance(seconds=60)
    clock.set(clock.now() + JUMP_THRESHOLD)
    look(qtbot, on_clock)

    assert jumps == []


def test_a_jump_is_reported_before_the_reminders_it_reaches(
    qtbot: QtBot, on_clock: ReminderScheduler, clock: FixedClock
) -> None:
    # Back from hours asleep: the app first hears of the jump, so that it can offer the
    # call as missed and replan before anything rings.
    heard: list[str] = []
    look(qtbot, on_clock)
    on_clock.clock_jumped.connect(lambda *_args: heard.append("jumped"))
    on_clock.tick.connect(lambda _now: heard.append("tick"))
    on_clock.due.connect(lambda job_id, _reminder: heard.append(job_id))
    on_clock.replace_all([timetable(12, clock.now() + timedelta(hours=1))])

    clock.advance(hours=3)
    look(qtbot, on_clock)

    assert heard == ["jumped", "tick", "plan:12:start"]


def test_timetables_need_unique_plans(reminders: ReminderScheduler) -> None:
    plan = in_(timedelta(hours=1), 1)
    with pytest.raises(ValueError, match="plan:1"):
        reminders.replace_all([plan, plan])


def test_the_controllable_clock_keeps_a_steady_reading() -> None:
    clock = FixedClock(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))
    start = clock.monotonic()
    clock.advance(minutes=2)  # time passes: both move
    assert clock.monotonic() - start == 120
    clock.set(datetime(2020, 1, 1, tzinfo=UTC))  # the date is changed: only the wall clock
    assert clock.monotonic() - start == 120
    system = SystemClock()
    assert system.monotonic() <= system.monotonic()
