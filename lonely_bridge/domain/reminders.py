"""When to remind about planned calls, and which calls were missed while the computer was off."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from lonely_bridge.domain.plans import CallPlan, PlanProblem, UnreadableSchedule
from lonely_bridge.domain.recurrence import (
    Recurrence,
    next_occurrence,
    occurrences_between,
)

SNOOZE = timedelta(minutes=10)
# A call counts as "now" for this long after its time: the reminder window stays up, and a
# start a few minutes late is still the call, not a missed one.
STILL_CURRENT = timedelta(minutes=30)


class Outcome(StrEnum):
    JOINED = "joined"
    MISSED = "missed"
    SKIPPED = "skipped"


class ReminderKind(StrEnum):
    HEADS_UP = "lead"
    START = "start"
    SNOOZED = "snooze"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One planned call on one date, and what became of it."""

    id: int | None
    plan_id: int
    due_at: datetime
    outcome: Outcome | None = None
    talked: bool | None = None
    snoozed_until: datetime | None = None
    reminded_at: datetime | None = None

    @property
    def settled(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    plan_id: int
    due_at: datetime  # when the call itself is
    fire_at: datetime  # when to remind
    zone: str  # the plan's time zone: the call's time is told there too

    @property
    def job_id(self) -> str:
        return f"plan:{self.plan_id}:{self.kind.value}"


def recurrence_of(plan: CallPlan) -> Recurrence:
    """The plan's recurrence; ValueError when this version cannot read its schedule."""
    if isinstance(plan.schedule, UnreadableSchedule):
        raise ValueError(plan.schedule.detail)
    return plan.schedule


def plan_problem(plan: CallPlan) -> PlanProblem | None:
    """What stops the plan from being kept, or None when its calls can be worked out."""
    schedule = plan.schedule
    return schedule.problem if isinstance(schedule, UnreadableSchedule) else None


OccurrenceKey = tuple[int, datetime]


def _current_occurrence(
    plan: CallPlan, now: datetime, known: Mapping[OccurrenceKey, Occurrence]
) -> datetime | None:
    """The plan's next call that is not settled yet (possibly one that started just now)."""
    assert plan.id is not None
    rec = recurrence_of(plan)
    moment = now - STILL_CURRENT
    for _ in range(1000):  # settled occurrences are few; the bound only guards a bad rule
        due = next_occurrence(rec, moment)
        if due is None:
            return None
        occurrence = known.get((plan.id, due))
        if occurrence is None or not occurrence.settled:
            return due
        moment = due
    return None


def _pending(
    plan: CallPlan, known: Mapping[OccurrenceKey, Occurrence], now: datetime
) -> tuple[datetime | None, list[Reminder]]:
    """The plan's next unsettled call and the reminders it still calls for, soonest first."""
    assert plan.id is not None
    due = _current_occurrence(plan, now, known)
    if due is None:
        return None, []
    zone = plan.time_zone
    occurrence = known.get((plan.id, due))
    if occurrence is not None and occurrence.snoozed_until is not None:
        return due, [Reminder(ReminderKind.SNOOZED, plan.id, due, occurrence.snoozed_until, zone)]
    if occurrence is not None and occurrence.reminded_at is not None:
        return due, []  # already on screen, or dismissed by closing: never twice
    result = []
    lead_at = due - plan.reminder_lead
    if plan.reminder_lead > timedelta(0) and lead_at > now:
        result.append(Reminder(ReminderKind.HEADS_UP, plan.id, due, lead_at, zone))
    result.append(Reminder(ReminderKind.START, plan.id, due, due, zone))
    return due, result


def reminders_for(
    plans: Iterable[CallPlan], known: Mapping[OccurrenceKey, Occurrence], now: datetime
) -> list[Reminder]:
    """The reminders to schedule now: for each plan, its next unsettled call.

    A heads-up comes ``reminder_lead`` before the call (unless that time has passed),
    the call itself at its time, or, when snoozed, at the end of the snooze instead.
    """
    result = []
    for plan in plans:
        if plan.active and plan.id is not None:
            result += _pending(plan, known, now)[1]
    return sorted(result, key=lambda reminder: reminder.fire_at)


@dataclass(frozen=True, slots=True)
class PlanReminders:
    """One plan's reminders from now on: those its next call still calls for, then each
    later call's heads-up and start, by the plan's recurrence.

    ``pending`` come from what is known of the next call (a snooze, a reminder already
    shown); the calls after ``floor`` have not happened yet, so nothing is known of them.
    """

    plan_id: int
    pending: tuple[Reminder, ...]
    recurrence: Recurrence
    lead: timedelta
    floor: datetime

    @property
    def job_id(self) -> str:
        return f"plan:{self.plan_id}"

    def first_after(self, moment: datetime | None) -> Reminder | None:
        """The first reminder that fires after ``moment``; the very first for None."""
        for reminder in self.pending:
            if moment is None or reminder.fire_at > moment:
                return reminder
        after = self.floor
        if moment is not None:
            # No reminder of a call due before this fires after ``moment``.
            after = max(after, moment - self.lead)
        while (due := next_occurrence(self.recurrence, after)) is not None:
            for reminder in self._reminders_of(due):
                if moment is None or reminder.fire_at > moment:
                    return reminder
            after = due
        return None

    def _reminders_of(self, due: datetime) -> list[Reminder]:
        zone = self.recurrence.zone
        start = Reminder(ReminderKind.START, self.plan_id, due, due, zone)
        if self.lead > timedelta(0):
            heads_up = Reminder(ReminderKind.HEADS_UP, self.plan_id, due, due - self.lead, zone)
            return [heads_up, start]
        return [start]


def plan_reminders(
    plans: Iterable[CallPlan], known: Mapping[OccurrenceKey, Occurrence], now: datetime
) -> list[PlanReminders]:
    """Each active plan's reminders from ``now`` on (see :class:`PlanReminders`)."""
    result = []
    for plan in plans:
        if not plan.active or plan.id is None:
            continue
        due, pending = _pending(plan, known, now)
        if due is None:
            continue
        result.append(
            PlanReminders(plan.id, tuple(pending), recurrence_of(plan), plan.reminder_lead, due)
        )
    return result


@dataclass(frozen=True, slots=True)
class MissedCalls:
    """Calls that came and went while the computer was off or asleep."""

    to_offer: list[tuple[int, datetime]]  # (plan id, due) — the latest per plan, asked once
    to_settle: list[tuple[int, datetime]]  # older ones, recorded as missed without asking


def missed_while_away(
    plans: Iterable[CallPlan],
    known: Mapping[OccurrenceKey, Occurrence],
    *,
    last_seen: datetime,
    now: datetime,
) -> MissedCalls:
    """Calls due between ``last_seen`` and now (less the still-current margin) never reminded.

    Only the most recent one per plan is offered ("Would you like to call now?"), so a
    computer that was off for three weeks asks once, not three times.
    """
    offer: list[tuple[int, datetime]] = []
    settle: list[tuple[int, datetime]] = []
    until = now - STILL_CURRENT
    if until <= last_seen:
        return MissedCalls(offer, settle)
    for plan in plans:
        if not plan.active or plan.id is None:
            continue
        missed = [
            due
            for due in occurrences_between(recurrence_of(plan), last_seen, until)
            if not _was_seen(known.get((plan.id, due)))
        ]
        if missed:
            offer.append((plan.id, missed[-1]))
            settle += [(plan.id, due) for due in missed[:-1]]
    return MissedCalls(sorted(offer, key=lambda item: item[1]), settle)


def _was_seen(occurrence: Occurrence | None) -> bool:
    return occurrence is not None and (occurrence.settled or occurrence.reminded_at is not None)
