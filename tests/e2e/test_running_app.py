"""The app as people run it: windows allowed, an existing folder, closed by the system."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lonely_bridge.storage import migrate
from lonely_bridge.system.single_instance import LOCK_FILE_NAME
from tests.e2e.driver import (
    APP_ENV,
    DEMO_NAMES,
    KILL_AFTER_S,
    PAGE_SIZE,
    Apps,
    daily_backup,
    folder_state,
    names,
    run_app,
)

pytestmark = pytest.mark.slow

FIRST_PAINT_TIMEOUT_S = 60
WINDOWS_ALLOWED = "--verbose"  # any option but --no-err-windows: started as people start it


def test_smoke_test_with_windows_allowed_passes_again_and_again(demo_dir: Path) -> None:
    """The start people get: windows allowed, on a folder that already holds a household."""
    for _ in range(3):
        done = run_app("--data-dir", str(demo_dir), "--smoke-test")
        assert done.returncode == 0, done.stderr
        assert "Smoke test passed" in done.stdout


def test_restore_and_backup_refuse_while_the_app_is_open(apps: Apps, demo_dir: Path) -> None:
    daily_backup(demo_dir)
    apps.start_painted("first", WINDOWS_ALLOWED)
    db = migrate.database_path(demo_dir)
    in_use = db.stat().st_ino
    for command in (["restore-backup", "--yes"], ["backup"]):
        done = run_app("--data-dir", str(demo_dir), *command)
        assert done.returncode == 2, done.stdout
        assert "Lonely Bridge is open; close it first" in done.stderr
        assert "Traceback" not in done.stderr
    # The open app's file was not swapped, nothing was put aside, and no copy was made.
    assert db.stat().st_ino == in_use
    assert not [p for p in demo_dir.iterdir() if ".replaced-" in p.name]
    assert not list(migrate.backups_dir(demo_dir).glob("manual-*"))


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_app_cleanly(
    apps: Apps, demo_dir: Path, signal_number: signal.Signals
) -> None:
    app = apps.start_painted("app", WINDOWS_ALLOWED)
    app.process.send_signal(signal_number)
    assert app.process.wait(timeout=KILL_AFTER_S) == 0
    log = apps.log.text(app.log_offset)
    assert f"Closing on {signal_number.name}" in log
    assert log.rstrip().endswith("Closed")
    db = migrate.database_path(demo_dir)
    # The write-ahead log was folded back and the lock let go.
    assert not Path(f"{db}-wal").exists()
    assert not (demo_dir / LOCK_FILE_NAME).exists()
    assert names(db) == DEMO_NAMES
    done = run_app("--data-dir", str(demo_dir), "backup")
    assert done.returncode == 0, done.stderr


def test_a_demo_without_a_folder_cleans_up_after_itself(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**APP_ENV, "TMPDIR": str(temporary)}
    done = subprocess.run(
        [sys.executable, "-m", "lonely_bridge", "--demo", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=FIRST_PAINT_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert list(temporary.iterdir()) == []


def test_a_demo_closed_by_a_signal_cleans_up_too(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "lonely_bridge", "--demo", "--verbose"],
        env={**APP_ENV, "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        log = None
        deadline = time.monotonic() + FIRST_PAINT_TIMEOUT_S
        while time.monotonic() < deadline:
            logs = list(temporary.glob("*/logs/lonely-bridge.log"))
            if logs and "First paint" in logs[0].read_text():
                log = logs[0]
                break
            time.sleep(0.1)
        assert log is not None, "the demo never painted"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=KILL_AFTER_S) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert list(temporary.iterdir()) == []


def test_data_dir_may_come_after_the_command(demo_dir: Path) -> None:
    before = run_app("--data-dir", str(demo_dir), "report", "--json")
    after = run_app("report", "--json", "--data-dir", str(demo_dir))
    assert before.returncode == after.returncode == 0, after.stderr
    assert before.stdout == after.stdout
    assert '"Anna"' in after.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_empty_data_dir_is_refused(where: str, tmp_path: Path) -> None:
    args = ["--data-dir", "", "report"] if where == "before" else ["report", "--data-dir", ""]
    done = subprocess.run(
        [sys.executable, "-m", "lonely_bridge", *args],
        env=APP_ENV,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=FIRST_PAINT_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 2
    assert "may not be empty" in done.stderr
    assert list(tmp_path.iterdir()) == []


STRANGE_FOLDERS = ["Client #12", "what?now", "100%41 sure", "Zoë Ōtsuka 北京", "a b  c"]


@pytest.mark.parametrize("name", STRANGE_FOLDERS)
def test_any_folder_name_works(tmp_path: Path, name: str) -> None:
    data_dir = tmp_path / name / "data"
    first = run_app("--data-dir", str(data_dir), "--demo", "--smoke-test")
    assert first.returncode == 0, first.stderr
    again = run_app("--data-dir", str(data_dir), "--smoke-test")
    assert again.returncode == 0, again.stderr
    db = migrate.database_path(data_dir)
    assert names(db) == DEMO_NAMES
    assert run_app("--data-dir", str(data_dir), "backup").returncode == 0
    restored = run_app("--data-dir", str(data_dir), "restore-backup", "--yes")
    assert restored.returncode == 0, restored.stderr
    report = run_app("report", "--data-dir", str(data_dir))
    assert report.returncode == 0, report.stderr
    # Nothing was made beside the folder, as a badly escaped name would do.
    assert sorted(p.name for p in (tmp_path / name).iterdir()) == ["data"]
    assert not re.search(r"[#?%]", "".join(p.name for p in data_dir.iterdir()))


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are for Linux and macOS")
def test_every_file_the_app_makes_is_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)  # the usual umask: files readable by everyone
    try:
        data_dir = tmp_path / "new" / "data"
        assert run_app("--data-dir", str(data_dir), "--demo", "--smoke-test").returncode == 0
        daily_backup(data_dir)
        assert run_app("--data-dir", str(data_dir), "backup").returncode == 0
        cards = Path(__file__).resolve().parents[1] / "formats" / "data" / "vcards"
        imported = tmp_path / "new" / "imported"
        done = run_app(
            "--data-dir", str(imported), "import-contacts", str(cards / "iphone_ios_3_0.vcf")
        )
        assert done.returncode == 0, done.stderr
    finally:
        os.umask(previous)
    made = [data_dir, *data_dir.rglob("*"), imported, *imported.rglob("*")]
    assert list((imported / "photos").iterdir())  # the photos are there, and checked below
    for path in made:
        mode = path.stat().st_mode & 0o777
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700


def test_a_folder_that_exists_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "chosen"
    shared.mkdir()
    shared.chmod(0o755)
    assert run_app("--data-dir", str(shared), "--demo", "--smoke-test").returncode == 0
    assert shared.stat().st_mode & 0o777 == 0o755
    assert folder_state(shared)


def test_the_full_check_runs_after_the_first_paint(demo_dir: Path) -> None:
    """Damage only SQLite's page-by-page check notices: found after Today is drawn."""
    db = migrate.database_path(demo_dir)
    with db.open("r+b") as handle:  # a page of history, which the start's reads never touch
        handle.seek(20 * PAGE_SIZE)
        handle.write(b"\xa5" * PAGE_SIZE)
    before = folder_state(demo_dir)

    first = run_app("--data-dir", str(demo_dir), "--smoke-test")
    assert "Today painted after" in first.stdout  # the check did not delay the first paint
    assert first.returncode == 2, first.stdout
    assert "looks damaged" in first.stderr
    assert "left exactly as it was" in first.stderr
    # Nothing was copied over the good copies, and the next start checks fully, at once.
    assert not migrate.backups_dir(demo_dir).exists()
    again = run_app("--data-dir", str(demo_dir), "--no-err-windows", "--smoke-test")
    assert again.returncode == 2
    assert "Today painted" not in again.stdout
    assert "looks damaged" in again.stderr
    assert {k: v for k, v in folder_state(demo_dir).items() if k != f"{db.name}.needs-check"} == (
        before
    )
