"""The real app as a subprocess: smoke test, refusing bad databases, backup and restore commands."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from lonely_bridge import __version__
from lonely_bridge.storage import backup, migrate
from tests.e2e.driver import (
    DEMO_NAMES,
    PAGE_SIZE,
    daily_backup,
    damage,
    folder_state,
    names,
    run_app,
    sha256,
    smoke_test,
)

pytestmark = pytest.mark.slow


def test_smoke_test_creates_the_demo_then_reopens_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = smoke_test(data_dir, "--demo")
    assert first.returncode == 0, first.stderr
    assert "Smoke test passed" in first.stdout
    db = migrate.database_path(data_dir)
    assert names(db) == DEMO_NAMES

    # Now the database exists and is current: the quick path, without SQLAlchemy or Alembic.
    again = smoke_test(data_dir, "--demo")
    assert again.returncode == 0, again.stderr
    assert "Smoke test passed" in again.stdout
    assert names(db) == DEMO_NAMES
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM people").fetchone() == (len(DEMO_NAMES),)
    conn.close()


def test_database_from_a_newer_version_is_refused(demo_dir: Path) -> None:
    db = migrate.database_path(demo_dir)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = sha256(db)
    done = smoke_test(demo_dir)
    assert done.returncode == 2, done.stdout
    assert "newer" in done.stderr.lower()
    assert "Smoke test passed" not in done.stdout
    assert sha256(db) == before
    assert not migrate.backups_dir(demo_dir).exists()


def test_damaged_database_without_backups_is_refused(demo_dir: Path) -> None:
    db = migrate.database_path(demo_dir)
    damage(db)
    before = sha256(db)
    done = smoke_test(demo_dir)
    assert done.returncode == 2, done.stdout
    assert "damaged" in done.stderr.lower()
    assert sha256(db) == before


def test_damaged_database_is_not_replaced_without_agreement(demo_dir: Path) -> None:
    """--no-err-windows answers "no" to every question, so nothing may change."""
    daily_backup(demo_dir)
    damage(migrate.database_path(demo_dir))
    before = folder_state(demo_dir)
    done = smoke_test(demo_dir)
    assert done.returncode == 2, done.stdout
    assert "damaged" in done.stderr.lower()
    assert folder_state(demo_dir) == before
    assert not list(demo_dir.glob("*.damaged-*"))


def test_restore_backup_puts_the_copy_back_and_keeps_the_damaged_file(demo_dir: Path) -> None:
    daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    damage(db)
    damaged = sha256(db)

    done = run_app("--data-dir", str(demo_dir), "restore-backup", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Restored the copy" in done.stdout
    found = re.search(r"kept, unchanged, at (\S+)", done.stdout)
    assert found is not None
    kept = Path(found.group(1))
    assert kept.parent == demo_dir
    assert kept.name.startswith("lonely-bridge.db.damaged-")
    assert sha256(kept) == damaged
    assert backup.is_healthy(db)

    smoke = smoke_test(demo_dir)
    assert smoke.returncode == 0, smoke.stderr
    assert "Smoke test passed" in smoke.stdout
    assert names(db) == DEMO_NAMES


def test_restore_backup_asks_first(demo_dir: Path) -> None:
    daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    damage(db)
    before = folder_state(demo_dir)
    done = run_app("--data-dir", str(demo_dir), "restore-backup", stdin="n\n")
    assert done.returncode == 0, done.stderr
    assert "Put back the copy" in done.stdout
    assert "Nothing was changed" in done.stdout
    assert folder_state(demo_dir) == before


def test_restore_backup_lists_good_and_damaged_copies(demo_dir: Path) -> None:
    good = daily_backup(demo_dir)
    bad = migrate.backups_dir(demo_dir) / "daily-2026-11-27.db"
    bad.write_bytes(os.urandom(2 * PAGE_SIZE))
    db = migrate.database_path(demo_dir)
    before = folder_state(demo_dir)

    done = run_app("--data-dir", str(demo_dir), "restore-backup", "--list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert any("good" in line and line.endswith(str(good)) for line in lines)
    assert any("damaged" in line and line.endswith(str(bad)) for line in lines)
    assert folder_state(demo_dir) == before
    assert backup.is_healthy(db)


def test_restore_backup_without_copies(demo_dir: Path) -> None:
    done = run_app("--data-dir", str(demo_dir), "restore-backup", "--yes")
    assert done.returncode == 2
    assert "no saved copies" in done.stderr


def test_backup_command_writes_a_healthy_copy(demo_dir: Path) -> None:
    done = run_app("--data-dir", str(demo_dir), "backup")
    assert done.returncode == 0, done.stderr
    copies = list(migrate.backups_dir(demo_dir).glob("*.db"))
    assert len(copies) == 1
    assert str(copies[0]) in done.stdout
    assert backup.is_healthy(copies[0])
    assert names(copies[0]) == DEMO_NAMES


def test_backup_command_with_nothing_to_copy(data_dir: Path) -> None:
    done = run_app("--data-dir", str(data_dir), "backup")
    assert done.returncode == 1
    assert "no information to copy" in done.stderr
    assert not migrate.backups_dir(data_dir).exists()


def test_version() -> None:
    done = run_app("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"lonely-bridge {__version__}"
