"""Tutorials as data: the lesson records and the rules a lesson keeps (see formats.tutorials)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from lonely_bridge.domain.errors import TutorialError

FORMAT_VERSION: Final = 1
# Big enough for any honest lesson many times over; small enough that a stray video or
# database renamed to .toml is refused before it is read into memory.
MAX_FILE_BYTES: Final = 256 * 1024
MAX_STEPS: Final = 20
MAX_TOPICS: Final = 8
MAX_ID_CHARACTERS: Final = 64
MAX_TOPIC_CHARACTERS: Final = 32
MAX_IMAGE_NAME_CHARACTERS: Final = 100
MINUTES_RANGE: Final = (1, 60)
ORDER_RANGE: Final = (0, 9999)
IMAGES_FOLDER: Final = "images"
IMAGE_SUFFIXES: Final = frozenset({".png", ".jpg", ".jpeg", ".svg"})

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ORDER_LAST: Final = ORDER_RANGE[1] + 1


class Level(StrEnum):
    """How much a lesson assumes; the Learn page lists lessons in this order."""

    FIRST_STEPS = "first-steps"
    GETTING_COMFORTABLE = "getting-comfortable"
    CONFIDENT = "confident"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class Audience(StrEnum):
    """Who a lesson is written for: the person themselves, or family and care workers."""

    OLDER_ADULT = "older-adult"
    HELPER = "helper"


class Origin(StrEnum):
    """Where a lesson came from: with the app, or written by a helper into the data folder."""

    SHIPPED = "shipped"
    CUSTOM = "custom"


class Action(StrEnum):
    """Things a step's "Try it" button can ask the app to do; nothing else is allowed."""

    OPEN_CAMERA_CHECK = "open-camera-check"
    OPEN_MICROPHONE_CHECK = "open-microphone-check"
    PRACTICE_CALL = "practice-call"
    OPEN_PEOPLE = "open-people"
    OPEN_TODAY = "open-today"
    RECORD_CONTACT = "record-contact"


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One instruction on one screen; ``number`` counts from 1 in file order."""

    number: int
    title: str | None
    text: str
    image: Path | None = None
    say: str | None = None
    try_it: Action | None = None
    tip: str | None = None

    @property
    def spoken_text(self) -> str:
        return self.say or self.text


@dataclass(frozen=True, slots=True, kw_only=True)
class Tutorial:
    """One lesson; ``source`` is the file it came from, for problem reports and editing."""

    id: str
    title: str
    summary: str
    level: Level
    minutes: int
    audience: Audience
    topics: tuple[str, ...]
    steps: tuple[Step, ...]
    source: str
    origin: Origin
    order: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        order = _ORDER_LAST if self.order is None else self.order
        return (self.level.rank, order, self.title.casefold(), self.id)


@dataclass(frozen=True, slots=True)
class TutorialLibrary:
    """Every lesson that loaded, in Learn-page order, and every file that did not."""

    tutorials: tuple[Tutorial, ...] = ()
    problems: tuple[TutorialError, ...] = ()

    def get(self, tutorial_id: str) -> Tutorial | None:
        return next((t for t in self.tutorials if t.id == tutorial_id), None)


@dataclass(frozen=True, slots=True)
class TextLimit:
    words: int
    characters: int


# Step text fits one large-print screen at the Largest size (EVIDENCE.md: short steps);
# the character caps stop one endless "word" or a language written without spaces.
TOP_TEXT_LIMITS: Final = {"title": TextLimit(12, 100), "summary": TextLimit(40, 320)}
STEP_TEXT_LIMITS: Final = {
    "title": TextLimit(10, 80),
    "text": TextLimit(60, 480),
    "say": TextLimit(100, 800),
    "tip": TextLimit(30, 240),
}


# ---------------------------------------------------------------------------------------
# Plain words. Every sentence a person may read about a broken tutorial lives below, so
# translators and reviewers find them in one place. Field names, example lines and values
# stay as written in the file: they are what the reader must type.
# ---------------------------------------------------------------------------------------
