"""Engine creation with the SQLite settings that keep data safe through crashes and power cuts."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 15_000

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # FULL makes every commit durable, at a small cost we can afford at our write rate.
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def _apply_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # journal_mode cannot change inside a transaction; Python 3.11's sqlite3 has no
    # .autocommit attribute, so switch to autocommit mode around the pragmas by hand.
    previous = dbapi_connection.isolation_level
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
        dbapi_connection.isolation_level = previous


def create_sqlite_engine(path: Path) -> Engine:
    # URL.create, not an f-string: a '#', '?' or '%' in a folder name must stay part of it.
    # hide_parameters keeps names, notes and messages out of error texts and so out of logs.
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, future=True, hide_parameters=True)
    event.listen(engine, "connect", _apply_pragmas)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
