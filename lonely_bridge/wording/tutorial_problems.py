"""Plain words for what is wrong in a lesson file, and how to put it right."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from lonely_bridge.domain.errors import TutorialError, TutorialProblem
from lonely_bridge.domain.tutorials import ID_PATTERN, Action, Origin
from lonely_bridge.i18n import _

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
        params["example"] = f'id = "{stem}"' if ID_PATTERN.fullmatch(stem) else 'id = "my-lesson"'
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
