"""SQLite files on disk: safe URIs, private creation, and a read-only look at what a file holds."""

from __future__ import annotations

import enum
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from lonely_bridge import PRIVATE_FILE_MODE
from lonely_bridge.storage.schema import KNOWN_REVISIONS

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# Tables every Lonely Bridge database has had since the first revision.
OUR_TABLES = frozenset({"alembic_version", "people", "call_links"})


def file_uri(path: Path, *, read_only: bool = False, immutable: bool = False) -> str:
    """A SQLite URI for ``path`` that survives '#', '?', '%' and spaces in folder names."""
    uri = path.absolute().as_uri()
    options = []
    if read_only:
        options.append("mode=ro")
    if immutable:
        options.append("immutable=1")
    return f"{uri}?{'&'.join(options)}" if options else uri


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` without leaving -wal/-shm files beside it.

    Only for files nothing else is writing: with no -wal file there is nothing to replay,
    so SQLite may treat the file as immutable and skip the shared-memory index it would
    otherwise create (and leave behind) next to a WAL-mode database.
    """
    return file_uri(path, read_only=True, immutable=not side_file(path, "-wal").exists())


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable by this user only; SQLite's side files follow it."""
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(descriptor)


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; not possible (or needed) on Windows."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class FileState(enum.Enum):
    """What a file is, as far as this version of Lonely Bridge is concerned."""

    GOOD = "good"  # ours, at this revision or an older one this version can upgrade
    EMPTY = "empty"  # a database with no tables at all (or a zero-length file)
    NEWER = "newer"  # ours, from a newer Lonely Bridge
    OTHER_APP = "other_app"  # a sound SQLite database, but not one of ours
    DAMAGED = "damaged"  # not a database, or it fails SQLite's own checks
    UNREADABLE = "unreadable"  # this user may not read it


@dataclass(frozen=True, slots=True)
class Examination:
    state: FileState
    revision: str | None = None
    detail: str = ""
    people: int = 0


def examine(path: Path, *, thorough: bool = True) -> Examination:
    """Look at ``path`` read-only; the file is left byte-for-byte as it was.

    ``thorough`` adds ``PRAGMA quick_check``, which reads every page: exact, but its time
    grows with the file, so the app runs it after the first paint (see app.py).
    """
    try:
        with path.open("rb") as handle:
            if not handle.read(1):
                return Examination(FileState.EMPTY)
    except PermissionError as exc:
        return Examination(FileState.UNREADABLE, detail=exc.strerror or str(exc))
    except IsADirectoryError:
        return Examination(FileState.DAMAGED, detail="a folder stands where the file should be")
    except OSError as exc:
        return Examination(FileState.DAMAGED, detail=exc.strerror or str(exc))
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return Examination(FileState.DAMAGED, detail=str(exc))
    try:
        if thorough:
            result = conn.execute("PRAGMA quick_check").fetchall()
            if result != [("ok",)]:
                detail = "; ".join(str(row[0]) for row in result[:5])
                return Examination(FileState.DAMAGED, detail=detail)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not tables:
            return Examination(FileState.EMPTY)
        if "alembic_version" not in tables and tables & OUR_TABLES:
            return Examination(FileState.DAMAGED, detail="tables without a schema version")
        if not tables.issuperset(OUR_TABLES):
            return Examination(FileState.OTHER_APP, detail=", ".join(sorted(tables)[:5]))
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        revision = rows[0][0] if rows else None
        if revision is None:
            return Examination(FileState.DAMAGED, detail="no schema version")
        if revision not in KNOWN_REVISIONS:
            return Examination(FileState.NEWER, revision=revision)
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    except sqlite3.Error as exc:
        return Examination(FileState.DAMAGED, detail=str(exc))
    finally:
        conn.close()
    return Examination(FileState.GOOD, revision=revision, people=people)
