"""The reading voice, chosen among the voices this computer has, with a button to hear it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from lonely_bridge.i18n import _
from lonely_bridge.ui.ports import Speaker
from lonely_bridge.ui.theme import MIN_TARGET_PX
from lonely_bridge.ui.widgets.controls import button, label
from lonely_bridge.ui.widgets.flow_layout import button_row

USUAL_VOICE = ""  # stored for "The computer's usual voice"


def sample_sentence() -> str:
    return _("Hello. This is how Lonely Bridge will read words aloud to you.")


class VoiceChoice(QWidget):
    """A list of this computer's voices, the usual one first, and "Hear it"; with no voice on
    this computer, words that say so instead of an empty list.

    Asking the speaker for its voices loads the speech engine: build this only when the page
    it sits on is shown.
    """

    chosen = Signal(str)  # a voice's name, or "" for the computer's usual voice

    def __init__(self, speaker: Speaker, current: str, *, name: str, title: str) -> None:
        super().__init__()
        self._speaker = speaker
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        voices = speaker.voices()
        self.list: QComboBox | None = None
        if not voices:
            layout.addWidget(
                label(
                    _(
                        "This computer has no voice for reading aloud, so there is nothing to "
                        "choose here. Every word stays on the screen."
                    ),
                    name=f"{name}None",
                )
            )
            return
        box = QComboBox()
        box.setObjectName(f"{name}List")
        box.setAccessibleName(title)
        box.setMinimumHeight(MIN_TARGET_PX)
        box.addItem(_("The computer's usual voice"), USUAL_VOICE)
        for voice in voices:
            box.addItem(voice, voice)
        box.activated.connect(lambda index: self.chosen.emit(box.itemData(index)))
        self.list = box
        self.show_voice(current)
        hear = button(
            _("Hear it"),
            name=f"{name}Hear",
            description=_("Reads a short sentence in the chosen voice and speed"),
        )
        hear.clicked.connect(lambda: self._speaker.say(sample_sentence()))
        layout.addWidget(box)
        layout.addWidget(button_row(hear), 0, Qt.AlignmentFlag.AlignLeft)

    def show_voice(self, voice: str) -> None:
        """Show ``voice`` as chosen; one this computer lacks reads in its usual voice, so that
        is what is shown."""
        if self.list is None:
            return
        index = self.list.findData(voice)
        blocked = self.list.blockSignals(True)
        try:
            self.list.setCurrentIndex(max(index, 0))
        finally:
            self.list.blockSignals(blocked)
