"""Tests for call-plan recurrence: dates, the daylight-saving rule, RRULEs and plain words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lonely_bridge.domain.recurrence import (
    ClockChange,
    DstIssue,
    Frequency,
    Recurrence,
    dst_issues,
    next_clock_change,
    next_occurrence,
    next_occurrences,
    occurrences_between,
    on_both_clocks,
)
from lonely_bridge.wording.plans import local_times_text

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
ONE_MICROSECOND = timedelta(microseconds=1)


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


def latest_before(rec: Recurrence, moment: datetime) -> datetime | None:
    """The latest occurrence strictly before ``moment``, asked of the range query."""
    since_start = datetime.combine(rec.starts_on, time.min, UTC) - timedelta(days=2)
    found = occurrences_between(rec, min(since_start, moment), moment)
    return found[-1] if found else None


def on_local_day(rec: Recurrence, day: date) -> list[datetime]:
    """Occurrences whose instant falls within a generous window around a local day."""
    tz = ZoneInfo(rec.zone)
    start = datetime.combine(day, time.min, tz) - timedelta(hours=12)
    return occurrences_between(rec, start, start + timedelta(days=2))


# --- The daylight-saving rule ------------------------------------------------------------

# (zone, local date of the change, chosen time, expected UTC instant, expected local wall time)
DST_CASES = [
    # Europe/London: forward 01:00 GMT -> 02:00 BST, back 02:00 BST -> 01:00 GMT.
    ("Europe/London", date(2026, 3, 29), time(1, 30), utc(2026, 3, 29, 1, 30), time(2, 30)),
    ("Europe/London", date(2026, 10, 25), time(1, 30), utc(2026, 10, 25, 0, 30), time(1, 30)),
    ("Europe/London", date(2026, 3, 29), time(16), utc(2026, 3, 29, 15), time(16)),
    ("Europe/London", date(2026, 10, 25), time(16), utc(2026, 10, 25, 16), time(16)),
    ("Europe/London", date(2026, 3, 29), time(1), utc(2026, 3, 29, 1), time(2)),
    ("Europe/London", date(2026, 3, 29), time(2), utc(2026, 3, 29, 1), time(2)),
    ("Europe/London", date(2026, 10, 25), time(1), utc(2026, 10, 25, 0), time(1)),
    ("Europe/London", date(2026, 10, 25), time(2), utc(2026, 10, 25, 2), time(2)),
    # America/New_York: forward 02:00 EST -> 03:00 EDT, back 02:00 EDT -> 01:00 EST.
    ("America/New_York", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 30), time(3, 30)),
    ("America/New_York", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30), time(1, 30)),
    ("America/New_York", date(2026, 3, 8), time(16), utc(2026, 3, 8, 20), time(16)),
    ("America/New_York", date(2026, 11, 1), time(16), utc(2026, 11, 1, 21), time(16)),
    # Australia/Sydney: forward 02:00 AEST -> 03:00 AEDT (first Sunday of October), back
    # 03:00 AEDT -> 02:00 AEST (first Sunday of April). The UTC day is the Saturday.
    ("Australia/Sydney", date(2026, 10, 4), time(2, 30), utc(2026, 10, 3, 16, 30), time(3, 30)),
    ("Australia/Sydney", date(2026, 4, 5), time(2, 30), utc(2026, 4, 4, 15, 30), time(2, 30)),
    ("Australia/Sydney", date(2026, 10, 4), time(16), utc(2026, 10, 4, 5), time(16)),
    ("Australia/Sydney", date(2026, 4, 5), time(16), utc(2026, 4, 5, 6), time(16)),
    # Gaps that are not one hour long: Lord Howe moves 30 minutes, Troll two hours.
    ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 15), utc(2026, 10, 3, 15, 45), time(2, 45)),
    ("Antarctica/Troll", date(2026, 3, 29), time(1, 30), utc(2026, 3, 29, 1, 30), time(3, 30)),
]


@pytest.mark.parametrize(("zone", "day", "chosen", "expected_utc", "expected_wall"), DST_CASES)
def test_dst_rule_on_the_day_of_a_clock_change(
    zone: str, day: date, chosen: time, expected_utc: datetime, expected_wall: time
) -> None:
    rec = plan(time_of_day=chosen, zone=zone, weekdays=(SUN,))

    found = on_local_day(rec, day)

    # Exactly one call, even when the chosen time happens twice that night.
    assert found == [expected_utc]
    local = found[0].astimezone(ZoneInfo(zone))
    assert (local.date(), local.time()) == (day, expected_wall)
    assert found[0].tzinfo is UTC


@pytest.mark.parametrize(
    ("zone", "weekday", "nth", "day", "expected_utc"),
    [
        ("Europe/London", SUN, -1, date(2026, 3, 29), utc(2026, 3, 29, 1, 30)),
        ("Europe/London", SUN, -1, date(2026, 10, 25), utc(2026, 10, 25, 0, 30)),
        ("Australia/Sydney", SUN, 1, date(2026, 4, 5), utc(2026, 4, 4, 14, 30)),
    ],
)
def test_monthly_plan_at_half_past_one_on_change_days(
    zone: str, weekday: int, nth: int, day: date, expected_utc: datetime
) -> None:
    rec = plan(
        Frequency.MONTHLY_NTH_WEEKDAY,
        weekdays=(weekday,),
        nth=nth,
        time_of_day=time(1, 30),
        zone=zone,
    )

    assert on_local_day(rec, day) == [expected_utc]


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [
        ("Europe/London", date(2026, 3, 29)),
        ("Europe/London", date(2026, 10, 25)),
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
        ("Australia/Sydney", date(2026, 4, 5)),
        ("Australia/Sydney", date(2026, 10, 4)),
    ],
)
def test_weekly_four_pm_never_drifts_across_a_change(zone: str, change_day: date) -> None:
    tz = ZoneInfo(zone)
    rec = plan(zone=zone, weekdays=(SUN,))
    start = datetime.combine(change_day - timedelta(weeks=2), time.min, tz)

    found = occurrences_between(rec, start, start + timedelta(weeks=4))

    assert [t.astimezone(tz).time() for t in found] == [time(16)] * 4
    assert [t.astimezone(tz).date() for t in found] == [
        change_day + timedelta(weeks=k) for k in range(-2, 2)
    ]
    # The UTC instant does move by the change, which is the point of the rule.
    assert len({t.astimezone(tz).utcoffset() for t in found}) == 2


def test_a_gap_just_before_midnight_moves_the_call_into_the_next_day() -> None:
    # Scoresbysund goes from 23:00 on Saturday straight to 00:00 on Sunday, so Saturday's
    # 23:30 call is at 00:30 on Sunday, and it is still "next" a quarter of an hour earlier.
    tz = ZoneInfo("America/Scoresbysund")
    rec = plan(Frequency.DAILY, time_of_day=time(23, 30), zone=tz.key, starts_on=date(2025, 1, 1))
    sunday_quarter_past_midnight = datetime(2025, 3, 30, 0, 15, tzinfo=tz)

    found = next_occurrence(rec, sunday_quarter_past_midnight)

    assert found == utc(2025, 3, 30, 1, 30)
    assert found.astimezone(tz).replace(tzinfo=None) == datetime(2025, 3, 30, 0, 30)
    assert latest_before(rec, found + ONE_MICROSECOND) == found
    assert occurrences_between(rec, sunday_quarter_past_midnight, utc(2025, 3, 31, 1)) == [
        utc(2025, 3, 30, 1, 30),
        utc(2025, 3, 31, 0, 30),
    ]
    assert dst_issues(rec, from_date=date(2025, 3, 1), horizon_years=1)[0] == (
        date(2025, 3, 29),
        DstIssue.SKIPPED,
    )


def test_a_whole_skipped_day_moves_forward_and_fires_once() -> None:
    # Samoa jumped from UTC-10 to UTC+14, so 30 December 2011 never happened there.
    rec = plan(Frequency.DAILY, zone="Pacific/Apia", starts_on=date(2011, 12, 28))
    tz = ZoneInfo("Pacific/Apia")

    found = occurrences_between(rec, utc(2011, 12, 28), utc(2012, 1, 3))

    assert [t.astimezone(tz).date() for t in found] == [
        date(2011, 12, 28),
        date(2011, 12, 29),
        date(2011, 12, 31),
        date(2012, 1, 1),
        date(2012, 1, 2),
    ]
    assert dst_issues(rec, horizon_years=1)[0] == (date(2011, 12, 30), DstIssue.SKIPPED)


# --- Dates -------------------------------------------------------------------------------


def local_dates(rec: Recurrence, start: date, end: date) -> list[date]:
    tz = ZoneInfo(rec.zone)
    found = occurrences_between(
        rec, datetime.combine(start, time.min, tz), datetime.combine(end, time.min, tz)
    )
    return [t.astimezone(tz).date() for t in found]


@pytest.mark.parametrize(
    ("rec", "start", "end", "expected"),
    [
        pytest.param(
            # Starts on a Wednesday: the first fortnight is the week of starts_on.
            plan(interval=2, starts_on=date(2026, 1, 7)),
            date(2026, 1, 1),
            date(2026, 2, 28),
            [date(2026, 1, 11), date(2026, 1, 25), date(2026, 2, 8), date(2026, 2, 22)],
            id="every-two-weeks",
        ),
        pytest.param(
            plan(interval=3, weekdays=(MON, THU), starts_on=date(2026, 1, 5)),
            date(2026, 1, 1),
            date(2026, 2, 14),
            [date(2026, 1, 5), date(2026, 1, 8), date(2026, 1, 26), date(2026, 1, 29)],
            id="every-three-weeks-two-days",
        ),
        pytest.param(
            plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(MON,), nth=1),
            date(2026, 1, 1),
            date(2026, 7, 1),
            [date(2026, m, d) for m, d in [(1, 5), (2, 2), (3, 2), (4, 6), (5, 4), (6, 1)]],
            id="first-monday",
        ),
        pytest.param(
            plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(FRI,), nth=-1),
            date(2026, 1, 1),
            date(2026, 7, 1),
            [date(2026, m, d) for m, d in [(1, 30), (2, 27), (3, 27), (4, 24), (5, 29), (6, 26)]],
            id="last-friday",
        ),
        pytest.param(
            plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(WED,), nth=3, interval=2),
            date(2026, 1, 1),
            date(2026, 7, 1),
            [date(2026, 1, 21), date(2026, 3, 18), date(2026, 5, 20)],
            id="third-wednesday-every-two-months",
        ),
        pytest.param(
            plan(Frequency.DAILY, starts_on=date(2026, 2, 26)),
            date(2026, 2, 1),
            date(2026, 3, 3),
            [
                date(2026, 2, 26),
                date(2026, 2, 27),
                date(2026, 2, 28),
                date(2026, 3, 1),
                date(2026, 3, 2),
            ],
            id="daily",
        ),
        pytest.param(
            plan(Frequency.DAILY, interval=3, starts_on=date(2026, 1, 30)),
            date(2026, 2, 1),
            date(2026, 2, 12),
            [date(2026, 2, 2), date(2026, 2, 5), date(2026, 2, 8), date(2026, 2, 11)],
            id="every-three-days",
        ),
        pytest.param(
            plan(weekdays=(FRI, MON, WED)),
            date(2026, 1, 5),
            date(2026, 1, 17),
            [date(2026, 1, d) for d in (5, 7, 9, 12, 14, 16)],
            id="monday-wednesday-friday",
        ),
        pytest.param(
            # Both ends are inclusive: a Sunday start and a Sunday end both get a call.
            plan(starts_on=date(2026, 1, 4), ends_on=date(2026, 1, 25)),
            date(2025, 12, 1),
            date(2026, 3, 1),
            [date(2026, 1, 4), date(2026, 1, 11), date(2026, 1, 18), date(2026, 1, 25)],
            id="start-and-end-inclusive",
        ),
        pytest.param(
            plan(starts_on=date(2026, 1, 4), ends_on=date(2026, 1, 4)),
            date(2025, 12, 1),
            date(2026, 3, 1),
            [date(2026, 1, 4)],
            id="one-day-plan",
        ),
        pytest.param(
            plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(MON,), nth=1, ends_on=date(2026, 2, 1)),
            date(2025, 12, 1),
            date(2026, 3, 1),
            [date(2026, 1, 5)],
            id="monthly-ends-before-second",
        ),
    ],
)
def test_dates(rec: Recurrence, start: date, end: date, expected: list[date]) -> None:
    assert local_dates(rec, start, end) == expected


def test_the_rhythm_of_a_fortnightly_plan_holds_ten_years_on() -> None:
    first_sunday = date(2016, 1, 3)
    rec = plan(interval=2, starts_on=first_sunday)

    found = local_dates(rec, date(2026, 1, 1), date(2026, 12, 31))

    assert len(found) == 26
    assert all((day - first_sunday).days % 14 == 0 for day in found)


@pytest.mark.parametrize(
    "rec",
    [
        plan(interval=2, weekdays=(WED, SUN), starts_on=date(2016, 1, 7)),
        plan(interval=3, weekdays=(MON,), starts_on=date(2016, 1, 1)),
        plan(Frequency.DAILY, interval=3, starts_on=date(2016, 1, 1)),
        plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(TUE,), nth=2, interval=2),
        plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(FRI,), nth=-1, interval=3),
    ],
    ids=["2-weekly", "3-weekly", "3-daily", "2-monthly", "3-monthly"],
)
def test_next_occurrence_keeps_the_rhythm_from_any_day_years_later(rec: Recurrence) -> None:
    # Every day of a year as the "after" moment, so each point in the rhythm is queried.
    tz = ZoneInfo(rec.zone)
    for offset in range(366):
        after = datetime.combine(date(2027, 1, 1) + timedelta(days=offset), time(12), tz)
        found = next_occurrence(rec, after)
        assert found is not None
        assert _oracle_between(rec, after + ONE_MICROSECOND, found + ONE_MICROSECOND) == [found]


def test_next_occurrence_is_strictly_after() -> None:
    rec = plan()
    sunday_4pm = utc(2026, 1, 4, 16)

    assert next_occurrence(rec, sunday_4pm - ONE_MICROSECOND) == sunday_4pm
    assert next_occurrence(rec, sunday_4pm) == utc(2026, 1, 11, 16)
    assert next_occurrences(rec, sunday_4pm, 3) == [
        utc(2026, 1, 11, 16),
        utc(2026, 1, 18, 16),
        utc(2026, 1, 25, 16),
    ]
    assert next_occurrences(rec, sunday_4pm, 0) == []


def test_before_the_start_the_first_occurrence_comes_next() -> None:
    rec = plan(starts_on=date(2026, 6, 1))

    assert next_occurrence(rec, utc(2020, 1, 1)) == utc(2026, 6, 7, 15)
    assert latest_before(rec, utc(2026, 6, 7, 15)) is None


def test_after_the_end_there_is_nothing_next() -> None:
    rec = plan(starts_on=date(2026, 1, 4), ends_on=date(2026, 1, 18))

    assert next_occurrence(rec, utc(2026, 1, 18, 15)) == utc(2026, 1, 18, 16)
    assert next_occurrence(rec, utc(2026, 1, 18, 16)) is None
    assert next_occurrence(rec, utc(2030, 1, 1)) is None
    assert next_occurrences(rec, utc(2026, 1, 10), 10) == [
        utc(2026, 1, 11, 16),
        utc(2026, 1, 18, 16),
    ]


@pytest.mark.parametrize(
    ("rec", "moment", "expected"),
    [
        (plan(), utc(2026, 1, 11, 16), utc(2026, 1, 4, 16)),
        (plan(), utc(2026, 1, 11, 16) + ONE_MICROSECOND, utc(2026, 1, 11, 16)),
        (plan(), utc(2026, 1, 4, 16), None),
        # Ended long ago: still found, without walking forward from the end to the moment.
        (plan(ends_on=date(2026, 2, 1)), utc(2036, 1, 1), utc(2026, 2, 1, 16)),
        (plan(Frequency.DAILY, interval=400), utc(2030, 1, 1), utc(2029, 4, 15, 15)),
        (
            plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(MON,), nth=1),
            utc(2026, 3, 1),
            utc(2026, 2, 2, 16),
        ),
    ],
)
def test_the_range_up_to_a_moment_ends_with_the_call_just_before_it(
    rec: Recurrence, moment: datetime, expected: datetime
) -> None:
    assert latest_before(rec, moment) == expected


def test_occurrences_accept_any_aware_zone_and_return_utc() -> None:
    rec = plan()
    tokyo = timezone(timedelta(hours=9))

    found = occurrences_between(rec, datetime(2026, 1, 5, 0, 0, tzinfo=tokyo), utc(2026, 1, 5))

    assert found == [utc(2026, 1, 4, 16)]
    assert found[0].tzinfo is UTC


@pytest.mark.parametrize(
    "call",
    [
        lambda rec: occurrences_between(rec, datetime(2026, 1, 1), utc(2026, 2, 1)),
        lambda rec: occurrences_between(rec, utc(2026, 1, 1), datetime(2026, 2, 1)),
        lambda rec: next_occurrence(rec, datetime(2026, 1, 1)),
        lambda rec: next_occurrences(rec, utc(2026, 1, 1), -1),
        lambda rec: local_times_text(datetime(2026, 1, 1), "UTC", "UTC", "Anna"),
        lambda rec: local_times_text(utc(2026, 1, 1), "UTC", "Mars/Olympus", "Anna"),
    ],
)
def test_naive_moments_and_bad_arguments_are_refused(call: Any) -> None:
    with pytest.raises(ValueError, match=r"aware|negative|time zone"):
        call(plan())


def test_an_empty_or_reversed_range_has_no_occurrences() -> None:
    assert occurrences_between(plan(), utc(2026, 2, 1), utc(2026, 1, 1)) == []


def test_a_ten_year_old_daily_plan_still_gives_each_next_call_at_its_time() -> None:
    # How fast this is, is measured by bench/insight_scale.py, not here.
    rec = plan(Frequency.DAILY, starts_on=date(2016, 1, 1))
    now = utc(2026, 3, 20)

    for minute in range(0, 7000, 7):
        moment = now + timedelta(minutes=minute)
        following = next_occurrence(rec, moment)
        assert following is not None
        assert moment < following <= moment + timedelta(days=1)
        assert following.astimezone(rec.tz).time() == rec.time_of_day


# --- Validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"zone": "Mars/Olympus"}, "time zone"),
        ({"zone": "Europe"}, "time zone"),
        ({"zone": ""}, "time zone"),
        ({"zone": "../etc/passwd"}, "time zone"),
        ({"zone": "localtime"}, "time zone"),
        ({"interval": 0}, "interval"),
        ({"interval": 1.5}, "interval"),
        ({"interval": True}, "interval"),
        ({"weekdays": (7,)}, "weekdays"),
        ({"weekdays": (-1,)}, "weekdays"),
        ({"weekdays": (MON, MON)}, "repeat"),
        ({"weekdays": ()}, "at least one weekday"),
        ({"nth": 1}, "nth"),
        ({"time_of_day": time(16, tzinfo=UTC)}, "naive"),
        ({"time_of_day": time(16, 0, 30)}, "whole minute"),
        ({"time_of_day": "16:00"}, "time_of_day"),
        ({"starts_on": datetime(2026, 1, 1)}, "starts_on"),
        ({"ends_on": datetime(2026, 2, 1)}, "ends_on"),
        ({"ends_on": date(2025, 12, 31)}, "before starts_on"),
    ],
)
def test_invalid_weekly_plans_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan(**overrides)


@pytest.mark.parametrize(
    ("frequency", "overrides", "message"),
    [
        (Frequency.DAILY, {"weekdays": (MON,)}, "daily"),
        (Frequency.MONTHLY_NTH_WEEKDAY, {"weekdays": (MON,), "nth": 5}, "nth"),
        (Frequency.MONTHLY_NTH_WEEKDAY, {"weekdays": (MON,), "nth": 0}, "nth"),
        (Frequency.MONTHLY_NTH_WEEKDAY, {"weekdays": (MON,)}, "nth"),
        (Frequency.MONTHLY_NTH_WEEKDAY, {"weekdays": (MON, FRI), "nth": 1}, "exactly one"),
        (Frequency.MONTHLY_NTH_WEEKDAY, {"nth": 1}, "exactly one"),
        ("yearly", {}, "yearly"),
    ],
)
def test_invalid_other_plans_are_refused(
    frequency: Frequency, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Recurrence(
            frequency,
            time_of_day=time(9),
            zone="UTC",
            starts_on=date(2026, 1, 1),
            **overrides,
        )


def test_plans_are_normalised_so_equal_plans_compare_equal() -> None:
    by_hand = plan(weekdays=(FRI, MON))
    from_storage = Recurrence(
        "weekly",  # type: ignore[arg-type]
        weekdays=(MON, FRI),
        time_of_day=time(16),
        zone="Europe/London",
        starts_on=date(2026, 1, 1),
    )

    assert by_hand == from_storage
    assert by_hand.weekdays == (MON, FRI)
    assert by_hand.frequency is Frequency.WEEKLY
    assert hash(by_hand) == hash(from_storage)


# --- RRULE -------------------------------------------------------------------------------

RRULE_CASES = [
    (plan(), "FREQ=WEEKLY;BYDAY=SU"),
    (plan(interval=2), "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"),
    (plan(weekdays=(MON, WED, FRI)), "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
    (plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(MON,), nth=1), "FREQ=MONTHLY;BYDAY=1MO"),
    (plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(FRI,), nth=-1), "FREQ=MONTHLY;BYDAY=-1FR"),
    (
        plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(WED,), nth=3, interval=2),
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE",
    ),
    (plan(Frequency.DAILY), "FREQ=DAILY"),
    (plan(Frequency.DAILY, interval=3, ends_on=date(2026, 5, 1)), "FREQ=DAILY;INTERVAL=3"),
]


@pytest.mark.parametrize(("rec", "rule"), RRULE_CASES)
def test_rrule_round_trip(rec: Recurrence, rule: str) -> None:
    assert rec.to_rrule() == rule
    back = Recurrence.from_rrule(
        rule,
        time_of_day=rec.time_of_day,
        zone=rec.zone,
        starts_on=rec.starts_on,
        ends_on=rec.ends_on,
    )
    assert back == rec


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("RRULE:FREQ=WEEKLY;BYDAY=SU", plan()),
        ("freq=weekly;interval=2;byday=su", plan(interval=2)),
        ("FREQ=WEEKLY;WKST=MO;BYDAY=FR,MO;", plan(weekdays=(MON, FRI))),
        ("FREQ=MONTHLY;BYDAY=+1MO", plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(MON,), nth=1)),
        ("BYDAY=-1FR;FREQ=MONTHLY", plan(Frequency.MONTHLY_NTH_WEEKDAY, weekdays=(FRI,), nth=-1)),
    ],
)
def test_rrule_spellings_that_mean_a_supported_plan(rule: str, expected: Recurrence) -> None:
    parsed = Recurrence.from_rrule(
        rule, time_of_day=time(16), zone="Europe/London", starts_on=date(2026, 1, 1)
    )
    assert parsed == expected


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "BYDAY=SU",
        "FREQ=YEARLY",
        "FREQ=HOURLY",
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;BYDAY=SU;COUNT=10",
        "FREQ=WEEKLY;BYDAY=SU;UNTIL=20261231T000000Z",
        "FREQ=WEEKLY;BYDAY=SU;WKST=SU",
        "FREQ=WEEKLY;BYDAY=1SU",
        "FREQ=WEEKLY;BYDAY=SU,SU",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;BYDAY=SU;FREQ=WEEKLY",
        "FREQ=WEEKLY;INTERVAL=0;BYDAY=SU",
        "FREQ=WEEKLY;INTERVAL=-2;BYDAY=SU",
        "FREQ=WEEKLY;INTERVAL=two;BYDAY=SU",
        "FREQ=DAILY;BYDAY=MO,TU",
        "FREQ=DAILY;BYHOUR=9",
        "FREQ=MONTHLY",
        "FREQ=MONTHLY;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=5MO",
        "FREQ=MONTHLY;BYDAY=-2MO",
        "FREQ=MONTHLY;BYDAY=1MO,3MO",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1",
        "FREQ=MONTHLY;BYMONTHDAY=1",
        "FREQ=WEEKLY;BYDAY",
        "not a rule",
    ],
)
def test_unsupported_rrules_are_refused(rule: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each rule fails for its own reason
        Recurrence.from_rrule(
            rule, time_of_day=time(16), zone="Europe/London", starts_on=date(2026, 1, 1)
        )


# --- Warnings about clock changes --------------------------------------------------------


def test_the_next_clock_change_is_given_as_values() -> None:
    rec = plan(Frequency.DAILY, time_of_day=time(1, 30))
    assert next_clock_change(rec) == ClockChange(
        date(2026, 3, 29), DstIssue.SKIPPED, time(1, 30), time(2, 30)
    )
    assert next_clock_change(rec, from_date=date(2026, 4, 1)) == ClockChange(
        date(2026, 10, 25), DstIssue.REPEATED, time(1, 30), time(1, 30)
    )
    assert next_clock_change(plan()) is None


def test_both_clocks_show_the_same_moment() -> None:
    here, there = on_both_clocks(utc(2026, 3, 1, 23), "Europe/London", "Asia/Tokyo")
    assert (here.hour, there.hour, there.weekday()) == (23, 8, MON)
    assert here == there


@pytest.mark.parametrize(
    ("rec", "expected"),
    [
        pytest.param(
            plan(Frequency.DAILY, time_of_day=time(1, 30)),
            [(date(2026, 3, 29), DstIssue.SKIPPED), (date(2026, 10, 25), DstIssue.REPEATED)],
            id="london-1:30-both",
        ),
        pytest.param(plan(Frequency.DAILY), [], id="london-4pm-none"),
        pytest.param(
            # The changes are on Sundays, so a Saturday plan is never touched.
            plan(weekdays=(SAT,), time_of_day=time(1, 30)),
            [],
            id="london-saturday-none",
        ),
        pytest.param(
            plan(Frequency.DAILY, time_of_day=time(2, 30), zone="America/New_York"),
            [(date(2026, 3, 8), DstIssue.SKIPPED)],
            id="new-york-2:30-skipped-only",
        ),
        pytest.param(
            plan(Frequency.DAILY, time_of_day=time(1, 30), zone="America/New_York"),
            [(date(2026, 11, 1), DstIssue.REPEATED)],
            id="new-york-1:30-repeated-only",
        ),
        pytest.param(
            plan(time_of_day=time(2, 30), zone="Australia/Sydney"),
            [(date(2026, 4, 5), DstIssue.REPEATED), (date(2026, 10, 4), DstIssue.SKIPPED)],
            id="sydney-2:30-both",
        ),
        pytest.param(plan(Frequency.DAILY, time_of_day=time(2, 30), zone="UTC"), [], id="utc"),
    ],
)
def test_dst_issues_within_a_year(rec: Recurrence, expected: list[tuple[date, DstIssue]]) -> None:
    assert dst_issues(rec, horizon_years=1) == expected


def test_dst_issues_look_ahead_from_the_given_date() -> None:
    rec = plan(Frequency.DAILY, time_of_day=time(1, 30), starts_on=date(2020, 1, 1))

    found = dst_issues(rec, from_date=date(2026, 4, 1), horizon_years=2)

    assert found == [
        (date(2026, 10, 25), DstIssue.REPEATED),
        (date(2027, 3, 28), DstIssue.SKIPPED),
        (date(2027, 10, 31), DstIssue.REPEATED),
        (date(2028, 3, 26), DstIssue.SKIPPED),
    ]


def test_dst_issues_skip_plan_dates_before_the_look_ahead_starts() -> None:
    # Fortnightly from Monday 23 March: the call on 29 March is before 1 April, so it is
    # not mentioned even though the look-ahead restarts from the start of the fortnight.
    rec = plan(interval=2, time_of_day=time(1, 30), starts_on=date(2026, 3, 23))

    found = dst_issues(rec, from_date=date(2026, 4, 1), horizon_years=1)

    assert found == [
        (date(2026, 10, 25), DstIssue.REPEATED),
        (date(2027, 3, 28), DstIssue.SKIPPED),
    ]


# --- Properties --------------------------------------------------------------------------

# Zones with ordinary and unusual changes: 30-minute (Lord Howe) and two-hour (Troll) gaps,
# a change at midnight (São Paulo until 2019), a gap just before midnight (Scoresbysund),
# a whole skipped day (Apia) and odd offsets.
ZONES = [
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Antarctica/Troll",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "Pacific/Chatham",
    "America/St_Johns",
    "America/Scoresbysund",
    "Asia/Kolkata",
    "UTC",
]


@st.composite
def recurrences(draw: st.DrawFn) -> Recurrence:
    frequency = draw(st.sampled_from(Frequency))
    weekdays: tuple[int, ...] = ()
    nth = None
    if frequency is Frequency.WEEKLY:
        weekdays = tuple(draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)))
    elif frequency is Frequency.MONTHLY_NTH_WEEKDAY:
        weekdays = (draw(st.integers(0, 6)),)
        nth = draw(st.sampled_from([1, 2, 3, 4, -1]))
    # Clocks mostly change in the small hours, so those are drawn far more often.
    hour = draw(st.one_of(st.integers(0, 3), st.integers(0, 23)))
    minute = draw(st.one_of(st.sampled_from([0, 15, 30, 45]), st.integers(0, 59)))
    starts_on = draw(st.dates(date(2005, 1, 1), date(2035, 12, 31)))
    length_days = draw(st.none() | st.integers(0, 3000))
    return Recurrence(
        frequency,
        interval=draw(st.integers(1, 4)),
        weekdays=weekdays,
        nth=nth,
        time_of_day=time(hour, minute),
        zone=draw(st.sampled_from(ZONES)),
        starts_on=starts_on,
        ends_on=None if length_days is None else starts_on + timedelta(days=length_days),
    )


moments = st.datetimes(datetime(2003, 1, 1), datetime(2040, 1, 1)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)


def _exists(naive: datetime, tz: ZoneInfo) -> bool:
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive


def _oracle_place(naive: datetime, tz: ZoneInfo) -> datetime:
    """The DST rule worked out without fold: try the offsets in force a day either side."""
    before = (naive - timedelta(days=1)).replace(tzinfo=tz).utcoffset()
    after = (naive + timedelta(days=1)).replace(tzinfo=tz).utcoffset()
    assert before is not None
    assert after is not None
    candidates = [
        (naive - offset).replace(tzinfo=UTC)
        for offset in {before, after}
        if (naive - offset).replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None) == naive
    ]
    if candidates:
        return min(candidates)  # a repeated time: the first of the two
    return (naive - before).replace(tzinfo=UTC)  # a skipped time: forward by the gap


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _oracle_matches(rec: Recurrence, day: date) -> bool:
    """Whether a local date carries a call, by plain arithmetic on the calendar."""
    if day < rec.starts_on or (rec.ends_on is not None and day > rec.ends_on):
        return False
    if rec.frequency is Frequency.DAILY:
        return (day - rec.starts_on).days % rec.interval == 0
    if rec.frequency is Frequency.WEEKLY:
        weeks = (_monday(day) - _monday(rec.starts_on)).days // 7
        return day.weekday() in rec.weekdays and weeks % rec.interval == 0
    months = (day.year - rec.starts_on.year) * 12 + day.month - rec.starts_on.month
    if months % rec.interval or day.weekday() != rec.weekdays[0]:
        return False
    if rec.nth == -1:
        return (day + timedelta(weeks=1)).month != day.month
    return (day.day - 1) // 7 + 1 == rec.nth


def _oracle_between(rec: Recurrence, start: datetime, end: datetime) -> list[datetime]:
    tz = ZoneInfo(rec.zone)
    day = start.astimezone(tz).date() - timedelta(days=2)
    last = end.astimezone(tz).date() + timedelta(days=2)
    found: set[datetime] = set()
    while day <= last:
        if _oracle_matches(rec, day):
            moment = _oracle_place(datetime.combine(day, rec.time_of_day), tz)
            if start <= moment < end:
                found.add(moment)
        day += timedelta(days=1)
    return sorted(found)


def _wall_time_is_kept_or_moved_by_a_gap(rec: Recurrence, moment: datetime) -> bool:
    tz = ZoneInfo(rec.zone)
    local = moment.astimezone(tz)
    if local.time() == rec.time_of_day:
        return True
    # Otherwise the chosen time must have been skipped that day (or the day before, when
    # the gap crosses midnight) and this is where the rule moved it.
    for day in (local.date(), local.date() - timedelta(days=1)):
        chosen = datetime.combine(day, rec.time_of_day)
        if not _exists(chosen, tz) and _oracle_place(chosen, tz) == moment:
            return True
    return False


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(rec=recurrences(), after=moments)
def test_next_occurrence_properties(rec: Recurrence, after: datetime) -> None:
    upcoming = next_occurrences(rec, after, 5)
    following = next_occurrence(rec, after)

    if following is None:
        assert upcoming == []
        assert rec.ends_on is not None
        assert occurrences_between(rec, after, after + timedelta(days=400 * rec.interval)) == []
        return
    assert following > after
    assert upcoming[0] == following
    # Nothing lies between ``after`` and the answer, and the answer itself is an occurrence.
    assert occurrences_between(rec, after + ONE_MICROSECOND, following + ONE_MICROSECOND) == [
        following
    ]
    assert _oracle_between(rec, after + ONE_MICROSECOND, following + ONE_MICROSECOND) == [following]
    assert all(earlier < later for earlier, later in pairwise(upcoming))
    for earlier, later in pairwise(upcoming):
        assert next_occurrence(rec, earlier) == later
        assert latest_before(rec, later) == earlier
    assert latest_before(rec, following + ONE_MICROSECOND) == following
    for moment in upcoming:
        assert moment.tzinfo is UTC
        assert _wall_time_is_kept_or_moved_by_a_gap(rec, moment)


@PROPERTY_SETTINGS
@given(rec=recurrences(), start=moments, span_days=st.integers(0, 200))
def test_occurrences_between_matches_calendar_arithmetic(
    rec: Recurrence, start: datetime, span_days: int
) -> None:
    end = start + timedelta(days=span_days)

    found = occurrences_between(rec, start, end)

    assert found == _oracle_between(rec, start, end)
    assert all(earlier < later for earlier, later in pairwise(found))


@settings(max_examples=100, deadline=None)
@given(rec=recurrences())
def test_rrule_round_trips_and_means_the_same_to_dateutil(rec: Recurrence) -> None:
    rule = rec.to_rrule()
    assert (
        Recurrence.from_rrule(
            rule,
            time_of_day=rec.time_of_day,
            zone=rec.zone,
            starts_on=rec.starts_on,
            ends_on=rec.ends_on,
        )
        == rec
    )
    # dateutil reading our RRULE from the plan's start gives the same local dates.
    last = min(rec.ends_on or date.max, rec.starts_on + timedelta(days=400))
    theirs = rrulestr(rule, dtstart=datetime.combine(rec.starts_on, rec.time_of_day))
    their_days = [
        d.date()
        for d in theirs.between(
            datetime.combine(rec.starts_on, time.min),
            datetime.combine(last, time.max),
            inc=True,
        )
    ]
    assert their_days == list(_oracle_days(rec, rec.starts_on, last))


def _oracle_days(rec: Recurrence, first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        if _oracle_matches(rec, day):
            yield day
        day += timedelta(days=1)
