"""People and groups the older adult keeps in touch with, and their keep-in-touch rhythm."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

# The longest text a person's details may hold: the widths of their database columns, kept by
# the editor and by the contact importer alike.
MAX_NAME_CHARS = 200
MAX_RELATIONSHIP_CHARS = 100
MAX_LINK_LABEL_CHARS = 200
# Notes are free text; ten thousand characters is several pages, more than anyone reads on screen.
MAX_NOTES_CHARS = 10_000


class Circle(StrEnum):
    """Which circle someone belongs to; it sets the default keep-in-touch rhythm."""

    FAMILY = "family"
    CLOSE_FRIEND = "close_friend"
    FRIEND = "friend"
    NEIGHBOUR = "neighbour"
    GROUP = "group"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Rhythm:
    """An ideal gap between contacts and a gap that is "too long"."""

    ideal: timedelta
    too_long: timedelta

    def __post_init__(self) -> None:
        if self.ideal <= timedelta(0) or self.too_long < self.ideal:
            raise ValueError("a rhythm needs 0 < ideal <= too long")


# Defaults that keep-in-touch tools' users asked for (EVIDENCE.md section 4):
# family every 14 days, close friends every 30; "too long" at about twice that.
DEFAULT_RHYTHMS: dict[Circle, Rhythm] = {
    Circle.FAMILY: Rhythm(timedelta(days=14), timedelta(days=28)),
    Circle.CLOSE_FRIEND: Rhythm(timedelta(days=30), timedelta(days=60)),
    Circle.FRIEND: Rhythm(timedelta(days=45), timedelta(days=90)),
    Circle.NEIGHBOUR: Rhythm(timedelta(days=14), timedelta(days=42)),
    Circle.GROUP: Rhythm(timedelta(days=7), timedelta(days=21)),
    Circle.OTHER: Rhythm(timedelta(days=60), timedelta(days=120)),
}


@dataclass(frozen=True, slots=True)
class CallLink:
    id: int | None
    person_id: int | None
    label: str
    url: str
    service: str
    is_default: bool = False


@dataclass(frozen=True, slots=True)
class Person:
    id: int | None
    name: str
    relationship: str
    circle: Circle
    rhythm: Rhythm
    is_group: bool = False
    notes: str = ""
    photo_file: str | None = None
    archived_at: datetime | None = None
    links: tuple[CallLink, ...] = field(default=())

    @property
    def initial(self) -> str:
        stripped = self.name.strip()
        return stripped[0].upper() if stripped else "?"

    @property
    def default_link(self) -> CallLink | None:
        for link in self.links:
            if link.is_default:
                return link
        return self.links[0] if self.links else None


# U+202A to U+202E (embeddings and overrides) and U+2066 to U+2069 (isolates): inside a name
# they reverse or disguise the words around it, in the app's own sentences too.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def one_line(text: str) -> str:
    """A name or label as it is kept: one line, single spaces, no bidi controls."""
    return " ".join(text.translate(BIDI_CONTROLS).split())


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when something was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"
