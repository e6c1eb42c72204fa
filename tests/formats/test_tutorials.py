"""Tests for the tutorial model, its TOML loader, its problem texts and the shipped lessons."""

from __future__ import annotations

import json
import math
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lonely_bridge.domain.errors import LonelyBridgeError, TutorialError, TutorialProblem
from lonely_bridge.domain.tutorials import (
    MAX_FILE_BYTES,
    Action,
    Audience,
    Level,
    Origin,
    Step,
    Tutorial,
)
from lonely_bridge.formats.tutorials import load_tutorial, load_tutorials
from lonely_bridge.resources import resource_path
from lonely_bridge.wording.tutorial_problems import explain_tutorial_problem

SHIPPED = resource_path("tutorials")
SHIPPED_FILES = sorted(SHIPPED.glob("*.toml"))

REQUIRED_IDS = {
    "using-lonely-bridge",
    "joining-zoom",
    "whatsapp-video-call",
    "facetime-call",
    "browser-video-calls",
    "camera-microphone-volume",
    "cant-hear-or-see",
    "staying-safe-from-scams",
    "sharing-a-photo",
    "finding-groups-and-classes",
    "asking-for-help",
    "helper-setting-up",
}

# Words that talk down to people (EVIDENCE.md section 4); helper lessons may quote them
# to warn against them, so only lessons for the older adult are checked.
PATRONISING = re.compile(
    r"\b(simply|just|easy|easily|obviously|even you|even a child|elderly|old people|"
    r"senior moment|silly|dear)\b",
    re.IGNORECASE,
)

BASE_TOP: dict[str, str] = {
    "id": '"sample"',
    "title": '"A sample lesson"',
    "summary": '"A lesson used by the tests."',
    "level": '"first-steps"',
    "minutes": "5",
    "topics": '["practice"]',
}
BASE_STEP: dict[str, str] = {"title": '"A step"', "text": '"Press the big button once."'}


def document(
    top: dict[str, str | None] | None = None,
    step: dict[str, str | None] | None = None,
    *,
    steps: int = 2,
) -> str:
    """A lesson whose last step carries ``step``'s changes; None removes a line."""
    lines = [f"{key} = {value}" for key, value in {**BASE_TOP, **(top or {})}.items() if value]
    for number in range(1, steps + 1):
        changes = step if number == steps else None
        fields = {**BASE_STEP, **(changes or {})}
        lines.append("[[steps]]")
        lines += [f"{key} = {value}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def problem_of(path: Path) -> TutorialError:
    with pytest.raises(TutorialError) as caught:
        load_tutorial(path)
    return caught.value


# --- the shipped lessons -------------------------------------------------------------


def test_enough_lessons_ship() -> None:
    assert len(SHIPPED_FILES) >= 12


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda path: path.stem)
def test_shipped_lesson_loads_and_keeps_the_house_style(path: Path) -> None:
    tutorial = load_tutorial(path)

    assert tutorial.id == path.stem
    assert tutorial.origin is Origin.SHIPPED
    assert 4 <= len(tutorial.steps) <= 9
    assert [s.number for s in tutorial.steps] == list(range(1, len(tutorial.steps) + 1))
    assert all(s.title for s in tutorial.steps), "every shipped step has a heading"
    assert tutorial.order is not None, "shipped lessons keep a deliberate order"
    assert all(s.image is None for s in tutorial.steps), "no images ship yet"
    if tutorial.audience is Audience.OLDER_ADULT:
        prose = [tutorial.title, tutorial.summary]
        for s in tutorial.steps:
            prose += [s.title or "", s.text, s.say or "", s.tip or ""]
        for text in prose:
            assert not PATRONISING.search(text), text


def test_shipped_library_has_no_problems_and_unique_ids() -> None:
    library = load_tutorials([(SHIPPED, "shipped")])

    assert library.problems == ()
    ids = [t.id for t in library.tutorials]
    assert len(ids) == len(set(ids)) == len(SHIPPED_FILES)
    assert set(ids) >= REQUIRED_IDS


def test_required_lessons_cover_their_subjects() -> None:
    library = load_tutorials([(SHIPPED, "shipped")])

    def actions(tutorial_id: str) -> set[Action]:
        tutorial = library.get(tutorial_id)
        assert tutorial is not None
        return {s.try_it for s in tutorial.steps if s.try_it is not None}

    assert {Action.OPEN_CAMERA_CHECK, Action.OPEN_MICROPHONE_CHECK} <= actions(
        "camera-microphone-volume"
    )
    assert Action.PRACTICE_CALL in actions("practice-call")
    assert Action.RECORD_CONTACT in actions("finding-groups-and-classes")
    scams = library.get("staying-safe-from-scams")
    assert scams is not None
    words = " ".join(s.text for s in scams.steps).casefold()
    for idea in ("slow down", "check for yourself", "rushed", "code", "bank details"):
        assert idea in words
    helper = library.get("helper-setting-up")
    assert helper is not None
    assert helper.audience is Audience.HELPER
    joining = library.get("joining-zoom")
    assert joining is not None
    assert "video-calls" in joining.topics


