"""Call plans: a recurring call with one person, at a wall-clock time in a named zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from lonely_bridge.domain.recurrence import Recurrence, known_zone

DEFAULT_REMINDER_LEAD = timedelta(minutes=10)


class PlanProblem(StrEnum):
    """Why a stored plan cannot be kept by this version of the app."""

    # Unknown here: the plan came from a computer with newer time-zone data, or was mistyped.
    TIME_ZONE = "time_zone"
    # The repeat rule or its dates, e.g. a kind of rule saved by a newer version.
    RULE = "rule"


@dataclass(frozen=True, slots=True)
class UnreadableSchedule:
    """A stored schedule this version cannot keep, as it was stored, so a helper can see
    that it is there and change or stop it; nothing is reminded or planned from it."""

    rule: str  # the stored RFC 5545 RRULE value
    time_of_day: time
    zone: str
    starts_on: date
    ends_on: date | None
    problem: PlanProblem
    detail: str  # what exactly could not be read, for the log and for a helper


@dataclass(frozen=True, slots=True)
class CallPlan:
    id: int | None
    person_id: int
    link_id: int | None
    # When the calls are: a Recurrence, read once where the plan is loaded.
    schedule: Recurrence | UnreadableSchedule
    reminder_lead: timedelta = DEFAULT_REMINDER_LEAD
    active: bool = True

    @property
    def time_zone(self) -> str:
        return self.schedule.zone

    @property
    def recurrence(self) -> Recurrence | None:
        """The plan's recurrence, or None when this version cannot read it."""
        return self.schedule if isinstance(self.schedule, Recurrence) else None


def read_schedule(
    rule: str, *, time_of_day: time, zone: str, starts_on: date, ends_on: date | None
) -> Recurrence | UnreadableSchedule:
    """A stored schedule (an RRULE value and its fields) as a Recurrence, or, when this
    version cannot keep it, as it was with the reason why."""
    try:
        return Recurrence.from_rrule(
            rule, time_of_day=time_of_day, zone=zone, starts_on=starts_on, ends_on=ends_on
        )
    except ValueError as error:
        problem = PlanProblem.RULE if known_zone(zone) else PlanProblem.TIME_ZONE
        return UnreadableSchedule(rule, time_of_day, zone, starts_on, ends_on, problem, str(error))


def stored_rule(schedule: Recurrence | UnreadableSchedule) -> str:
    """The RRULE value to store for ``schedule``."""
    return schedule.to_rrule() if isinstance(schedule, Recurrence) else schedule.rule
