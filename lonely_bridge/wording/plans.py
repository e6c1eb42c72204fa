"""Plans in plain words: the repeat rule, clock changes ahead, and the time on both clocks."""

from __future__ import annotations

from datetime import date, datetime

from lonely_bridge.domain.recurrence import (
    DstIssue,
    Frequency,
    Recurrence,
    next_clock_change,
    on_both_clocks,
)
from lonely_bridge.i18n import _
from lonely_bridge.wording.time import clock_time, day_name, long_day


def local_time_warning(rec: Recurrence, *, from_date: date | None = None) -> str | None:
    """A gentle sentence about the next clock change that touches this plan, or None.

    Looks two years ahead from ``from_date`` (default: the plan's start). Follows the DST
    rule: a skipped time moves forward by the gap; a repeated time is used once, first.
    """
    change = next_clock_change(rec, from_date=from_date)
    if change is None:
        return None
    chosen = clock_time(change.planned)
    when = long_day(change.day)
    if change.issue is DstIssue.SKIPPED:
        return _(
            "When the clocks go forward on {date}, {time} doesn't exist; "
            "that call will be at {new_time} instead."
        ).format(date=when, time=chosen, new_time=clock_time(change.actual))
    return _(
        "When the clocks go back on {date}, {time} happens twice; "
        "that call will be at the first {time}, just once."
    ).format(date=when, time=chosen)


def _ordinal_word(nth: int) -> str:
    words = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), -1: _("last")}
    return words[nth]


def _count_word(count: int) -> str:
    # Words read more easily than digits for small numbers; larger ones stay digits.
    words = {
        2: _("two"),
        3: _("three"),
        4: _("four"),
        5: _("five"),
        6: _("six"),
        7: _("seven"),
        8: _("eight"),
        9: _("nine"),
        10: _("ten"),
        11: _("eleven"),
        12: _("twelve"),
    }
    return words.get(count, str(count))


def _join_words(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def describe(rec: Recurrence) -> str:
    """The plan in plain words, e.g. "Every two weeks on Sunday at 4 pm"."""
    at = clock_time(rec.time_of_day)
    if rec.frequency is Frequency.DAILY:
        if rec.interval == 1:
            return _("Every day at {time}").format(time=at)
        return _("Every {count} days at {time}").format(count=_count_word(rec.interval), time=at)
    day_names = [day_name(day) for day in rec.weekdays]
    if rec.frequency is Frequency.WEEKLY:
        days = _join_words(day_names)
        if rec.interval > 1:
            return _("Every {count} weeks on {days} at {time}").format(
                count=_count_word(rec.interval), days=days, time=at
            )
        if len(day_names) == 1:
            return _("Every week on {days} at {time}").format(days=days, time=at)
        return _("Every {days} at {time}").format(days=days, time=at)
    assert rec.nth is not None  # guaranteed by Recurrence validation
    nth = _ordinal_word(rec.nth)
    if rec.interval == 1:
        return _("On the {nth} {day} of each month at {time}").format(
            nth=nth, day=day_names[0], time=at
        )
    return _("On the {nth} {day}, every {count} months, at {time}").format(
        nth=nth, day=day_names[0], count=_count_word(rec.interval), time=at
    )


def local_times_text(utc_moment: datetime, home_zone: str, their_zone: str, their_name: str) -> str:
    """The same moment on both clocks: "4 pm here, 11 am for Anna".

    When the other person's calendar day differs from ours, their weekday is added:
    "11 pm here, 8 am Monday for Anna".
    """
    here, there = on_both_clocks(utc_moment, home_zone, their_zone)
    their_time = clock_time(there.time())
    if there.date() != here.date():
        their_time = _("{time} {weekday}").format(
            time=their_time, weekday=day_name(there.weekday())
        )
    return _("{home_time} here, {their_time} for {name}").format(
        home_time=clock_time(here.time()), their_time=their_time, name=their_name
    )
