"""Call plans as the tests write them: an RRULE value and its fields, read as storage reads them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from lonely_bridge.domain.plans import DEFAULT_REMINDER_LEAD, CallPlan, read_schedule, stored_rule
from lonely_bridge.domain.reminders import Reminder
from lonely_bridge.services.plans import PlanService


def call_plan(
    id: int | None,
    person_id: int,
    link_id: int | None,
    rule: str,
    time_of_day: time,
    time_zone: str,
    starts_on: date,
    ends_on: date | None = None,
    *,
    reminder_lead: timedelta = DEFAULT_REMINDER_LEAD,
    active: bool = True,
) -> CallPlan:
    schedule = read_schedule(
        rule, time_of_day=time_of_day, zone=time_zone, starts_on=starts_on, ends_on=ends_on
    )
    return CallPlan(id, person_id, link_id, schedule, reminder_lead=reminder_lead, active=active)


def with_schedule(plan: CallPlan, **changes: object) -> CallPlan:
    """``plan`` with fields of its schedule changed: rule, time_of_day, time_zone, starts_on,
    ends_on (and any of the plan's own)."""
    schedule = plan.schedule
    fields: dict[str, object] = {
        "rule": stored_rule(schedule),
        "time_of_day": schedule.time_of_day,
        "time_zone": schedule.zone,
        "starts_on": schedule.starts_on,
        "ends_on": schedule.ends_on,
        "reminder_lead": plan.reminder_lead,
        "active": plan.active,
    }
    own = {key: changes.pop(key) for key in ("id", "person_id", "link_id") if key in changes}
    base = replace(plan, **own)  # type: ignore[arg-type]
    return call_plan(base.id, base.person_id, base.link_id, **{**fields, **changes})  # type: ignore[arg-type]


def pending_reminders(plans: PlanService) -> list[Reminder]:
    """The reminders the scheduler is given for each plan's next call, soonest first."""
    found = [reminder for timetable in plans.timetables() for reminder in timetable.pending]
    return sorted(found, key=lambda reminder: reminder.fire_at)
