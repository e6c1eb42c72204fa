"""Which lesson to suggest, where to resume, and when to offer a kind word."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from lonely_bridge.domain.learning import (
    Confidence,
    ConfidenceAnswer,
    Moment,
    Progress,
    resume_step,
    suggest_next,
)
from lonely_bridge.domain.reframes import Hesitation, Reframe, pick_reframe
from lonely_bridge.formats.tutorials import load_tutorials
from lonely_bridge.resources import resource_path

T0 = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
LIBRARY = load_tutorials([(resource_path("tutorials"), "shipped")]).tutorials
FIRST, SECOND = LIBRARY[0], LIBRARY[1]


def progress(tutorial_id: str, step: int, *, done: bool = False, hours: int = 0) -> Progress:
    when = T0 + timedelta(hours=hours)
    return Progress(tutorial_id, step, T0, when, when if done else None)


def feeling(value: Confidence, hours: int = 0) -> ConfidenceAnswer:
    return ConfidenceAnswer(None, None, Moment.AFTER, value, T0 + timedelta(hours=hours))


def test_a_new_learner_starts_at_the_beginning() -> None:
    assert suggest_next(LIBRARY, {}, []) == FIRST


def test_a_lesson_left_half_way_comes_first() -> None:
    half = {SECOND.id: progress(SECOND.id, 3), FIRST.id: progress(FIRST.id, 2, hours=-1)}
    assert suggest_next(LIBRARY, half, []) == SECOND


def test_done_lessons_are_passed_over() -> None:
    done = {FIRST.id: progress(FIRST.id, 7, done=True)}
    assert suggest_next(LIBRARY, done, []) == SECOND


@pytest.mark.parametrize("value", [Confidence.NOT_AT_ALL, Confidence.A_LITTLE])
def test_feeling_unsure_brings_video_call_lessons_forward(value: Confidence) -> None:
    assert "video-calls" not in FIRST.topics
    answers = [feeling(Confidence.VERY), feeling(value, hours=1)]  # the latest answer counts
    suggestion = suggest_next(LIBRARY, {}, answers)
    assert suggestion is not None
    assert "video-calls" in suggestion.topics


@pytest.mark.parametrize("value", [Confidence.FAIRLY, Confidence.QUITE, Confidence.VERY])
def test_feeling_sure_keeps_the_usual_order(value: Confidence) -> None:
    assert suggest_next(LIBRARY, {}, [feeling(Confidence.NOT_AT_ALL), feeling(value, 1)]) == FIRST


def test_helper_lessons_are_never_suggested_and_all_done_means_none() -> None:
    mine_done = {t.id: progress(t.id, 1, done=True) for t in LIBRARY}
    assert suggest_next(LIBRARY, mine_done, []) is None
    for tutorial in LIBRARY:
        if tutorial.id.startswith("helper-"):
            assert suggest_next([tutorial], {}, []) is None


@pytest.mark.parametrize(
    ("state", "expected"),
    [(None, 1), (progress(FIRST.id, 4), 4), (progress(FIRST.id, 99), len(FIRST.steps))],
)
def test_resume_step(state: Progress | None, expected: int) -> None:
    assert resume_step(FIRST, state) == expected
    assert resume_step(FIRST, progress(FIRST.id, 4, done=True)) == 1


KIND = [
    Reframe("a", "First words.", frozenset({Hesitation.LEFT_TUTORIAL})),
    Reframe("b", "Second words.", frozenset({Hesitation.LEFT_TUTORIAL, Hesitation.DECLINED_CALL})),
]


def test_kind_words_at_most_once_a_day_and_in_turn() -> None:
    today = date(2026, 11, 26)
    first = pick_reframe(
        KIND, Hesitation.LEFT_TUTORIAL, today=today, last_shown=None, shown_count=0
    )
    assert first is not None
    assert first.id == "a"
    again = pick_reframe(
        KIND, Hesitation.LEFT_TUTORIAL, today=today, last_shown=today, shown_count=1
    )
    assert again is None
    tomorrow = today + timedelta(days=1)
    second = pick_reframe(
        KIND, Hesitation.LEFT_TUTORIAL, today=tomorrow, last_shown=today, shown_count=1
    )
    assert second is not None
    assert second.id == "b"
    only = pick_reframe(KIND, Hesitation.DECLINED_CALL, today=today, last_shown=None, shown_count=0)
    assert only is not None
    assert only.id == "b"
