"""Copies of the database through SQLite's backup API: taken, rotated, listed and put back."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lonely_bridge import PRIVATE_FOLDER_MODE
from lonely_bridge.domain.errors import (
    BackupUnusable,
    DatabaseDamaged,
    DataFolderNotWritable,
    LonelyBridgeError,
)
from lonely_bridge.storage.failures import as_problem
from lonely_bridge.storage.sqlite_files import (
    SIDE_SUFFIXES,
    Examination,
    FileState,
    create_private_file,
    examine,
    file_uri,
    fsync_file,
    fsync_folder,
    read_only_uri,
    side_file,
)

log = logging.getLogger(__name__)

DAILY_PREFIX = "daily-"
MANUAL_PREFIX = "manual-"
UPGRADE_PREFIX = "before-upgrade-"
DAILY_BACKUPS_KEPT = 14
MANUAL_BACKUPS_KEPT = 10
UPGRADE_BACKUPS_KEPT = 5
PARTIAL_SUFFIX = ".partial"
# A .partial file this old belongs to a copy that was interrupted, not to one under way.
STALE_PARTIAL_S = 60 * 60


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime


@dataclass(frozen=True, slots=True)
class Restored:
    """A copy put back; ``kept`` is where the file it replaced now lies (None if there was none)."""

    copy: BackupFile
    kept: Path | None


def _problem(exc: OSError, folder: Path) -> LonelyBridgeError:
    problem = as_problem(exc, folder=folder, database=folder)
    assert problem is not None  # every OSError has an explanation
    return problem


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through SQLite, so a live WAL database copies consistently.

    The copy is written beside ``target`` under a unique temporary name, made durable, and
    only then renamed into place: a half-written copy never looks like a good one. It is a
    rollback-journal file, so reading it later leaves no -wal or -shm files beside it.
    On failure nothing is left behind and DiskFull or DataFolderNotWritable is raised.
    """
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}{PARTIAL_SUFFIX}")
    try:
        create_private_file(partial)
        # A closed database (no -wal) is read as immutable, which leaves no files beside it.
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(file_uri(partial), uri=True)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        # The backup API copies pages as they are, damaged ones too: check before keeping.
        copied = examine(partial)
        if copied.state is FileState.DAMAGED:
            raise DatabaseDamaged(path=str(source), detail=copied.detail)
        fsync_file(partial)
        partial.replace(target)
        fsync_folder(target.parent)
    except (OSError, sqlite3.Error) as exc:
        _remove_partial(partial)
        problem = as_problem(exc, folder=target.parent, database=source)
        if problem is None:
            raise
        raise problem from exc
    except BaseException:
        _remove_partial(partial)
        raise


def _remove_partial(partial: Path) -> None:
    for path in (partial, *(side_file(partial, suffix) for suffix in SIDE_SUFFIXES)):
        with contextlib.suppress(OSError):
            path.unlink()


def _prepare_folder(backups_dir: Path) -> None:
    try:
        backups_dir.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    except FileExistsError:
        pass  # a file where the folder should be: said just below
    except OSError as exc:
        raise _problem(exc, backups_dir) from exc
    if not backups_dir.is_dir():
        raise DataFolderNotWritable(folder=str(backups_dir), reason="not a folder")
    _clear_stale_partials(backups_dir)


