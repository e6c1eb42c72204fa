"""What a reminder scheduler holds, read for tests: its APScheduler jobs and undelivered reminders.

The app only listens to the scheduler's signals; tests also look inside to see that a plan's
job was replaced, removed or kept, and which reminders are still to come.
"""

from __future__ import annotations

from datetime import UTC, datetime

from lonely_bridge.scheduling.reminders import ReminderScheduler


def job_ids(reminders: ReminderScheduler) -> list[str]:
    """The plans' job ids ("plan:12"), soonest first."""
    return [job.id for job in reminders._scheduler.get_jobs()]


def next_fire_times(reminders: ReminderScheduler) -> dict[str, datetime]:
    """When each plan's job next asks for a look."""
    return {
        job.id: job.next_run_time.astimezone(UTC)
        for job in reminders._scheduler.get_jobs()
        if job.next_run_time is not None
    }


def waiting(reminders: ReminderScheduler) -> dict[str, datetime]:
    """The reminders of each plan's next call not delivered yet, by id, soonest first."""
    found: dict[str, datetime] = {}
    for job_id, timetable in reminders._timetables.items():
        delivered = reminders._delivered.get(job_id)
        for reminder in timetable.pending:
            if delivered is None or reminder.fire_at > delivered:
                found[reminder.job_id] = reminder.fire_at
    return dict(sorted(found.items(), key=lambda item: item[1]))
