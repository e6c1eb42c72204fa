"""The real app as a subprocess: smoke test, refusing bad databases, backup and restore commands."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lonely_bridge import __version__
from lonely_bridge.domain.clock import FixedClock
from lonely_bridge.services.demo import build_demo_household
from lonely_bridge.storage import backup, migrate
from lonely_bridge.storage.db import make_session_factory
from lonely_bridge.storage.repositories import SqlStore

pytestmark = pytest.mark.slow

RUN_TIMEOUT_S = 60
PAGE_SIZE = 4096
DEMO_NAMES = {"Anna", "Tom", "Lily", "Rose", "Harold", "Priya", "Thursday Book Club"}


def run_app(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lonely_bridge", *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def smoke_test(data_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_app("--data-dir", str(data_dir), "--no-err-windows", *extra, "--smoke-test")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` that holds data (logs aside), with its content's hash.

    SQLite's read-only checks leave an empty -wal and a -shm index beside WAL databases
    (see test_refusing_a_database_leaves_no_files_beside_it); neither holds any data.
    """
    state = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "logs" in path.parts or path.name.endswith("-shm"):
            continue
        if path.name.endswith("-wal") and path.stat().st_size == 0:
            continue
        state[str(path.relative_to(folder))] = _sha256(path)
    return state


def _names(db: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM people")}
    finally:
        conn.close()


def _damage(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.seek(PAGE_SIZE)
        handle.write(os.urandom(PAGE_SIZE))


@pytest.fixture
def demo_dir(data_dir: Path, clock: FixedClock) -> Path:
    """A data folder holding the demo household, closed and fully checkpointed."""
    opened = migrate.open_database(data_dir, now=clock.now())
    build_demo_household(SqlStore(make_session_factory(opened.engine)), clock)
    opened.dispose()
    assert [p.name for p in data_dir.iterdir()] == [migrate.DB_FILE_NAME]
    return data_dir


def _daily_backup(data_dir: Path) -> Path:
    copy = backup.take_daily_backup(
        migrate.database_path(data_dir), migrate.backups_dir(data_dir), today=date(2026, 11, 26)
    )
    assert copy is not None
    return copy


def test_smoke_test_creates_the_demo_then_reopens_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = smoke_test(data_dir, "--demo")
    assert first.returncode == 0, first.stderr
    assert "Smoke test passed" in first.stdout
    db = migrate.database_path(data_dir)
    assert _names(db) == DEMO_NAMES

    # Now the database exists and is current: the quick path, without SQLAlchemy or Alembic.
    again = smoke_test(data_dir, "--demo")
    assert again.returncode == 0, again.stderr
    assert "Smoke test passed" in again.stdout
    assert _names(db) == DEMO_NAMES
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM people").fetchone() == (len(DEMO_NAMES),)
    conn.close()


def test_database_from_a_newer_version_is_refused(demo_dir: Path) -> None:
    db = migrate.database_path(demo_dir)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _sha256(db)
    done = smoke_test(demo_dir)
    assert done.returncode == 2, done.stdout
    assert "newer" in done.stderr.lower()
    assert "Smoke test passed" not in done.stdout
    assert _sha256(db) == before
    assert not migrate.backups_dir(demo_dir).exists()


def test_damaged_database_without_backups_is_refused(demo_dir: Path) -> None:
    db = migrate.database_path(demo_dir)
    _damage(db)
    before = _sha256(db)
    done = smoke_test(demo_dir)
    assert done.returncode == 2, done.stdout
    assert "damaged" in done.stderr.lower()
    assert _sha256(db) == before


def test_damaged_database_is_not_replaced_without_agreement(demo_dir: Path) -> None:
    """--no-err-windows answers "no" to every question, so nothing may change."""
    _daily_backup(demo_dir)
    _damage(migrate.database_path(demo_dir))
    before = _folder_state(demo_dir)
    done = smoke_test(demo_dir)
    assert done.returncode == 2, done.stdout
    assert "damaged" in done.stderr.lower()
    assert _folder_state(demo_dir) == before
    assert not list(demo_dir.glob("*.damaged-*"))


def test_restore_backup_puts_the_copy_back_and_keeps_the_damaged_file(demo_dir: Path) -> None:
    _daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    _damage(db)
    damaged = _sha256(db)

    done = run_app("--data-dir", str(demo_dir), "restore-backup", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Restored the copy" in done.stdout
    found = re.search(r"kept, unchanged, at (\S+)", done.stdout)
    assert found is not None
    kept = Path(found.group(1))
    assert kept.parent == demo_dir
    assert kept.name.startswith("lonely-bridge.db.damaged-")
    assert _sha256(kept) == damaged
    assert backup.is_healthy(db)

    smoke = smoke_test(demo_dir)
    assert smoke.returncode == 0, smoke.stderr
    assert "Smoke test passed" in smoke.stdout
    assert _names(db) == DEMO_NAMES


def test_restore_backup_asks_first(demo_dir: Path) -> None:
    _daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    _damage(db)
    before = _folder_state(demo_dir)
    done = run_app("--data-dir", str(demo_dir), "restore-backup", stdin="n\n")
    assert done.returncode == 0, done.stderr
    assert "Put back the copy" in done.stdout
    assert "Nothing was changed" in done.stdout
    assert _folder_state(demo_dir) == before


def test_restore_backup_lists_good_and_damaged_copies(demo_dir: Path) -> None:
    good = _daily_backup(demo_dir)
    bad = migrate.backups_dir(demo_dir) / "daily-2026-11-27.db"
    bad.write_bytes(os.urandom(2 * PAGE_SIZE))
    db = migrate.database_path(demo_dir)
    before = _folder_state(demo_dir)

    done = run_app("--data-dir", str(demo_dir), "restore-backup", "--list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert any("good" in line and line.endswith(str(good)) for line in lines)
    assert any("damaged" in line and line.endswith(str(bad)) for line in lines)
    assert _folder_state(demo_dir) == before
    assert backup.is_healthy(db)


def test_restore_backup_without_copies(demo_dir: Path) -> None:
    done = run_app("--data-dir", str(demo_dir), "restore-backup", "--yes")
    assert done.returncode == 1
    assert "no saved copies" in done.stderr


def test_backup_command_writes_a_healthy_copy(demo_dir: Path) -> None:
    done = run_app("--data-dir", str(demo_dir), "backup")
    assert done.returncode == 0, done.stderr
    copies = list(migrate.backups_dir(demo_dir).glob("*.db"))
    assert len(copies) == 1
    assert str(copies[0]) in done.stdout
    assert backup.is_healthy(copies[0])
    assert _names(copies[0]) == DEMO_NAMES


def test_backup_command_with_nothing_to_copy(data_dir: Path) -> None:
    done = run_app("--data-dir", str(data_dir), "backup")
    assert done.returncode == 1
    assert "no information to copy" in done.stderr
    assert not migrate.backups_dir(data_dir).exists()


def test_version() -> None:
    done = run_app("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"lonely-bridge {__version__}"
