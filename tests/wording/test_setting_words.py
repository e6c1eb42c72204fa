"""Every setting the Settings screen shows has plain words: a label, a help line, its choices."""

from __future__ import annotations

from typing import Any

import pytest

from lonely_bridge.domain.settings import SETTINGS, Choice, Setting
from lonely_bridge.wording.settings import words_for

SHOWN = [setting for setting in SETTINGS if setting.shown]
HIDDEN = [setting for setting in SETTINGS if not setting.shown]


def test_some_settings_are_shown_and_some_are_not() -> None:
    assert SHOWN
    assert HIDDEN


@pytest.mark.parametrize("setting", SHOWN, ids=lambda s: s.key)
def test_every_shown_setting_has_a_label_and_a_help_line(setting: Setting[Any]) -> None:
    words = words_for(setting)
    for text in (words.label, words.help_line):
        assert text.strip() == text
        assert text
        # Words, not the key or other code-speak.
        assert "_" not in text
        assert setting.key not in text
    assert words.help_line.endswith(".")
    assert len(words.label) < len(words.help_line)


@pytest.mark.parametrize("setting", SHOWN, ids=lambda s: s.key)
def test_every_choice_has_words(setting: Setting[Any]) -> None:
    choices = setting.kind.choices if isinstance(setting.kind, Choice) else ()
    assert set(words_for(setting).choices) == set(choices)
    assert all(words_for(setting).choices.values())


@pytest.mark.parametrize("setting", HIDDEN, ids=lambda s: s.key)
def test_what_the_app_remembers_for_itself_has_no_words(setting: Setting[Any]) -> None:
    with pytest.raises(KeyError):
        words_for(setting)


def test_labels_are_told_apart() -> None:
    labels = [words_for(setting).label for setting in SHOWN]
    assert len(set(labels)) == len(labels)
