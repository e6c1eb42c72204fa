"""The stores' ways in: read-only sqlite3 connections, and ORM sessions made on first use.

SQLAlchemy takes longer to import than Qt takes to draw a window, so the reads the first
screen needs go through the standard library, and the session source loads the ORM only
when something writes (or in ``warm_up``, from a worker thread after the first paint).
"""

from __future__ import annotations

import importlib
import sqlite3
import threading
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from lonely_bridge.storage.sqlite_files import file_uri

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy.orm import Session, sessionmaker

    from lonely_bridge.storage import orm as orm
    from lonely_bridge.storage.migrate import OpenedDatabase

BUSY_TIMEOUT_S = 15.0


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log back into the database file."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


class ReadConnections:
    """Read-only connections to the live database; each statement sees the latest commit."""

    _writable = False

    def __init__(self, path: Path) -> None:
        self._path = path
        # One connection per thread: e-mail delivery reads settings from a worker thread,
        # and a sqlite3 connection must not be used by two threads at once.
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def __call__(self) -> sqlite3.Connection:
        """This thread's connection; its rows can be read by column name."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                file_uri(self._path, read_only=not self._writable), uri=True,
                timeout=BUSY_TIMEOUT_S, check_same_thread=False,
            )  # fmt: skip
            connection.row_factory = sqlite3.Row
            if self._writable:
                connection.execute("PRAGMA synchronous=FULL")
                connection.execute("PRAGMA foreign_keys=ON")
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
        self._local = threading.local()


class WriteConnections(ReadConnections):
    """Connections that may write too, with the safety settings of the ORM's own (db.py), for
    the small writes that must not wait for SQLAlchemy to load, such as a setting."""

    _writable = True


class _ModuleOnFirstUse:
    """Stands for a module and imports it when one of its names is first looked up."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        # Python's import lock makes a first use from two threads at once safe.
        module: ModuleType = importlib.import_module(self._name)
        value = getattr(module, attribute)
        self.__dict__[attribute] = value
        return value


# Type checkers see the real module, imported above; at run time it loads on first use.
if not TYPE_CHECKING:
    orm = _ModuleOnFirstUse("lonely_bridge.storage.orm")


class SessionSource:
    """SQLAlchemy sessions on the opened database; the ORM is imported on the first call."""

    def __init__(self, database: OpenedDatabase) -> None:
        self._database = database
        self._factory: sessionmaker[Session] | None = None
        self._lock = threading.Lock()

    def _sessions(self) -> sessionmaker[Session]:
        with self._lock:
            if self._factory is None:
                from lonely_bridge.storage.db import make_session_factory

                # The stores' vocabulary too, so their first query does not wait for it.
                importlib.import_module("lonely_bridge.storage.orm")
                self._factory = make_session_factory(self._database.engine)
            return self._factory

    @property
    def loaded(self) -> bool:
        return self._factory is not None

    def warm_up(self) -> None:
        """Load SQLAlchemy's ORM now (call from a worker thread after the first paint)."""
        self._sessions()

    def __call__(self) -> Session:
        """A session for reading; use it in a ``with`` block."""
        return self._sessions()()

    def begin(self) -> AbstractContextManager[Session]:
        """A session in one transaction, committed at the end of the ``with`` block."""
        return self._sessions().begin()
