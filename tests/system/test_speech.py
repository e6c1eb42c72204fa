"""Reading aloud follows Settings: the pace and the voice are asked before each reading."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.settings import SpeechSpeed
from lonely_bridge.system.speech import Speaker

pytest.importorskip("PySide6.QtTextToSpeech")


def _mock_speaker(rate: list[float], voice: list[str]) -> Speaker:
    speaker = Speaker(engine="mock", rate=lambda: rate[0], voice=lambda: voice[0])
    if not speaker.available():
        pytest.skip("Qt's mock speech engine is not installed")
    return speaker


def test_the_pace_chosen_in_settings_is_used_for_the_next_reading(qtbot: QtBot) -> None:
    rate = [SpeechSpeed.SLOWER.rate]
    speaker = _mock_speaker(rate, [""])
    assert speaker.say("Hello")
    assert speaker.engine is not None
    assert speaker.engine.rate() == pytest.approx(SpeechSpeed.SLOWER.rate)
    speaker.stop()
    rate[0] = SpeechSpeed.USUAL.rate
    speaker.say("Hello again")
    assert speaker.engine.rate() == pytest.approx(0.0)


def test_a_pace_out_of_range_is_kept_within_what_qt_allows(qtbot: QtBot) -> None:
    speaker = _mock_speaker([-5.0], [""])
    speaker.say("Hello")
    assert speaker.engine is not None
    assert speaker.engine.rate() == pytest.approx(-1.0)


def test_the_voice_chosen_is_used_and_an_unknown_one_falls_back(qtbot: QtBot) -> None:
    voice = [""]
    speaker = _mock_speaker([0.0], voice)
    names = speaker.voices()
    if len(names) < 2:
        pytest.skip("the mock engine offers fewer than two voices here")
    speaker.say("Hello")
    assert speaker.engine is not None
    usual = speaker.engine.voice().name()
    other = next(name for name in names if name != usual)
    voice[0] = other
    speaker.say("Hello")
    assert speaker.engine.voice().name() == other
    # A voice from another computer is not here: the usual voice reads instead.
    voice[0] = "A voice this computer does not have"
    speaker.say("Hello")
    assert speaker.engine.voice().name() == usual


def test_without_a_voice_there_are_no_voices_to_choose(qtbot: QtBot) -> None:
    speaker = Speaker(engine="no-such-engine")
    assert speaker.voices() == []
    assert not speaker.say("Hello")


def test_qts_mock_engine_is_never_taken_for_a_real_voice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    # A computer whose only engine is Qt's mock one has no voice to read with.
    monkeypatch.setattr(QTextToSpeech, "availableEngines", staticmethod(lambda: ["mock"]))
    speaker = Speaker()
    assert not speaker.available()
    assert not speaker.say("Hello")
    assert Speaker(engine="mock").available()
