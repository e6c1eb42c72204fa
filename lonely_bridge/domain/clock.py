"""The clock port: every rule asks it for "now" so tests can move time."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Tells the current time as an aware UTC datetime, and a steady reading beside it."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float:
        """Seconds on a clock that nobody can set: only differences between readings mean
        anything. Compared with ``now`` it shows when the date and time were changed."""
        ...


class SystemClock:
    """The computer's own clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()
