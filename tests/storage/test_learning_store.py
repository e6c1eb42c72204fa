"""The learning store: progress kept per tutorial and updated in place, answers in order."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from lonely_bridge.domain.learning import Confidence, ConfidenceAnswer, Moment, Progress
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock


def test_progress_is_one_row_per_tutorial_updated_in_place(
    store: Stores, clock: FixedClock
) -> None:
    started = Progress("first-call", 1, clock.now(), clock.now())
    store.learning.save_progress(started)
    later = clock.now() + timedelta(minutes=5)
    finished = replace(started, current_step=4, updated_at=later, completed_at=later)
    store.learning.save_progress(finished)
    store.learning.save_progress(Progress("photos", 2, clock.now(), clock.now()))

    saved = store.learning.all_progress()

    assert saved == {"first-call": finished, "photos": saved["photos"]}
    assert saved["first-call"].done
    assert saved["photos"].current_step == 2


def test_confidence_answers_come_back_oldest_first_with_ids(
    store: Stores, clock: FixedClock
) -> None:
    after = ConfidenceAnswer(None, "first-call", Moment.AFTER, Confidence.QUITE, clock.now())
    before = replace(
        after,
        moment=Moment.BEFORE,
        value=Confidence.A_LITTLE,
        asked_at=clock.now() - timedelta(hours=1),
    )
    saved_after = store.learning.add_confidence(after)
    saved_before = store.learning.add_confidence(before)

    assert saved_after.id is not None
    assert saved_before.id is not None
    assert store.learning.confidence_answers() == [saved_before, saved_after]
    assert saved_after == replace(after, id=saved_after.id)
