"""The chime plays only while sounds are on in Settings, asked at each reminder."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from lonely_bridge.system.sound import Chime

QtMultimedia = pytest.importorskip("PySide6.QtMultimedia")


def _effects(chime: Chime) -> list[object]:
    return chime.findChildren(QtMultimedia.QSoundEffect)


def test_with_sounds_off_nothing_is_played(qtbot: QtBot) -> None:
    sounds_on = [False]
    chime = Chime(enabled=lambda: sounds_on[0])
    chime.play()
    assert _effects(chime) == []
    # Turned on in Settings: the next reminder chimes.
    sounds_on[0] = True
    chime.play()
    assert len(_effects(chime)) == 1
    # ... and off again silences the one after.
    sounds_on[0] = False
    effect = _effects(chime)[0]
    assert isinstance(effect, QtMultimedia.QSoundEffect)
    effect.stop()
    chime.play()
    assert not effect.isPlaying()
