"""Started at login with a tray: the window stays hidden, yet everything after the first paint
starts, a reminder comes to the front, the login entry is kept, and the icon opens the window."""

from __future__ import annotations

import time as clock_time
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Composition, Edges, build_services, open_store
from lonely_bridge.app.running import Running
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.reminders import ReminderKind
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.autostart import XdgLoginStart
from lonely_bridge.system.single_instance import SingleInstance
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.reminder_window import ReminderWindow
from lonely_bridge.ui.tray import tray_available
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer, RecordingOpener
from tests.plans import call_plan, pending_reminders


@pytest.fixture
def app_store(data_dir: Path, clock: FixedClock) -> Iterator[Stores]:
    stores = open_store(data_dir, clock, messenger=Messenger(windows=False), demo=False)
    yield stores
    stores.close()


@pytest.fixture
def login_entry(tmp_path: Path) -> XdgLoginStart:
    return XdgLoginStart(tmp_path / "home", config_home=tmp_path / "config")


@pytest.fixture
def composition(
    app_store: Stores, data_dir: Path, clock: FixedClock, login_entry: XdgLoginStart
) -> Composition:
    edges = Edges(
        clock,
        home_zone="Europe/London",
        opener=RecordingOpener(),
        mailer=RecordingMailer(),
        secrets=MemorySecrets(),
        speech_engine="mock",
        login_start=login_entry,
    )
    services = build_services(app_store, edges, data_dir)
    anna = services.people.save(
        Person(
            None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY],
            links=(CallLink(None, None, "Anna on Zoom", "https://zoom.us/j/123456789", "zoom",
                            is_default=True),),
        ),
    )  # fmt: skip
    assert anna.id is not None
    # Every day at 4 pm in London; the clock says 3 pm, so the next call is within the hour.
    services.plans.save(
        call_plan(
            None, anna.id, anna.links[0].id, "FREQ=DAILY", time(16, 0), "Europe/London",
            date(2026, 11, 1),
        )
    )  # fmt: skip
    return Composition(services, data_dir, edges, Messenger(windows=False))


@pytest.fixture
def quiet_start(
    qtbot: QtBot, qapp: QApplication, composition: Composition, app_store: Stores, data_dir: Path
) -> Iterator[Running]:
    """The app as started at login on a desktop with a tray (offscreen Qt has none, so the
    choice gui.py makes from the tray is made here)."""
    instance = SingleInstance(data_dir)
    assert instance.acquire()
    running = Running(
        qapp, composition, app_store, instance, smoke_test=False, quietly=True,
        keep_login_start=True,
    )  # fmt: skip
    qtbot.addWidget(composition.window)
    running.show(clock_time.perf_counter())
    try:
        yield running
    finally:
        running.shutdown()
        instance.release()
        qapp.setQuitOnLastWindowClosed(True)


def test_offscreen_has_no_tray_so_a_start_at_login_opens_the_window(qapp: QApplication) -> None:
    from lonely_bridge.app.gui import starts_quietly

    assert not tray_available()
    assert not starts_quietly()


# Offscreen Qt, asked for a tray icon it cannot show, says so.
NO_TRAY_HERE = "systemTrayWindowChanged"


@pytest.mark.qt_log_ignore(NO_TRAY_HERE)
def test_started_quietly_a_reminder_still_comes_to_the_front(
    qtbot: QtBot, qapp: QApplication, quiet_start: Running, composition: Composition,
    clock: FixedClock,
) -> None:  # fmt: skip
    [heads_up] = [
        r for r in pending_reminders(composition.services.plans) if r.kind is ReminderKind.HEADS_UP
    ]
    # The computer starts (and the app with it) a moment before the heads-up. No paint will
    # come from a hidden window: the reminders must start all the same.
    clock.set(heads_up.fire_at - timedelta(seconds=1))
    qtbot.waitUntil(lambda: quiet_start._reminders is not None)
    controller = quiet_start._reminders
    assert controller is not None
    clock.advance(seconds=2)
    controller.check_now()
    qtbot.waitUntil(lambda: bool(controller.windows))

    [reminder] = controller.windows.values()
    assert isinstance(reminder, ReminderWindow)
    qtbot.addWidget(reminder)
    assert reminder.isVisible()
    assert composition.window.isHidden()  # the reminder comes alone, in front of the rest


