"""Daily copies, live WAL copies, restoring with the damaged file kept aside, healthy copies."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.storage import backup, migrate
from lonely_bridge.storage.repositories import SqlStore
from lonely_bridge.storage.schema import HEAD_REVISION
from tests.doubles import FixedClock

DAY_S = 24 * 60 * 60
TODAY = date(2026, 11, 26)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count_people(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


def _add_people(store: SqlStore, clock: FixedClock, *names: str) -> None:
    for name in names:
        store.add_person(
            Person(None, name, "Friend", Circle.FRIEND, DEFAULT_RHYTHMS[Circle.FRIEND]),
            now=clock.now(),
        )


def _copy(path: Path) -> backup.BackupFile:
    return backup.BackupFile(path, datetime.fromtimestamp(path.stat().st_mtime).astimezone())


def _age(path: Path, days: float) -> None:
    """Give a copy the modification time it would have had ``days`` ago."""
    moment = time.time() - days * DAY_S
    os.utime(path, (moment, moment))


@pytest.fixture
def db_path(opened: migrate.OpenedDatabase, store: SqlStore, clock: FixedClock) -> Path:
    _add_people(store, clock, "Anna", "Tom", "Rose")
    return opened.path


def test_one_daily_copy_per_day(db_path: Path, data_dir: Path) -> None:
    backups = migrate.backups_dir(data_dir)
    first = backup.take_daily_backup(db_path, backups, today=TODAY)
    assert first == backups / f"daily-{TODAY.isoformat()}.db"
    assert first.is_file()
    if sys.platform != "win32":
        assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    written = _sha256(first)

    assert backup.take_daily_backup(db_path, backups, today=TODAY) is None
    assert _sha256(first) == written

    tomorrow = backup.take_daily_backup(db_path, backups, today=TODAY + timedelta(days=1))
    assert tomorrow is not None
    assert sorted(p.name for p in backups.iterdir()) == [
        "daily-2026-11-26.db",
        "daily-2026-11-27.db",
    ]


def test_daily_copies_rotate_keeping_the_newest(db_path: Path, data_dir: Path) -> None:
    backups = migrate.backups_dir(data_dir)
    days = [TODAY + timedelta(days=n) for n in range(backup.DAILY_BACKUPS_KEPT + 3)]
    for index, day in enumerate(days):
        written = backup.take_daily_backup(db_path, backups, today=day)
        assert written is not None
        # Each copy looks as old as it would be had one been taken every day up to now.
        _age(written, len(days) - index)
    kept = sorted(p.name for p in backups.iterdir())
    assert kept == [f"daily-{day.isoformat()}.db" for day in days[-backup.DAILY_BACKUPS_KEPT :]]


def test_rotation_leaves_other_copies_alone(db_path: Path, data_dir: Path) -> None:
    backups = migrate.backups_dir(data_dir)
    manual = backups / "manual-20260101T090000.db"
    backups.mkdir()
    backup.copy_database(db_path, manual)
    _age(manual, 400)
    for n in range(backup.DAILY_BACKUPS_KEPT + 1):
        written = backup.take_daily_backup(db_path, backups, today=TODAY + timedelta(days=n))
        assert written is not None
        _age(written, 30 - n)
    assert manual.exists()
    assert len(list(backups.glob("daily-*.db"))) == backup.DAILY_BACKUPS_KEPT


def test_copies_are_healthy_and_hold_the_data(db_path: Path, data_dir: Path) -> None:
    copy = backup.take_daily_backup(db_path, migrate.backups_dir(data_dir), today=TODAY)
    assert copy is not None
    assert backup.is_healthy(copy)
    assert _count_people(copy) == 3
    assert migrate.inspect_existing(copy) == HEAD_REVISION
    assert not copy.with_name(copy.name + ".partial").exists()


def test_copy_of_a_live_wal_database_includes_committed_rows(
    opened: migrate.OpenedDatabase, store: SqlStore, clock: FixedClock, tmp_path: Path
) -> None:
    with opened.engine.connect() as holder:
        # The schema goes into the main file; the open connection then stops SQLite from
        # folding the new rows into it when the store's connection is done.
        holder.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        _add_people(store, clock, *(f"Friend {n}" for n in range(50)))
        assert Path(f"{opened.path}-wal").stat().st_size > 0
        # A plain file copy misses them, which is why the backup goes through SQLite.
        plain = tmp_path / "plain.db"
        shutil.copyfile(opened.path, plain)
        through_sqlite = tmp_path / "through-sqlite.db"
        backup.copy_database(opened.path, through_sqlite)
        assert _count_people(plain) == 0
        assert _count_people(through_sqlite) == 50
        assert backup.is_healthy(through_sqlite)


def test_upgrade_copies_are_named_by_revision_and_rotated(db_path: Path, data_dir: Path) -> None:
    backups = migrate.backups_dir(data_dir)
    start = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    written = []
    for n in range(backup.UPGRADE_BACKUPS_KEPT + 2):
        path = backup.take_upgrade_backup(
            db_path, backups, revision="0001_initial", now=start + timedelta(minutes=n)
        )
        _age(path, 10 - n)
        written.append(path.name)
    assert written[0] == "before-upgrade-0001_initial-20261126T150000.db"
    kept = sorted(p.name for p in backups.iterdir())
    assert kept == sorted(written[-backup.UPGRADE_BACKUPS_KEPT :])


# Restoring ----------------------------------------------------------------------------------


def test_restore_keeps_the_damaged_file_and_its_sidecars_aside(
    db_path: Path, data_dir: Path, opened: migrate.OpenedDatabase, clock: FixedClock
) -> None:
    good = backup.take_daily_backup(db_path, migrate.backups_dir(data_dir), today=TODAY)
    assert good is not None
    opened.dispose()
    with db_path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(os.urandom(4096))
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    wal.write_bytes(b"stale write-ahead log")
    shm.write_bytes(b"stale shared memory")
    damaged = {p.name: _sha256(p) for p in (db_path, wal, shm)}

    restored = backup.restore_backup(db_path, _copy(good), now=clock.now(), reason="damaged")

    kept = restored.kept
    assert kept == db_path.with_name("lonely-bridge.db.damaged-20261126T150000")
    assert _sha256(kept) == damaged["lonely-bridge.db"]
    assert _sha256(Path(f"{kept}-wal")) == damaged["lonely-bridge.db-wal"]
    assert _sha256(Path(f"{kept}-shm")) == damaged["lonely-bridge.db-shm"]
    assert not wal.exists()
    assert not shm.exists()
    assert backup.is_healthy(db_path)
    assert _count_people(db_path) == 3
    assert good.exists()
    reopened = migrate.open_database(data_dir, now=clock.now())
    reopened.dispose()
    assert not reopened.created


def test_restore_when_the_file_is_missing(db_path: Path, data_dir: Path, clock: FixedClock) -> None:
    good = backup.take_daily_backup(db_path, migrate.backups_dir(data_dir), today=TODAY)
    assert good is not None
    missing = data_dir / "elsewhere.db"
    restored = backup.restore_backup(missing, _copy(good), now=clock.now(), reason="missing")
    assert restored.kept is None
    assert _count_people(missing) == 3


def test_newest_healthy_backup_skips_a_damaged_newer_copy(db_path: Path, data_dir: Path) -> None:
    backups = migrate.backups_dir(data_dir)
    older = backup.take_daily_backup(db_path, backups, today=TODAY)
    newer = backup.take_daily_backup(db_path, backups, today=TODAY + timedelta(days=1))
    assert older is not None
    assert newer is not None
    _age(older, 2)
    _age(newer, 1)
    found = backup.newest_healthy_backup(backups)
    assert found is not None
    assert found.path == newer

    with newer.open("r+b") as handle:
        handle.seek(4096)
        handle.write(os.urandom(4096))
    _age(newer, 1)
    assert not backup.is_healthy(newer)
    assert [b.path for b in backup.list_backups(backups)] == [newer, older]
    found = backup.newest_healthy_backup(backups)
    assert found is not None
    assert found.path == older


def test_no_healthy_backup(tmp_path: Path) -> None:
    assert backup.newest_healthy_backup(tmp_path / "none") is None
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "daily-2026-11-26.db").write_bytes(os.urandom(8192))
    assert backup.list_backups(backups) != []
    assert backup.newest_healthy_backup(backups) is None