def test_shipped_lessons_are_sorted_by_level_then_order_then_title() -> None:
    tutorials = load_tutorials([(SHIPPED, "shipped")]).tutorials

    keys = [(t.level.rank, t.order, t.title.casefold()) for t in tutorials]
    assert keys == sorted(keys)
    assert tutorials[0].id == "using-lonely-bridge"


def test_readme_documents_every_level_action_and_limit() -> None:
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")

    for value in [*Level, *Audience, *Action]:
        assert f'"{value}"' in readme, value
    assert "256 KB" in readme


# --- reading a good file -------------------------------------------------------------


def test_a_full_lesson_reads_into_the_model(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "join.png").write_bytes(b"\x89PNG\r\n")
    content = document(
        {"audience": '"helper"', "order": "7", "topics": '["zoom", "video-calls", "zoom"]'},
        {
            "text": '"""Press the\n   green button."""',
            "say": '"Press the green button, please."',
            "image": '"join.png"',
            "try_it": '"practice-call"',
            "tip": '""',
        },
    )
    path = write(tmp_path, "sample.toml", "\ufeff" + content.replace("\n", "\r\n"))

    tutorial = load_tutorial(path, origin="custom")

    assert tutorial.audience is Audience.HELPER
    assert tutorial.origin is Origin.CUSTOM
    assert tutorial.order == 7
    assert tutorial.topics == ("zoom", "video-calls")
    assert tutorial.source == str(path)
    last = tutorial.steps[-1]
    assert last == Step(
        number=2,
        title="A step",
        text="Press the green button.",
        image=tmp_path / "images" / "join.png",
        say="Press the green button, please.",
        try_it=Action.PRACTICE_CALL,
        tip=None,
    )
    assert last.spoken_text == "Press the green button, please."
    assert tutorial.steps[0].spoken_text == "Press the big button once."


def test_defaults_for_optional_lines(tmp_path: Path) -> None:
    tutorial = load_tutorial(write(tmp_path, "sample.toml", document(step={"title": None})))

    assert isinstance(tutorial, Tutorial)
    assert tutorial.audience is Audience.OLDER_ADULT
    assert tutorial.order is None
    assert tutorial.steps[-1].title is None
    assert tutorial.level is Level.FIRST_STEPS


# --- malformed files -----------------------------------------------------------------

LONG_TEXT = '"' + " ".join(["word"] * 61) + '"'
LONG_WORD = '"' + "a" * 481 + '"'
MANY_STEPS = document(steps=21)

