"""The clock port: every rule asks it for "now" so tests can move time."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
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


class FixedClock:
    """A clock that stands still until moved; used by tests and the demo builder.

    ``advance`` lets time pass (both readings move); ``set`` changes the date and time as a
    person or the network would, so the steady reading stays where it was.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._steady = 0.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._steady

    def advance(self, **delta: float) -> None:
        step = timedelta(**delta)
        self._now += step
        self._steady += step.total_seconds()

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)
