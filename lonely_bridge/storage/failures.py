"""Turns what the disk and SQLite say when they fail into problems the app can explain."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from lonely_bridge.domain.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DataFolderNotWritable,
    DiskFull,
    LonelyBridgeError,
)

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
NEARLY_FULL_BYTES = 1024 * 1024


def _sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error itself, or the one SQLAlchemy wraps (its ``orig``)."""
    if isinstance(exc, sqlite3.Error):
        return exc
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, sqlite3.Error) else None


def _nearly_full(folder: Path) -> bool:
    """SQLite reports some failed writes as plain I/O errors; the free space tells why."""
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def as_problem(exc: BaseException, *, folder: Path, database: Path) -> LonelyBridgeError | None:
    """The explainable problem behind ``exc``, or None when it is not a disk or SQLite one."""
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return DiskFull(folder=str(folder))
        return DataFolderNotWritable(folder=str(folder), reason=exc.strerror or str(exc))
    cause = _sqlite_cause(exc)
    if cause is None:
        return None
    text = str(cause).lower()
    if "full" in text or ("disk i/o" in text and _nearly_full(folder)):
        return DiskFull(folder=str(folder))
    if "locked" in text or "busy" in text:
        return DatabaseBusy(path=str(database))
    if "readonly" in text or "read-only" in text or "unable to open" in text or "i/o" in text:
        return DataFolderNotWritable(folder=str(folder), reason=str(cause))
    if isinstance(cause, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "corrupt" in text
    ):
        return DatabaseDamaged(path=str(database), detail=str(cause))
    return None
