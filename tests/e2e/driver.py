"""Drives the real app as a subprocess and looks at what it left in its data folder."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from lonely_bridge.storage import backup, migrate
from lonely_bridge.system.logs import LOG_FILE_NAME
from lonely_bridge.system.paths import logs_dir

APP_ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
RUN_TIMEOUT_S = 60
PAGE_SIZE = 4096
DEMO_NAMES = {"Anna", "Tom", "Lily", "Rose", "Harold", "Priya", "Thursday Book Club"}


def run_app(
    *args: str, stdin: str | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """One command of the app; ``env`` adds to (or overrides) the usual environment."""
    return subprocess.run(
        [sys.executable, "-m", "lonely_bridge", *args],
        env={**APP_ENV, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def smoke_test(data_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_app("--data-dir", str(data_dir), "--no-err-windows", *extra, "--smoke-test")


def one_plain_line(stderr: str) -> None:
    """A refusal is said in one line of words, never a traceback."""
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` that holds data (logs aside), with its content's hash.

    SQLite's read-only checks may leave an empty -wal and a -shm index beside WAL databases;
    neither holds any data.
    """
    state = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "logs" in path.parts or path.name.endswith("-shm"):
            continue
        if path.name.endswith("-wal") and path.stat().st_size == 0:
            continue
        state[str(path.relative_to(folder))] = sha256(path)
    return state


def names(db: Path) -> set[str]:
    conn = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM people")}
    finally:
        conn.close()


def damage(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.seek(PAGE_SIZE)
        handle.write(os.urandom(PAGE_SIZE))


def daily_backup(data_dir: Path, day: date = date(2026, 11, 26)) -> Path:
    copy = backup.take_daily_backup(
        migrate.database_path(data_dir), migrate.backups_dir(data_dir), today=day
    )
    assert copy is not None
    return copy


WAIT_S = 20.0  # the longest wait for any one thing the app should do
KILL_AFTER_S = 10.0  # SIGTERM first; SIGKILL if the app is still there after this
POLL_S = 0.1
FIRST_PAINT = "First paint of Today"


def app_command(data_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "lonely_bridge", "--data-dir", str(data_dir), *extra]


@dataclass
class RunningApp:
    """One app process, its output files, and where its part of the shared log begins."""

    name: str
    process: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path
    log_offset: int
    started_at: datetime


class AppLog:
    """The data folder's log, which every instance (and the demo run) appends to."""

    def __init__(self, data_dir: Path) -> None:
        self.path = logs_dir(data_dir) / LOG_FILE_NAME

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def text(self, since: int = 0) -> str:
        if not self.path.exists():
            return ""
        with self.path.open("rb") as handle:
            handle.seek(since)
            return handle.read().decode("utf-8", errors="replace")

    def wait_for(self, needle: str, app: RunningApp, *, timeout: float = WAIT_S) -> str:
        """Wait until ``needle`` appears in ``app``'s part of the log; fail if it dies first."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text(app.log_offset)
            if needle in text:
                return text
            if app.process.poll() is not None:
                pytest.fail(
                    f"{app.name} exited ({app.process.returncode}) before logging {needle!r}:\n"
                    f"{app.stderr.read_text(errors='replace')}\n{text}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"{app.name} did not log {needle!r} within {timeout:.0f} s:\n{text}")
            time.sleep(POLL_S)


class Apps:
    """Starts app processes with output in files, and stops them (SIGTERM, then SIGKILL)."""

    def __init__(self, data_dir: Path, output_dir: Path) -> None:
        self.data_dir = data_dir
        self.log = AppLog(data_dir)
        self._output_dir = output_dir
        self._started: list[RunningApp] = []

    def start(self, name: str, *extra: str) -> RunningApp:
        stdout = self._output_dir / f"{name}.stdout"
        stderr = self._output_dir / f"{name}.stderr"
        offset = self.log.size()
        started_at = datetime.now(UTC)
        # The child keeps its own copies of the file descriptors.
        with stdout.open("wb") as out, stderr.open("wb") as err:
            process = subprocess.Popen(
                app_command(self.data_dir, *(extra or ("--no-err-windows",))),
                stdout=out,
                stderr=err,
                env=APP_ENV,
            )
        app = RunningApp(name, process, stdout, stderr, offset, started_at)
        self._started.append(app)
        return app

    def start_painted(self, name: str, *extra: str) -> RunningApp:
        app = self.start(name, *extra)
        self.log.wait_for(FIRST_PAINT, app)
        return app

    @staticmethod
    def stop(app: RunningApp) -> int:
        if app.process.poll() is None:
            app.process.send_signal(signal.SIGTERM)
            try:
                app.process.wait(timeout=KILL_AFTER_S)
            except subprocess.TimeoutExpired:
                app.process.kill()
                app.process.wait(timeout=KILL_AFTER_S)
        return app.process.returncode

    def stop_all(self) -> None:
        for app in self._started:
            self.stop(app)
