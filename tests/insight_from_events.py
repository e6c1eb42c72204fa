"""The insight worked out from plain event lists, as the tests state their households.

The app asks the database for a contact summary; these build the same summary from events
with ``summarize`` and go through the very functions the app uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from lonely_bridge.domain.checkins import CheckIn
from lonely_bridge.domain.contact import ContactEvent
from lonely_bridge.domain.insight import (
    Insight,
    Level,
    Signals,
    evaluate_summary,
    judge,
    measure_summary,
    summarize,
)
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.reminders import Occurrence


def measure(
    events: Iterable[ContactEvent],
    people: Sequence[Person],
    occurrences: Iterable[Occurrence],
    checkins: Iterable[CheckIn],
    now: datetime,
    *,
    known_since: datetime | None = None,
) -> Signals:
    return measure_summary(
        summarize(events, now), people, occurrences, checkins, now, known_since=known_since
    )


def evaluate(
    events: Iterable[ContactEvent],
    people: Sequence[Person],
    occurrences: Iterable[Occurrence],
    checkins: Iterable[CheckIn],
    now: datetime,
    *,
    known_since: datetime | None = None,
) -> Insight:
    """This week's raw insight (before ``settle``)."""
    return evaluate_summary(
        summarize(events, now), people, occurrences, checkins, now, known_since=known_since
    )


def raw_level(signals: Signals) -> Level:
    """The level the signals call for this week, before settling."""
    return judge(signals).level
