"""Opens the database safely: checks it untouched, backs it up, then creates or upgrades it."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.domain.errors import (
    DatabaseDamaged,
    DatabaseFromNewerVersion,
    DatabaseMissing,
    DataFolderNotWritable,
    DiskFull,
)
from lonely_bridge.storage.schema import HEAD_REVISION
from lonely_bridge.storage.sqlite_files import FileState, create_private_file, examine

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

# Kept here rather than imported from db.py: this module must not load SQLAlchemy when the
# database is already current (see quick_reader.py).
DB_FILE_NAME = "lonely-bridge.db"

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUPS_DIR_NAME = "backups"


@dataclass(slots=True)
class OpenedDatabase:
    """A checked, current database; the SQLAlchemy engine is made on first use."""

    path: Path
    created: bool
    upgraded_from: str | None
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from lonely_bridge.storage.db import create_sqlite_engine

            self._engine = create_sqlite_engine(self.path)
        return self._engine

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILE_NAME


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_DIR_NAME


def ensure_writable(folder: Path) -> None:
    """Prove by writing that ``folder`` takes new files (permissions alone mislead as root)."""
    probe = folder / f".write-test-{uuid.uuid4().hex}"
    try:
        with probe.open("xb") as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise DiskFull(folder=str(folder)) from exc
        raise DataFolderNotWritable(folder=str(folder), reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()


def inspect_existing(path: Path, *, thorough: bool = True) -> str | None:
    """Read-only health and version check; returns the stored revision (None if empty).

    Opening read-only leaves the file byte-for-byte as it was, whatever we find.
    Raises DatabaseDamaged (another app's file counts as damaged: it is not ours to change)
    or DatabaseFromNewerVersion.
    """
    found = examine(path, thorough=thorough)
    if found.state is FileState.EMPTY:
        return None
    if found.state is FileState.NEWER:
        raise DatabaseFromNewerVersion(path=str(path), revision=found.revision)
    if found.state is FileState.UNREADABLE:
        raise DataFolderNotWritable(folder=str(path), reason=found.detail)
    if found.state is not FileState.GOOD:
        raise DatabaseDamaged(path=str(path), detail=found.detail or found.state.value)
    return found.revision


def _alembic_config(connection: object) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _create_fresh(engine: Engine) -> None:
    from alembic import command

    from lonely_bridge.storage.models import Base

    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        command.stamp(_alembic_config(connection), "head")


def _upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


def refuse_a_lost_link(path: Path) -> None:
    """A database that is a link to a missing place (perhaps a drive that is not plugged in)
    must not be replaced, copied over or started afresh: raises DatabaseMissing."""
    if path.is_symlink() and not path.exists():
        raise DatabaseMissing(path=str(path), problem="link_target_missing")


def _has_good_copy(data_dir: Path) -> bool:
    # Imported here: a database that is already in place needs no copies before first paint.
    from lonely_bridge.storage import backup

    return backup.newest_healthy_backup(backups_dir(data_dir)) is not None


def _check_place(path: Path, data_dir: Path) -> bool:
    """True when a database stands at ``path``; refuses what must not be replaced by a new one."""
    refuse_a_lost_link(path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and _has_good_copy(data_dir):
        raise DatabaseMissing(path=str(path), problem="copies_exist")
    return exists


def open_database(data_dir: Path, *, now: datetime, thorough: bool = True) -> OpenedDatabase:
    """Open (creating or upgrading) the database in ``data_dir``.

    Raises DataFolderNotWritable, DiskFull, DatabaseDamaged, DatabaseFromNewerVersion or
    DatabaseMissing (no file, but saved copies exist) before anything is written, so the
    person's file is never changed by a failed start. ``thorough=False`` leaves SQLite's
    page-by-page check to the caller (the app runs it after the first paint).
    """
    ensure_writable(data_dir)
    path = database_path(data_dir)
    exists = _check_place(path, data_dir)
    revision = inspect_existing(path, thorough=thorough) if exists else None
    if revision not in (None, HEAD_REVISION) and not thorough:
        # An upgrade copies the file and rewrites it: never on one that fails the full check.
        revision = inspect_existing(path, thorough=True)
        thorough = True
    if thorough:
        clear_check_request(data_dir)
    if revision == HEAD_REVISION:
        return OpenedDatabase(path, created=False, upgraded_from=None)

    from sqlalchemy.exc import OperationalError

    opened = OpenedDatabase(path, created=revision is None, upgraded_from=revision)
    try:
        if revision is None:
            if not path.exists():
                create_private_file(path)
            _create_fresh(opened.engine)
        else:
            from lonely_bridge.storage import backup

            backup.take_upgrade_backup(path, backups_dir(data_dir), revision=revision, now=now)
            log.info("Upgrading the database from %s to %s", revision, HEAD_REVISION)
            _upgrade(opened.engine)
    except (sqlite3.OperationalError, OperationalError) as exc:
        opened.dispose()
        if "full" in str(exc).lower():
            raise DiskFull(folder=str(data_dir)) from exc
        raise
    except OSError as exc:
        opened.dispose()
        raise DataFolderNotWritable(folder=str(data_dir), reason=exc.strerror or str(exc)) from exc
    except BaseException:
        opened.dispose()
        raise
    return opened


def _check_marker(data_dir: Path) -> Path:
    return data_dir / f"{DB_FILE_NAME}.needs-check"


def request_check(data_dir: Path) -> None:
    """Ask the next start for SQLite's full check (a check after the first paint failed)."""
    _check_marker(data_dir).touch()


def check_requested(data_dir: Path) -> bool:
    return _check_marker(data_dir).exists()


def clear_check_request(data_dir: Path) -> None:
    with contextlib.suppress(OSError):
        _check_marker(data_dir).unlink()
