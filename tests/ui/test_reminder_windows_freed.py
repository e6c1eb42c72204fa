"""Answered reminder windows are freed: the windows and the memory go back to where they began."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Edges, build_services, create_reminders
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.reminders import ReminderKind
from lonely_bridge.services.app_services import AppServices
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.store import AppStore
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.reminder_window import ReminderWindow
from lonely_bridge.ui.reminders_controller import RemindersController
from tests.doubles import FixedClock
from tests.plans import call_plan, pending_reminders

HOME = "Europe/London"
FIRST_CALL = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # a Sunday, 4 pm in London
ANSWERED = 100
WARM_UP = 8
# Each window held about 1.8 MiB while it stayed alive; freed ones leave at most a little
# allocator slack, far below what a hundred kept windows would take.
MEMORY_MARGIN_BYTES = 24 * 1024 * 1024


STATM = Path("/proc/self/statm")


def resident_bytes() -> int:
    """This process's resident memory now, as Linux counts it (0 where there is no /proc)."""
    if not STATM.exists():
        return 0
    pages = int(STATM.read_text(encoding="ascii").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def settle_deletions() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        gc.collect()


@pytest.fixture
def ringing(
    qtbot: QtBot, opened: OpenedDatabase, data_dir: Path, recording_opener: Any
) -> Iterator[tuple[RemindersController, FixedClock]]:
    """The real reminders for Anna's daily 4 pm call, and the clock they run by."""
    clock = FixedClock(FIRST_CALL - timedelta(hours=1))
    services: AppServices = build_services(
        AppStore(opened), Edges(clock, opener=recording_opener), data_dir
    )
    anna = services.people.save(
        Person(
            None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY],
            links=(CallLink(None, None, "Zoom", "https://zoom.us/j/1234567", "zoom", True),),
        )
    )  # fmt: skip
    assert anna.id is not None
    services.plans.save(
        call_plan(
            None, anna.id, anna.links[0].id, "FREQ=DAILY", time(16, 0), HOME, date(2026, 11, 1)
        )
    )
    made = create_reminders(
        services, clock=clock, messenger=Messenger(windows=False), data_dir=data_dir,
        home_zone=HOME, speech_engine="mock",
    )  # fmt: skip
    made.rebuild()
    yield made, clock
    made.shutdown()


# Each START reminder is answered in turn with one of its three buttons.
START_ANSWERS = ("reminderJoin", "reminderSnooze", "reminderNotToday")


def ring(qtbot: QtBot, controller: RemindersController, clock: FixedClock) -> ReminderWindow:
    """Ring the soonest reminder at its time, as the scheduler would."""
    reminder = min(pending_reminders(controller._plans), key=lambda r: r.fire_at)
    clock.set(max(clock.now(), reminder.fire_at))
    with qtbot.waitSignal(controller.shown) as shown:
        controller._scheduler.due.emit(reminder.job_id, reminder)
    window = shown.args[0]
    assert isinstance(window, ReminderWindow)
    QApplication.processEvents()  # drawn, as on a real screen
    return window


def answer_next(
    qtbot: QtBot, controller: RemindersController, clock: FixedClock, turn: int
) -> None:
    """Ring the soonest reminder and answer it with one of its buttons."""
    reminder = min(pending_reminders(controller._plans), key=lambda r: r.fire_at)
    window = ring(qtbot, controller, clock)
    if reminder.kind is ReminderKind.HEADS_UP:
        name = "reminderOk"
    elif reminder.kind is ReminderKind.SNOOZED:
        name = "reminderNotToday"
    else:
        name = START_ANSWERS[turn % len(START_ANSWERS)]
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_hundred_answered_reminders_leave_no_window_or_memory_behind(
    qtbot: QtBot, ringing: tuple[RemindersController, FixedClock]
) -> None:
    reminders, clock = ringing
    for turn in range(WARM_UP):  # fonts, styles and caches are made once, on first use
        answer_next(qtbot, reminders, clock, turn)
    settle_deletions()
    windows_before = len(QApplication.topLevelWidgets())
    memory_before = resident_bytes()

    for turn in range(ANSWERED):
        answer_next(qtbot, reminders, clock, turn)
    settle_deletions()

    assert reminders.windows == {}
    assert len(QApplication.topLevelWidgets()) == windows_before
    if not STATM.exists():
        pytest.skip("the windows were freed; memory is read from /proc, which is Linux only")
    grown = resident_bytes() - memory_before
    assert grown < MEMORY_MARGIN_BYTES, f"grew by {grown / 2**20:.1f} MiB"


def test_windows_replaced_or_closed_by_hand_are_freed_too(
    qtbot: QtBot, ringing: tuple[RemindersController, FixedClock]
) -> None:
    reminders, clock = ringing
    settle_deletions()
    windows_before = len(QApplication.topLevelWidgets())

    ring(qtbot, reminders, clock)  # the heads-up, left on screen
    start = ring(qtbot, reminders, clock)  # takes its place
    assert list(reminders.windows.values()) == [start]
    start.close()  # the window's own close button
    settle_deletions()

    assert reminders.windows == {}
    assert len(QApplication.topLevelWidgets()) == windows_before
