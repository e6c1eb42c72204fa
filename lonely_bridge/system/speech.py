"""Reading words aloud with Qt's text to speech, when this computer has a voice for it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

MOCK_ENGINE = "mock"
SPEECH_RATE = -0.15  # a little slower than the voice's default, for clarity


class Speaker(QObject):
    """Speaks through QtTextToSpeech (loaded on first use, never before the first paint).

    ``engine`` picks a Qt speech engine by name; tests use Qt's "mock" engine. ``rate`` and
    ``voice`` are asked before each reading, so a change in Settings is heard at once: the
    pace (-1.0 to 1.0) and the name of a voice this computer has ("" for its usual one).
    """

    def __init__(
        self,
        *,
        engine: str | None = None,
        rate: Callable[[], float] = lambda: SPEECH_RATE,
        voice: Callable[[], str] = str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._rate = rate
        self._voice_name = voice
        self._speech: QTextToSpeech | None = None
        self._usual_voice: QVoice | None = None
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
        # Qt's "mock" engine speaks to nobody: it is for tests, which ask for it by name.
        usable = (
            [self._engine_name]
            if self._engine_name
            else [engine for engine in engines if engine != MOCK_ENGINE]
        )
        if not usable or usable[0] not in engines:
            log.info("Reading aloud is not available: no speech engine (%s)", engines)
            return None
        speech = QTextToSpeech(usable[0], self)
        if speech.state() == QTextToSpeech.State.Error:
            log.info("Reading aloud is not available: %s", speech.errorString())
            return None
        self._usual_voice = speech.voice()
        self._speech = speech
        return speech

    def available(self) -> bool:
        return self._voice() is not None

    def voices(self) -> list[str]:
        """The names of the voices this computer can read with, in its language."""
        speech = self._voice()
        if speech is None:
            return []
        return sorted({voice.name() for voice in speech.availableVoices() if voice.name()})

    def say(self, text: str) -> bool:
        """Start reading ``text``; False when there is no voice on this computer."""
        speech = self._voice()
        if speech is None:
            return False
        self._apply_preferences(speech)
        speech.say(text)
        return True

    def _apply_preferences(self, speech: QTextToSpeech) -> None:
        speech.setRate(max(-1.0, min(1.0, self._rate())))
        wanted = self._voice_name()
        # A voice chosen on another computer, or since removed, falls back to the usual one.
        chosen = next((v for v in speech.availableVoices() if wanted and v.name() == wanted), None)
        voice = chosen if chosen is not None else self._usual_voice
        if voice is not None and voice != speech.voice():
            speech.setVoice(voice)

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    @property
    def engine(self) -> QTextToSpeech | None:
        return self._speech
