"""Reminders from plan to outcome: heads-up, snooze across a restart, join, skip, missed calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Edges, build_services, create_reminders
from lonely_bridge.domain.contact import ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Outcome, Reminder, ReminderKind
from lonely_bridge.domain.settings import TextSize
from lonely_bridge.services.app_services import AppServices
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.stores import open_stores
from lonely_bridge.system.sound import Chime
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.reminder_window import ReminderWindow
from lonely_bridge.ui.reminders_controller import RemindersController
from lonely_bridge.ui.theme import apply_theme
from tests.doubles import FixedClock, RecordingChime
from tests.plans import call_plan, pending_reminders, with_schedule
from tests.scheduled_jobs import job_ids, next_fire_times, waiting

# Sunday 29 November 2026 at 4 pm in London (GMT, so also 16:00 UTC).
SUNDAY_4PM = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
HOME = "Europe/London"
ZOOM_LINK = "https://zoom.us/j/123456789"


@pytest.fixture
def sunday_clock() -> FixedClock:
    return FixedClock(SUNDAY_4PM - timedelta(hours=2))


@pytest.fixture
def services(
    opened: OpenedDatabase, sunday_clock: FixedClock, data_dir: Path, recording_opener: Any
) -> AppServices:
    return build_services(
        open_stores(opened), Edges(sunday_clock, opener=recording_opener), data_dir
    )


@pytest.fixture
def plan(services: AppServices) -> CallPlan:
    anna = services.people.save(
        Person(
            None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY],
            links=(CallLink(None, None, "Anna on Zoom", ZOOM_LINK, "zoom", is_default=True),),
        ),
    )  # fmt: skip
    assert anna.id is not None
    return services.plans.save(
        call_plan(
            None, anna.id, anna.links[0].id, "FREQ=WEEKLY;BYDAY=SU", time(16, 0), HOME,
            date(2026, 11, 1),
        )
    )  # fmt: skip


_made: list[RemindersController] = []


@pytest.fixture(autouse=True)
def _stop_schedulers() -> Iterator[None]:
    yield
    while _made:
        _made.pop()._scheduler.shutdown()


def make_controller(
    qtbot: QtBot, services: AppServices, clock: FixedClock, data_dir: Path
) -> RemindersController:
    """The app's reminders with their scheduler running (calls missed before are not asked)."""
    controller = create_reminders(
        services,
        clock=clock,
        messenger=Messenger(windows=False),
        data_dir=data_dir,
        home_zone=HOME,
        speech_engine="mock",
        chime=RecordingChime(Chime()),
    )
    _made.append(controller)
    controller.rebuild()
    controller._scheduler.start()
    return controller


def fire(
    qtbot: QtBot, controller: RemindersController, kind: ReminderKind, clock: FixedClock
) -> ReminderWindow:
    """Move the clock to the reminder of ``kind`` and let the scheduler find it."""
    [reminder] = [r for r in pending_reminders(controller._plans) if r.kind is kind]
    assert reminder.job_id in waiting(controller._scheduler)
    clock.set(max(clock.now(), reminder.fire_at))
    with qtbot.waitSignal(controller.shown) as shown:
        controller.check_now()
    window = shown.args[0]
    assert isinstance(window, ReminderWindow)
    qtbot.addWidget(window)
    return window


def texts(window: ReminderWindow) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel)]