# (name, file content, problem, step, field)
MALFORMED: list[tuple[str, str | bytes, TutorialProblem, int | None, str | None]] = [
    ("not toml", 'id = "sample\n', TutorialProblem.NOT_TOML, None, None),
    ("not utf-8", b'title = "caf\xe9"\n', TutorialProblem.NOT_UTF8, None, None),
    ("too large", document() + "#" * MAX_FILE_BYTES, TutorialProblem.TOO_LARGE, None, None),
    ("newer format", document({"format": "2"}), TutorialProblem.NEWER_FORMAT, None, "format"),
    ("format zero", document({"format": "0"}), TutorialProblem.BAD_VALUE, None, "format"),
    ("format text", document({"format": '"1"'}), TutorialProblem.WRONG_TYPE, None, "format"),
    (
        "misspelt top line",
        document({"sumary": '"x"'}),
        TutorialProblem.UNKNOWN_FIELD,
        None,
        "sumary",
    ),
    (
        "misspelt step line",
        document(step={"tryit": '"x"'}),
        TutorialProblem.UNKNOWN_FIELD,
        2,
        "tryit",
    ),
    ("no id", document({"id": None}), TutorialProblem.MISSING_FIELD, None, "id"),
    ("id not text", document({"id": "5"}), TutorialProblem.WRONG_TYPE, None, "id"),
    ("id blank", document({"id": '" "'}), TutorialProblem.EMPTY, None, "id"),
    ("id capitals", document({"id": '"Sample"'}), TutorialProblem.BAD_VALUE, None, "id"),
    ("id spaces", document({"id": '"my sample"'}), TutorialProblem.BAD_VALUE, None, "id"),
    ("id not file name", document({"id": '"other"'}), TutorialProblem.ID_MISMATCH, None, "id"),
    ("no title", document({"title": None}), TutorialProblem.MISSING_FIELD, None, "title"),
    ("empty title", document({"title": '""'}), TutorialProblem.EMPTY, None, "title"),
    (
        "long title",
        document({"title": '"' + "a " * 13 + '"'}),
        TutorialProblem.TOO_LONG,
        None,
        "title",
    ),
    ("summary list", document({"summary": '["x"]'}), TutorialProblem.WRONG_TYPE, None, "summary"),
    (
        "bell in summary",
        document({"summary": '"ring \\u0007"'}),
        TutorialProblem.BAD_CHARACTER,
        None,
        "summary",
    ),
    ("no level", document({"level": None}), TutorialProblem.MISSING_FIELD, None, "level"),
    ("unknown level", document({"level": '"expert"'}), TutorialProblem.BAD_VALUE, None, "level"),
    ("level number", document({"level": "1"}), TutorialProblem.WRONG_TYPE, None, "level"),
    ("no minutes", document({"minutes": None}), TutorialProblem.MISSING_FIELD, None, "minutes"),
    (
        "minutes in words",
        document({"minutes": '"five"'}),
        TutorialProblem.WRONG_TYPE,
        None,
        "minutes",
    ),
    ("minutes true", document({"minutes": "true"}), TutorialProblem.WRONG_TYPE, None, "minutes"),
    ("minutes float", document({"minutes": "5.5"}), TutorialProblem.WRONG_TYPE, None, "minutes"),
    ("minutes zero", document({"minutes": "0"}), TutorialProblem.BAD_VALUE, None, "minutes"),
    ("minutes 61", document({"minutes": "61"}), TutorialProblem.BAD_VALUE, None, "minutes"),
    (
        "unknown audience",
        document({"audience": '"family"'}),
        TutorialProblem.BAD_VALUE,
        None,
        "audience",
    ),
    ("no topics", document({"topics": None}), TutorialProblem.MISSING_FIELD, None, "topics"),
    ("topics text", document({"topics": '"zoom"'}), TutorialProblem.WRONG_TYPE, None, "topics"),
    ("topics numbers", document({"topics": "[1]"}), TutorialProblem.WRONG_TYPE, None, "topics"),
    ("topics empty", document({"topics": "[]"}), TutorialProblem.EMPTY, None, "topics"),
    (
        "topic spaces",
        document({"topics": '["Video Calls"]'}),
        TutorialProblem.BAD_VALUE,
        None,
        "topics",
    ),
    (
        "nine topics",
        document({"topics": json.dumps([f"t{i}" for i in range(9)])}),
        TutorialProblem.TOO_LONG,
        None,
        "topics",
    ),
    ("order negative", document({"order": "-1"}), TutorialProblem.BAD_VALUE, None, "order"),
    ("order text", document({"order": '"first"'}), TutorialProblem.WRONG_TYPE, None, "order"),
    ("no steps", document(steps=0), TutorialProblem.NO_STEPS, None, "steps"),
    ("steps empty", document({"steps": "[]"}, steps=0), TutorialProblem.NO_STEPS, None, "steps"),
    (
        "steps one table",
        document(steps=0) + '[steps]\ntext = "x"\n',
        TutorialProblem.WRONG_TYPE,
        None,
        "steps",
    ),
    (
        "step not a table",
        document({"steps": '["x"]'}, steps=0),
        TutorialProblem.WRONG_TYPE,
        1,
        "steps",
    ),
    ("21 steps", MANY_STEPS, TutorialProblem.TOO_LONG, None, "steps"),
    ("step without text", document(step={"text": None}), TutorialProblem.MISSING_FIELD, 2, "text"),
    ("step text blank", document(step={"text": '"   "'}), TutorialProblem.EMPTY, 2, "text"),
    ("step text number", document(step={"text": "3"}), TutorialProblem.WRONG_TYPE, 2, "text"),
    ("step text 61 words", document(step={"text": LONG_TEXT}), TutorialProblem.TOO_LONG, 2, "text"),
    (
        "step text 481 letters",
        document(step={"text": LONG_WORD}),
        TutorialProblem.TOO_LONG,
        2,
        "text",
    ),
    ("step tip long", document(step={"tip": LONG_TEXT}), TutorialProblem.TOO_LONG, 2, "tip"),
    (
        "unknown action",
        document(step={"try_it": '"format-disk"'}),
        TutorialProblem.UNKNOWN_ACTION,
        2,
        "try_it",
    ),
    (
        "missing image",
        document(step={"image": '"join.png"'}),
        TutorialProblem.MISSING_IMAGE,
        2,
        "image",
    ),
    (
        "image outside",
        document(step={"image": '"../secret.png"'}),
        TutorialProblem.BAD_VALUE,
        2,
        "image",
    ),
    (
        "image program",
        document(step={"image": '"join.exe"'}),
        TutorialProblem.BAD_VALUE,
        2,
        "image",
    ),
    ("image hidden", document(step={"image": '".png"'}), TutorialProblem.BAD_VALUE, 2, "image"),
]


