"""Each setting's plain-words label and help line, as the Settings screen shows them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lonely_bridge.domain.settings import (
    CHECK_IN_EVERY_DAYS,
    HOME_ZONE,
    INSIGHT_PAUSED,
    MAIL_SERVER,
    OWNER_NAME,
    SOUNDS_ON,
    SPEECH_SPEED,
    SPEECH_VOICE,
    START_AT_LOGIN,
    TEXT_SIZE,
    TRUSTED_JITSI_HOSTS,
    Setting,
    SpeechSpeed,
    TextSize,
)
from lonely_bridge.i18n import _


@dataclass(frozen=True, slots=True)
class SettingWords:
    label: str
    help_line: str
    # Words for each allowed value, for a setting that offers choices.
    choices: Mapping[Any, str] = field(default_factory=lambda: MappingProxyType({}))


def _all_words() -> dict[Setting[Any], SettingWords]:
    # Built when asked for, so the words come in the language chosen by then.
    return {
        TEXT_SIZE: SettingWords(
            _("Text size"),
            _("How big the words are on every page. You can change it at any time."),
            choices=MappingProxyType(
                {
                    TextSize.LARGE: _("Large"),
                    TextSize.LARGER: _("Larger"),
                    TextSize.LARGEST: _("Largest"),
                }
            ),
        ),
        OWNER_NAME: SettingWords(
            _("Your name"),
            _("Used to greet you, and to say who the messages to people you trust are from."),
        ),
        SOUNDS_ON: SettingWords(
            _("Sounds"),
            _("A soft sound when it is time for a call. The words on the screen stay either way."),
        ),
        SPEECH_SPEED: SettingWords(
            _("Reading speed"),
            _("How fast Lonely Bridge reads words aloud when you press “Read this aloud”."),
            choices=MappingProxyType(
                {
                    SpeechSpeed.SLOWER: _("Slower"),
                    SpeechSpeed.A_LITTLE_SLOWER: _("A little slower"),
                    SpeechSpeed.USUAL: _("Usual speed"),
                }
            ),
        ),
        SPEECH_VOICE: SettingWords(
            _("Reading voice"),
            _("Which of this computer's voices reads words aloud. Press “Hear it” to listen."),
        ),
        INSIGHT_PAUSED: SettingWords(
            _("Pause the gentle eye on keeping in touch"),
            _(
                "While paused, Lonely Bridge does not count your calls and visits, does not "
                "show how things stand, and tells nobody anything."
            ),
        ),
        HOME_ZONE: SettingWords(
            _("Where you live, for the time"),
            _("Times for calls are shown in this place's time. Empty means this computer's own."),
        ),
        START_AT_LOGIN: SettingWords(
            _("Start Lonely Bridge when the computer starts"),
            _("So reminders for calls come even when nobody has opened Lonely Bridge."),
        ),
        CHECK_IN_EVERY_DAYS: SettingWords(
            _("Days between “How have you been?” questions"),
            _("How many days Lonely Bridge waits before offering the three short questions again."),
        ),
        TRUSTED_JITSI_HOSTS: SettingWords(
            _("Your family's own video call servers"),
            _("Jitsi servers you confirmed as your own, so their call links can be opened."),
        ),
        MAIL_SERVER: SettingWords(
            _("E-mail settings"),
            _(
                "How Lonely Bridge sends the messages you agreed to share. The password is kept "
                "in this computer's password keeper, never with these settings."
            ),
        ),
    }


def words_for(setting: Setting[Any]) -> SettingWords:
    """The label and help line of a setting the Settings screen shows; KeyError for others."""
    return _all_words()[setting]