def _clear_stale_partials(backups_dir: Path) -> None:
    limit = time.time() - STALE_PARTIAL_S
    for partial in backups_dir.glob(f".*{PARTIAL_SUFFIX}"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < limit:
                partial.unlink()


def _unique(path: Path) -> Path:
    """``path``, or the same name with -2, -3... when it exists (two copies in one second)."""
    candidate, number = path, 1
    while candidate.exists() or side_file(candidate, "-wal").exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def take_daily_backup(db_path: Path, backups_dir: Path, *, today: date) -> Path | None:
    """Keep one copy per day; returns the new file, or None when none was needed.

    An empty household is not copied while copies that hold people exist: a database that
    was lost and started afresh must never push the good copies out of the rotation.
    """
    _prepare_folder(backups_dir)
    if (backups_dir / f"{DAILY_PREFIX}{today.isoformat()}.db").exists():
        return None
    if examine(db_path, thorough=False).people == 0 and _any_copy_with_people(backups_dir):
        log.info("The household is empty and earlier copies hold people; no daily copy today")
        return None
    return _take(db_path, backups_dir, DAILY_PREFIX, today.isoformat(), DAILY_BACKUPS_KEPT)


def take_manual_backup(db_path: Path, backups_dir: Path, *, now: datetime) -> Path:
    _prepare_folder(backups_dir)
    return _take(db_path, backups_dir, MANUAL_PREFIX, f"{now:%Y%m%dT%H%M%S}", MANUAL_BACKUPS_KEPT)


def take_upgrade_backup(db_path: Path, backups_dir: Path, *, revision: str, now: datetime) -> Path:
    _prepare_folder(backups_dir)
    stamp = f"{revision}-{now:%Y%m%dT%H%M%S}"
    return _take(db_path, backups_dir, UPGRADE_PREFIX, stamp, UPGRADE_BACKUPS_KEPT)


def _take(db_path: Path, backups_dir: Path, prefix: str, stamp: str, keep: int) -> Path:
    """A new copy named ``prefix`` + ``stamp``, and only the newest ``keep`` of its kind."""
    target = _unique(backups_dir / f"{prefix}{stamp}.db")
    copy_database(db_path, target)
    _prune(backups_dir, prefix, keep)
    log.info("Copy written to %s", target)
    return target


def _prune(backups_dir: Path, prefix: str, keep: int) -> None:
    files = sorted(backups_dir.glob(f"{prefix}*.db"), key=lambda p: p.stat().st_mtime)
    for old in files[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()


def _any_copy_with_people(backups_dir: Path) -> bool:
    return any(examine(copy.path, thorough=False).people > 0 for copy in list_backups(backups_dir))


def is_healthy(path: Path) -> bool:
    """True when ``path`` is a sound Lonely Bridge database this version can open."""
    return examine(path).state is FileState.GOOD


def list_backups(backups_dir: Path) -> list[BackupFile]:
    """Every copy, newest first (by when it was written)."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in backups_dir.glob("*.db"):
        with contextlib.suppress(OSError):
            if path.is_file():
                taken = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
                found.append(BackupFile(path, taken))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def examine_backups(backups_dir: Path) -> list[tuple[BackupFile, Examination]]:
    """Every copy, newest first, with what this version can make of it."""
    return [(copy, examine(copy.path)) for copy in list_backups(backups_dir)]


def newest_healthy_backup(backups_dir: Path) -> BackupFile | None:
    """The newest copy this version can open; copies from newer versions or other apps skip."""
    for copy in list_backups(backups_dir):
        if is_healthy(copy.path):
            return copy
    return None


def _move_aside(db_path: Path, *, reason: str, now: datetime) -> Path | None:
    """Rename the database and its side files to one unused name; None when there is none."""
    present = [s for s in ("", *SIDE_SUFFIXES) if side_file(db_path, s).exists()]
    if "" not in present:
        # Side files without their database hold nothing that can be read.
        for suffix in present:
            side_file(db_path, suffix).unlink()
        return None
    kept = _unique(db_path.with_name(f"{db_path.name}.{reason}-{now:%Y%m%dT%H%M%S}"))
    moved: list[str] = []
    try:
        for suffix in present:
            side_file(db_path, suffix).replace(side_file(kept, suffix))
            moved.append(suffix)
    except OSError:
        for suffix in moved:
            side_file(kept, suffix).replace(side_file(db_path, suffix))
        raise
    return kept


def restore_backup(db_path: Path, copy: BackupFile, *, now: datetime, reason: str) -> Restored:
    """Put ``copy`` in place of ``db_path``, keeping the current file aside, never deleting it.

    The copy is written beside the database first and checked (copy_database); only then
    are the files swapped, by renames. Any failure leaves the current file exactly where it was.
    """
    folder = db_path.parent
    checked = examine(copy.path)
    if checked.state is not FileState.GOOD:
        raise BackupUnusable(path=str(copy.path), state=checked.state.value)
    incoming = folder / f".{db_path.name}.restoring-{uuid.uuid4().hex[:12]}"
    copy_database(copy.path, incoming)
    try:
        try:
            kept = _move_aside(db_path, reason=reason, now=now)
        except OSError as exc:
            raise _problem(exc, folder) from exc
        try:
            incoming.replace(db_path)
        except OSError as exc:
            if kept is not None:
                for suffix in ("", *SIDE_SUFFIXES):
                    if side_file(kept, suffix).exists():
                        side_file(kept, suffix).replace(side_file(db_path, suffix))
            raise _problem(exc, folder) from exc
        fsync_folder(folder)
    finally:
        _remove_partial(incoming)
    log.info("Restored %s; the file it replaced is kept at %s", copy.path, kept)
    return Restored(copy, kept)
