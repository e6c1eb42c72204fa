"""Tutorials as data: the lesson model, a forgiving TOML loader and plain-words problem reports."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, NoReturn, TypeVar

from lonely_bridge.domain.errors import TutorialError, TutorialProblem
from lonely_bridge.i18n import _

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

_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# tomllib only says where it stopped inside its English message (a `lineno` attribute
# arrives in Python 3.14), and the line number is what a care worker needs most.
_TOML_LINE = re.compile(r"at line (\d+)")
_ORDER_LAST: Final = ORDER_RANGE[1] + 1
_VALUE_PREVIEW_CHARACTERS: Final = 40

_Choice = TypeVar("_Choice", bound=StrEnum)


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

    def for_audience(self, audience: Audience | str) -> tuple[Tutorial, ...]:
        return tuple(t for t in self.tutorials if t.audience == audience)

    def with_topic(self, topic: str) -> tuple[Tutorial, ...]:
        return tuple(t for t in self.tutorials if topic in t.topics)


@dataclass(frozen=True, slots=True)
class _TextLimit:
    words: int
    characters: int


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
# Step text fits one large-print screen at the Largest size (EVIDENCE.md: short steps);
# the character caps stop one endless "word" or a language written without spaces.
_TOP_TEXT: Final = {"title": _TextLimit(12, 100), "summary": _TextLimit(40, 320)}
_STEP_TEXT: Final = {
    "title": _TextLimit(10, 80),
    "text": _TextLimit(60, 480),
    "say": _TextLimit(100, 800),
    "tip": _TextLimit(30, 240),
}


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
            title=self.required_text(data, "title", _TOP_TEXT["title"], step=None),
            summary=self.required_text(data, "summary", _TOP_TEXT["summary"], step=None),
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
        if len(value) > MAX_ID_CHARACTERS or not _KEBAB.fullmatch(value):
            self.fail(TutorialProblem.BAD_VALUE, field="id", value=_preview(value))
        if value != self.path.stem:
            self.fail(TutorialProblem.ID_MISMATCH, field="id", id=value, stem=self.path.stem)
        return value

    def required_text(
        self, data: Mapping[str, Any], field: str, limit: _TextLimit, *, step: int | None
    ) -> str:
        if field not in data:
            self.fail(TutorialProblem.MISSING_FIELD, step=step, field=field)
        value = self.text(data, field, limit, step=step)
        if value is None:
            self.fail(TutorialProblem.EMPTY, step=step, field=field)
        return value

    def text(
        self, data: Mapping[str, Any], field: str, limit: _TextLimit, *, step: int | None
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
            if len(topic) > MAX_TOPIC_CHARACTERS or not _KEBAB.fullmatch(topic):
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
            title=self.text(value, "title", _STEP_TEXT["title"], step=number),
            text=self.required_text(value, "text", _STEP_TEXT["text"], step=number),
            image=self.image(value, number),
            say=self.text(value, "say", _STEP_TEXT["say"], step=number),
            try_it=self.action(value, number),
            tip=self.text(value, "tip", _STEP_TEXT["tip"], step=number),
        )

    def action(self, data: Mapping[str, Any], number: int) -> Action | None:
        name = self.text(data, "try_it", _TextLimit(1, 64), step=number)
        if name is None:
            return None
        try:
            return Action(name)
        except ValueError:
            self.fail(TutorialProblem.UNKNOWN_ACTION, step=number, field="try_it", value=name)

    def image(self, data: Mapping[str, Any], number: int) -> Path | None:
        limit = _TextLimit(1, MAX_IMAGE_NAME_CHARACTERS)
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


# ---------------------------------------------------------------------------------------
# Plain words. Every sentence a person may read about a broken tutorial lives below, so
# translators and reviewers find them in one place. Field names, example lines and values
# stay as written in the file: they are what the reader must type.
# ---------------------------------------------------------------------------------------

_EXAMPLES: Final = {
    "format": "format = 1",
    "title": 'title = "…"',
    "summary": 'summary = "…"',
    "level": 'level = "first-steps"',
    "minutes": "minutes = 5",
    "audience": 'audience = "older-adult"',
    "topics": 'topics = ["video-calls"]',
    "order": "order = 10",
    "steps": "[[steps]]",
    "text": 'text = "…"',
    "image": 'image = "picture.png"',
    "say": 'say = "…"',
    "try_it": 'try_it = "practice-call"',
    "tip": 'tip = "…"',
}


def explain_tutorial_problem(error: TutorialError) -> str:
    """Say in plain words what is wrong with a tutorial file and how to put it right."""
    params: dict[str, Any] = dict(error.params)
    field = error.field or ""
    stem = Path(error.file).stem
    params.setdefault("example", _EXAMPLES.get(field, f'{field} = "…"'))
    if field == "id":
        params["example"] = f'id = "{stem}"' if _KEBAB.fullmatch(stem) else 'id = "my-lesson"'
    params["expected"] = _expected_phrase(str(params.get("expected", "")))
    params["unit"] = _unit_phrase(str(params.get("unit", "")))
    params["actions"] = ", ".join(f"“{action}”" for action in Action)
    template = _template(error.problem, field=field, in_step=error.step is not None, params=params)
    message = _fill(template, params)
    if error.problem is TutorialProblem.UNKNOWN_FIELD and params.get("suggestion"):
        message += " " + _fill(_("Did you mean “{suggestion}”?"), params)
    return message


def _fill(template: str, params: Mapping[str, Any]) -> str:
    # A translation with a broken placeholder must still leave the reader with words.
    try:
        return template.format_map(_Blank(params))
    except (ValueError, IndexError, AttributeError):
        return template


class _Blank(dict[str, Any]):
    """Format parameters where a placeholder a translator mistyped shows as "…", not a crash."""

    def __missing__(self, key: str) -> str:
        return "…"


def _expected_phrase(kind: str) -> str:
    match kind:
        case "number":
            return _("a whole number, without quotes")
        case "list":
            return _("a list of words in quotes, inside square brackets")
        case "steps":
            return _("a list of steps, each one starting with a line [[steps]]")
        case _:
            return _("words inside quotes")


def _unit_phrase(unit: str) -> str:
    match unit:
        case "characters":
            return _("letters and spaces")
        case "steps":
            return _("steps")
        case "topics":
            return _("topics")
        case _:
            return _("words")


def _template(
    problem: TutorialProblem, *, field: str, in_step: bool, params: Mapping[str, Any]
) -> str:
    match problem:
        case TutorialProblem.UNREADABLE if field == "folder":
            return _(
                "Lonely Bridge could not look inside the folder “{file}”. Check that it "
                "still exists and that this computer account may open it."
            )
        case TutorialProblem.UNREADABLE:
            return _(
                "Lonely Bridge could not open “{file}”. Check that it is a tutorial file, "
                "that it is still there, and that it is not open in another program."
            )
        case TutorialProblem.TOO_LARGE:
            return _(
                "“{file}” is too big to be a tutorial (more than {limit} KB). A tutorial "
                "is a few screens of words; pictures go in the “images” folder beside it."
            )
        case TutorialProblem.NOT_UTF8:
            return _(
                "“{file}” is not saved as plain text. Open it in a text editor and save it "
                "again, choosing the UTF-8 encoding."
            )
        case TutorialProblem.NOT_TOML if params.get("line"):
            return _(
                "In “{file}”, line {line} is not written the way Lonely Bridge expects. "
                "Check the quotes, brackets and equals sign on that line and the one before, "
                "and compare them with a tutorial that works."
            )
        case TutorialProblem.NOT_TOML:
            return _(
                "“{file}” is not written the way Lonely Bridge expects. Compare it with a "
                "tutorial that works, and check the quotes and equals signs."
            )
        case TutorialProblem.NEWER_FORMAT:
            return _(
                "“{file}” was written for a newer Lonely Bridge (format {actual}). "
                "Update Lonely Bridge to use this tutorial."
            )
        case TutorialProblem.UNKNOWN_FIELD if in_step:
            return _(
                "In “{file}”, step {step} has a line “{field}” that Lonely Bridge does not "
                "know. Check the spelling, or remove the line."
            )
        case TutorialProblem.UNKNOWN_FIELD:
            return _(
                "“{file}” has a line “{field}” that Lonely Bridge does not know. Check the "
                "spelling, or remove the line. (Lines for a step go after its [[steps]] line.)"
            )
        case TutorialProblem.MISSING_FIELD if in_step:
            return _(
                "In “{file}”, step {step} has no “{field}”. Add a line like {example} to that step."
            )
        case TutorialProblem.MISSING_FIELD:
            return _(
                "“{file}” has no “{field}”. Add a line like {example} near the top, "
                "before the first [[steps]]."
            )
        case TutorialProblem.WRONG_TYPE if field == "steps" and in_step:
            return _(
                "In “{file}”, step {step} is not written as a step. Start it with a line "
                '[[steps]] and put lines like text = "…" under it.'
            )
        case TutorialProblem.WRONG_TYPE if field == "steps":
            return _(
                "In “{file}”, the steps are not written as a list of steps. Start each step "
                "with a line [[steps]] (two square brackets on each side)."
            )
        case TutorialProblem.WRONG_TYPE if in_step:
            return _("In “{file}”, step {step}: “{field}” should be {expected}, like {example}.")
        case TutorialProblem.WRONG_TYPE:
            return _("In “{file}”, “{field}” should be {expected}, like {example}.")
        case TutorialProblem.EMPTY if field == "topics":
            return _(
                "In “{file}”, “topics” is empty. Add at least one, like {example}, "
                "so the lesson can join a learning plan."
            )
        case TutorialProblem.EMPTY if in_step:
            return _(
                "In “{file}”, step {step} has an empty “{field}”. Write the words between "
                "the quotes."
            )
        case TutorialProblem.EMPTY:
            return _("In “{file}”, “{field}” is empty. Write the words between the quotes.")
        case TutorialProblem.BAD_VALUE:
            return _bad_value_template(field)
        case TutorialProblem.BAD_CHARACTER if in_step:
            return _(
                "In “{file}”, step {step}: “{field}” contains a hidden control character. "
                "Delete that line and type it again."
            )
        case TutorialProblem.BAD_CHARACTER:
            return _(
                "In “{file}”, “{field}” contains a hidden control character. "
                "Delete that line and type it again."
            )
        case TutorialProblem.TOO_LONG if field == "steps":
            return _(
                "“{file}” has {actual} steps; at most {limit} are allowed. Split it into two "
                "tutorials: shorter lessons are easier to finish."
            )
        case TutorialProblem.TOO_LONG if in_step and field != "text":
            return _(
                "In “{file}”, step {step}: “{field}” is too long ({actual} {unit}; at most "
                "{limit}). Please shorten it."
            )
        case TutorialProblem.TOO_LONG if in_step:
            return _(
                "In “{file}”, step {step}: “{field}” is too long ({actual} {unit}; at most "
                "{limit} fit on one screen). Shorten it, or split it into two steps."
            )
        case TutorialProblem.TOO_LONG:
            return _(
                "In “{file}”, “{field}” is too long ({actual} {unit}; at most {limit}). "
                "Please shorten it."
            )
        case TutorialProblem.ID_MISMATCH:
            return _(
                "In “{file}”, the id is “{id}”, but the id must be the same as the file "
                "name. Rename the file to “{id}.toml”."
            )
        case TutorialProblem.NO_STEPS:
            return _(
                "“{file}” has no steps. Add at least one: a line [[steps]] followed by a "
                'line like text = "…".'
            )
        case TutorialProblem.UNKNOWN_ACTION:
            return _(
                "In “{file}”, step {step} has try_it = “{value}”, which is not something "
                "Lonely Bridge can do. Use one of {actions}, or remove the line."
            )
        case TutorialProblem.MISSING_IMAGE:
            return _(
                "In “{file}”, step {step} shows the picture “{image}”, but there is no such "
                "file in the “images” folder. Put the picture there, or remove the image line."
            )
        case TutorialProblem.DUPLICATE_ID if params.get("other_origin") == Origin.SHIPPED:
            return _(
                "“{file}” was left out because a tutorial that comes with Lonely Bridge "
                "already uses the id “{id}”. Give yours a different id, and rename the file "
                "to match."
            )
        case TutorialProblem.DUPLICATE_ID:
            return _(
                "“{file}” was left out because “{other}” already uses the id “{id}”. Give "
                "it a different id, and rename the file to match."
            )
    return _("“{file}” has a problem Lonely Bridge cannot describe.")


def _bad_value_template(field: str) -> str:
    match field:
        case "id":
            return _(
                "In “{file}”, the id “{value}” may only use small letters a to z, numbers "
                'and dashes, like id = "my-first-call".'
            )
        case "level":
            return _(
                "In “{file}”, the level “{value}” is not one Lonely Bridge knows. Use "
                '"first-steps", "getting-comfortable" or "confident".'
            )
        case "audience":
            return _(
                "In “{file}”, the audience “{value}” is not one Lonely Bridge knows. Use "
                '"older-adult" or "helper".'
            )
        case "minutes":
            return _(
                "In “{file}”, minutes is {value}; it should be a whole number from 1 to 60, "
                "like minutes = 5."
            )
        case "order":
            return _("In “{file}”, order is {value}; it should be a whole number from 0 to 9999.")
        case "topics":
            return _(
                "In “{file}”, “{value}” in the topics list may only use small letters, "
                'numbers and dashes, like "video-calls".'
            )
        case "image":
            return _(
                "In “{file}”, step {step}: the image should be just a picture’s file name, "
                'like "join-button.png" (a .png, .jpg or .svg file) kept in the “images” '
                "folder."
            )
        case "format":
            return _("In “{file}”, format is {value}; it should be 1.")
    return _("In “{file}”, “{field}” has a value Lonely Bridge does not understand.")
