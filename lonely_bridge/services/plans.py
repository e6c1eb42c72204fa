"""Planned calls: setting them up, what comes next, and how each one turned out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.plans import CallPlan, PlanProblem
from lonely_bridge.domain.recurrence import next_occurrence, occurrences_between
from lonely_bridge.domain.reminders import (
    SNOOZE,
    STILL_CURRENT,
    MissedCalls,
    Occurrence,
    OccurrenceKey,
    Outcome,
    PlanReminders,
    missed_while_away,
    plan_problem,
    plan_reminders,
    recurrence_of,
)
from lonely_bridge.domain.settings import LAST_SEEN
from lonely_bridge.services.errors import PlanInvalid
from lonely_bridge.services.ports import (
    PeopleRepository,
    PlanRepository,
    SettingsRepository,
    TodayReads,
)
from lonely_bridge.services.settings import read, write

if TYPE_CHECKING:
    from lonely_bridge.services.calendar_export import CalendarExport

log = logging.getLogger(__name__)

# How far back occurrence records are read: the longest a call stays "current", plus room
# for snoozes taken during it.
OCCURRENCE_LOOKBACK = timedelta(days=2)
# For the log, which a helper reads; the person never sees these.
_PROBLEM_WORDS = {PlanProblem.TIME_ZONE: "time zone", PlanProblem.RULE: "repeat rule"}


@dataclass(frozen=True, slots=True)
class UpcomingCall:
    plan: CallPlan
    person: Person
    due_at: datetime


class PlanService:
    def __init__(
        self,
        plans: PlanRepository,
        today: TodayReads,
        people: PeopleRepository,
        settings: SettingsRepository,
        clock: Clock,
    ) -> None:
        self._plans = plans
        self._today = today
        self._people = people
        self._settings = settings
        self._clock = clock
        # Each unreadable plan (as it is now) is logged once, not on every refresh.
        self._reported: set[CallPlan] = set()

    def now(self) -> datetime:
        return self._clock.now()

    # Setting up ---------------------------------------------------------------------------
    def save(self, plan: CallPlan) -> CallPlan:
        try:
            recurrence_of(plan)
        except ValueError as error:
            raise PlanInvalid(detail=str(error)) from error
        person = self._people.get_person(plan.person_id)
        if plan.link_id is not None and plan.link_id not in {link.id for link in person.links}:
            plan = replace(plan, link_id=None)
        if plan.id is None:
            return self._plans.add_plan(plan, now=self._clock.now())
        return self._plans.update_plan(plan, now=self._clock.now())

    def delete(self, plan_id: int) -> None:
        self._plans.delete_plan(plan_id)

    def plan(self, plan_id: int) -> CallPlan:
        return self._plans.get_plan(plan_id)

    def plans(
        self, *, people: Sequence[Person] | None = None, include_unreadable: bool = False
    ) -> list[tuple[CallPlan, Person]]:
        """The active plans of the people shown, with their person (``people`` if the caller
        has them already).

        A plan this version cannot read (an unknown zone, a rule from a newer version) is
        left out, so that one bad row never stops reminders, Today or calendars; only the
        helper's list asks for it too (``include_unreadable``) so it can be changed.
        """
        if people is None:
            people = self._today.list_people()
        by_id = {p.id: p for p in people}
        return [
            (plan, by_id[plan.person_id])
            for plan in self._today.list_plans()
            if plan.person_id in by_id and (include_unreadable or self._readable(plan))
        ]

    def unreadable(self, *, people: Sequence[Person] | None = None) -> list[int]:
        """The ids of the plans left out because this version cannot read them."""
        return [
            plan.id
            for plan, _person in self.plans(people=people, include_unreadable=True)
            if plan.id is not None and not self._readable(plan)
        ]

    def _readable(self, plan: CallPlan) -> bool:
        problem = plan_problem(plan)
        if problem is None:
            return True
        if plan not in self._reported:
            self._reported.add(plan)
            # The id only: a plan's person, notes and link stay out of the log.
            log.warning(
                "Plan %s is left out: its %s cannot be read; a helper can change or stop it",
                plan.id,
                _PROBLEM_WORDS[problem],
            )
        return False

    def calendar(self, *, person_id: int | None = None) -> CalendarExport:
        """The plans (one person's, or everyone's) as an iCalendar file for family calendars.

        Links are checked again as Call checks them; those that fail are left out, and named.
        """
        from lonely_bridge.services.calendar_export import export_calendar
        from lonely_bridge.services.people import confirmed_jitsi_hosts

        chosen = []
        for plan, person in self.plans():
            if person_id is not None and person.id != person_id:
                continue
            link = next((link for link in person.links if link.id == plan.link_id), None)
            chosen.append((plan, person, link or person.default_link))
        return export_calendar(
            chosen, now=self._clock.now(), trusted_jitsi_hosts=confirmed_jitsi_hosts(self._settings)
        )

    # What comes next ----------------------------------------------------------------------
    def upcoming(
        self,
        *,
        within: timedelta = timedelta(days=7),
        limit: int = 20,
        people: Sequence[Person] | None = None,
    ) -> list[UpcomingCall]:
        """Calls from now on (including one that is happening now), soonest first."""
        now = self._clock.now()
        known = self._known()
        calls = []
        for plan, person in self.plans(people=people):
            assert plan.id is not None
            rec = recurrence_of(plan)
            moment = now - STILL_CURRENT
            found = 0
            # Settled calls are passed over, so keep going until enough open ones are found.
            while found < limit and (due := next_occurrence(rec, moment)) is not None:
                if due > now + within:
                    break
                moment = due
                occurrence = known.get((plan.id, due))
                if occurrence is not None and occurrence.settled:
                    continue
                calls.append(UpcomingCall(plan, person, due))
                found += 1
        return sorted(calls, key=lambda call: call.due_at)[:limit]

    def calls_between(self, start: datetime, end: datetime) -> list[UpcomingCall]:
        """Every call the plans set from ``start`` until (not including) ``end``, soonest
        first, answered or not: what a family calendar shows for that stretch."""
        calls = [
            UpcomingCall(plan, person, due)
            for plan, person in self.plans()
            for due in occurrences_between(recurrence_of(plan), start, end)
        ]
        return sorted(calls, key=lambda call: (call.due_at, call.person.name))

    def next_call(self, *, people: Sequence[Person] | None = None) -> UpcomingCall | None:
        upcoming = self.upcoming(within=timedelta(days=62), limit=1, people=people)
        return upcoming[0] if upcoming else None

    def timetables(self) -> list[PlanReminders]:
        """Each plan's reminders from now on, for the scheduler: one timetable per plan."""
        plans = [plan for plan, _person in self.plans()]
        return plan_reminders(plans, self._known(), self._clock.now())

    def _known(self) -> dict[OccurrenceKey, Occurrence]:
        since = self._clock.now() - OCCURRENCE_LOOKBACK
        return {(o.plan_id, o.due_at): o for o in self._today.occurrences_since(since)}

    # How it turned out --------------------------------------------------------------------
    def occurrence(self, plan_id: int, due_at: datetime) -> Occurrence:
        """The stored record for one call, or a fresh one when nothing is known of it yet."""
        for known in self._today.occurrences_since(due_at):
            if known.plan_id == plan_id and known.due_at == due_at:
                return known
            if known.due_at > due_at:
                break
        return Occurrence(None, plan_id, due_at)

    def _save(self, occurrence: Occurrence) -> Occurrence:
        return self._plans.save_occurrence(occurrence, now=self._clock.now())

    def mark_reminded(self, plan_id: int, due_at: datetime) -> Occurrence:
        current = self.occurrence(plan_id, due_at)
        return self._save(replace(current, reminded_at=self._clock.now(), snoozed_until=None))

    def snooze(self, plan_id: int, due_at: datetime, *, for_: timedelta = SNOOZE) -> Occurrence:
        """Remind again later; kept in the database, so a restart does not lose it."""
        current = self.occurrence(plan_id, due_at)
        return self._save(replace(current, snoozed_until=self._clock.now() + for_))

    def settle(self, plan_id: int, due_at: datetime, outcome: Outcome) -> Occurrence:
        current = self.occurrence(plan_id, due_at)
        return self._save(replace(current, outcome=outcome, snoozed_until=None))

    def settle_stale(self) -> int:
        """Reminded calls nobody answered, long past, are recorded as missed."""
        cutoff = self._clock.now() - STILL_CURRENT
        stale = [
            o
            for o in self._known().values()
            if not o.settled and o.due_at < cutoff and (o.snoozed_until or o.due_at) < cutoff
        ]
        for occurrence in stale:
            self._save(replace(occurrence, outcome=Outcome.MISSED, snoozed_until=None))
        return len(stale)

    def reopen_calls_ahead(self) -> int:
        """Forget what was recorded about calls still to come; returns how many were reopened.

        Reminders ring and answers are recorded only once a call's time has come, so such a
        record was made while the clock ran ahead (a wrong date, corrected since). Those calls
        have not happened yet: they are open again, to be reminded at their real time.
        """
        now = self._clock.now()
        ahead = [
            o
            for o in self._today.occurrences_since(now)
            # A bare record (no outcome, reminder or snooze) has nothing to forget.
            if o.due_at > now and o != Occurrence(o.id, o.plan_id, o.due_at)
        ]
        for occurrence in ahead:
            self._save(Occurrence(occurrence.id, occurrence.plan_id, occurrence.due_at))
        if ahead:
            log.info("Reopened %d planned calls recorded while the clock ran ahead", len(ahead))
        return len(ahead)

    # Missed while away --------------------------------------------------------------------
    def last_seen(self) -> datetime | None:
        return read(self._settings, LAST_SEEN)

    def touch(self, moment: datetime | None = None) -> None:
        """Note that the app was running at ``moment`` (now); the basis of "missed while away"."""
        when = moment or self._clock.now()
        write(self._settings, LAST_SEEN, when, now=self._clock.now())

    def missed_since(self, last_seen: datetime | None) -> MissedCalls:
        """Settle the older missed calls; return the ones to offer once, newest per plan."""
        if last_seen is None:
            return MissedCalls([], [])
        plans = [plan for plan, _person in self.plans()]
        known = self._today.occurrences_since(last_seen)
        missed = missed_while_away(
            plans,
            {(o.plan_id, o.due_at): o for o in known},
            last_seen=last_seen,
            now=self._clock.now(),
        )
        for plan_id, due in missed.to_settle:
            self.settle(plan_id, due, Outcome.MISSED)
        for plan_id, due in missed.to_offer:
            # Marked now, so the offer is made once even if the app closes before an answer.
            self._save(replace(self.occurrence(plan_id, due), reminded_at=self._clock.now()))
        return missed
