"""Typed fields of a profile, each checked where it is and every problem kept with its line."""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any, Final

from lonely_bridge.domain.errors import LonelyBridgeError, SettingInvalid
from lonely_bridge.domain.people import one_line
from lonely_bridge.domain.profile import ProfileProblem, ProfileProblemKind
from lonely_bridge.domain.settings import Setting
from lonely_bridge.formats.profile_lines import FieldPath, LineIndex

Kind = ProfileProblemKind

# Never in a profile: they are secrets, kept in the computer's password keeper.
SECRET_FIELDS: Final = frozenset({"password", "smtp_password"})
# Markup a name copied from a web page or an e-mail would carry: a tag or an entity.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]*>|&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
_HH_MM = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")

_EXPECTED = {
    str: "text",
    int: "whole_number",
    bool: "true_or_false",
    dict: "table",
    list: "list",
}


class FieldChecker:
    """Reads typed fields out of parsed TOML tables; a field that does not fit is recorded
    as a problem (with its line) and read as None, so checking goes on to the end."""

    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.problems: list[ProfileProblem] = []

    # Recording -----------------------------------------------------------------------------
    def add(
        self,
        kind: ProfileProblemKind,
        path: FieldPath,
        *,
        cause: LonelyBridgeError | None = None,
        **params: Any,
    ) -> None:
        self.problems.append(
            ProfileProblem(kind, self.lines.line_of(path), path, MappingProxyType(params), cause)
        )

    def refused(self, path: FieldPath, error: LonelyBridgeError) -> None:
        self.add(Kind.REFUSED, path, cause=error)

    # Typed fields ----------------------------------------------------------------------------
    def table(self, value: object, path: FieldPath) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(Kind.WRONG_TYPE, path, expected="table")
            return None
        return value

    def entries(
        self, document: Mapping[str, Any], key: str
    ) -> list[tuple[FieldPath, dict[str, Any]]]:
        value = document.get(key, [])
        if not isinstance(value, list):
            self.add(Kind.WRONG_TYPE, (key,), expected="list_of_tables")
            return []
        found: list[tuple[FieldPath, dict[str, Any]]] = []
        for number, entry in enumerate(value, start=1):
            table = self.table(entry, (key, number))
            if table is not None:
                found.append(((key, number), table))
        return found

    def only(self, table: Mapping[str, Any], allowed: Iterable[str], path: FieldPath) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key in allowed:
                continue
            if key in SECRET_FIELDS:
                self.add(Kind.UNKNOWN_FIELD, (*path, key), name=key, secret=True)
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            self.add(
                Kind.UNKNOWN_FIELD, (*path, key), name=key, suggestion=close[0] if close else ""
            )

    def typed(self, table: Mapping[str, Any], key: str, path: FieldPath, kind: type) -> Any:
        """The value at ``key`` when it has Python type ``kind``, else None (and a problem)."""
        if key not in table:
            return None
        value = table[key]
        # bool is an int to Python; a whole number is never true or false here.
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        self.add(Kind.WRONG_TYPE, (*path, key), expected=_EXPECTED.get(kind, kind.__name__))
        return None

    def required(self, table: Mapping[str, Any], key: str, path: FieldPath) -> bool:
        if key in table:
            return True
        self.add(Kind.MISSING_FIELD, (*path, key), name=key)
        return False

    def words(
        self,
        table: Mapping[str, Any],
        key: str,
        path: FieldPath,
        *,
        limit: int,
        required: bool = False,
        plain: bool = True,
    ) -> str | None:
        """Text that must fit ``limit`` characters on one line (``plain``: no markup)."""
        if required and not self.required(table, key, path):
            return None
        raw = self.typed(table, key, path, str)
        if raw is None:
            return None
        text = one_line(raw)
        if required and not text:
            self.add(Kind.EMPTY_TEXT, (*path, key))
            return None
        if len(text) > limit:
            self.add(Kind.TOO_LONG, (*path, key), limit=limit)
            return None
        if plain and _MARKUP.search(text):
            self.add(Kind.MARKUP, (*path, key))
            return None
        return text

    def whole(
        self, table: Mapping[str, Any], key: str, path: FieldPath, *, minimum: int, maximum: int
    ) -> int | None:
        number = self.typed(table, key, path, int)
        if number is None:
            return None
        if not minimum <= number <= maximum:
            self.add(Kind.OUT_OF_RANGE, (*path, key), minimum=minimum, maximum=maximum)
            return None
        return int(number)

    def day(self, table: Mapping[str, Any], key: str, path: FieldPath) -> date | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, str):
            with contextlib.suppress(ValueError):  # then it is reported as not a date
                value = date.fromisoformat(value.strip())
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        self.add(Kind.WRONG_TYPE, (*path, key), expected="date")
        return None

    def setting(self, setting: Setting[Any], raw: object, path: FieldPath) -> tuple[bool, Any]:
        try:
            return True, setting.parse(raw)
        except SettingInvalid as error:
            problem = error.params.get("problem")
            if problem == "wrong_type":
                self.add(Kind.WRONG_TYPE, path, expected=_setting_type(raw, setting))
            elif problem == "unknown_time_zone":
                self.add(Kind.UNKNOWN_TIME_ZONE, path, zone=raw)
            else:
                self.refused(path, error)
        except LonelyBridgeError as error:  # the mail server's own checks
            self.refused(path, error)
        return False, None

    def choice(
        self, table: Mapping[str, Any], key: str, path: FieldPath, enum: Any
    ) -> tuple[bool, Any]:
        raw = self.typed(table, key, path, str)
        if raw is None:
            return False, None
        try:
            return True, enum(raw.strip().lower())
        except ValueError:
            self.add(Kind.NOT_A_CHOICE, (*path, key), choices=[member.value for member in enum])
            return False, None

    def time_of_day(self, table: Mapping[str, Any], path: FieldPath) -> time | None:
        if "time" not in table:
            return None
        value = table["time"]
        if isinstance(value, time):
            if value.tzinfo is None and not value.second and not value.microsecond:
                return value
        elif isinstance(value, str) and (found := _HH_MM.fullmatch(value.strip())):
            return time(int(found.group(1)), int(found.group(2)))
        self.add(Kind.BAD_TIME, (*path, "time"))
        return None


def _setting_type(raw: object, setting: Setting[Any]) -> str:
    default = setting.default
    if isinstance(default, bool):
        return "true_or_false"
    if isinstance(default, int):
        return "whole_number"
    if isinstance(default, frozenset):
        return "list_of_text"
    return "text"
