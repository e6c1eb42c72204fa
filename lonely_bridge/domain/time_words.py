"""Gentle, plain-words descriptions of times and gaps ("3 days ago", "4 pm")."""

from __future__ import annotations

from datetime import datetime, time, timedelta

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


def long_date(local_now: datetime) -> str:
    """ "Thursday 26 November", written without locale-dependent strftime names."""
    weekdays = (
        _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"),
        _("Friday"), _("Saturday"), _("Sunday"),
    )  # fmt: skip
    months = (
        _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
        _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
    )  # fmt: skip
    return f"{weekdays[local_now.weekday()]} {local_now.day} {months[local_now.month - 1]}"


def short_date(moment: datetime) -> str:
    """ "16 Nov": a day and a short month name."""
    months = (
        _("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun"),
        _("Jul"), _("Aug"), _("Sep"), _("Oct"), _("Nov"), _("Dec"),
    )  # fmt: skip
    return f"{moment.day} {months[moment.month - 1]}"
