"""Plain words for a care worker about a profile: each problem with its line and field and what
to do, and each change a profile would make."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lonely_bridge.domain.errors import LinkRefused
from lonely_bridge.domain.profile import Change, ChangeKind, ProfileProblem, ProfileProblemKind
from lonely_bridge.i18n import _
from lonely_bridge.wording.links import explain_refusal
from lonely_bridge.wording.problems import explain

Kind = ProfileProblemKind


def _expected() -> dict[str, str]:
    return {
        "text": _('text in quotes, like "Anna"'),
        "whole_number": _("a whole number, like 7"),
        "true_or_false": _("true or false"),
        "table": _("a table, starting with [its name] on a line of its own"),
        "list": _('a list in square brackets, like ["level", "reasons"]'),
        "list_of_text": _('a list of text in square brackets, like ["meet.example.org"]'),
        "list_of_tables": _("entries that each start with [[its name]] on a line of their own"),
        "date": _("a date, like 2027-01-03"),
        "pin_in_quotes": _('the PIN in quotes, like "4821", so that a leading 0 is kept'),
        "link": _('a link in quotes, or { url = "https://...", label = "Anna on Zoom" }'),
    }


def _texts() -> dict[ProfileProblemKind, str]:
    return {
        Kind.TOO_LARGE: _(
            "The file is {size} bytes; a profile may be at most {limit} bytes. "
            "Please check that this is the right file."
        ),
        Kind.UNREADABLE: _(
            "The file could not be read ({reason}). Please check its name and that it is there."
        ),
        Kind.NOT_UTF8: _(
            "This line has characters that are not UTF-8 text. Please save the file as UTF-8 "
            "in your text editor."
        ),
        Kind.NOT_TOML: _(
            "The file is not written as TOML here. Please compare it with "
            "packaging/profile-example.toml (quotes, = signs and [table] lines)."
        ),
        Kind.EMPTY: _(
            "The file is empty. Please start from packaging/profile-example.toml, or write one "
            "on a computer already set up with export-profile."
        ),
        Kind.NO_VERSION: _(
            'There is no "version = {expected}" line. Please add it at the top of the file.'
        ),
        Kind.NEWER_VERSION: _(
            "This profile is version {version}, and this Lonely Bridge reads version 1. "
            "Please install the newest Lonely Bridge, or write the profile as version 1."
        ),
        Kind.NOT_A_CHOICE: _("This must be one of: {choices}. Please pick one of them."),
        Kind.MISSING_FIELD: _('The field "{name}" is needed here. Please add it.'),
        Kind.WRONG_TYPE: _("This should be {expected}. Please change it."),
        Kind.EMPTY_TEXT: _("This is empty. Please write the name."),
        Kind.TOO_LONG: _("This is longer than {limit} characters. Please shorten it."),
        Kind.MARKUP: _(
            "This looks like web page code (such as <b> or &amp;). Please write the plain "
            "words only."
        ),
        Kind.OUT_OF_RANGE: _("This must be from {minimum} to {maximum}. Please change it."),
        Kind.BAD_TIME: _(
            'Please write the time as hours and minutes on the 24-hour clock, like "16:00".'
        ),
        Kind.UNKNOWN_TIME_ZONE: _(
            '"{zone}" is not a time zone this computer knows. Please use a name like '
            '"Europe/London" or "America/New_York".'
        ),
        Kind.RULE_UNSUPPORTED: _(
            'Lonely Bridge cannot keep the rule "{rule}" ({detail}). It keeps daily rules, '
            "weekly ones (like FREQ=WEEKLY;BYDAY=SU) and monthly ones on a weekday (like "
            "FREQ=MONTHLY;BYDAY=1SU, or -1FR for the last Friday), each with INTERVAL=2 or "
            "more for every second one. Please write the rule in one of these ways."
        ),
        Kind.ENDS_BEFORE_START: _("The last day comes before the first. Please check both dates."),
        Kind.UNKNOWN_PERSON: _(
            'There is nobody called "{name}" in this profile or on this computer. Please add '
            "them under [[people]], or check the spelling."
        ),
        Kind.UNKNOWN_LINK: _(
            "This is not one of {name}'s links. Please add it to their links, or leave this "
            "line out to use their usual one."
        ),
        Kind.UNKNOWN_LESSON: _(
            'There is no lesson "{name}" on this computer. Please check its name: it is the '
            "lesson file's name without .toml, like joining-zoom."
        ),
        Kind.BOTH_PIN_AND_HASH: _("Please give either pin or pin_hash, not both."),
    }


def _unknown_field(p: Mapping[str, Any]) -> str:
    if p.get("secret"):
        return _(
            "Passwords are never kept in a profile. Please remove this line, and type the "
            "password in Lonely Bridge's e-mail settings on the computer itself."
        )
    text = _('Lonely Bridge does not know the field "{name}".').format(name=p.get("name", "?"))
    if p.get("suggestion"):
        return text + " " + _('Did you mean "{suggestion}"?').format(suggestion=p["suggestion"])
    return text + " " + _("Please remove it, or check its spelling in docs/PROFILE.md.")


def _duplicate(p: Mapping[str, Any]) -> str:
    if p.get("other_line") is not None:
        return _(
            '"{name}" is the same person as "{other}" on line {other_line}. Please keep one '
            "entry for each person."
        ).format(name=p.get("name"), other=p.get("other"), other_line=p.get("other_line"))
    return _('"{name}" is listed twice. Please keep one of them.').format(name=p.get("name"))


def _refused(problem: ProfileProblem) -> str:
    cause = problem.cause
    if isinstance(cause, LinkRefused):
        return explain_refusal(cause)
    if cause is None:
        return _("Lonely Bridge cannot use this.")
    words = explain(cause)
    return f"{words.text} {words.next_step}"


def where(problem: ProfileProblem) -> str:
    """ "Line 12, people #2, links #1" or "The file"."""
    parts: list[str] = []
    for step in problem.path:
        if isinstance(step, int):
            parts[-1] = f"{parts[-1]} #{step}"
        else:
            parts.append(step)
    place = ", ".join(parts)
    if problem.line is None:
        return place or _("The file")
    line = _("Line {line}").format(line=problem.line)
    return f"{line}, {place}" if place else line


def explain_profile_problem(problem: ProfileProblem) -> str:
    """One line: where the problem is, what it is and what to do."""
    params = dict(problem.params)
    if problem.kind is Kind.UNKNOWN_FIELD:
        text = _unknown_field(params)
    elif problem.kind is Kind.DUPLICATE:
        text = _duplicate(params)
    elif problem.kind is Kind.REFUSED:
        text = _refused(problem)
    else:
        if "expected" in params:
            params["expected"] = _expected().get(str(params["expected"]), params["expected"])
        if "choices" in params:
            params["choices"] = ", ".join(str(choice) for choice in params["choices"])
        text = _texts()[problem.kind].format_map(_Missing(params))
    return f"{where(problem)}: {text}"


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def not_applied(count: int) -> str:
    return (
        (
            _("The profile was not applied: {count} problem was found.")
            if count == 1
            else _("The profile was not applied: {count} problems were found.")
        ).format(count=count)
        + " "
        + _("Nothing on this computer was changed.")
    )


def describe_change(change: Change) -> str:
    texts = {
        ChangeKind.SETTING: _("Set {subject} to {detail}"),
        ChangeKind.PIN: _("Set the helper's PIN"),
        ChangeKind.PIN_TRIES_CLEARED: _(
            "Forget the wrong PIN tries (so there is no wait before the next try)"
        ),
        ChangeKind.PERSON_ADDED: _("Add {subject}"),
        ChangeKind.PERSON_CHANGED: _("Change {subject}: {detail}"),
        ChangeKind.LINK_ADDED: _("Add a way to call {subject}: {detail}"),
        ChangeKind.PLAN_ADDED: _("Plan regular calls with {subject}: {detail}"),
        ChangeKind.PLAN_CHANGED: _("Change the regular calls with {subject}: {detail}"),
        ChangeKind.TRUSTED_ADDED: _("Let {subject} hear how things are going, at {detail}"),
        ChangeKind.TRUSTED_CHANGED: _("Change what {subject} hears ({detail})"),
    }
    return texts[change.kind].format(subject=change.subject, detail=change.detail)
