"""Lesson files (TOML) read and checked into Tutorial records; every problem is a TutorialError."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, NoReturn, TypeVar

from lonely_bridge.domain.errors import TutorialError, TutorialProblem
from lonely_bridge.domain.tutorials import (
    FORMAT_VERSION,
    ID_PATTERN,
    IMAGE_SUFFIXES,
    IMAGES_FOLDER,
    MAX_FILE_BYTES,
    MAX_ID_CHARACTERS,
    MAX_IMAGE_NAME_CHARACTERS,
    MAX_STEPS,
    MAX_TOPIC_CHARACTERS,
    MAX_TOPICS,
    MINUTES_RANGE,
    ORDER_RANGE,
    STEP_TEXT_LIMITS,
    TOP_TEXT_LIMITS,
    Action,
    Audience,
    Level,
    Origin,
    Step,
    TextLimit,
    Tutorial,
    TutorialLibrary,
)

# tomllib only says where it stopped inside its English message (a `lineno` attribute
# arrives in Python 3.14), and the line number is what a care worker needs most.
_TOML_LINE = re.compile(r"at line (\d+)")


_VALUE_PREVIEW_CHARACTERS: Final = 40


_Choice = TypeVar("_Choice", bound=StrEnum)


_TOP_FIELDS: Final = (
    "format",
    "id",
    "title",
    "summary",
    "level",
    "minutes",
    "audience",
    "topics",
    "order",
    "steps",
)


_STEP_FIELDS: Final = ("title", "text", "image", "say", "try_it", "tip")


def load_tutorial(path: Path, *, origin: str = "shipped") -> Tutorial:
    """Read and check one tutorial file; every problem with the file is a TutorialError.

    ``origin`` must be "shipped" or "custom"; anything else is a programming error
    (ValueError), not a problem with the file.
    """
    source = Origin(origin)
    checker = _Checker(path)
    data = checker.parse(checker.read())
    return checker.build(data, origin=source)


def load_tutorials(folders: Sequence[tuple[Path, str]]) -> TutorialLibrary:
    """Load every tutorial in the folders; bad files become problems, never stop the rest.

    Shipped folders are read before custom ones whatever order they are given in, so a
    custom lesson can never hide a shipped one with the same id; it is reported instead.
    Missing folders are normal (nobody has written a custom lesson yet) and are skipped.
    """
    ordered = sorted(folders, key=lambda pair: Origin(pair[1]) is not Origin.SHIPPED)
    kept: dict[str, Tutorial] = {}
    problems: list[TutorialError] = []
    for folder, origin in ordered:
        try:
            paths = _tutorial_files(folder)
        except OSError as exc:
            problems.append(
                TutorialError(
                    file=folder.name,
                    problem=TutorialProblem.UNREADABLE,
                    field="folder",
                    detail=exc.strerror or type(exc).__name__,
                )
            )
            continue
        for path in paths:
            try:
                tutorial = load_tutorial(path, origin=origin)
            except TutorialError as error:
                problems.append(error)
                continue
            earlier = kept.get(tutorial.id)
            if earlier is not None:
                problems.append(
                    TutorialError(
                        file=path.name,
                        problem=TutorialProblem.DUPLICATE_ID,
                        field="id",
                        id=tutorial.id,
                        other=Path(earlier.source).name,
                        other_origin=earlier.origin,
                    )
                )
                continue
            kept[tutorial.id] = tutorial
    tutorials = tuple(sorted(kept.values(), key=lambda t: t.sort_key))
    return TutorialLibrary(tutorials=tutorials, problems=tuple(problems))


def _tutorial_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # Dot files are editor lock files and macOS "._name" shadows copied onto USB sticks.
    found = [
        entry
        for entry in folder.iterdir()
        if entry.suffix.lower() == ".toml" and not entry.name.startswith(".")
    ]
    return sorted(found, key=lambda entry: entry.name)


class _Checker:
    """Checks one file, field by field, and raises at the first problem it meets."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.name
        self.images = path.parent / IMAGES_FOLDER

    def fail(
        self,
        problem: TutorialProblem,
        *,
        step: int | None = None,
        field: str | None = None,
        detail: str = "",
        **extra: Any,
    ) -> NoReturn:
        raise TutorialError(
            file=self.file, problem=problem, step=step, field=field, detail=detail, **extra
        )

    def read(self) -> str:
        # is_file() first: opening a named pipe called "x.toml" would block for ever.
        try:
            if not self.path.is_file():
                self.fail(TutorialProblem.UNREADABLE, detail="not a regular file")
            with self.path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as exc:
            detail = getattr(exc, "strerror", None) or type(exc).__name__
            self.fail(TutorialProblem.UNREADABLE, detail=detail)
        if len(raw) > MAX_FILE_BYTES:
            self.fail(TutorialProblem.TOO_LARGE, limit=MAX_FILE_BYTES // 1024)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.fail(TutorialProblem.NOT_UTF8, detail=f"byte {exc.start}")
        # Windows Notepad used to start UTF-8 files with a byte order mark; TOML forbids it.
        return text.removeprefix("\ufeff")

    def parse(self, text: str) -> dict[str, Any]:
        try:
            return tomllib.loads(text)
        except (ValueError, RecursionError) as exc:
            # ValueError covers TOMLDecodeError and the integer-length limit; very deep
            # nesting exhausts tomllib's recursion.
            message = str(exc) or type(exc).__name__
            found = _TOML_LINE.search(message)
            line = int(found.group(1)) if found else None
            self.fail(TutorialProblem.NOT_TOML, detail=message[:200], line=line)

    def build(self, data: Mapping[str, Any], *, origin: Origin) -> Tutorial:
        self.check_format(data)
        self.check_known_fields(data, _TOP_FIELDS, step=None)
        return Tutorial(
            id=self.check_id(data),
            title=self.required_text(data, "title", TOP_TEXT_LIMITS["title"], step=None),
            summary=self.required_text(data, "summary", TOP_TEXT_LIMITS["summary"], step=None),
            level=self.choice(data, "level", Level, default=None),
            minutes=self.required_number(data, "minutes", MINUTES_RANGE),
            audience=self.choice(data, "audience", Audience, default=Audience.OLDER_ADULT),
            topics=self.topics(data),
            order=self.optional_number(data, "order", ORDER_RANGE),
            steps=self.steps(data),
            source=str(self.path),
            origin=origin,
        )

    def check_format(self, data: Mapping[str, Any]) -> None:
        # Checked before unknown fields: a newer format may add fields this app cannot know.
        if "format" not in data:
            return
        version = data["format"]
        if not _is_int(version):
            self.fail(TutorialProblem.WRONG_TYPE, field="format", expected="number")
        if version > FORMAT_VERSION:
            self.fail(TutorialProblem.NEWER_FORMAT, field="format", actual=version)
        if version < 1:
            self.fail(TutorialProblem.BAD_VALUE, field="format", value=version)

    def check_known_fields(
        self, data: Mapping[str, Any], allowed: Sequence[str], *, step: int | None
    ) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key.casefold(), allowed, n=1, cutoff=0.6)
                self.fail(
                    TutorialProblem.UNKNOWN_FIELD,
                    step=step,
                    field=_preview(key),
                    suggestion=close[0] if close else None,
                )

    def check_id(self, data: Mapping[str, Any]) -> str:
        if "id" not in data:
            self.fail(TutorialProblem.MISSING_FIELD, field="id")
        value = data["id"]
        if not isinstance(value, str):
            self.fail(TutorialProblem.WRONG_TYPE, field="id", expected="text")
        if not value.strip():
            self.fail(TutorialProblem.EMPTY, field="id")
        if len(value) > MAX_ID_CHARACTERS or not ID_PATTERN.fullmatch(value):
            self.fail(TutorialProblem.BAD_VALUE, field="id", value=_preview(value))
        if value != self.path.stem:
            self.fail(TutorialProblem.ID_MISMATCH, field="id", id=value, stem=self.path.stem)
        return value

    def required_text(
        self, data: Mapping[str, Any], field: str, limit: TextLimit, *, step: int | None
    ) -> str:
        if field not in data:
            self.fail(TutorialProblem.MISSING_FIELD, step=step, field=field)
        value = self.text(data, field, limit, step=step)
        if value is None:
            self.fail(TutorialProblem.EMPTY, step=step, field=field)
        return value

    def text(
        self, data: Mapping[str, Any], field: str, limit: TextLimit, *, step: int | None
    ) -> str | None:
        """The tidied text of a field, or None when it is absent or blank."""
        if field not in data:
            return None
        value = data[field]
        if not isinstance(value, str):
            self.fail(TutorialProblem.WRONG_TYPE, step=step, field=field, expected="text")
        # Newlines and tabs are allowed so long lines can be wrapped in the file.
        if any(unicodedata.category(char) in {"Cc", "Cs"} for char in value if char not in "\n\t"):
            self.fail(TutorialProblem.BAD_CHARACTER, step=step, field=field)
        # Wrapping in the file must not become line breaks on screen: the app wraps to fit.
        words = value.split()
        if not words:
            return None
        tidy = " ".join(words)
        if len(words) > limit.words:
            self.fail(
                TutorialProblem.TOO_LONG,
                step=step,
                field=field,
                unit="words",
                actual=len(words),
                limit=limit.words,
            )
        if len(tidy) > limit.characters:
            self.fail(
                TutorialProblem.TOO_LONG,
                step=step,
                field=field,
                unit="characters",
                actual=len(tidy),
                limit=limit.characters,
            )
        return tidy

    def choice(
        self,
        data: Mapping[str, Any],
        field: str,
        kind: type[_Choice],
        *,
        default: _Choice | None,
    ) -> _Choice:
        if field not in data:
            if default is None:
                self.fail(TutorialProblem.MISSING_FIELD, field=field)
            return default
        value = data[field]
        if not isinstance(value, str):
            self.fail(TutorialProblem.WRONG_TYPE, field=field, expected="text")
        try:
            return kind(value.strip())
        except ValueError:
            self.fail(TutorialProblem.BAD_VALUE, field=field, value=_preview(value))

    def required_number(self, data: Mapping[str, Any], field: str, bounds: tuple[int, int]) -> int:
        value = self.optional_number(data, field, bounds)
        if value is None:
            self.fail(TutorialProblem.MISSING_FIELD, field=field)
        return value

    def optional_number(
        self, data: Mapping[str, Any], field: str, bounds: tuple[int, int]
    ) -> int | None:
        if field not in data:
            return None
        value = data[field]
        if not _is_int(value):
            self.fail(TutorialProblem.WRONG_TYPE, field=field, expected="number")
        low, high = bounds
        if not low <= value <= high:
            self.fail(TutorialProblem.BAD_VALUE, field=field, value=_preview(value))
        return int(value)

    def topics(self, data: Mapping[str, Any]) -> tuple[str, ...]:
        if "topics" not in data:
            self.fail(TutorialProblem.MISSING_FIELD, field="topics")
        values = data["topics"]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.fail(TutorialProblem.WRONG_TYPE, field="topics", expected="list")
        if not values:
            self.fail(TutorialProblem.EMPTY, field="topics")
        topics = tuple(dict.fromkeys(v.strip() for v in values))
        if len(topics) > MAX_TOPICS:
            self.fail(
                TutorialProblem.TOO_LONG,
                field="topics",
                unit="topics",
                actual=len(topics),
                limit=MAX_TOPICS,
            )
        for topic in topics:
            if len(topic) > MAX_TOPIC_CHARACTERS or not ID_PATTERN.fullmatch(topic):
                self.fail(TutorialProblem.BAD_VALUE, field="topics", value=_preview(topic))
        return topics

    def steps(self, data: Mapping[str, Any]) -> tuple[Step, ...]:
        if "steps" not in data:
            self.fail(TutorialProblem.NO_STEPS, field="steps")
        values = data["steps"]
        if not isinstance(values, list):
            self.fail(TutorialProblem.WRONG_TYPE, field="steps", expected="steps")
        if not values:
            self.fail(TutorialProblem.NO_STEPS, field="steps")
        if len(values) > MAX_STEPS:
            self.fail(
                TutorialProblem.TOO_LONG,
                field="steps",
                unit="steps",
                actual=len(values),
                limit=MAX_STEPS,
            )
        return tuple(self.step(value, number) for number, value in enumerate(values, start=1))

    def step(self, value: object, number: int) -> Step:
        if not isinstance(value, dict):
            self.fail(TutorialProblem.WRONG_TYPE, step=number, field="steps", expected="steps")
        self.check_known_fields(value, _STEP_FIELDS, step=number)
        return Step(
            number=number,
            title=self.text(value, "title", STEP_TEXT_LIMITS["title"], step=number),
            text=self.required_text(value, "text", STEP_TEXT_LIMITS["text"], step=number),
            image=self.image(value, number),
            say=self.text(value, "say", STEP_TEXT_LIMITS["say"], step=number),
            try_it=self.action(value, number),
            tip=self.text(value, "tip", STEP_TEXT_LIMITS["tip"], step=number),
        )

    def action(self, data: Mapping[str, Any], number: int) -> Action | None:
        name = self.text(data, "try_it", TextLimit(1, 64), step=number)
        if name is None:
            return None
        try:
            return Action(name)
        except ValueError:
            self.fail(TutorialProblem.UNKNOWN_ACTION, step=number, field="try_it", value=name)

    def image(self, data: Mapping[str, Any], number: int) -> Path | None:
        limit = TextLimit(1, MAX_IMAGE_NAME_CHARACTERS)
        name = self.text(data, "image", limit, step=number)
        if name is None:
            return None
        # A bare file name only: a lesson must not reach outside its own images folder.
        if (
            any(mark in name for mark in "/\\:")
            or name.startswith(".")
            or Path(name).suffix.lower() not in IMAGE_SUFFIXES
        ):
            self.fail(TutorialProblem.BAD_VALUE, step=number, field="image", value=name)
        image = self.images / name
        try:
            found = image.is_file()
        except (OSError, ValueError):
            found = False
        if not found:
            self.fail(TutorialProblem.MISSING_IMAGE, step=number, field="image", image=name)
        return image


def _is_int(value: object) -> bool:
    # TOML's true/false arrive as bool, which Python counts as int.
    return isinstance(value, int) and not isinstance(value, bool)


def _preview(value: object) -> str:
    text = " ".join(str(value).split())
    if len(text) > _VALUE_PREVIEW_CHARACTERS:
        return text[: _VALUE_PREVIEW_CHARACTERS - 1] + "…"
    return text
