"""Reading and changing settings, each through its declaration in the settings table."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Final, TypeVar

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.settings import (
    INSIGHT_COUNTS_FROM,
    INSIGHT_PAUSED,
    OWNER_NAME,
    TEXT_SIZE,
    Setting,
    TextSize,
)
from lonely_bridge.services.ports import SettingsRepository

T = TypeVar("T")

log = logging.getLogger(__name__)

# Told apart from a stored JSON null, which is a value (an e-mail server turned off).
_ABSENT: Final = object()


def read(store: SettingsRepository, setting: Setting[T]) -> T:
    """The saved value, or the default when nothing is saved or what is saved cannot be used.

    A value that cannot be used (written by another version, or by hand) is logged and left
    in place; the next change replaces it.
    """
    raw = store.get_setting(setting.key, _ABSENT)
    if raw is _ABSENT:
        return setting.default
    try:
        return setting.parse(raw)
    except LonelyBridgeError as problem:
        # The code and problem only: a value may be a name or an address.
        log.warning(
            "The saved setting %s cannot be used (%s: %s); using its default",
            setting.key,
            problem.code,
            problem.params.get("problem", "?"),
        )
        return setting.default


def write(store: SettingsRepository, setting: Setting[T], value: T, *, now: datetime) -> T:
    """Check and save ``value``; returns it as kept (tidied).

    Raises SettingInvalid (or the setting's own domain error) and then saves nothing.
    """
    kept = setting.checked(value)
    if setting is INSIGHT_PAUSED and not kept and read(store, INSIGHT_PAUSED):
        # Turned back on: from now on the insight reads nothing from before (services/insight.py).
        # Kept here, where every change passes, so Settings, profiles and commands all keep it.
        store.set_setting(INSIGHT_COUNTS_FROM.key, INSIGHT_COUNTS_FROM.stored(now), now=now)
    store.set_setting(setting.key, setting.kind.encode(kept), now=now)
    return kept


class SettingsService:
    def __init__(self, settings: SettingsRepository, clock: Clock) -> None:
        self._settings = settings
        self._clock = clock

    def get(self, setting: Setting[T]) -> T:
        return read(self._settings, setting)

    def set(self, setting: Setting[T], value: T) -> T:
        return write(self._settings, setting, value, now=self._clock.now())

    def text_size(self) -> TextSize:
        return self.get(TEXT_SIZE)

    def set_text_size(self, size: TextSize) -> None:
        self.set(TEXT_SIZE, size)

    def owner_name(self) -> str:
        return self.get(OWNER_NAME)