@pytest.mark.qt_log_ignore(NO_TRAY_HERE)
def test_started_quietly_the_login_entry_is_kept(
    qtbot: QtBot, quiet_start: Running, login_entry: XdgLoginStart
) -> None:
    qtbot.waitUntil(login_entry.is_enabled)
    assert "--at-login" in login_entry.path.read_text(encoding="utf-8")


@pytest.mark.qt_log_ignore(NO_TRAY_HERE)
def test_the_icon_opens_the_window(
    qtbot: QtBot, quiet_start: Running, composition: Composition
) -> None:
    tray = quiet_start._tray
    assert tray is not None

    tray.open_action.trigger()

    assert composition.window.isVisible()
    qtbot.waitUntil(lambda: quiet_start._reminders is not None)


@pytest.mark.qt_log_ignore(NO_TRAY_HERE)
def test_start_at_login_turned_off_in_helper_mode_removes_the_entry_at_once(
    qtbot: QtBot, quiet_start: Running, composition: Composition, login_entry: XdgLoginStart
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from lonely_bridge.domain.settings import START_AT_LOGIN
    from lonely_bridge.ui.pages.settings import control_name
    from tests.ui.conftest import open_helper_tools

    qtbot.waitUntil(login_entry.is_enabled)
    quiet_start.open_window()
    page = open_helper_tools(composition.window)
    name = f"{control_name(START_AT_LOGIN)}False"
    [off] = [b for b in page.findChildren(QPushButton, name) if b.isVisibleTo(page)]
    qtbot.mouseClick(off, Qt.MouseButton.LeftButton)
    assert not login_entry.path.exists()
    [on] = [
        b
        for b in page.findChildren(QPushButton, f"{control_name(START_AT_LOGIN)}True")
        if b.isVisibleTo(page)
    ]
    qtbot.mouseClick(on, Qt.MouseButton.LeftButton)
    assert login_entry.is_enabled()


def test_a_home_place_chosen_in_helper_mode_rebuilds_the_window_in_its_time(
    qtbot: QtBot, qapp: QApplication, composition: Composition, app_store: Stores, data_dir: Path
) -> None:
    from PySide6.QtCore import Qt
    from shiboken6 import isValid

    from lonely_bridge.domain.settings import HOME_ZONE
    from lonely_bridge.ui.pages.helper import HelperPage
    from lonely_bridge.ui.pages.settings import control_name
    from lonely_bridge.ui.widgets.place_chooser import PlaceChooser
    from tests.ui.conftest import open_helper_tools

    running = Running(
        qapp, composition, app_store, SingleInstance(data_dir), smoke_test=False,
        keep_login_start=True,
    )  # fmt: skip
    old = composition.window  # deleted once replaced, so not handed to qtbot
    old.show()
    page = open_helper_tools(old)
    [chooser] = [
        c
        for c in page.findChildren(PlaceChooser, f"{control_name(HOME_ZONE)}Places")
        if c.isVisibleTo(page)
    ]
    qtbot.keyClicks(chooser.search, "Sydney")
    qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: running.composition is not composition)

    rebuilt = running.composition
    qtbot.addWidget(rebuilt.window)
    assert rebuilt.edges.home_zone == "Australia/Sydney"
    current = rebuilt.window.current_page
    assert isinstance(current, HelperPage)
    assert current.is_open  # the helper keeps their tools
    qtbot.waitUntil(lambda: not isValid(old))  # let go of, not kept beside the new one
    running.shutdown()
