"""The welcome beside the running window: a home zone chosen there rebuilds the window in it,
starting at login follows its answer, and a household that exists never loads it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from lonely_bridge.app.compose import Composition, Edges, build_services
from lonely_bridge.app.running import Running
from lonely_bridge.domain.settings import HOME_ZONE
from lonely_bridge.services.settings import read
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.autostart import XdgLoginStart
from lonely_bridge.system.single_instance import SingleInstance
from lonely_bridge.ui.first_run import FirstRun
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.e2e.driver import smoke_test


def test_a_zone_chosen_in_the_welcome_rebuilds_the_window_in_it(
    qtbot: QtBot,
    qapp: QApplication,
    store: Stores,
    data_dir: Path,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    login_entry = XdgLoginStart(tmp_path / "home", config_home=tmp_path / "config")
    # 15:00 on Thursday in London is 04:00 on Friday in Auckland.
    edges = Edges(
        clock,
        home_zone="Europe/London",
        computer_zone="Europe/London",
        speech_engine="mock",
        login_start=login_entry,
    )
    composition = Composition(
        build_services(store, edges, data_dir), data_dir, edges, Messenger(windows=False)
    )
    running = Running(
        qapp,
        composition,
        store,
        SingleInstance(data_dir),
        smoke_test=False,
        keep_login_start=True,
    )
    old = composition.window  # deleted once replaced, so not handed to qtbot
    old.show()
    date = old.current_page.findChild(QLabel, "todayDate")
    assert date is not None
    assert date.text().startswith("Thursday")

    welcome = composition.open_set_up()
    qtbot.waitUntil(lambda: welcome.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # no name yet: Next
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Large
    qtbot.keyClicks(QApplication.focusWidget(), "auckl")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Auckland, and Next
    assert read(store.settings, HOME_ZONE) == "Pacific/Auckland"
    assert not login_entry.is_enabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # start with the computer
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Skip for now

    qtbot.waitUntil(lambda: running.composition is not composition)
    new = running.composition.window
    qtbot.addWidget(new)
    assert running.composition.edges.home_zone == "Pacific/Auckland"
    assert new.isVisible()
    qtbot.waitUntil(lambda: not isValid(old))  # let go of, not kept beside the new one
    date = new.current_page.findChild(QLabel, "todayDate")
    assert date is not None
    assert date.text().startswith("Friday")
    assert not [w for w in new.findChildren(FirstRun) if w.isVisible()]
    qtbot.waitUntil(login_entry.is_enabled)  # the login entry follows the welcome's answer
    running.shutdown()


WELCOME_CHECK = """
import sys
from pathlib import Path
from lonely_bridge.app.compose import Composition, Edges, build_services, open_for_command
from lonely_bridge.domain.clock import SystemClock
from lonely_bridge.ui.messages import Messenger

folder = Path(sys.argv[1])
edges = Edges(SystemClock(), home_zone="Europe/London")
store = open_for_command(folder, edges.clock)
services = build_services(store, edges, folder)
composition = Composition(services, folder, edges, Messenger(windows=False))
print(composition.welcome_waiting())
print(sorted(n for n in sys.modules if n.endswith(("first_run", "set_up", "place_chooser"))))
store.close()
"""


def test_a_household_that_exists_never_loads_the_welcome(tmp_path: Path) -> None:
    """In a fresh process: the question "is the welcome waiting?" loads none of it."""
    folder = tmp_path / "demo"
    assert smoke_test(folder, "--demo").returncode == 0
    done = subprocess.run(
        [sys.executable, "-c", WELCOME_CHECK, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.splitlines() == ["False", "[]"]
