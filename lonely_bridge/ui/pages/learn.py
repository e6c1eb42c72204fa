"""Learn: short, step-by-step lessons that build confidence, at the person's own pace."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout

from lonely_bridge.domain.tutorials import Tutorial
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.widgets.controls import card, label


class LearnPage(Page):
    def __init__(self, load_tutorials: Callable[[], list[Tutorial]]) -> None:
        super().__init__(_("Learn"), name="learnPage")
        self._load = load_tutorials

    def refresh(self) -> None:
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
        for tutorial in self._load():
            box = card(name=f"tutorial-{tutorial.id}")
            inner = QVBoxLayout(box)
            inner.addWidget(label(tutorial.title, role="heading"))
            inner.addWidget(label(tutorial.summary))
            minutes = ngettext("About {n} minute", "About {n} minutes", tutorial.minutes).format(
                n=tutorial.minutes
            )
            steps = ngettext("{n} step", "{n} steps", len(tutorial.steps)).format(
                n=len(tutorial.steps)
            )
            inner.addWidget(label(f"{minutes} · {steps}", role="muted"))
            layout.addWidget(box)
