"""The composition root joins what Settings says to the parts of the computer it steers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import system_speaker
from lonely_bridge.domain.settings import SPEECH_SPEED, SpeechSpeed
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.stores import Stores, open_stores
from tests.doubles import FixedClock

pytest.importorskip("PySide6.QtTextToSpeech")


@pytest.fixture
def stores(tmp_path: Path, clock: FixedClock) -> Iterator[Stores]:
    opened = open_stores(open_database(tmp_path, now=clock.now()))
    yield opened
    opened.close()


def test_the_voice_reads_at_the_pace_saved_in_settings(
    qtbot: QtBot, stores: Stores, clock: FixedClock
) -> None:
    settings = SettingsService(stores.settings, clock)
    speaker = system_speaker(settings, "mock")
    if not speaker.available():
        pytest.skip("Qt's mock speech engine is not installed")
    settings.set(SPEECH_SPEED, SpeechSpeed.SLOWER)
    speaker.say("Time to call Anna")
    assert speaker.engine is not None
    assert speaker.engine.rate() == pytest.approx(SpeechSpeed.SLOWER.rate)
    settings.set(SPEECH_SPEED, SpeechSpeed.USUAL)
    speaker.say("Time to call Anna")
    assert speaker.engine.rate() == pytest.approx(0.0)
