"""The insight worked out from plain event lists, as the tests state their households.

The app asks the database for a contact summary; ``summarize`` builds the same summary from
events in one pass, and the others go through the very functions the app uses with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from lonely_bridge.domain.checkins import CheckIn
from lonely_bridge.domain.contact import ContactEvent, ContactKind
from lonely_bridge.domain.insight import (
    BASELINE_WEEKS,
    IN_PERSON_KINDS,
    PEOPLE_WINDOW,
    WEEK,
    ContactSummary,
    Insight,
    Level,
    Signals,
    evaluate_summary,
    judge,
    measure_summary,
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


def summarize(events: Iterable[ContactEvent], now: datetime) -> ContactSummary:
    """One pass over the events (those after ``now`` are ignored)."""
    weekly: dict[tuple[int, ContactKind], int] = {}
    latest: dict[int, ContactEvent] = {}
    in_touch: set[int] = set()
    group_recent = False
    in_person_week = 0
    last_in_person: datetime | None = None
    first: datetime | None = None
    horizon = now - BASELINE_WEEKS.stop * WEEK
    month_ago = now - PEOPLE_WINDOW
    week_ago = now - WEEK
    in_person_kinds = IN_PERSON_KINDS
    for event in events:
        when = event.happened_at
        if when > now:
            continue
        person_id = event.person_id
        known = latest.get(person_id)
        if known is None or when > known.happened_at:
            latest[person_id] = event
        if first is None or when < first:
            first = when
        kind = event.kind
        in_person = kind in in_person_kinds
        if in_person and (last_in_person is None or when > last_in_person):
            last_in_person = when
        if when > horizon:
            key = ((now - when) // WEEK, kind)
            weekly[key] = weekly.get(key, 0) + 1
            if when > month_ago:
                in_touch.add(person_id)
                group_recent = group_recent or kind is ContactKind.GROUP_ACTIVITY
                if in_person and when > week_ago:
                    in_person_week += 1
    return ContactSummary(
        weekly, latest, frozenset(in_touch), group_recent, in_person_week, last_in_person, first
    )
