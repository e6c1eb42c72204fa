"""Settings as JSON values by key, read and written with sqlite3.

A setting is written within the first seconds (the reminders note when the app was last
open), and a key and a JSON text need no ORM: SQLAlchemy need not load for it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from lonely_bridge.storage.connections import ReadConnections, WriteConnections
from lonely_bridge.storage.rows import stored

_UPSERT = (
    "INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, "
    "updated_at = excluded.updated_at"
)


class SettingsStore:
    """Implements SettingsRepository."""

    def __init__(self, reads: ReadConnections, writes: WriteConnections) -> None:
        self._db = reads
        self._writes = writes

    def get_setting(self, key: str, default: Any = None) -> Any:
        found = self._db().execute("SELECT value_json FROM settings WHERE key = ?", (key,))
        row = found.fetchone()
        return default if row is None else json.loads(row["value_json"])

    def set_setting(self, key: str, value: Any, *, now: datetime) -> None:
        connection = self._writes()
        with connection:  # one transaction: committed, or rolled back on an error
            connection.execute(_UPSERT, (key, json.dumps(value), stored(now)))
