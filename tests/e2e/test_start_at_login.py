"""Start at login in the real app: the usual folder's app writes its entry after the first paint
and removes it when the setting is off; started with --at-login it still opens."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lonely_bridge import APP_ID
from lonely_bridge.domain.clock import SystemClock
from lonely_bridge.domain.settings import START_AT_LOGIN
from lonely_bridge.storage import migrate
from lonely_bridge.storage.stores import open_stores
from lonely_bridge.system.autostart import AT_LOGIN_OPTION
from tests.desktop_entry import exec_program, parse_entry, validate
from tests.e2e.driver import APP_ENV, FIRST_PAINT, AppLog, Apps, RunningApp, smoke_test

pytestmark = pytest.mark.slow

TURNED_ON = "Start at login is on"
TURNED_OFF = "Start at login is off"
LEFT_ALONE = "Start at login left as it is"


class Home:
    """A person's home folder of its own: the usual data folder and the autostart folder in
    it, found by the app through the XDG variables as on any Linux desktop."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {
            **APP_ENV,
            "HOME": str(root),
            "XDG_DATA_HOME": str(root / "data-home"),
            "XDG_CONFIG_HOME": str(root / "config home #1"),
        }
        self.data_dir = root / "data-home" / APP_ID
        self.entry = root / "config home #1" / "autostart" / f"{APP_ID}.desktop"
        self.log = AppLog(self.data_dir)
        self._started: list[RunningApp] = []

    def start(self, name: str, *extra: str) -> RunningApp:
        """The app as the person starts it: no --data-dir, so the usual folder."""
        stdout, stderr = self.root / f"{name}.stdout", self.root / f"{name}.stderr"
        offset = self.log.size()
        with stdout.open("wb") as out, stderr.open("wb") as err:
            process = subprocess.Popen(
                [sys.executable, "-m", "lonely_bridge", "--no-err-windows", *extra],
                stdout=out,
                stderr=err,
                env=self.env,
            )
        app = RunningApp(name, process, stdout, stderr, offset, datetime.now(UTC))
        self._started.append(app)
        return app

    def stop_all(self) -> None:
        for app in self._started:
            Apps.stop(app)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Home]:
    folder = tmp_path / "margaret"
    folder.mkdir()
    made = Home(folder)
    yield made
    made.stop_all()


def set_start_at_login(data_dir: Path, on: bool) -> None:
    clock = SystemClock()
    stores = open_stores(migrate.open_database(data_dir, now=clock.now()))
    try:
        stores.settings.set_setting(START_AT_LOGIN.key, START_AT_LOGIN.stored(on), now=clock.now())
    finally:
        stores.close()


def test_the_usual_app_writes_its_entry_then_removes_it_when_turned_off(home: Home) -> None:
    first = home.start("first")
    home.log.wait_for(TURNED_ON, first)
    assert Apps.stop(first) in (0, -signal.SIGTERM)

    entry = parse_entry(home.entry.read_text(encoding="utf-8"))
    assert exec_program(entry) == [sys.executable, "-m", "lonely_bridge", AT_LOGIN_OPTION]
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    validate(home.entry)

    set_start_at_login(home.data_dir, False)
    again = home.start("again")
    home.log.wait_for(TURNED_OFF, again)
    assert Apps.stop(again) in (0, -signal.SIGTERM)

    assert not home.entry.exists()
    assert list(home.entry.parent.iterdir()) == []
    for app in (first, again):
        assert "Traceback" not in app.stderr.read_text(errors="replace")


def test_started_at_login_without_a_tray_the_window_opens_and_is_painted(home: Home) -> None:
    """Offscreen Qt has no tray: the person gets the usual window, not an invisible app."""
    app = home.start("at-login", AT_LOGIN_OPTION)
    log = home.log.wait_for(FIRST_PAINT, app)
    home.log.wait_for(TURNED_ON, app)
    assert Apps.stop(app) in (0, -signal.SIGTERM)
    assert "Waiting quietly" not in log


def test_a_smoke_test_started_at_login_passes(data_dir: Path) -> None:
    done = smoke_test(data_dir, AT_LOGIN_OPTION)

    assert done.returncode == 0, done.stderr
    assert "Smoke test passed" in done.stdout


def test_another_folder_leaves_the_login_entry_alone(home: Home, tmp_path: Path) -> None:
    """A helper's or a test's run on another folder must not take over how the computer
    starts: that changes only from Settings."""
    other = tmp_path / "another folder"
    app = home.start("other", "--data-dir", str(other))
    AppLog(other).wait_for(LEFT_ALONE, app)
    assert Apps.stop(app) in (0, -signal.SIGTERM)

    assert not home.entry.parent.exists()
