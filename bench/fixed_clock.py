"""A clock that stands still, so a bench's data and the app it times agree on "now"."""

from __future__ import annotations

from datetime import UTC, datetime


class FixedClock:
    """Always the same moment, and a steady reading that never moves."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return 0.0
