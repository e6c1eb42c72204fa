"""A few questions about how the person has been: one per screen, each one skippable."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from lonely_bridge.domain.checkins import Scale
from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.controls import button, clear_layout, label
from lonely_bridge.wording.checkins import introduction, questions, title


class CheckInDialog(ScrollingDialog):
    """Collects answers (None for a skipped question); ``answers`` is read after it closes."""

    def __init__(self, scale: Scale = Scale.UCLA3, parent: QWidget | None = None) -> None:
        super().__init__(title(scale), name="checkInDialog", parent=parent)
        self.scale = scale
        self._questions = questions(scale)
        self.answers: list[int | None] = []
        self.skip_button = button(_("Skip this question"), name="checkInSkip")
        self.skip_button.clicked.connect(lambda: self._answer(None))
        self.stop_button = button(
            _("Stop here"),
            name="checkInStop",
            description=_("Your answers so far are kept; the rest are left out"),
        )
        self.stop_button.clicked.connect(self._stop)
        self.footer.addWidget(self.skip_button)
        self.footer.addWidget(self.stop_button)
        self._intro = True
        self._show()

    def _show(self) -> None:
        clear_layout(self.body)
        if self._intro:
            self.body.addWidget(label(introduction(self.scale), name="checkInIntro"))
            begin = button(_("Begin"), name="checkInBegin", role="primary")
            begin.clicked.connect(self._begin)
            self.body.addWidget(begin)
            self.skip_button.hide()
            return
        self.skip_button.show()
        number = len(self.answers)
        question = self._questions[number]
        self.body.addWidget(
            label(
                _("Question {n} of {total}").format(n=number + 1, total=len(self._questions)),
                role="muted",
                name="checkInNumber",
            )
        )
        self.body.addWidget(label(question.text, role="heading", name="checkInQuestion"))
        column = QVBoxLayout()
        for value, words in question.answers:
            choice = button(words, name=f"checkInAnswer{value}")
            choice.clicked.connect(lambda _c=False, v=value: self._answer(v))
            column.addWidget(choice)
        self.body.addLayout(column)

    def _begin(self) -> None:
        self._intro = False
        self._show()

    def _answer(self, value: int | None) -> None:
        self.answers.append(value)
        if len(self.answers) == len(self._questions):
            self.accept()
        else:
            self._show()

    def _stop(self) -> None:
        if self._intro or not self.answers:
            self.reject()
            return
        self.answers += [None] * (len(self._questions) - len(self.answers))
        self.accept()
