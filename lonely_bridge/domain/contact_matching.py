"""Whether someone from a contacts file is probably known already: the same name or a number."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Numbers share a subscriber part when their last 9 digits agree, whatever the country prefix
# ("+44 7700 900123" and "07700 900123"); shorter numbers are service codes, not people.
PHONE_MATCH_DIGITS = 9
MIN_PHONE_MATCH_DIGITS = 7
# A few names say "probably already here" well enough, and more would not fit on the line.
MAX_NAMED_DUPLICATES = 3

# Letters NFKD leaves alone but people type without their mark ("Søren" / "Soren").
_UNDECOMPOSED_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_WORD = re.compile(r"[^\W_]+")
_ASCII_NON_DIGITS = str.maketrans("", "", "".join(chr(c) for c in range(128) if not 48 <= c <= 57))


def normalise_name(name: str) -> str:
    """A comparison key: no case, accents or punctuation, and word order ignored."""
    folded = unicodedata.normalize("NFKD", name.casefold()).translate(_UNDECOMPOSED_LETTERS)
    plain = folded
    if not folded.isascii():  # only then can there be accents to drop
        plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    # Sorting the words makes "Smith, Anna", "Anna Smith" and "SMITH Anna" the same person.
    return " ".join(sorted(_WORD.findall(plain)))


def phone_digits(number: str) -> str:
    """The digits of a number, as ASCII digits whatever script they were written in."""
    if number.isascii():
        return number.translate(_ASCII_NON_DIGITS)
    return "".join(str(unicodedata.decimal(ch)) for ch in number if ch.isdecimal())


def phone_match_key(number: str) -> str | None:
    """The last digits of a number, or None when it is too short to identify anyone."""
    digits = phone_digits(number)
    if len(digits) < MIN_PHONE_MATCH_DIGITS:
        return None
    return digits[-PHONE_MATCH_DIGITS:]


class DuplicateIndex:
    """People known so far, found again by normalised name or phone key without a full scan.

    Each key keeps only the first few different names seen with it. The answer never needs
    more (the first names of a union are among the first names of each part), and so a file in
    which thousands of cards share one name or number still takes time in proportion to its
    length, not to its length squared.
    """

    def __init__(self, people: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        # key -> {name: when that name was first added with this key}, in that order
        self._names_by_key: dict[str, dict[str, int]] = {}
        self._added = 0
        for name, numbers in people:
            self.add(name, numbers)

    def add(self, name: str, numbers: Iterable[str]) -> None:
        """Remember someone: their name and phone numbers as written."""
        self._add(name, _keys(name, numbers))

    def matches(self, name: str, numbers: Iterable[str]) -> list[str]:
        """Names of people added before who are probably this one, earliest first (a few)."""
        return self._matches(_keys(name, numbers))

    def match_and_add(self, name: str, numbers: Iterable[str]) -> list[str]:
        """``matches`` then ``add``, reading the name and numbers once."""
        keys = _keys(name, numbers)
        found = self._matches(keys)
        self._add(name, keys)
        return found

    def _add(self, name: str, keys: set[str]) -> None:
        order = self._added
        self._added += 1
        for key in keys:
            names = self._names_by_key.setdefault(key, {})
            if name not in names and len(names) < MAX_NAMED_DUPLICATES:
                names[name] = order

    def _matches(self, keys: set[str]) -> list[str]:
        first_seen: dict[str, int] = {}
        for key in keys:
            for known, order in self._names_by_key.get(key, {}).items():
                first_seen[known] = min(order, first_seen.get(known, order))
        return sorted(first_seen, key=first_seen.__getitem__)[:MAX_NAMED_DUPLICATES]


def _keys(name: str, numbers: Iterable[str]) -> set[str]:
    keys = {f"tel:{key}" for number in numbers if (key := phone_match_key(number))}
    if normalised := normalise_name(name):
        keys.add(f"name:{normalised}")
    return keys