@pytest.mark.parametrize(
    ("content", "problem", "step", "field"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_file_names_the_problem(
    tmp_path: Path,
    content: str | bytes,
    problem: TutorialProblem,
    step: int | None,
    field: str | None,
) -> None:
    error = problem_of(write(tmp_path, "sample.toml", content))

    assert (error.problem, error.step, error.field) == (problem, step, field)
    assert error.file == "sample.toml"
    assert error.code == "tutorial_invalid"
    assert isinstance(error, LonelyBridgeError)
    assert {"file", "step", "field", "problem", "detail"} <= set(error.params)

    message = explain_tutorial_problem(error)
    assert "“sample.toml”" in message
    assert "{" not in message.replace("{ ", "")
    if step is not None:
        assert f"step {step}" in message
    if field is not None and problem is not TutorialProblem.NO_STEPS:
        assert field in message


def test_explanations_read_as_promised(tmp_path: Path) -> None:
    path = write(tmp_path, "zoom.toml", document({"id": '"zoom"'}, {"text": None}, steps=3))

    assert explain_tutorial_problem(problem_of(path)) == (
        'In “zoom.toml”, step 3 has no “text”. Add a line like text = "…" to that step.'
    )


def test_typos_get_a_suggestion(tmp_path: Path) -> None:
    error = problem_of(write(tmp_path, "sample.toml", document(step={"tryit": '"x"'})))

    assert error.params["suggestion"] == "try_it"
    assert explain_tutorial_problem(error).endswith("Did you mean “try_it”?")


def test_broken_toml_explanation_gives_the_line(tmp_path: Path) -> None:
    error = problem_of(write(tmp_path, "sample.toml", 'title = "x"\nid = "sample\n'))

    assert error.params["line"] == 2
    assert "line 2" in explain_tutorial_problem(error)


def test_unreadable_things_named_toml(tmp_path: Path) -> None:
    (tmp_path / "folder.toml").mkdir()
    assert problem_of(tmp_path / "folder.toml").problem is TutorialProblem.UNREADABLE
    assert problem_of(tmp_path / "gone.toml").problem is TutorialProblem.UNREADABLE


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    assert problem_of(tmp_path / "pipe.toml").problem is TutorialProblem.UNREADABLE


# --- loading folders -----------------------------------------------------------------


def lesson(tutorial_id: str, *, title: str = "A lesson", level: str = "first-steps") -> str:
    return document(
        {"id": json.dumps(tutorial_id), "title": json.dumps(title), "level": f'"{level}"'}
    )


def test_one_bad_file_leaves_the_others_loaded(tmp_path: Path) -> None:
    write(tmp_path, "alpha.toml", lesson("alpha", title="Zebra", level="confident"))
    write(tmp_path, "broken.toml", "this is = = not toml")
    write(tmp_path, "beta.toml", lesson("beta", title="Apple"))
    write(tmp_path, "gamma.toml", lesson("gamma", title="Mango"))
    write(tmp_path, ".hidden.toml", b"\xff\xfe")
    write(tmp_path, "notes.txt", "not a lesson")

    library = load_tutorials([(tmp_path, "shipped")])

    assert [t.id for t in library.tutorials] == ["beta", "gamma", "alpha"]
    assert [(p.file, p.problem) for p in library.problems] == [
        ("broken.toml", TutorialProblem.NOT_TOML)
    ]


def test_shipped_lessons_win_over_custom_ones_with_the_same_id(tmp_path: Path) -> None:
    shipped, custom = tmp_path / "shipped", tmp_path / "custom"
    write(shipped, "sample.toml", lesson("sample", title="Shipped"))
    write(custom, "sample.toml", lesson("sample", title="Custom"))
    write(custom, "extra.toml", lesson("extra", title="Extra"))

    # Custom first on purpose: the rule must not depend on the order of the folders.
    library = load_tutorials([(custom, "custom"), (shipped, "shipped")])

    sample = library.get("sample")
    extra = library.get("extra")
    assert sample is not None
    assert (sample.title, sample.origin) == ("Shipped", Origin.SHIPPED)
    assert extra is not None
    assert extra.origin is Origin.CUSTOM
    [duplicate] = library.problems
    assert duplicate.problem is TutorialProblem.DUPLICATE_ID
    assert duplicate.file == "sample.toml"
    assert duplicate.params["id"] == "sample"
    assert "comes with Lonely Bridge" in explain_tutorial_problem(duplicate)


def test_duplicates_within_custom_folders_keep_the_first(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write(first, "sample.toml", lesson("sample", title="First"))
    write(second, "sample.toml", lesson("sample", title="Second"))

    library = load_tutorials([(first, "custom"), (second, "custom")])

    sample = library.get("sample")
    assert sample is not None
    assert sample.title == "First"
    [duplicate] = library.problems
    assert "“sample.toml” already uses" in explain_tutorial_problem(duplicate)


def test_missing_folders_are_not_problems(tmp_path: Path) -> None:
    library = load_tutorials([(tmp_path / "nobody-wrote-one-yet", "custom")])

    assert (library.tutorials, library.problems) == ((), ())


# --- robustness ----------------------------------------------------------------------

ROBUST = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALID_TEXT = document(
    {"audience": '"helper"', "order": "3", "format": "1"},
    {"say": '"Say this."', "try_it": '"open-people"', "tip": '"A tip."'},
)


def load_or_problem(path: Path) -> None:
    """Either a lesson with steps, or a TutorialError that can be put in plain words."""
    problem: TutorialError | None = None
    try:
        tutorial = load_tutorial(path)
    except TutorialError as error:
        problem = error
    if problem is None:
        assert tutorial.steps
    else:
        assert explain_tutorial_problem(problem)


@ROBUST
@given(content=st.binary(max_size=2048))
def test_arbitrary_bytes_only_raise_tutorial_errors(tmp_path: Path, content: bytes) -> None:
    load_or_problem(write(tmp_path, "sample.toml", content))


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "replace"]),
        st.integers(min_value=0, max_value=2000),
        st.integers(min_value=1, max_value=30),
        st.text(alphabet=st.sampled_from("abc[]{}=\"'\\#,.\n -_0159\u00e9\u0007"), max_size=12),
    ),
    min_size=1,
    max_size=6,
)


