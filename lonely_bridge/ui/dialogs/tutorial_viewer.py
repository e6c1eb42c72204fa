"""One tutorial, one step per screen: big Back and Next, read aloud, try it, and no hurry."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from lonely_bridge.domain.learning import Confidence, Moment
from lonely_bridge.domain.tutorials import Action, Tutorial
from lonely_bridge.i18n import _
from lonely_bridge.services.learning import LearningService
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.ports import Speaker
from lonely_bridge.ui.widgets.controls import button, clear_layout, label
from lonely_bridge.ui.widgets.flow_layout import FlowLayout
from lonely_bridge.wording.learning import confidence_words

PICTURE_MAX_PX = 560


class Stage(Enum):
    ASK_BEFORE = "before"
    STEP = "step"
    ASK_AFTER = "after"
    DONE = "done"


class TutorialViewer(ScrollingDialog):
    """Ends Accepted when the lesson is finished, Rejected when the person stops for now."""

    try_it = Signal(object)  # an Action from the step's "Try it now" button

    def __init__(
        self,
        tutorial: Tutorial,
        *,
        learning: LearningService,
        speaker: Speaker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tutorial.title, name="tutorialViewer", parent=parent)
        self.tutorial = tutorial
        self._learning = learning
        self._speaker = speaker
        self.step = learning.start_at(tutorial)
        fresh = tutorial.id not in learning.progress() or learning.progress()[tutorial.id].done
        self.stage = Stage.ASK_BEFORE if fresh else Stage.STEP
        self._build_footer()
        self._show()

    # Footer -------------------------------------------------------------------------------
    def _build_footer(self) -> None:
        self.back_button = button(_("Back"), name="tutorialBack")
        self.back_button.clicked.connect(self.back)
        self.next_button = button(_("Next"), name="tutorialNext", role="primary")
        self.next_button.clicked.connect(self.next)
        self.read_button = button(
            _("Read this aloud"),
            name="tutorialReadAloud",
            description=_("Hear the words of this step"),
        )
        self.read_button.clicked.connect(self.read_aloud)
        self.try_button = button(_("Try it now"), name="tutorialTryIt")
        self.try_button.clicked.connect(self._try_it)
        self.stop_button = button(
            _("Stop for now"),
            name="tutorialStop",
            description=_("Your place is kept; carry on whenever you like"),
        )
        self.stop_button.clicked.connect(self.stop)
        for widget in (
            self.next_button,
            self.back_button,
            self.read_button,
            self.try_button,
            self.stop_button,
        ):
            self.footer.addWidget(widget)

    # Screens ------------------------------------------------------------------------------
    def _show(self) -> None:
        clear_layout(self.body)
        self.show_note("")
        step_screen = self.stage is Stage.STEP
        self.back_button.setVisible(step_screen and self.step > 1)
        self.next_button.setVisible(self.stage is not Stage.DONE)
        self.read_button.setVisible(step_screen)
        self.try_button.setVisible(False)
        self.stop_button.setText(_("Close") if self.stage is Stage.DONE else _("Stop for now"))
        if self.stage in (Stage.ASK_BEFORE, Stage.ASK_AFTER):
            self._ask()
        elif self.stage is Stage.STEP:
            self._step()
        else:
            self._done()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _ask(self) -> None:
        question = _("How sure do you feel about video calls now?")
        self.body.addWidget(label(question, role="heading", name="confidenceQuestion"))
        self.body.addWidget(
            label(_("There is no right answer, and you can skip it."), role="muted")
        )
        box = QWidget()
        flow = FlowLayout(box)
        for value in Confidence:
            choice = button(confidence_words(value), name=f"confidence{int(value)}")
            choice.clicked.connect(lambda _c=False, v=value: self._answer(v))
            flow.addWidget(choice)
        self.body.addWidget(box)
        self.next_button.setText(_("Skip this question"))

    def _answer(self, value: Confidence) -> None:
        moment = Moment.BEFORE if self.stage is Stage.ASK_BEFORE else Moment.AFTER
        self._learning.record_confidence(self.tutorial, moment, value)
        self.next()

    def _step(self) -> None:
        steps = self.tutorial.steps
        current = steps[self.step - 1]
        self._learning.reached(self.tutorial, self.step)
        self.body.addWidget(
            label(
                _("Step {n} of {total}").format(n=self.step, total=len(steps)),
                role="muted",
                name="tutorialStepNumber",
            )
        )
        if current.title:
            self.body.addWidget(label(current.title, role="heading", name="tutorialStepTitle"))
        self.body.addWidget(label(current.text, name="tutorialStepText"))
        if current.image is not None:
            picture = QPixmap(str(current.image))
            if not picture.isNull():
                image = QLabel()
                image.setObjectName("tutorialPicture")
                image.setAccessibleName(current.title or _("Picture for this step"))
                image.setPixmap(
                    picture.scaled(
                        PICTURE_MAX_PX,
                        PICTURE_MAX_PX,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                self.body.addWidget(image)
        if current.tip:
            self.body.addWidget(label("💡 " + current.tip, role="muted", name="tutorialTip"))
        self.try_button.setVisible(current.try_it is not None)
        last = self.step == len(steps)
        self.next_button.setText(_("Finish") if last else _("Next"))

    def _done(self) -> None:
        self.body.addWidget(label(_("Well done!"), role="title", name="tutorialDone"))
        self.body.addWidget(
            label(
                _("You have finished “{title}”. You can come back to it any time.").format(
                    title=self.tutorial.title
                )
            )
        )

    # Moving -------------------------------------------------------------------------------
    def next(self) -> None:
        self._speaker.stop()
        if self.stage is Stage.ASK_BEFORE:
            self.stage = Stage.STEP
        elif self.stage is Stage.STEP:
            if self.step < len(self.tutorial.steps):
                self.step += 1
            else:
                self._learning.finish(self.tutorial)
                self.stage = Stage.ASK_AFTER
        elif self.stage is Stage.ASK_AFTER:
            self.stage = Stage.DONE
        self._show()

    def back(self) -> None:
        self._speaker.stop()
        if self.stage is Stage.STEP and self.step > 1:
            self.step -= 1
            self._show()

    def stop(self) -> None:
        self._speaker.stop()
        if self.stage is Stage.DONE:
            self.accept()
        else:
            self.reject()

    def finished_lesson(self) -> bool:
        return self.stage in (Stage.ASK_AFTER, Stage.DONE)

    def read_aloud(self) -> None:
        current = self.tutorial.steps[self.step - 1]
        if not self._speaker.say(current.spoken_text):
            self.show_note(
                _(
                    "Reading aloud is not available on this computer. A helper can add a "
                    "voice (on Linux, the “speech-dispatcher” package); everything else "
                    "works as usual."
                )
            )

    def _try_it(self) -> None:
        action = self.tutorial.steps[self.step - 1].try_it
        if action is not None:
            self.try_it.emit(Action(action))
