"""The computer's own time zone, as an IANA name ("Europe/London")."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QTimeZone

FALLBACK_ZONE = "UTC"


def local_zone_name() -> str:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return FALLBACK_ZONE
    return name
