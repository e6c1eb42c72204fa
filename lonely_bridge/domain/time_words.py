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
    """12-hour time in plain words: "4 pm", "10:30 am", "12 noon"."""
    hour, minute = moment.hour, moment.minute
    if hour == 12 and minute == 0:
        return _("12 noon")
    suffix = _("am") if hour < 12 else _("pm")
    shown = hour % 12 or 12
    return f"{shown} {suffix}" if minute == 0 else f"{shown}:{minute:02d} {suffix}"


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


def weekday_name(moment: date) -> str:
    return _weekdays()[moment.weekday()]


def long_day(moment: date) -> str:
    """ "6 December", written without locale-dependent strftime names."""
    return f"{moment.day} {_months()[moment.month - 1]}"


def long_date(local_now: date) -> str:
    """ "Thursday 26 November"."""
    return f"{weekday_name(local_now)} {long_day(local_now)}"


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
