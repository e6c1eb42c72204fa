"""Working through tutorials: where the person is, how sure they feel, and what comes next."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import ReframesInvalid
from lonely_bridge.domain.learning import (
    Confidence,
    ConfidenceAnswer,
    Moment,
    Progress,
    resume_step,
    suggest_next,
)
from lonely_bridge.domain.reframes import Hesitation, Reframe, pick_reframe
from lonely_bridge.domain.settings import RECOMMENDED_LESSONS, REFRAME_LAST_SHOWN, REFRAMES_SHOWN
from lonely_bridge.domain.tutorials import Tutorial
from lonely_bridge.formats.reframes import load_reframes
from lonely_bridge.resources import resource_path
from lonely_bridge.services.ports import LearningRepository, SettingsRepository
from lonely_bridge.services.settings import read, write
from lonely_bridge.services.tutorials import TutorialService

log = logging.getLogger(__name__)

REFRAMES_FILE = "reframes.toml"


class LearningService:
    def __init__(
        self,
        learning: LearningRepository,
        settings: SettingsRepository,
        clock: Clock,
        tutorials: TutorialService,
        *,
        data_dir: Path | None = None,
    ) -> None:
        self._learning = learning
        self._settings = settings
        self._clock = clock
        self._tutorials = tutorials
        self._data_dir = data_dir

    def tutorials(self) -> list[Tutorial]:
        return self._tutorials.tutorials()

    def tutorial(self, tutorial_id: str) -> Tutorial | None:
        return next((t for t in self.tutorials() if t.id == tutorial_id), None)

    def progress(self) -> dict[str, Progress]:
        return self._learning.all_progress()

    def suggestion(self) -> Tutorial | None:
        """The first lesson a helper recommended that is not done yet; otherwise the next one
        by level and how sure the person feels."""
        tutorials, progress = self.tutorials(), self.progress()
        by_id = {tutorial.id: tutorial for tutorial in tutorials}
        for lesson_id in read(self._settings, RECOMMENDED_LESSONS):
            done = progress.get(lesson_id)
            if lesson_id in by_id and (done is None or not done.done):
                return by_id[lesson_id]
        return suggest_next(tutorials, progress, self.confidence_history())

    def start_at(self, tutorial: Tutorial) -> int:
        """The step to open: where they left off, or 1."""
        return resume_step(tutorial, self.progress().get(tutorial.id))

    def reached(self, tutorial: Tutorial, step: int) -> None:
        """Remember the step on screen, so the lesson resumes there after a restart."""
        now = self._clock.now()
        current = self.progress().get(tutorial.id)
        if current is None or current.done:
            current = Progress(tutorial.id, step, now, now)
        self._learning.save_progress(replace(current, current_step=step, updated_at=now))

    def finish(self, tutorial: Tutorial) -> None:
        now = self._clock.now()
        current = self.progress().get(tutorial.id) or Progress(tutorial.id, 1, now, now)
        self._learning.save_progress(
            replace(current, current_step=len(tutorial.steps), updated_at=now, completed_at=now)
        )

    def record_confidence(
        self, tutorial: Tutorial | None, moment: Moment, value: Confidence
    ) -> ConfidenceAnswer:
        return self._learning.add_confidence(
            ConfidenceAnswer(
                None, tutorial.id if tutorial else None, moment, value, self._clock.now()
            )
        )

    def confidence_history(self) -> list[ConfidenceAnswer]:
        return self._learning.confidence_answers()

    # Kind words -----------------------------------------------------------------------------
    def _reframes(self) -> list[Reframe]:
        own = self._data_dir / REFRAMES_FILE if self._data_dir else None
        if own is not None and own.is_file():
            try:
                return load_reframes(own)
            except ReframesInvalid as problem:
                log.warning("Using the shipped kind words; %s", problem)
        return load_reframes(resource_path(REFRAMES_FILE))

    def reframe_for(self, moment: Hesitation) -> str | None:
        """Kind words for this moment, at most once a day; remembered when given."""
        today = self._clock.now().date()
        last = read(self._settings, REFRAME_LAST_SHOWN)
        shown = read(self._settings, REFRAMES_SHOWN)
        chosen = pick_reframe(
            self._reframes(), moment, today=today, last_shown=last, shown_count=shown
        )
        if chosen is None:
            return None
        now = self._clock.now()
        write(self._settings, REFRAME_LAST_SHOWN, today, now=now)
        write(self._settings, REFRAMES_SHOWN, shown + 1, now=now)
        return chosen.text
