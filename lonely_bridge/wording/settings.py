"""Each setting's plain-words label and help line, as the Settings screen shows them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lonely_bridge.domain.settings import (
    CHECK_IN_EVERY_DAYS,
    MAIL_SERVER,
    OWNER_NAME,
    TEXT_SIZE,
    TRUSTED_JITSI_HOSTS,
    Setting,
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
