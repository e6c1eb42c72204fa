"""Consistent copies of the database with SQLite's backup API, rotated daily."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

log = logging.getLogger(__name__)

DAILY_PREFIX = "daily-"
UPGRADE_PREFIX = "before-upgrade-"
DAILY_BACKUPS_KEPT = 14
UPGRADE_BACKUPS_KEPT = 5


def read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` without leaving -wal/-shm files beside it.

    Only for files nothing else is writing: with no -wal file there is nothing to replay,
    so SQLite may treat the file as immutable and skip the shared-memory index it would
    otherwise create (and leave behind) next to a WAL-mode database.
    """
    wal = path.with_name(path.name + "-wal")
    return f"file:{path}?mode=ro" if wal.exists() else f"file:{path}?mode=ro&immutable=1"


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through SQLite, so a live WAL database copies consistently."""
    partial = target.with_suffix(target.suffix + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    # A half-written backup must never look like a good one: write aside, then rename.
    partial.replace(target)


def take_daily_backup(db_path: Path, backups_dir: Path, *, today: date) -> Path | None:
    """Keep one copy per day; returns the new file, or None when today's copy exists."""
    backups_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = backups_dir / f"{DAILY_PREFIX}{today.isoformat()}.db"
    if target.exists():
        return None
    copy_database(db_path, target)
    _prune(backups_dir, DAILY_PREFIX, DAILY_BACKUPS_KEPT)
    log.info("Daily backup written to %s", target)
    return target


def take_upgrade_backup(db_path: Path, backups_dir: Path, *, revision: str, now: datetime) -> Path:
    backups_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%S")
    target = backups_dir / f"{UPGRADE_PREFIX}{revision}-{stamp}.db"
    copy_database(db_path, target)
    _prune(backups_dir, UPGRADE_PREFIX, UPGRADE_BACKUPS_KEPT)
    log.info("Backup before upgrading written to %s", target)
    return target


def _prune(backups_dir: Path, prefix: str, keep: int) -> None:
    files = sorted(backups_dir.glob(f"{prefix}*.db"), key=lambda p: p.stat().st_mtime)
    for old in files[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()


def is_healthy(path: Path) -> bool:
    """True when SQLite's quick_check passes on ``path`` (opened read-only)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return rows == [("ok",)]


def list_backups(backups_dir: Path) -> list[BackupFile]:
    """Every backup, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [
        BackupFile(path, datetime.fromtimestamp(path.stat().st_mtime).astimezone())
        for path in backups_dir.glob("*.db")
    ]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def newest_healthy_backup(backups_dir: Path) -> BackupFile | None:
    for backup in list_backups(backups_dir):
        if is_healthy(backup.path):
            return backup
    return None


def restore_backup(db_path: Path, backup: Path, *, now: datetime) -> Path:
    """Put ``backup`` in place of ``db_path``; the old file is renamed aside, never deleted.

    Returns where the old file now lies.
    """
    stamp = now.strftime("%Y%m%dT%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    if db_path.exists():
        db_path.replace(kept)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.replace(kept.with_name(kept.name + suffix))
    copy_database(backup, db_path)
    return kept
