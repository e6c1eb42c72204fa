"""A profile written as TOML that ``parse_profile`` reads back to the same records.

Only the few TOML forms a profile needs are written (text, whole numbers, true/false, dates
and lists of them), so no writer library is needed; text is escaped as TOML's basic
strings require.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from lonely_bridge.domain.plans import DEFAULT_REMINDER_LEAD
from lonely_bridge.domain.profile import (
    PROFILE_VERSION,
    Profile,
    ProfileLink,
    ProfilePerson,
    ProfilePlan,
)
from lonely_bridge.domain.settings import MAIL_SERVER
from lonely_bridge.domain.sharing import TrustedPerson, topics_to_json
from lonely_bridge.formats.profile import OWNER_FIELDS

HEADER = (
    "# A Lonely Bridge set-up profile (docs/PROFILE.md describes every field).\n"
    "# Apply it with: lonely-bridge provision THIS-FILE.toml --dry-run, then without --dry-run.\n"
)
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for character in text:
        if character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif ord(character) < 0x20 or ord(character) == 0x7F:
            out.append(f"\\u{ord(character):04X}")
        else:
            out.append(character)
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items())
        return "{ " + inner + " }"
    raise TypeError(f"a profile holds no {type(value).__name__}")


def _table(header: str, fields: Iterable[tuple[str, Any]]) -> list[str]:
    return ["", header, *(f"{key} = {toml_value(value)}" for key, value in fields)]


def write_profile(profile: Profile) -> str:
    """The profile as TOML text."""
    by_setting = dict(profile.settings)
    lines = [HEADER.rstrip("\n"), f"version = {PROFILE_VERSION}"]
    owner = [
        (key, setting.kind.encode(by_setting[setting]))
        for key, setting in OWNER_FIELDS.items()
        if by_setting.get(setting) is not None
    ]
    if owner:
        lines += _table("[owner]", owner)
    if profile.pin_hash is not None:
        lines += _table("[helper]", [("pin_hash", profile.pin_hash.text)])
    others = [
        (setting.key, setting.kind.encode(value))
        for setting, value in profile.settings
        if setting not in OWNER_FIELDS.values() and setting is not MAIL_SERVER
    ]
    if others:
        lines += _table("[settings]", others)
    server = by_setting.get(MAIL_SERVER)
    if server is not None:
        lines += _table("[mail_server]", server.to_json().items())
    for person in profile.people:
        lines += _table("[[people]]", _person_fields(person))
    for plan in profile.plans:
        lines += _table("[[plans]]", _plan_fields(plan))
    for trusted in profile.trusted:
        lines += _table("[[trusted_people]]", _trusted_fields(trusted))
    return "\n".join(lines) + "\n"


def _person_fields(person: ProfilePerson) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = [
        ("name", person.name),
        ("relationship", person.relationship),
        ("circle", person.circle.value),
        ("group", person.is_group),
    ]
    if person.rhythm is not None:
        fields += [
            ("keep_in_touch_days", person.rhythm.ideal.days),
            ("too_long_days", person.rhythm.too_long.days),
        ]
    if person.notes:
        fields.append(("notes", person.notes))
    links = [_link_value(link, first=index == 0) for index, link in enumerate(person.links)]
    fields.append(("links", links))
    return fields


def _link_value(link: ProfileLink, *, first: bool) -> Any:
    """A bare address when nothing else needs saying, else a small table."""
    fields: dict[str, Any] = {"url": link.url}
    if link.label:
        fields["label"] = link.label
    if link.is_default and not first:
        fields["default"] = True
    return fields if len(fields) > 1 else link.url


def _plan_fields(plan: ProfilePlan) -> list[tuple[str, Any]]:
    schedule = plan.schedule
    fields: list[tuple[str, Any]] = [
        ("person", plan.person),
        ("rule", schedule.to_rrule()),
        ("time", f"{schedule.time_of_day:%H:%M}"),
        ("time_zone", schedule.zone),
        ("starts_on", schedule.starts_on),
    ]
    if schedule.ends_on is not None:
        fields.append(("ends_on", schedule.ends_on))
    if plan.link_url is not None:
        fields.append(("link", plan.link_url))
    if plan.reminder_lead != DEFAULT_REMINDER_LEAD:
        fields.append(("reminder_minutes", int(plan.reminder_lead.total_seconds() // 60)))
    return fields


def _trusted_fields(person: TrustedPerson) -> list[tuple[str, Any]]:
    return [
        ("name", person.name),
        ("email", person.email),
        ("level_changes", person.share_level_changes),
        ("weekly", person.share_weekly),
        ("may_see", topics_to_json(person.allowed)),
    ]
