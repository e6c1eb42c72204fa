"""A soft chime for reminders; silent (and logged) where the computer has no sound."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

from lonely_bridge.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)

CHIME_VOLUME = 0.6


class Chime(QObject):
    """Plays the chime when ``enabled`` says sounds are on (asked each time, so turning
    sounds off in Settings silences the next reminder)."""

    def __init__(
        self, enabled: Callable[[], bool] = lambda: True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._effect: QSoundEffect | None = None

    def play(self) -> None:
        if not self._enabled():
            return
        if self._effect is None:
            try:
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError as error:
                log.info("No chime: %s", error)
                return
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(resource_path("sounds", "chime.wav"))))
            effect.setVolume(CHIME_VOLUME)
            self._effect = effect
        self._effect.play()
