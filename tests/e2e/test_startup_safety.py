"""A newer, damaged or unwritable database stops the app kindly and is never changed."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lonely_bridge.storage.migrate import DB_FILE_NAME


def app(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "lonely_bridge", *args],
        capture_output=True, text=True, timeout=90, env=env, check=False,
    )  # fmt: skip


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    result = app("--data-dir", str(folder), "--demo", "--no-err-windows", "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "Smoke test passed" in result.stdout
    return folder


@pytest.mark.slow
def test_smoke_test_on_an_existing_database_defers_heavy_modules(demo_dir: Path) -> None:
    # The smoke test itself fails when SQLAlchemy, Alembic, APScheduler, keyring, text to
    # speech, the other pages or the actions were loaded before the first paint of a current
    # database (app/running.py lists them).
    result = app("--data-dir", str(demo_dir), "--no-err-windows", "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "Today painted after" in result.stdout


@pytest.mark.slow
def test_database_from_a_newer_version_is_left_untouched(demo_dir: Path) -> None:
    db = demo_dir / DB_FILE_NAME
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = digest(db)
    result = app("--data-dir", str(demo_dir), "--no-err-windows", "--smoke-test")
    assert result.returncode == 2
    assert "newer version" in result.stderr
    assert "Nothing has been changed or lost" in result.stderr
    assert digest(db) == before


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage", "truncated", "overwritten_page"])
def test_damaged_database_is_left_untouched(demo_dir: Path, damage: str) -> None:
    db = demo_dir / DB_FILE_NAME
    data = db.read_bytes()
    if damage == "garbage":
        db.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        db.write_bytes(data[: len(data) // 2])
    else:
        page = 4096
        db.write_bytes(data[:page] + b"\xa5" * page + data[2 * page :])
    before = digest(db)
    result = app("--data-dir", str(demo_dir), "--no-err-windows", "--smoke-test")
    assert result.returncode == 2
    assert "damaged" in result.stderr
    assert "left exactly as it was" in result.stderr
    assert digest(db) == before


@pytest.mark.slow
def test_restore_backup_keeps_the_damaged_file_aside(demo_dir: Path) -> None:
    assert app("--data-dir", str(demo_dir), "backup").returncode == 0
    db = demo_dir / DB_FILE_NAME
    db.write_bytes(b"not a database at all" * 100)
    before = digest(db)
    restored = app("--data-dir", str(demo_dir), "restore-backup", "--yes")
    assert restored.returncode == 0, restored.stderr
    kept = [p for p in demo_dir.iterdir() if p.name.startswith(f"{DB_FILE_NAME}.damaged-")]
    kept = [p for p in kept if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1
    assert digest(kept[0]) == before
    result = app("--data-dir", str(demo_dir), "--no-err-windows", "--smoke-test")
    assert result.returncode == 0, result.stderr


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make ``folder`` refuse new files, even for root (which ignores permission bits)."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], check=False).returncode != 0:
            pytest.skip("running as root and this file system has no immutable flag")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o700)


@pytest.mark.slow
def test_read_only_data_folder_is_explained_and_untouched(demo_dir: Path) -> None:
    db = demo_dir / DB_FILE_NAME
    before = digest(db)
    with unwritable(demo_dir):
        result = app("--data-dir", str(demo_dir), "--no-err-windows", "--smoke-test")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "can't save your information" in result.stderr
    assert digest(db) == before


WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore

store = AppStore(open_database(Path(sys.argv[1]), now=datetime.now(UTC)))
person = store.add_person(
    Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
    now=datetime.now(UTC),
)
while True:
    event = store.add_event(
        ContactEvent(None, person.id, ContactKind.VISIT, datetime.now(UTC), ContactSource.BY_HAND),
        now=datetime.now(UTC),
    )
    print(event.id, flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [200, 333, 517])
def test_sigkill_mid_write_loses_no_committed_record(tmp_path: Path, kill_after: int) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    committed = []
    for line in writer.stdout:
        committed.append(int(line))
        if len(committed) >= kill_after:
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait(timeout=30)
    committed += [int(line) for line in writer.stdout.read().split()]
    writer.stdout.close()
    with sqlite3.connect(tmp_path / DB_FILE_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in conn.execute("SELECT id FROM contact_events")}
    conn.close()
    assert set(committed) <= stored
