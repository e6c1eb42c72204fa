"""When a call plan recurs, worked out on the wall clock of the plan's own IANA time zone.

Daylight-saving rule. The time of day that the person chose ("Sundays at 4 pm") is a
wall-clock time in the plan's zone, so every occurrence is at that local time and never
drifts when the clocks change. The dates are found on the local calendar first (dateutil's
``rrule`` over naive local datetimes); each date's chosen time is then placed in the zone:

* a time that does not exist that day (skipped when the clocks go forward) moves FORWARD by
  the length of the gap: 01:30 on the spring-forward Sunday in Europe/London becomes
  02:30 BST, and 02:30 in America/New_York becomes 03:30 EDT;
* a time that happens twice (repeated when the clocks go back) takes the FIRST of the two
  (``fold=0``), and the call fires once only: 01:30 on the autumn Sunday in Europe/London
  is 01:30 BST (00:30 UTC), never also 01:30 GMT.

A moved call can land on the next local date (a gap just before midnight, or Samoa's
skipped 30 December 2011); if it lands on the same instant as the next call, it fires once.

Occurrences are returned as aware UTC datetimes. :func:`dst_issues` and
:func:`next_clock_change` let the screens warn gently when a chosen time is affected
(wording.plans says it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule as _rr


class Frequency(StrEnum):
    """How often a plan repeats."""

    DAILY = "daily"
    WEEKLY = "weekly"
    # "The first Monday of each month"; ``nth`` = -1 means the last one.
    MONTHLY_NTH_WEEKDAY = "monthly_nth_weekday"


class DstIssue(StrEnum):
    """How a clock change touches a chosen time on one date."""

    SKIPPED = "skipped"  # the time does not exist; the call moves forward by the gap
    REPEATED = "repeated"  # the time happens twice; the call is at the first one only


# Which n-th weekdays of a month a plan may use; -1 is "the last". A fifth weekday is
# left out on purpose: most months lack one, so the plan would silently skip months.
ALLOWED_NTH: frozenset[int] = frozenset({1, 2, 3, 4, -1})

# RFC 5545 two-letter weekday codes, indexed like datetime.weekday() (0 = Monday).
_RRULE_DAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Zone keys that resolve on this computer but follow the computer, not the plan: a plan
# saved with them would silently change meaning when the machine's zone changes.
_HOST_DEPENDENT_ZONES: frozenset[str] = frozenset({"localtime", "posixrules"})

# How far (in local wall-clock time) to start searching before a moment so that no
# occurrence is missed. UTC offsets lie within about ±16 h (including historic local mean
# time), and a skipped time moves forward by at most a day (Samoa, 30 December 2011), so
# two days always covers the difference between a moment and its neighbouring occurrences.
_SEARCH_MARGIN = timedelta(days=2)

_RRULE_FREQ: dict[Frequency, str] = {
    Frequency.DAILY: "DAILY",
    Frequency.WEEKLY: "WEEKLY",
    Frequency.MONTHLY_NTH_WEEKDAY: "MONTHLY",
}

_DATEUTIL_FREQ: dict[Frequency, int] = {
    Frequency.DAILY: _rr.DAILY,
    Frequency.WEEKLY: _rr.WEEKLY,
    Frequency.MONTHLY_NTH_WEEKDAY: _rr.MONTHLY,
}


def _zone(name: str) -> ZoneInfo:
    """Load an IANA zone, turning every way of failing into one ValueError."""
    if not isinstance(name, str) or name in _HOST_DEPENDENT_ZONES:
        raise ValueError(f"unknown time zone {name!r}; use an IANA name like 'Europe/London'")
    try:
        return ZoneInfo(name)
    # ZoneInfo raises KeyError for unknown keys, ValueError for malformed ones and
    # OSError when the key names a folder such as "Europe".
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name like 'Europe/London'"
        ) from error


def known_zone(name: str) -> bool:
    """Whether this computer's time-zone data has ``name`` (an older copy may lack new zones)."""
    try:
        _zone(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A repeating call time, e.g. every two weeks on Sunday at 16:00 in Europe/London.

    ``weekdays`` use 0 = Monday .. 6 = Sunday and are stored sorted. ``starts_on`` and
    ``ends_on`` are local calendar dates in ``zone`` and both are inclusive.
    Everything after ``frequency`` is keyword-only so a plan reads unambiguously.
    """

    frequency: Frequency
    _kw: KW_ONLY
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    nth: int | None = None
    time_of_day: time
    zone: str
    starts_on: date
    ends_on: date | None = None

    def __post_init__(self) -> None:
        # Normalising here (rather than rejecting) lets Frequency("weekly") from storage and
        # weekdays in any order compare equal to the same plan built by hand.
        object.__setattr__(self, "frequency", Frequency(self.frequency))
        if isinstance(self.interval, bool) or not isinstance(self.interval, int):
            raise ValueError(f"interval must be a whole number, got {self.interval!r}")
        if self.interval < 1:
            raise ValueError(f"interval must be 1 or more, got {self.interval}")
        self._check_weekdays()
        self._check_nth()
        if not isinstance(self.time_of_day, time):
            raise ValueError(f"time_of_day must be a datetime.time, got {self.time_of_day!r}")
        if self.time_of_day.tzinfo is not None:
            raise ValueError("time_of_day must be a naive wall-clock time; the zone is separate")
        if self.time_of_day.second or self.time_of_day.microsecond:
            raise ValueError("time_of_day must be a whole minute")
        object.__setattr__(self, "time_of_day", self.time_of_day.replace(fold=0))
        _zone(self.zone)
        # datetime is a subclass of date; a datetime here would hide a zone mistake.
        if not isinstance(self.starts_on, date) or isinstance(self.starts_on, datetime):
            raise ValueError(f"starts_on must be a date, got {self.starts_on!r}")
        if self.ends_on is not None:
            if not isinstance(self.ends_on, date) or isinstance(self.ends_on, datetime):
                raise ValueError(f"ends_on must be a date or None, got {self.ends_on!r}")
            if self.ends_on < self.starts_on:
                raise ValueError(
                    f"ends_on ({self.ends_on}) must not be before starts_on ({self.starts_on})"
                )

    def _check_weekdays(self) -> None:
        days = tuple(self.weekdays)
        for day in days:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise ValueError(f"weekdays must be 0 (Monday) to 6 (Sunday), got {day!r}")
        if len(set(days)) != len(days):
            raise ValueError(f"weekdays must not repeat, got {days}")
        if self.frequency is Frequency.DAILY and days:
            raise ValueError("a daily plan takes no weekdays; use WEEKLY for chosen days")
        if self.frequency is Frequency.WEEKLY and not days:
            raise ValueError("a weekly plan needs at least one weekday")
        if self.frequency is Frequency.MONTHLY_NTH_WEEKDAY and len(days) != 1:
            raise ValueError("a monthly plan needs exactly one weekday, e.g. (0,) for Monday")
        object.__setattr__(self, "weekdays", tuple(sorted(days)))

    def _check_nth(self) -> None:
        if self.frequency is Frequency.MONTHLY_NTH_WEEKDAY:
            if isinstance(self.nth, bool) or self.nth not in ALLOWED_NTH:
                raise ValueError(f"nth must be 1, 2, 3, 4 or -1 (last), got {self.nth!r}")
        elif self.nth is not None:
            raise ValueError(f"nth is only for monthly plans, got {self.nth!r}")

    @property
    def tz(self) -> ZoneInfo:
        """The plan's zone as a tzinfo."""
        return _zone(self.zone)

    def to_rrule(self) -> str:
        """The RFC 5545 RRULE value, e.g. ``FREQ=WEEKLY;INTERVAL=2;BYDAY=SU``.

        The start, end, time of day and zone are not part of the value; they travel
        separately (as DTSTART and the plan's own fields would in iCalendar).
        """
        parts = [f"FREQ={_RRULE_FREQ[self.frequency]}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency is Frequency.WEEKLY:
            parts.append("BYDAY=" + ",".join(_RRULE_DAYS[day] for day in self.weekdays))
        elif self.frequency is Frequency.MONTHLY_NTH_WEEKDAY:
            parts.append(f"BYDAY={self.nth}{_RRULE_DAYS[self.weekdays[0]]}")
        return ";".join(parts)

    @classmethod
    def from_rrule(
        cls,
        rule: str,
        *,
        time_of_day: time,
        zone: str,
        starts_on: date,
        ends_on: date | None = None,
    ) -> Recurrence:
        """Build a plan from an RRULE value that :meth:`to_rrule` could have written.

        Accepts an optional ``RRULE:`` prefix, any letter case and ``WKST=MO`` (the
        default). Anything else we cannot keep exactly (COUNT, UNTIL, BYSETPOS, BYMONTHDAY,
        other week starts, ...) raises ValueError rather than being silently changed.
        """
        fields = _parse_rrule(rule)
        freq_text = fields.pop("FREQ", None)
        if freq_text is None:
            raise ValueError(f"RRULE {rule!r} has no FREQ")
        interval = _parse_interval(fields.pop("INTERVAL", "1"))
        if fields.pop("WKST", "MO") != "MO":
            # The week start shifts which weeks count for "every two weeks".
            raise ValueError("only WKST=MO (the default) is supported")
        byday = fields.pop("BYDAY", None)
        if fields:
            raise ValueError(f"unsupported RRULE parts: {', '.join(sorted(fields))}")

        common: dict[str, Any] = {
            "interval": interval,
            "time_of_day": time_of_day,
            "zone": zone,
            "starts_on": starts_on,
            "ends_on": ends_on,
        }
        if freq_text == "DAILY":
            if byday is not None:
                raise ValueError("FREQ=DAILY with BYDAY is not supported; use FREQ=WEEKLY")
            return cls(Frequency.DAILY, **common)
        if freq_text == "WEEKLY":
            if byday is None:
                raise ValueError("FREQ=WEEKLY needs BYDAY")
            days = tuple(_parse_day(code, rule) for code in byday.split(","))
            return cls(Frequency.WEEKLY, weekdays=days, **common)
        if freq_text == "MONTHLY":
            if byday is None or "," in byday:
                raise ValueError("FREQ=MONTHLY needs exactly one BYDAY such as 1MO or -1FR")
            nth_text, day_code = byday[:-2], byday[-2:]
            try:
                nth = int(nth_text)
            except ValueError:
                raise ValueError(
                    f"FREQ=MONTHLY needs a numbered BYDAY such as 1MO or -1FR, got {byday!r}"
                ) from None
            return cls(
                Frequency.MONTHLY_NTH_WEEKDAY,
                weekdays=(_parse_day(day_code, rule),),
                nth=nth,
                **common,
            )
        raise ValueError(f"unsupported FREQ {freq_text!r}; use DAILY, WEEKLY or MONTHLY")


def _parse_rrule(rule: str) -> dict[str, str]:
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    fields: dict[str, str] = {}
    for part in text.split(";"):
        if not part:
            continue
        name, sep, value = part.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if not sep or not name or not value:
            raise ValueError(f"malformed RRULE part {part!r} in {rule!r}")
        if name in fields:
            raise ValueError(f"RRULE part {name} appears twice in {rule!r}")
        fields[name] = value
    return fields


def _parse_interval(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ValueError(f"INTERVAL must be a whole number of 1 or more, got {text!r}")
    return int(text)


def _parse_day(code: str, rule: str) -> int:
    try:
        return _RRULE_DAYS.index(code)
    except ValueError:
        raise ValueError(f"unsupported weekday {code!r} in RRULE {rule!r}") from None


# --- Occurrences -------------------------------------------------------------------------


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (naive times are ambiguous)")
    return moment


def _localise(naive: datetime, tz: tzinfo) -> datetime:
    """Place a local wall time in its zone by the module's DST rule; returns UTC.

    PEP 495's ``fold=0`` is exactly our rule: for a repeated time it means the first
    (earlier) instant, and for a skipped time it applies the offset in force before the
    change, which lands the call the length of the gap later on the wall clock.
    """
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def _classify(naive: datetime, tz: tzinfo) -> DstIssue | None:
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back_again = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return DstIssue.REPEATED if back_again == naive else DstIssue.SKIPPED


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, 1)


def _phase_start(rec: Recurrence, floor: date) -> date:
    """A date to restart the rule from that keeps its rhythm and is no later than ``floor``.

    dateutil's ``after()`` and ``between()`` walk every occurrence since DTSTART, so a
    plan begun years ago would cost thousands of steps per query. Restarting from the start
    of the latest period (day, week or month) that is a whole number of intervals after
    ``starts_on`` and not after ``floor`` gives exactly the same occurrences from there on.
    """
    start = rec.starts_on
    if floor <= start:
        return start
    if rec.frequency is Frequency.DAILY:
        periods = (floor - start).days // rec.interval * rec.interval
        return start + timedelta(days=periods)
    if rec.frequency is Frequency.WEEKLY:
        # Weeks run Monday to Sunday (RRULE's default WKST=MO), counted from starts_on's week.
        first_monday = start - timedelta(days=start.weekday())
        weeks = (floor - first_monday).days // 7 // rec.interval * rec.interval
        return start if weeks == 0 else first_monday + timedelta(weeks=weeks)
    months = (floor.year - start.year) * 12 + floor.month - start.month
    months = months // rec.interval * rec.interval
    return start if months == 0 else _add_months(start, months)


def _planned_local(rec: Recurrence, floor: date) -> Iterator[datetime]:
    """Naive local wall times the person chose, in order, from about ``floor`` onwards."""
    first = _phase_start(rec, floor)
    if rec.ends_on is not None and first > rec.ends_on:
        return
    byweekday: Any = None
    if rec.frequency is Frequency.WEEKLY:
        byweekday = rec.weekdays
    elif rec.frequency is Frequency.MONTHLY_NTH_WEEKDAY:
        byweekday = _rr.weekday(rec.weekdays[0], rec.nth)
    until = None if rec.ends_on is None else datetime.combine(rec.ends_on, rec.time_of_day)
    rule = _rr.rrule(
        _DATEUTIL_FREQ[rec.frequency],
        dtstart=datetime.combine(first, rec.time_of_day),
        interval=rec.interval,
        # Explicit, because dateutil's default follows calendar.firstweekday(), a global.
        wkst=_rr.MO,
        byweekday=byweekday,
        until=until,
        cache=False,
    )
    yield from rule


def _utc_occurrences(rec: Recurrence, local_floor: datetime) -> Iterator[datetime]:
    """Occurrences in UTC, non-decreasing and without repeats, from about ``local_floor``.

    The order holds because a skipped time moves forward by at most a day and occurrences
    are at least a day apart; a whole skipped day (Samoa, December 2011) can make one
    occurrence land on the next one's instant, and that call is kept once.
    """
    tz = rec.tz
    previous: datetime | None = None
    for planned in _planned_local(rec, local_floor.date()):
        moment = _localise(planned, tz)
        if moment != previous:
            yield moment
        previous = moment


def _local_floor(rec: Recurrence, moment: datetime) -> datetime:
    return moment.astimezone(rec.tz).replace(tzinfo=None) - _SEARCH_MARGIN


def occurrences_between(rec: Recurrence, start: datetime, end: datetime) -> list[datetime]:
    """Every occurrence ``t`` with ``start <= t < end``, as aware UTC datetimes in order.

    DST rule: each occurrence is at the chosen wall-clock time in the plan's zone; a
    skipped time moves forward by the gap, a repeated time is used once, at its first
    instant (see the module docstring).
    """
    _aware(start, "start")
    _aware(end, "end")
    found: list[datetime] = []
    if end <= start:
        return found
    for moment in _utc_occurrences(rec, _local_floor(rec, start)):
        if moment >= end:
            break
        if moment >= start:
            found.append(moment)
    return found


def next_occurrences(rec: Recurrence, after: datetime, count: int) -> list[datetime]:
    """The next ``count`` occurrences strictly after ``after`` (fewer if the plan ends), UTC.

    DST rule as in the module docstring: wall-clock time kept, skipped time moved forward
    by the gap, repeated time used once at its first instant.
    """
    _aware(after, "after")
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    found: list[datetime] = []
    if count == 0:
        return found
    for moment in _utc_occurrences(rec, _local_floor(rec, after)):
        if moment > after:
            found.append(moment)
            if len(found) == count:
                break
    return found


def next_occurrence(rec: Recurrence, after: datetime) -> datetime | None:
    """The first occurrence strictly after ``after`` in UTC, or None once the plan has ended.

    DST rule as in the module docstring: wall-clock time kept, skipped time moved forward
    by the gap, repeated time used once at its first instant.
    """
    found = next_occurrences(rec, after, 1)
    return found[0] if found else None


# --- Clock changes -----------------------------------------------------------------------


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def dst_issues(
    rec: Recurrence, *, from_date: date | None = None, horizon_years: int = 2
) -> list[tuple[date, DstIssue]]:
    """Local dates, from ``from_date`` (default: the plan's start) for ``horizon_years``,
    on which the chosen time is skipped or repeated by a clock change.

    On a SKIPPED date the call moves forward by the length of the gap; on a REPEATED date
    it happens once, at the first of the two instants (the module's DST rule).
    """
    if horizon_years < 0:
        raise ValueError(f"horizon_years must not be negative, got {horizon_years}")
    first = max(rec.starts_on, from_date or rec.starts_on)
    last = _years_later(first, horizon_years)
    tz = rec.tz
    issues: list[tuple[date, DstIssue]] = []
    for planned in _planned_local(rec, first):
        if planned.date() >= last:
            break
        if planned.date() < first:
            continue
        issue = _classify(planned, tz)
        if issue is not None:
            issues.append((planned.date(), issue))
    return issues


@dataclass(frozen=True, slots=True)
class ClockChange:
    """The next clock change that touches a plan: the day, what happens to its time, and the
    time the call will really be at (the first one, when the hour repeats)."""

    day: date
    issue: DstIssue
    planned: time
    actual: time


def next_clock_change(rec: Recurrence, *, from_date: date | None = None) -> ClockChange | None:
    """The first clock change within two years that moves or repeats this plan's time.

    Looks two years ahead from ``from_date`` (default: the plan's start). Follows the DST
    rule: a skipped time moves forward by the gap; a repeated time is used once, first.
    """
    issues = dst_issues(rec, from_date=from_date)
    if not issues:
        return None
    day, issue = issues[0]
    planned = datetime.combine(day, rec.time_of_day)
    actual = _localise(planned, rec.tz).astimezone(rec.tz).time()
    return ClockChange(day, issue, rec.time_of_day, actual)


def on_both_clocks(
    utc_moment: datetime, home_zone: str, their_zone: str
) -> tuple[datetime, datetime]:
    """The same moment on our clock and on theirs."""
    _aware(utc_moment, "utc_moment")
    return utc_moment.astimezone(_zone(home_zone)), utc_moment.astimezone(_zone(their_zone))
