"""Learn: short, step-by-step lessons that build confidence, at the person's own pace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout

from lonely_bridge.i18n import _, ngettext
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import button, card, label
from lonely_bridge.wording.learning import confidence_words

if TYPE_CHECKING:
    from lonely_bridge.domain.learning import Progress
    from lonely_bridge.domain.tutorials import Tutorial
    from lonely_bridge.services.learning import LearningService


def status_words(tutorial: Tutorial, progress: Progress | None) -> str:
    if progress is None:
        return _("Not started yet")
    if progress.done:
        return _("✓ Done")
    return _("You reached step {n} of {total}").format(
        n=progress.current_step, total=len(tutorial.steps)
    )


def length_words(tutorial: Tutorial) -> str:
    minutes = ngettext("About {n} minute", "About {n} minutes", tutorial.minutes).format(
        n=tutorial.minutes
    )
    steps = ngettext("{n} step", "{n} steps", len(tutorial.steps)).format(n=len(tutorial.steps))
    return f"{minutes} · {steps}"


class LearnPage(Page):
    open_requested = Signal(str)

    def __init__(self, learning: LearningService) -> None:
        super().__init__(_("Learn"), name="learnPage")
        self._learning = learning

    def refresh(self) -> None:
        from lonely_bridge.domain.tutorials import Audience

        self.clear_body()
        layout = self.body_layout()
        layout.addWidget(
            label(
                _(
                    "Short lessons, one step at a time. There is no rush and no test: "
                    "you can stop whenever you like and carry on later."
                ),
                name="learnIntro",
            )
        )
        progress = self._learning.progress()
        suggestion = self._learning.suggestion()
        if suggestion is not None:
            layout.addWidget(label(_("Suggested for you"), role="heading"))
            layout.addWidget(self._card(suggestion, progress.get(suggestion.id), suggested=True))
        self._feelings(layout)
        for audience, heading in (
            (Audience.OLDER_ADULT, _("All lessons")),
            (Audience.HELPER, _("For family and helpers")),
        ):
            chosen = [t for t in self._learning.tutorials() if t.audience is audience]
            if not chosen:
                continue
            layout.addWidget(label(heading, role="heading"))
            for tutorial in chosen:
                layout.addWidget(self._card(tutorial, progress.get(tutorial.id)))

    def _card(
        self, tutorial: Tutorial, progress: Progress | None, *, suggested: bool = False
    ) -> QFrame:
        box = card(name=f"{'suggested' if suggested else 'tutorial'}-{tutorial.id}")
        inner = QVBoxLayout(box)
        inner.addWidget(label(tutorial.title, role="heading"))
        inner.addWidget(label(tutorial.summary))
        inner.addWidget(
            label(f"{length_words(tutorial)} · {status_words(tutorial, progress)}", role="muted")
        )
        if progress is None:
            words = _("Start")
        elif progress.done:
            words = _("Do it again")
        else:
            words = _("Carry on")
        start = button(
            words,
            name=f"{'openSuggested' if suggested else 'openTutorial'}-{tutorial.id}",
            role="primary" if suggested else "",
            description=tutorial.title,
        )
        start.clicked.connect(lambda: self.open_requested.emit(tutorial.id))
        inner.addWidget(start)
        return box

    def _feelings(self, layout: QVBoxLayout) -> None:
        from lonely_bridge.domain.learning import Moment

        answers = self._learning.confidence_history()
        if not answers:
            return
        box = card(name="confidenceHistory")
        inner = QVBoxLayout(box)
        inner.addWidget(label(_("How sure you have felt about video calls"), role="heading"))
        for answer in answers[-5:]:
            when = _("before") if answer.moment is Moment.BEFORE else _("after")
            title = self._learning.tutorial(answer.tutorial_id or "")
            lesson = f" “{title.title}”" if title else ""
            inner.addWidget(
                label(
                    _("{feeling} ({when} the lesson{lesson})").format(
                        feeling=confidence_words(answer.value), when=when, lesson=lesson
                    )
                )
            )
        layout.addWidget(box)
