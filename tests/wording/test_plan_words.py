"""Plans in plain words: the repeat rule, the next clock change, and the time on both clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from lonely_bridge.domain.recurrence import Frequency, Recurrence
from lonely_bridge.wording.plans import describe, local_time_warning, local_times_text

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def plan(frequency: Frequency = Frequency.WEEKLY, **overrides: Any) -> Recurrence:
    """A plan with sensible defaults: weekly, Sunday 16:00 London, from 1 January 2026."""
    fields: dict[str, Any] = {
        "time_of_day": time(16, 0),
        "zone": "Europe/London",
        "starts_on": date(2026, 1, 1),
    }
    if frequency is Frequency.WEEKLY:
        fields["weekdays"] = (SUN,)
    fields.update(overrides)
    return Recurrence(frequency, **fields)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rec", "words"),
    [
        (plan(), "Every week on Sunday at 4 pm"),
        (plan(interval=2), "Every two weeks on Sunday at 4 pm"),
        (
            plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(MON,), nth=1, time_of_day=time(10, 30)),
            "On the first Monday of each month at 10:30 am",
        ),
        (plan(Frequency.DAILY, time_of_day=time(9)), "Every day at 9 am"),
        (
            plan(weekdays=(MON, WED, FRI), time_of_day=time(11)),
            "Every Monday, Wednesday and Friday at 11 am",
        ),
        (
            plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(FRI,), nth=-1, time_of_day=time(18)),
            "On the last Friday of each month at 6 pm",
        ),
        (
            plan(weekdays=(TUE, THU), time_of_day=time(19, 5)),
            "Every Tuesday and Thursday at 7:05 pm",
        ),
        (plan(Frequency.DAILY, interval=3, time_of_day=time(12)), "Every three days at noon"),
        (
            plan(interval=2, weekdays=(SAT, SUN), time_of_day=time(0)),
            "Every two weeks on Saturday and Sunday at midnight",
        ),
        (
            plan(
                Frequency.MONTHLY_NTH_WEEKDAY,
                weekdays=(WED,),
                nth=3,
                interval=2,
                time_of_day=time(0, 45),
            ),
            "On the third Wednesday, every two months, at 12:45 am",
        ),
        (
            plan(interval=13, weekdays=(MON,), time_of_day=time(12, 30)),
            "Every 13 weeks on Monday at 12:30 pm",
        ),
    ],
)
def test_describe(rec: Recurrence, words: str) -> None:
    assert describe(rec) == words


@pytest.mark.parametrize(
    ("moment", "home", "theirs", "expected"),
    [
        (utc(2026, 7, 5, 15), "Europe/London", "America/New_York", "4 pm here, 11 am for Anna"),
        (utc(2026, 1, 4, 16), "Europe/London", "America/New_York", "4 pm here, 11 am for Anna"),
        (
            utc(2026, 1, 4, 16, 30),
            "Europe/London",
            "Europe/London",
            "4:30 pm here, 4:30 pm for Anna",
        ),
        (utc(2026, 1, 4, 16), "Europe/London", "Asia/Kolkata", "4 pm here, 9:30 pm for Anna"),
        (utc(2026, 3, 1, 23), "Europe/London", "Asia/Tokyo", "11 pm here, 8 am Monday for Anna"),
        (
            utc(2026, 3, 2, 1),
            "Australia/Sydney",
            "America/Los_Angeles",
            "noon here, 5 pm Sunday for Anna",
        ),
    ],
)
def test_local_times_text(moment: datetime, home: str, theirs: str, expected: str) -> None:
    assert local_times_text(moment, home, theirs, "Anna") == expected


@pytest.mark.parametrize(
    ("rec", "from_date", "expected"),
    [
        (
            plan(Frequency.DAILY, time_of_day=time(1, 30)),
            None,
            "When the clocks go forward on 29 March, 1:30 am doesn't exist; "
            "that call will be at 2:30 am instead.",
        ),
        (
            plan(Frequency.DAILY, time_of_day=time(1, 30)),
            date(2026, 4, 1),
            "When the clocks go back on 25 October, 1:30 am happens twice; "
            "that call will be at the first 1:30 am, just once.",
        ),
        (
            plan(time_of_day=time(2, 30), zone="America/New_York"),
            None,
            "When the clocks go forward on 8 March, 2:30 am doesn't exist; "
            "that call will be at 3:30 am instead.",
        ),
        (plan(), None, None),
    ],
)
def test_local_time_warning(rec: Recurrence, from_date: date | None, expected: str | None) -> None:
    assert local_time_warning(rec, from_date=from_date) == expected
