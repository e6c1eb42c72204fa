"""Reading words aloud with Qt's text to speech, when this computer has a voice for it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

SPEECH_RATE = -0.15  # a little slower than the voice's default, for clarity


class Speaker(QObject):
    """Speaks through QtTextToSpeech (loaded on first use, never before the first paint).

    ``engine`` picks a Qt speech engine by name; tests use Qt's "mock" engine.
    """

    def __init__(self, *, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._speech: QTextToSpeech | None = None
        self._checked = False

    def _voice(self) -> QTextToSpeech | None:
        if self._checked:
            return self._speech
        self._checked = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:  # e.g. PySide6-Addons missing, or libpulse absent
            log.info("Reading aloud is not available: %s", error)
            return None
        engines = QTextToSpeech.availableEngines()
        if not engines or (self._engine_name and self._engine_name not in engines):
            log.info("Reading aloud is not available: no speech engine (%s)", engines)
            return None
        speech = QTextToSpeech(self._engine_name or engines[0], self)
        if speech.state() == QTextToSpeech.State.Error:
            log.info("Reading aloud is not available: %s", speech.errorString())
            return None
        speech.setRate(SPEECH_RATE)
        self._speech = speech
        return speech

    def available(self) -> bool:
        return self._voice() is not None

    def say(self, text: str) -> bool:
        """Start reading ``text``; False when there is no voice on this computer."""
        voice = self._voice()
        if voice is None:
            return False
        voice.say(text)
        return True

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    @property
    def engine(self) -> QTextToSpeech | None:
        return self._speech