@ROBUST
@given(edits=EDITS)
def test_mutated_lessons_only_raise_tutorial_errors(
    tmp_path: Path, edits: list[tuple[str, int, int, str]]
) -> None:
    text = VALID_TEXT
    for operation, position, length, insert in edits:
        at = position % (len(text) + 1)
        if operation == "insert":
            text = text[:at] + insert + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + length :]
        else:
            text = text[:at] + insert + text[at + len(insert) :]
    load_or_problem(write(tmp_path, "sample.toml", text))


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "inf" if value > 0 else "-inf"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    items = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
    return "{ " + items + " }"


SCALARS = (
    st.text(max_size=80)
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.booleans()
    | st.floats(allow_nan=False)
    | st.sampled_from([*Level, *Audience, *Action, "sample", "video-calls"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
TOP_KEYS = st.sampled_from(
    [
        "format",
        "id",
        "title",
        "summary",
        "level",
        "minutes",
        "audience",
        "topics",
        "order",
        "tittle",
    ]
)
STEP_KEYS = st.sampled_from(["title", "text", "image", "say", "try_it", "tip", "txt"])


@ROBUST
@given(
    top_changes=st.dictionaries(TOP_KEYS, st.none() | VALUES, max_size=4),
    steps=st.lists(st.dictionaries(STEP_KEYS, VALUES, max_size=4), max_size=4),
)
def test_structured_nonsense_only_raises_tutorial_errors(
    tmp_path: Path, top_changes: dict[str, Any], steps: list[dict[str, Any]]
) -> None:
    top: dict[str, Any] = {
        "id": "sample",
        "title": "A lesson",
        "summary": "Words.",
        "level": "first-steps",
        "minutes": 5,
        "topics": ["practice"],
    }
    for key, value in top_changes.items():
        if value is None:
            top.pop(key, None)
        else:
            top[key] = value
    lines = [f"{key} = {toml_value(value)}" for key, value in top.items()]
    for changes in steps:
        # Starting each step from a valid one lets the nonsense reach the deeper checks.
        fields = {"text": "Press it.", **changes}
        lines.append("[[steps]]")
        lines += [f"{key} = {toml_value(value)}" for key, value in fields.items()]
    load_or_problem(write(tmp_path, "sample.toml", "\n".join(lines) + "\n"))
