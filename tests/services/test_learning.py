"""LearningService: a lesson resumes where it was left, the next one is suggested kindly, and
kind words come at most once a day."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from lonely_bridge.domain.learning import Confidence, Moment
from lonely_bridge.domain.reframes import Hesitation
from lonely_bridge.domain.settings import RECOMMENDED_LESSONS
from lonely_bridge.domain.tutorials import Audience, Tutorial
from lonely_bridge.formats.reframes import load_reframes
from lonely_bridge.resources import resource_path
from lonely_bridge.services.learning import REFRAMES_FILE, LearningService
from lonely_bridge.services.settings import SettingsService
from tests.doubles import FixedClock

TEN_MINUTES = timedelta(minutes=10)
SHIPPED_WORDS = load_reframes(resource_path(REFRAMES_FILE))
OWN_WORDS = """
[[reframe]]
id = "from-anna"
moments = ["declined_call"]
text = "Anna says: call whenever you like, Mum."
"""


@pytest.fixture
def lessons(learning: LearningService) -> list[Tutorial]:
    """The person's own lessons (not the helpers'), in the order they are offered."""
    mine = [t for t in learning.tutorials() if t.audience is Audience.OLDER_ADULT]
    return sorted(mine, key=lambda tutorial: tutorial.sort_key)


def long_lesson(lessons: list[Tutorial]) -> Tutorial:
    return next(tutorial for tutorial in lessons if len(tutorial.steps) >= 3)


def test_a_lesson_is_found_by_its_id(learning: LearningService, lessons: list[Tutorial]) -> None:
    assert learning.tutorial(lessons[0].id) == lessons[0]
    assert learning.tutorial("no-such-lesson") is None


def test_a_lesson_left_half_way_opens_where_it_was_left_and_is_suggested_first(
    learning: LearningService, lessons: list[Tutorial], clock: FixedClock
) -> None:
    lesson = long_lesson(lessons)
    assert learning.start_at(lesson) == 1

    learning.reached(lesson, 3)

    assert learning.start_at(lesson) == 3
    assert learning.suggestion() == lesson
    progress = learning.progress()[lesson.id]
    assert (progress.current_step, progress.started_at, progress.done) == (3, clock.now(), False)


def test_a_finished_lesson_starts_again_from_the_beginning(
    learning: LearningService, lessons: list[Tutorial], clock: FixedClock
) -> None:
    lesson = long_lesson(lessons)
    learning.reached(lesson, 2)
    clock.advance(minutes=5)

    learning.finish(lesson)

    progress = learning.progress()[lesson.id]
    assert progress.completed_at == clock.now()
    assert progress.current_step == len(lesson.steps)
    assert learning.start_at(lesson) == 1
    assert learning.suggestion() != lesson


def test_opening_a_finished_lesson_again_starts_a_fresh_round(
    learning: LearningService, lessons: list[Tutorial], clock: FixedClock
) -> None:
    lesson = long_lesson(lessons)
    learning.finish(lesson)
    clock.advance(days=1)

    learning.reached(lesson, 2)

    progress = learning.progress()[lesson.id]
    assert (progress.current_step, progress.started_at, progress.done) == (2, clock.now(), False)


def test_the_first_lesson_not_done_is_suggested_in_order(
    learning: LearningService, lessons: list[Tutorial]
) -> None:
    assert learning.suggestion() == lessons[0]

    learning.finish(lessons[0])

    assert learning.suggestion() == lessons[1]


def test_lessons_a_helper_recommends_come_first_until_done(
    learning: LearningService, lessons: list[Tutorial], settings: SettingsService
) -> None:
    third, second = lessons[2], lessons[1]
    settings.set(RECOMMENDED_LESSONS, ("no-longer-here", third.id, second.id))

    assert learning.suggestion() == third
    learning.finish(third)
    assert learning.suggestion() == second
    learning.finish(second)
    # Then the usual order again.
    assert learning.suggestion() == lessons[0]


def test_how_sure_they_feel_is_kept_in_order(
    learning: LearningService, lessons: list[Tutorial], clock: FixedClock
) -> None:
    before = learning.record_confidence(lessons[0], Moment.BEFORE, Confidence.A_LITTLE)
    clock.advance(seconds=TEN_MINUTES.total_seconds())
    after = learning.record_confidence(None, Moment.AFTER, Confidence.QUITE)

    assert before.id is not None
    assert (before.tutorial_id, before.asked_at) == (lessons[0].id, clock.now() - TEN_MINUTES)
    assert after.tutorial_id is None
    assert learning.confidence_history() == [before, after]


def test_kind_words_come_at_most_once_a_day_and_take_turns(
    learning: LearningService, clock: FixedClock
) -> None:
    fitting = [r.text for r in SHIPPED_WORDS if Hesitation.DECLINED_CALL in r.moments]
    assert len(fitting) >= 2

    first = learning.reframe_for(Hesitation.DECLINED_CALL)
    again_today = learning.reframe_for(Hesitation.LEFT_TUTORIAL)
    clock.advance(days=1)
    tomorrow = learning.reframe_for(Hesitation.DECLINED_CALL)

    assert first == fitting[0]
    assert again_today is None
    assert tomorrow == fitting[1]


def test_a_helper_s_own_kind_words_are_used(learning: LearningService, helper_folder: Path) -> None:
    (helper_folder / REFRAMES_FILE).write_text(OWN_WORDS, encoding="utf-8")

    assert learning.reframe_for(Hesitation.DECLINED_CALL) == (
        "Anna says: call whenever you like, Mum."
    )


@pytest.mark.allow_log("lonely_bridge.services.learning", "WARNING")
def test_a_broken_file_of_kind_words_falls_back_to_the_shipped_ones(
    learning: LearningService, helper_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (helper_folder / REFRAMES_FILE).write_text("[[reframe]]\nid = 1\n", encoding="utf-8")

    words = learning.reframe_for(Hesitation.DECLINED_CALL)

    assert words in [r.text for r in SHIPPED_WORDS]
    assert "reframes.toml" in caplog.text
