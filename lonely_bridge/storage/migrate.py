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
    DataFolderNotWritable,
    DiskFull,
)
from lonely_bridge.storage import backup
from lonely_bridge.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

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


def inspect_existing(path: Path) -> str | None:
    """Read-only health and version check; returns the stored revision (None if unstamped).

    Opening read-only leaves the file byte-for-byte as it was, whatever we find.
    """
    try:
        # Safe as immutable: the single-instance lock is held, so nothing else writes.
        conn = sqlite3.connect(backup.read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseDamaged(path=str(path), detail=str(exc)) from exc
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            detail = "; ".join(str(row[0]) for row in result[:5])
            raise DatabaseDamaged(path=str(path), detail=detail)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseDamaged(path=str(path), detail="tables without a schema version")
            return None
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as exc:
        raise DatabaseDamaged(path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()
    return rows[0][0] if rows else None


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


def open_database(data_dir: Path, *, now: datetime) -> OpenedDatabase:
    """Open (creating or upgrading) the database in ``data_dir``.

    Raises DataFolderNotWritable, DiskFull, DatabaseDamaged or DatabaseFromNewerVersion
    before anything is written, so the user's file is never changed by a failed start.
    """
    ensure_writable(data_dir)
    path = database_path(data_dir)
    exists = path.exists() and path.stat().st_size > 0
    revision = inspect_existing(path) if exists else None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseFromNewerVersion(path=str(path), revision=revision)

    if revision == HEAD_REVISION:
        return OpenedDatabase(path, created=False, upgraded_from=None)

    from sqlalchemy.exc import OperationalError

    opened = OpenedDatabase(path, created=revision is None, upgraded_from=revision)
    try:
        if revision is None:
            _create_fresh(opened.engine)
        else:
            backup.take_upgrade_backup(path, backups_dir(data_dir), revision=revision, now=now)
            log.info("Upgrading the database from %s to %s", revision, HEAD_REVISION)
            _upgrade(opened.engine)
    except (sqlite3.OperationalError, OperationalError) as exc:
        opened.dispose()
        if "full" in str(exc).lower():
            raise DiskFull(folder=str(data_dir)) from exc
        raise
    except BaseException:
        opened.dispose()
        raise
    return opened
