"""A date set wrongly ahead and then corrected: the calls still to come keep their reminders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from lonely_bridge.app.compose import Edges, build_services, create_reminders
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.reminders import Occurrence, ReminderKind
from lonely_bridge.services.app_services import AppServices
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.stores import Stores, open_stores
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.reminder_window import ReminderWindow
from lonely_bridge.ui.reminders_controller import RemindersController
from tests.doubles import FixedClock
from tests.plans import call_plan, pending_reminders
from tests.scheduled_jobs import waiting

HOME = "UTC"  # no clock changes to think about


def _sunday_2pm_weeks_ahead() -> datetime:
    """A Sunday, 2 pm, at least a week after the computer's own date.

    The reminders' timer reads the computer's clock, so every reminder in these tests lies
    in its future and none fires by itself; the test's clock decides what happens.
    """
    week_ahead = datetime.now(UTC).date() + timedelta(days=7)
    sunday = week_ahead + timedelta(days=(6 - week_ahead.weekday()) % 7)
    return datetime.combine(sunday, time(14, 0), tzinfo=UTC)


# Sunday, 2 pm: Anna's weekly call is at 4 pm today.
REAL_NOW = _sunday_2pm_weeks_ahead()
TODAYS_CALL = REAL_NOW + timedelta(hours=2)
# The date is set three weeks and a day ahead by mistake (a Monday).
WRONG_AHEAD = timedelta(days=22)


class App:
    """One run of the app's reminders over the data folder, as the app builds them."""

    def __init__(
        self, opened: OpenedDatabase, clock: FixedClock, data_dir: Path, opener: Any
    ) -> None:
        self.store = open_stores(opened)
        self.services: AppServices = build_services(
            self.store, Edges(clock, opener=opener), data_dir
        )
        self.shown: list[ReminderWindow] = []
        self.reminders: RemindersController = create_reminders(
            self.services, clock=clock, messenger=Messenger(windows=False), data_dir=data_dir,
            home_zone=HOME, speech_engine="mock",
        )  # fmt: skip
        self.reminders.shown.connect(self.shown.append)

    def wake(self) -> None:
        """What the scheduler does each minute: look at the clock."""
        self.reminders.check_now()

    def fire_times(self) -> dict[str, datetime]:
        return waiting(self.reminders._scheduler)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(REAL_NOW)


@pytest.fixture
def plan_id(store: Stores, clock: FixedClock) -> int:
    anna = store.people.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
        now=clock.now(),
    )
    assert anna.id is not None
    plan = store.plans.add_plan(
        call_plan(None, anna.id, None, "FREQ=WEEKLY;BYDAY=SU", time(16, 0), HOME, date(2026, 1, 1)),
        now=clock.now(),
    )
    assert plan.id is not None
    return plan.id


@pytest.fixture
def start_app(
    opened: OpenedDatabase, clock: FixedClock, data_dir: Path, recording_opener: Any
) -> Iterator[Callable[[], App]]:
    made: list[App] = []

    def start() -> App:
        app = App(opened, clock, data_dir, recording_opener)
        app.reminders.start()
        app.wake()
        made.append(app)
        return app

    yield start
    for app in made:
        app.reminders.shutdown()


def set_clock(clock: FixedClock, moment: datetime) -> None:
    """A minute passes, and in it someone sets the computer's date and time."""
    clock.advance(minutes=1)
    clock.set(moment)


def open_records_ahead(app: App, clock: FixedClock) -> list[Occurrence]:
    """Occurrence records for calls still to come that say anything at all."""
    return [
        o
        for o in app.store.today.occurrences_since(clock.now())
        if o.due_at > clock.now()
        and (o.settled or o.reminded_at is not None or o.snoozed_until is not None)
    ]


def test_a_date_set_ahead_then_corrected_keeps_todays_reminder(
    start_app: Callable[[], App], plan_id: int, clock: FixedClock
) -> None:
    app = start_app()
    assert app.fire_times()[f"plan:{plan_id}:start"] == TODAYS_CALL

    set_clock(clock, REAL_NOW + WRONG_AHEAD)
    app.wake()
    # To the app this looks like a computer back from three weeks asleep: the latest call
    # is offered as missed and the older ones recorded as missed.
    assert [window.objectName() for window in app.shown] == ["reminderWindow"]
    assert open_records_ahead(app, clock) == []

    corrected = REAL_NOW + timedelta(minutes=5)
    set_clock(clock, corrected)
    app.wake()

    # Nothing a clock running ahead recorded about calls still to come is kept...
    assert open_records_ahead(app, clock) == []
    assert app.services.plans.occurrence(plan_id, TODAYS_CALL).outcome is None
    # ...its "missed call" window is gone, last seen is now, and today's call rings.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert app.reminders.windows == {}
    assert app.services.plans.last_seen() == corrected
    assert app.fire_times() == {
        f"plan:{plan_id}:lead": TODAYS_CALL - timedelta(minutes=10),
        f"plan:{plan_id}:start": TODAYS_CALL,
    }
    [start] = [r for r in pending_reminders(app.services.plans) if r.kind is ReminderKind.START]
    clock.set(TODAYS_CALL)
    app.reminders._scheduler.due.emit(start.job_id, start)
    headline = app.shown[-1].findChild(QLabel, "reminderHeadline")
    assert headline is not None
    assert headline.text() == "It's time to call Anna"


def test_a_date_corrected_while_the_app_was_closed_keeps_todays_reminder(
    start_app: Callable[[], App], plan_id: int, clock: FixedClock
) -> None:
    first = start_app()
    set_clock(clock, REAL_NOW + WRONG_AHEAD)
    first.wake()
    first.reminders.shutdown()  # closed while the date is still wrong

    clock.set(REAL_NOW + timedelta(minutes=30))  # corrected while the app was closed
    again = start_app()

    assert again.shown == []  # a call still to come is never "missed"
    assert open_records_ahead(again, clock) == []
    assert again.services.plans.last_seen() == clock.now()
    assert again.fire_times()[f"plan:{plan_id}:start"] == TODAYS_CALL


def test_missed_while_away_is_not_spoiled_by_a_date_set_ahead(
    start_app: Callable[[], App], plan_id: int, clock: FixedClock
) -> None:
    first = start_app()
    set_clock(clock, REAL_NOW + WRONG_AHEAD)
    first.wake()
    set_clock(clock, REAL_NOW + timedelta(minutes=5))
    first.wake()
    first.reminders.shutdown()

    # Closed before today's call; opened again the next morning.
    clock.set(TODAYS_CALL + timedelta(hours=18))
    again = start_app()

    [offer] = again.shown
    headline = offer.findChild(QLabel, "reminderHeadline")
    assert headline is not None
    assert headline.text() == "You had a call with Anna yesterday at 4 pm"


def test_a_clock_set_back_a_little_leaves_a_call_that_has_come(
    start_app: Callable[[], App], plan_id: int, clock: FixedClock
) -> None:
    app = start_app()
    [start] = [r for r in pending_reminders(app.services.plans) if r.kind is ReminderKind.START]
    clock.advance(hours=2, minutes=20)  # the reminder rang at 4 pm; it is 4:20 now
    app.reminders._scheduler.due.emit(start.job_id, start)
    [window] = app.reminders.windows.values()

    set_clock(clock, TODAYS_CALL + timedelta(minutes=10))  # set back ten minutes
    app.wake()

    assert list(app.reminders.windows.values()) == [window]
    assert window.isVisible()
    assert app.services.plans.occurrence(plan_id, TODAYS_CALL).reminded_at is not None
    assert f"plan:{plan_id}:start" not in app.fire_times()  # never twice
