"""Progress through tutorials, how sure the person feels, and which lesson to suggest next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from lonely_bridge.domain.tutorials import Audience, Tutorial

# Topics whose confidence answers speak for one another: feeling unsure about video calls
# makes every video-call lesson a good next step.
CONFIDENCE_TOPIC = "video-calls"


class Confidence(IntEnum):
    """Five labelled answers to "How sure do you feel about video calls now?"."""

    NOT_AT_ALL = 1
    A_LITTLE = 2
    FAIRLY = 3
    QUITE = 4
    VERY = 5


class Moment(StrEnum):
    BEFORE = "before"
    AFTER = "after"


@dataclass(frozen=True, slots=True)
class Progress:
    tutorial_id: str
    current_step: int
    started_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True, slots=True)
class ConfidenceAnswer:
    id: int | None
    tutorial_id: str | None
    moment: Moment
    value: Confidence
    asked_at: datetime


def resume_step(tutorial: Tutorial, progress: Progress | None) -> int:
    """The step to open at: where they left off, or the first one (also after finishing)."""
    if progress is None or progress.done:
        return 1
    return min(max(progress.current_step, 1), len(tutorial.steps))


def latest_confidence(answers: Iterable[ConfidenceAnswer]) -> Confidence | None:
    ordered = sorted(answers, key=lambda answer: answer.asked_at)
    return ordered[-1].value if ordered else None


def suggest_next(
    tutorials: Sequence[Tutorial],
    progress: Mapping[str, Progress],
    answers: Iterable[ConfidenceAnswer],
) -> Tutorial | None:
    """The lesson to offer first on the Learn page.

    A lesson left half-way comes first (carrying on is easier than starting). Otherwise the
    first lesson not yet done, in the shipped order; when the person last said they felt
    unsure (two or less of five), lessons about video calls move to the front.
    """
    mine = [t for t in tutorials if t.audience is Audience.OLDER_ADULT]
    started = [t for t in mine if (p := progress.get(t.id)) is not None and not p.done]
    if started:
        return max(started, key=lambda t: progress[t.id].updated_at)
    waiting = [t for t in mine if t.id not in progress or not progress[t.id].done]
    if not waiting:
        return None
    feeling = latest_confidence(answers)
    if feeling is not None and feeling <= Confidence.A_LITTLE:
        for tutorial in waiting:
            if CONFIDENCE_TOPIC in tutorial.topics:
                return tutorial
    return waiting[0]
