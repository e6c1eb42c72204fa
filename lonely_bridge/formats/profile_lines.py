"""Where each table, entry and key of a TOML text is: tomllib gives values without lines."""

from __future__ import annotations

import re

# The names and 1-based entry numbers leading to a value, e.g. ("people", 2, "links").
FieldPath = tuple[str | int, ...]


class LineIndex:
    """The line of each table, array-of-tables entry and key in a TOML text.

    A path is the names and 1-based entry numbers leading to a value, e.g.
    ``("people", 2, "links")``; ``line_of`` answers with the nearest enclosing one found, so
    a missing field is reported at its table's header.
    """

    _HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]#]+?)\s*(\]\]?)\s*(?:#.*)?")
    _KEY = re.compile(r"""\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+|\s)+?)\s*=""")

    def __init__(self, text: str) -> None:
        self._lines: dict[FieldPath, int] = {}
        entries: dict[tuple[str, ...], int] = {}
        prefix: FieldPath = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = self._HEADER.fullmatch(line)
            if header and len(header.group(1)) == len(header.group(3)):
                names = _dotted(header.group(2))
                if header.group(1) == "[[":
                    entries[names] = entries.get(names, 0) + 1
                    prefix = (*names, entries[names])
                    self._lines.setdefault(names, number)
                else:
                    prefix = names
                self._lines.setdefault(prefix, number)
                continue
            key = self._KEY.match(line)
            if key:
                self._lines.setdefault((*prefix, *_dotted(key.group(1))), number)
                after = line[key.end() :]
                for quotes in ('"""', "'''"):
                    if after.count(quotes) % 2 == 1:
                        in_multiline = quotes

    def line_of(self, path: FieldPath) -> int | None:
        for end in range(len(path), 0, -1):
            found = self._lines.get(path[:end])
            if found is not None:
                return found
        return None


def _dotted(key: str) -> tuple[str, ...]:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^.\s"\']+)', key)
    return tuple(next(part for part in groups if part) for groups in parts if any(groups))
