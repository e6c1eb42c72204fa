"""An APScheduler trigger that fires at each of one plan's reminders, by its recurrence."""

from __future__ import annotations

from datetime import datetime

from apscheduler.triggers.base import BaseTrigger  # type: ignore[import-untyped]

from lonely_bridge.domain.reminders import PlanReminders


class PlanTrigger(BaseTrigger):  # type: ignore[misc]
    """Fires at each reminder of one plan: the pending ones, then each later call's.

    APScheduler's own triggers cannot say "at 4 pm London time each second Sunday":
    ``IntervalTrigger(weeks=1)`` drifts an hour at a clock change and ``CronTrigger`` fires
    twice in the repeated autumn hour; the plan's recurrence has the rule for both.
    """

    __slots__ = ("reminders",)

    def __init__(self, reminders: PlanReminders) -> None:
        self.reminders = reminders

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        # ``now`` is not needed: a time already past is returned too, so that a reminder
        # reached late (the computer slept) still fires at once.
        reminder = self.reminders.first_after(previous_fire_time)
        return None if reminder is None else reminder.fire_at

    def __str__(self) -> str:
        return f"plan {self.reminders.plan_id}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} (plan_id={self.reminders.plan_id})>"