def press(qtbot: QtBot, window: ReminderWindow, name: str) -> None:
    target = window.findChild(QPushButton, name)
    assert target is not None, name
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def test_heads_up_then_start_then_join(
    qtbot: QtBot,
    services: AppServices,
    plan: CallPlan,
    sunday_clock: FixedClock,
    data_dir: Path,
    recording_opener: Any,
) -> None:
    controller = make_controller(qtbot, services, sunday_clock, data_dir)
    assert list(waiting(controller._scheduler)) == [
        f"plan:{plan.id}:lead",
        f"plan:{plan.id}:start",
    ]
    assert job_ids(controller._scheduler) == [f"plan:{plan.id}"]

    heads_up = fire(qtbot, controller, ReminderKind.HEADS_UP, sunday_clock)
    assert "In 10 minutes: your call with Anna" in texts(heads_up)
    assert heads_up.findChild(QPushButton, "reminderJoin") is None
    press(qtbot, heads_up, "reminderOk")
    assert isinstance(controller._chime, RecordingChime)
    assert controller._chime.plays == 1

    start = fire(qtbot, controller, ReminderKind.START, sunday_clock)
    assert "It's time to call Anna" in texts(start)
    assert start.isVisible()
    speech = controller._speaker.engine if controller._speaker else None
    assert speech is not None  # Qt's mock engine took the words
    # Shown once: the same call is not scheduled again while its window is up, and the
    # scheduler's next looks at the clock find nothing more to show.
    assert f"plan:{plan.id}:start" not in waiting(controller._scheduler)
    assert next_fire_times(controller._scheduler)[f"plan:{plan.id}"] > SUNDAY_4PM
    heard: list[str] = []
    controller._scheduler.due.connect(lambda job_id, _reminder: heard.append(job_id))
    for _ in range(3):
        sunday_clock.advance(minutes=1)
        with qtbot.waitSignal(controller._scheduler.tick):
            controller.check_now()
    assert heard == []

    press(qtbot, start, "reminderJoin")
    assert recording_opener.opened == [ZOOM_LINK]
    occurrence = services.plans.occurrence(plan.id, SUNDAY_4PM)  # type: ignore[arg-type]
    assert occurrence.outcome is Outcome.JOINED
    # Next week's call is next.
    assert {r.due_at for r in pending_reminders(services.plans)} == {SUNDAY_4PM + timedelta(days=7)}

    # Back from the call: "did you talk?" reaches both the history and the plan.
    sunday_clock.advance(minutes=40)
    follow_up = services.calls.pending_follow_up()
    assert follow_up is not None
    event = services.calls.answer_follow_up(follow_up, talked=True)
    assert event is not None
    assert event.kind is ContactKind.VIDEO_CALL
    assert event.source is ContactSource.REMINDER
    assert services.plans.occurrence(plan.id, SUNDAY_4PM).talked is True  # type: ignore[arg-type]
    [status] = services.overview.people_statuses()
    assert status.last_contact == event
    controller.shutdown()


def test_snooze_survives_a_restart(
    qtbot: QtBot,
    services: AppServices,
    plan: CallPlan,
    sunday_clock: FixedClock,
    data_dir: Path,
    opened: OpenedDatabase,
    recording_opener: Any,
) -> None:
    sunday_clock.set(SUNDAY_4PM)
    controller = make_controller(qtbot, services, sunday_clock, data_dir)
    press(qtbot, fire(qtbot, controller, ReminderKind.START, sunday_clock), "reminderSnooze")
    controller.shutdown()

    # A new app on the same database: the snooze is still there, ten minutes on.
    fresh = build_services(
        open_stores(opened), Edges(sunday_clock, opener=recording_opener), data_dir
    )
    again = make_controller(qtbot, fresh, sunday_clock, data_dir)
    snoozed_until = SUNDAY_4PM + timedelta(minutes=10)
    assert waiting(again._scheduler)[f"plan:{plan.id}:snooze"] == snoozed_until
    sunday_clock.advance(minutes=10)
    window = fire(qtbot, again, ReminderKind.SNOOZED, sunday_clock)
    assert "It's time to call Anna" in texts(window)
    again.shutdown()


def test_not_today_skips_this_week_only(
    qtbot: QtBot, services: AppServices, plan: CallPlan, sunday_clock: FixedClock, data_dir: Path
) -> None:
    sunday_clock.set(SUNDAY_4PM)
    controller = make_controller(qtbot, services, sunday_clock, data_dir)
    press(qtbot, fire(qtbot, controller, ReminderKind.START, sunday_clock), "reminderNotToday")
    assert services.plans.occurrence(plan.id, SUNDAY_4PM).outcome is Outcome.SKIPPED  # type: ignore[arg-type]
    next_week = SUNDAY_4PM + timedelta(days=7)
    assert waiting(controller._scheduler)[f"plan:{plan.id}:start"] == next_week
    controller.shutdown()


def test_closing_the_window_counts_as_seen_and_later_as_missed(
    qtbot: QtBot, services: AppServices, plan: CallPlan, sunday_clock: FixedClock, data_dir: Path
) -> None:
    sunday_clock.set(SUNDAY_4PM)
    controller = make_controller(qtbot, services, sunday_clock, data_dir)
    fire(qtbot, controller, ReminderKind.START, sunday_clock).close()
    sunday_clock.advance(hours=2)
    assert services.plans.settle_stale() == 1
    assert services.plans.occurrence(plan.id, SUNDAY_4PM).outcome is Outcome.MISSED  # type: ignore[arg-type]
    controller.shutdown()


