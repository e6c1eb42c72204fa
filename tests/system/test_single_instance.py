"""One Lonely Bridge per data folder: the lock, raising the first window, and stale locks."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSysInfo
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication

from lonely_bridge.system.single_instance import LOCK_FILE_NAME, SingleInstance, server_name

START_DEADLINE_S = 20.0
POLL_S = 0.05
SIGNAL_TIMEOUT_MS = 5_000
THREE_DAYS_S = 3 * 24 * 60 * 60

MakeInstance = Callable[[Path], SingleInstance]

_HOLDER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from lonely_bridge.system.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
print("locked" if instance.acquire() else "refused", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def make_instance(qapp: QApplication) -> Iterator[MakeInstance]:
    """Builds SingleInstance objects and releases every one of them after the test."""
    made: list[SingleInstance] = []

    def make(folder: Path) -> SingleInstance:
        instance = SingleInstance(folder)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.release()


def _read_line(process: subprocess.Popen[str], timeout_s: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout_s)
    if not ready:
        pytest.fail(f"no answer from process {process.pid} within {timeout_s} s")
    return process.stdout.readline().strip()


def _dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_first_acquires_second_is_refused_and_raises_the_first(
    qtbot, data_dir: Path, make_instance: MakeInstance
) -> None:
    first = make_instance(data_dir)
    assert first.acquire()
    first.listen()
    assert (data_dir / LOCK_FILE_NAME).exists()
    second = make_instance(data_dir)
    assert not second.acquire()
    with qtbot.waitSignal(first.activated, timeout=SIGNAL_TIMEOUT_MS):
        assert second.notify_running_instance()


def test_after_release_a_new_instance_acquires(
    qtbot, data_dir: Path, make_instance: MakeInstance
) -> None:
    first = make_instance(data_dir)
    assert first.acquire()
    first.listen()
    first.release()
    assert not (data_dir / LOCK_FILE_NAME).exists()
    later = make_instance(data_dir)
    assert later.acquire()
    later.listen()
    with qtbot.waitSignal(later.activated, timeout=SIGNAL_TIMEOUT_MS):
        assert make_instance(data_dir).notify_running_instance()


@pytest.mark.allow_log("lonely_bridge.system.single_instance", "WARNING")
def test_notify_without_a_running_instance_says_so(
    data_dir: Path, make_instance: MakeInstance
) -> None:
    assert not make_instance(data_dir).notify_running_instance()


def test_different_data_folders_are_independent(
    qtbot, tmp_path: Path, make_instance: MakeInstance
) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    assert server_name(mine) != server_name(theirs)
    holder_mine = make_instance(mine)
    holder_theirs = make_instance(theirs)
    assert holder_mine.acquire()
    holder_mine.listen()
    assert holder_theirs.acquire()
    holder_theirs.listen()
    # A launch for "theirs" raises only that window.
    with (
        qtbot.assertNotEmitted(holder_mine.activated, wait=100),
        qtbot.waitSignal(holder_theirs.activated, timeout=SIGNAL_TIMEOUT_MS),
    ):
        assert make_instance(theirs).notify_running_instance()


def test_the_same_folder_spelled_differently_is_one_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    assert server_name(folder / "sub" / "..") == server_name(folder)


def test_a_lock_left_by_a_dead_process_is_taken_over(
    qtbot, data_dir: Path, make_instance: MakeInstance
) -> None:
    lock = data_dir / LOCK_FILE_NAME
    lock.write_text(f"{_dead_pid()}\npython3\n{QSysInfo.machineHostName()}\n")
    taker = make_instance(data_dir)
    assert taker.acquire()
    taker.listen()
    assert lock.read_text().split("\n")[0] == str(os.getpid())
    with qtbot.waitSignal(taker.activated, timeout=SIGNAL_TIMEOUT_MS):
        assert make_instance(data_dir).notify_running_instance()


def test_a_live_owner_keeps_its_lock_however_old_until_killed(
    qtbot, data_dir: Path, make_instance: MakeInstance
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert _read_line(holder, START_DEADLINE_S) == "locked"
        lock = data_dir / LOCK_FILE_NAME
        # Age alone never makes a lock stale: a long-running app must keep its lock.
        old = time.time() - THREE_DAYS_S
        os.utime(lock, (old, old))
        assert not make_instance(data_dir).acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        assert holder.stdin is not None
        assert holder.stdout is not None
        holder.stdin.close()
        holder.stdout.close()
    assert lock.exists()
    # The dead owner's lock and listening socket are both replaced.
    taker = make_instance(data_dir)
    assert taker.acquire()
    taker.listen()
    with qtbot.waitSignal(taker.activated, timeout=SIGNAL_TIMEOUT_MS):
        assert make_instance(data_dir).notify_running_instance()


# The real app -------------------------------------------------------------------------------


def _app_command(data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "lonely_bridge", "--data-dir", str(data_dir), "--no-err-windows"]


def _app_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _log_text(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def _wait_for(
    condition: Callable[[], bool], process: subprocess.Popen[bytes], what: str, output: Path
) -> None:
    deadline = time.monotonic() + START_DEADLINE_S
    while not condition():
        if process.poll() is not None:
            pytest.fail(
                f"the app exited ({process.returncode}) before {what}: {output.read_text()}"
            )
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(POLL_S)


@pytest.mark.slow
def test_second_launch_brings_the_first_window_forward(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    log = data_dir / "logs" / "lonely-bridge.log"
    output = tmp_path / "first.out"
    message = "Another launch asked to show the window"
    with output.open("wb") as sink:
        first = subprocess.Popen(
            _app_command(data_dir), env=_app_env(), stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        _wait_for(
            lambda: (data_dir / LOCK_FILE_NAME).exists() and "Starting" in _log_text(log),
            first,
            "the lock and the start-up log line",
            output,
        )
        # The lock is taken just before the instance starts listening; the first paint
        # comes later still, so by then the first launch surely answers.
        _wait_for(lambda: "First paint" in _log_text(log), first, "the first paint", output)

        second = subprocess.run(
            _app_command(data_dir),
            env=_app_env(),
            capture_output=True,
            text=True,
            timeout=START_DEADLINE_S,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stdout
        assert first.poll() is None

        _wait_for(lambda: message in _log_text(log), first, "the raise request", output)
    finally:
        first.terminate()
        try:
            first.wait(timeout=5)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait()
        # Killed, it could not remove its listening socket; do it for it.
        QLocalServer.removeServer(server_name(data_dir))
    assert message in _log_text(log)
