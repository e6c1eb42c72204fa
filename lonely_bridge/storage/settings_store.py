"""Settings as JSON values by key: read with sqlite3 for the first screen, written with the ORM."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from lonely_bridge.storage.connections import ReadConnections, SessionSource, orm


class SettingsStore:
    """Implements SettingsRepository."""

    def __init__(self, sessions: SessionSource, reads: ReadConnections) -> None:
        self._sessions = sessions
        self._db = reads

    def get_setting(self, key: str, default: Any = None) -> Any:
        found = self._db().execute("SELECT value_json FROM settings WHERE key = ?", (key,))
        row = found.fetchone()
        return default if row is None else json.loads(row["value_json"])

    def set_setting(self, key: str, value: Any, *, now: datetime) -> None:

        encoded = json.dumps(value)
        with self._sessions.begin() as session:
            row = session.get(orm.SettingRow, key)
            if row is None:
                session.add(orm.SettingRow(key=key, value_json=encoded, updated_at=now))
            else:
                row.value_json = encoded
                row.updated_at = now