def test_missed_while_away_is_offered_once(
    qtbot: QtBot, services: AppServices, plan: CallPlan, sunday_clock: FixedClock, data_dir: Path
) -> None:
    # The computer was last on three weeks ago; it is now Sunday evening.
    sunday_clock.set(SUNDAY_4PM - timedelta(days=21, hours=3))
    services.plans.touch()
    sunday_clock.set(SUNDAY_4PM + timedelta(hours=3))
    shown: list[ReminderWindow] = []
    controller = create_reminders(
        services, clock=sunday_clock, messenger=Messenger(windows=False), data_dir=data_dir,
        home_zone=HOME, speech_engine="mock",
    )  # fmt: skip
    controller.shown.connect(shown.append)
    controller._offer_missed(services.plans.last_seen())
    assert len(shown) == 1
    qtbot.addWidget(shown[0])
    assert "You had a call with Anna today at 4 pm" in texts(shown[0])
    assert "Would you like to call now?" in texts(shown[0])
    assert shown[0].findChild(QPushButton, "reminderSnooze") is None
    older = [
        services.plans.occurrence(plan.id, SUNDAY_4PM - timedelta(days=d)).outcome  # type: ignore[arg-type]
        for d in (7, 14, 21)
    ]
    assert older == [Outcome.MISSED] * 3
    press(qtbot, shown[0], "reminderNotToday")
    assert services.plans.occurrence(plan.id, SUNDAY_4PM).outcome is Outcome.MISSED  # type: ignore[arg-type]

    # Starting again asks nothing more.
    controller._offer_missed(SUNDAY_4PM - timedelta(days=21, hours=3))
    assert len(shown) == 1
    controller.shutdown()


def test_editing_and_deleting_plans_rebuilds_jobs_without_duplicates(
    qtbot: QtBot, services: AppServices, plan: CallPlan, sunday_clock: FixedClock, data_dir: Path
) -> None:
    controller = make_controller(qtbot, services, sunday_clock, data_dir)
    controller.rebuild()
    controller.rebuild()
    assert job_ids(controller._scheduler) == [f"plan:{plan.id}"]
    services.plans.save(with_schedule(plan, rule="FREQ=DAILY", time_of_day=time(18, 30)))
    controller.rebuild()
    to_come = waiting(controller._scheduler)
    assert to_come[f"plan:{plan.id}:start"] == SUNDAY_4PM.replace(hour=18, minute=30)
    assert len(to_come) == 2
    services.plans.delete(plan.id)  # type: ignore[arg-type]
    controller.rebuild()
    assert job_ids(controller._scheduler) == []
    controller.shutdown()


def test_a_plan_in_another_zone_shows_both_times(
    qtbot: QtBot, services: AppServices, plan: CallPlan, sunday_clock: FixedClock, data_dir: Path
) -> None:
    # Lily's call at 11 am in New York is 4 pm in London.
    services.plans.save(with_schedule(plan, time_of_day=time(11, 0), time_zone="America/New_York"))
    sunday_clock.set(SUNDAY_4PM)
    controller = make_controller(qtbot, services, sunday_clock, data_dir)
    window = fire(qtbot, controller, ReminderKind.START, sunday_clock)
    assert "4 pm here, 11 am for Anna" in texts(window)
    controller.shutdown()


def test_reminder_window_fits_its_words(
    qtbot: QtBot,
    services: AppServices,
    plan: CallPlan,
    sunday_clock: FixedClock,
    data_dir: Path,
    clipped_widgets: Callable[[QWidget], list[str]],
) -> None:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    sunday_clock.set(SUNDAY_4PM)
    controller = make_controller(qtbot, services, sunday_clock, data_dir)
    window = fire(qtbot, controller, ReminderKind.START, sunday_clock)
    for size in TextSize:
        apply_theme(instance, size)
        window.resize(window.sizeHint().expandedTo(window.minimumSize()))
        qtbot.wait(10)
        assert clipped_widgets(window) == [], size
    controller.shutdown()


def test_reminder_helpers_are_plain() -> None:
    reminder = Reminder(ReminderKind.START, 3, SUNDAY_4PM, SUNDAY_4PM, HOME)
    assert reminder.job_id == "plan:3:start"
