"""Gentle, plain-words descriptions of times and gaps ("3 days ago", "4 pm")."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from lonely_bridge.i18n import _, ngettext


def ago(gap: timedelta) -> str:
    days = gap.days
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if days < 14:
        return ngettext("{n} day ago", "{n} days ago", days).format(n=days)
    weeks = days // 7
    if weeks < 9:
        return ngettext("{n} week ago", "{n} weeks ago", weeks).format(n=weeks)
    months = max(2, days // 30)
    return ngettext("{n} month ago", "{n} months ago", months).format(n=months)


def clock_time(moment: time | datetime) -> str:
    """12-hour wall-clock words: "4 pm", "10:30 am"; "noon" and "midnight" avoid "12 pm"."""
    hour, minute = moment.hour, moment.minute
    if minute == 0 and hour == 12:
        return _("noon")
    if minute == 0 and hour == 0:
        return _("midnight")
    shown = hour % 12 or 12
    clock = str(shown) if minute == 0 else f"{shown}:{minute:02d}"
    template = _("{clock} am") if hour < 12 else _("{clock} pm")
    return template.format(clock=clock)


def greeting(local_now: datetime) -> str:
    if local_now.hour < 12:
        return _("Good morning")
    if local_now.hour < 18:
        return _("Good afternoon")
    return _("Good evening")


def _weekdays() -> tuple[str, ...]:
    return (
        _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"),
        _("Friday"), _("Saturday"), _("Sunday"),
    )  # fmt: skip


def _months() -> tuple[str, ...]:
    return (
        _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
        _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
    )  # fmt: skip


def day_name(weekday: int) -> str:
    """The name of a weekday, 0 = Monday."""
    return _weekdays()[weekday]


def month_name(month: int) -> str:
    """The name of a month, 1 = January."""
    return _months()[month - 1]


def weekday_name(moment: date) -> str:
    return day_name(moment.weekday())


def long_day(moment: date) -> str:
    """ "6 December", written without locale-dependent strftime names."""
    return _("{day} {month}").format(day=moment.day, month=month_name(moment.month))


def long_date(local_now: date) -> str:
    """ "Thursday 26 November"."""
    return f"{weekday_name(local_now)} {long_day(local_now)}"


def date_and_time(moment: datetime) -> str:
    """ "Sunday 29 November at 4 pm", in the zone ``moment`` is already in."""
    return _("{date} at {time}").format(date=long_date(moment.date()), time=clock_time(moment))


def short_date(moment: datetime) -> str:
    """ "16 Nov": a day and a short month name."""
    months = (
        _("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun"),
        _("Jul"), _("Aug"), _("Sep"), _("Oct"), _("Nov"), _("Dec"),
    )  # fmt: skip
    return f"{moment.day} {months[moment.month - 1]}"


def when_words(moment: datetime, today: date) -> str:
    """ "Today at 4 pm", "Tomorrow at 10:30 am", "Sunday at 4 pm", "Sunday 6 December at 4 pm"."""
    at = clock_time(moment)
    days = (moment.date() - today).days
    if days == 0:
        return _("Today at {time}").format(time=at)
    if days == 1:
        return _("Tomorrow at {time}").format(time=at)
    if days == -1:
        return _("Yesterday at {time}").format(time=at)
    if 1 < days < 7:
        return _("{day} at {time}").format(day=weekday_name(moment), time=at)
    return _("{date} at {time}").format(date=f"{weekday_name(moment)} {long_day(moment)}", time=at)
