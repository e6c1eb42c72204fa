"""Call plans: a recurring call with one person, at a wall-clock time in a named zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

DEFAULT_REMINDER_LEAD = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class CallPlan:
    id: int | None
    person_id: int
    link_id: int | None
    # An RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=SU", read in ``time_zone``.
    rule: str
    time_of_day: time
    time_zone: str
    starts_on: date
    ends_on: date | None = None
    reminder_lead: timedelta = DEFAULT_REMINDER_LEAD
    active: bool = True
