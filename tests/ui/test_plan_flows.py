"""A helper plans, changes and stops regular calls, and saves them for family calendars."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import icalendar
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTimeEdit, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.ui.conftest import actions_of, open_helper_tools

PEOPLE_PAGE = 1


def on_people(window: MainWindow) -> MainWindow:
    """The regular calls are changed under "For family and helpers", behind the PIN."""
    open_helper_tools(window)
    return window


def press(qtbot: QtBot, root: QWidget, name: str) -> None:
    target = [b for b in root.findChildren(QPushButton, name) if not b.isHidden()]
    assert target, name
    qtbot.mouseClick(target[-1], Qt.MouseButton.LeftButton)


def test_plan_a_call_every_two_weeks_in_new_york_time(
    qtbot: QtBot,
    demo_store: Stores,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., object],
) -> None:
    window = on_people(build_window(demo_store, home_zone="Europe/London"))
    before = {plan.id for plan in demo_store.today.list_plans()}
    lily = next(p for p in demo_store.today.list_people() if p.name == "Lily")
    changed: list[bool] = []
    actions_of(window).plans_changed.connect(lambda: changed.append(True))
    preview: list[str] = []

    def fill(dialog: QWidget) -> None:
        person = dialog.findChild(QComboBox, "planPerson")
        assert person is not None
        person.setCurrentIndex(person.findData(lily.id))
        press(qtbot, dialog, "planFrequency2")  # every two weeks
        for day in range(7):
            button = dialog.findChild(QPushButton, f"planDay{day}")
            assert button is not None
            if button.isChecked() != (day == 6):
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        time_edit = dialog.findChild(QTimeEdit, "planTime")
        assert time_edit is not None
        time_edit.setTime(QTime(11, 0))
        zone = dialog.findChild(QComboBox, "planZone")
        assert zone is not None
        zone.setCurrentIndex(zone.findData("America/New_York"))
        words = dialog.findChild(QLabel, "planPreview")
        assert words is not None
        preview.append(words.text())
        press(qtbot, dialog, "planSave")

    presser = press_in_modal(fill)
    press(qtbot, window, "addPlan")
    assert presser.problems == []  # type: ignore[attr-defined]
    assert "Every two weeks on Sunday at 11 am." in preview[0]
    assert "here, 11 am for Lily" in preview[0]
    [new] = [plan for plan in demo_store.today.list_plans() if plan.id not in before]
    assert new.person_id == lily.id
    assert new.recurrence is not None
    assert new.recurrence.to_rrule() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"
    assert new.time_zone == "America/New_York"
    assert new.link_id == lily.links[0].id
    assert changed == [True]
    words = window.findChild(QLabel, f"planWords{new.id}")
    assert words is not None
    assert words.text() == "Every two weeks on Sunday at 11 am"


def test_stopping_calls_asks_first(
    qtbot: QtBot,
    demo_store: Stores,
    build_window: Callable[..., MainWindow],
    press_in_modal: Callable[..., object],
    click_worded: Callable[[str], object],
) -> None:
    window = on_people(build_window(demo_store, messenger=Messenger(windows=True)))
    plan = demo_store.today.list_plans()[0]
    press_in_modal(click_worded("Keep them"))
    press(qtbot, window, f"stopPlan{plan.id}")
    assert plan in demo_store.today.list_plans()
    press_in_modal(click_worded("Stop these calls"))
    press(qtbot, window, f"stopPlan{plan.id}")
    assert plan not in demo_store.today.list_plans()
    assert "are stopped" in window.undo_bar.message.text()


def test_save_the_calls_for_a_calendar(
    qtbot: QtBot, demo_store: Stores, build_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    target = tmp_path / "family.ics"
    window = on_people(
        build_window(demo_store, choose_calendar_file=lambda _parent, _suggested: target)
    )
    press(qtbot, window, "exportCalendar")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(demo_store.today.list_plans())
    assert "family.ics" in window.undo_bar.message.text()


def test_a_link_that_fails_the_check_is_left_out_of_the_calendar_and_said_so(
    qtbot: QtBot,
    demo_store: Stores,
    clock: FixedClock,
    build_window: Callable[..., MainWindow],
    clipped_widgets: Callable[[QWidget], list[str]],
    tmp_path: Path,
) -> None:
    redirect = "https://meet.google.com/linkredirect?dest=https%3A%2F%2Fevil.example%2F"
    [anna] = [person for person in demo_store.today.list_people() if person.name == "Anna"]
    links = tuple(replace(link, url=redirect) if link.is_default else link for link in anna.links)
    demo_store.people.update_person(replace(anna, links=links), now=clock.now())  # as if by hand
    target = tmp_path / "family.ics"
    window = on_people(
        build_window(demo_store, choose_calendar_file=lambda _parent, _suggested: target)
    )
    press(qtbot, window, "exportCalendar")
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == len(demo_store.today.list_plans())  # Anna's calls are still there
    assert "evil.example" not in target.read_text()
    message = window.undo_bar.message.text()
    assert "family.ics" in message
    assert (
        "The link for the calls with Anna was left out, because Lonely Bridge would not "
        "open it now. A helper can save it again under “For family and helpers”." in message
    )
    assert clipped_widgets(window.undo_bar) == []


def test_today_shows_the_next_call(
    demo_store: Stores, build_window: Callable[..., MainWindow]
) -> None:
    # The clock stands at Thursday 26 November 2026, 3 pm; the book club met this morning.
    window = build_window(demo_store, home_zone="Europe/London")
    words = window.findChild(QLabel, "nextCallWords")
    assert words is not None
    assert words.text() == "Sunday at 4 pm with Anna"
