"""A plan this version cannot read: a calm note on Today, a way to fix it, the rest goes on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Edges, build_services, create_reminders
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.raw_rows import insert_plan
from tests.scheduled_jobs import job_ids
from tests.ui.conftest import open_helper_tools

NOTE = "todayUnreadablePlans"
PEOPLE_PAGE = 1
TODAY_PAGE = 0


def note_on(window: MainWindow) -> QLabel | None:
    window.show_page(TODAY_PAGE)
    QApplication.processEvents()  # widgets added to a shown page appear on the next turn
    found = [
        label
        for label in window.findChildren(QLabel, NOTE)
        if label.isVisibleTo(window.stack.currentWidget())
    ]
    return found[0] if found else None


def press(qtbot: QtBot, root: QWidget, name: str) -> None:
    target = [b for b in root.findChildren(QPushButton, name) if not b.isHidden()]
    assert target, name
    qtbot.mouseClick(target[-1], Qt.MouseButton.LeftButton)


@pytest.mark.allow_log("lonely_bridge.services.plans", "WARNING")
def test_today_says_calmly_that_one_call_could_not_be_read(
    demo_store: Stores,
    build_window: Callable[..., MainWindow],
    clipped_widgets: Callable[[QWidget], list[str]],
) -> None:
    insert_plan(demo_store.database.path, person_id=1, time_zone="Mars/Olympus")
    window = build_window(demo_store, home_zone="Europe/London")

    note = note_on(window)
    assert note is not None
    assert note.text().startswith("One regular call could not be read; a helper can fix it.")
    assert note.property("role") in (None, "")  # body text, not a warning colour
    assert clipped_widgets(window.stack.currentWidget()) == []
    # The other plans go on: the next call is still there.
    words = window.findChild(QLabel, "nextCallWords")
    assert words is not None
    assert words.text() == "Sunday at 4 pm with Anna"


@pytest.mark.allow_log("lonely_bridge.services.plans", "WARNING")
def test_two_unreadable_calls_are_counted_and_today_without_any_says_nothing(
    demo_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    window = build_window(demo_store, home_zone="Europe/London")
    assert note_on(window) is None

    database = demo_store.database.path
    insert_plan(database, person_id=1, time_zone="Mars/Olympus")
    insert_plan(database, person_id=2, rule="FREQ=YEARLY")
    window.refresh_current()

    note = note_on(window)
    assert note is not None
    assert note.text().startswith("2 regular calls could not be read; a helper can fix them.")


@pytest.mark.allow_log("lonely_bridge.services.plans", "WARNING")
def test_a_helper_can_stop_an_unreadable_plan_and_the_note_goes(
    qtbot: QtBot,
    demo_store: Stores,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., object],
    click_worded: Callable[[str], object],
) -> None:
    bad = insert_plan(demo_store.database.path, person_id=2, rule="FREQ=YEARLY")
    window = build_window(demo_store, messenger=Messenger(windows=True))
    open_helper_tools(window)
    words = window.findChild(QLabel, f"planWords{bad}")
    assert words is not None
    assert words.text() == "A plan this version cannot read"

    press_in_modal(click_worded("Stop these calls"))
    press(qtbot, window, f"stopPlan{bad}")

    assert bad not in {plan.id for plan in demo_store.today.list_plans()}
    assert note_on(window) is None


@pytest.mark.allow_log("lonely_bridge.services.plans", "WARNING")
def test_reminders_are_scheduled_for_the_other_plans(
    qtbot: QtBot, demo_store: Stores, clock: FixedClock, data_dir: Path, recording_opener: Any
) -> None:
    good = [plan.id for plan in demo_store.today.list_plans()]
    database = demo_store.database.path
    insert_plan(database, person_id=1, time_zone="Mars/Olympus")
    insert_plan(database, person_id=2, rule="FREQ=YEARLY")
    services = build_services(demo_store, Edges(clock, opener=recording_opener), data_dir)
    controller = create_reminders(
        services, clock=clock, messenger=Messenger(windows=False), data_dir=data_dir,
        home_zone="Europe/London", speech_engine="mock",
    )  # fmt: skip
    try:
        controller.start()  # offers missed calls, settles stale ones, then schedules
        planned = {int(job_id.split(":")[1]) for job_id in job_ids(controller._scheduler)}
        assert planned == set(good)
    finally:
        controller.shutdown()
