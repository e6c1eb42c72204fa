"""Reading and changing the person's own settings."""

from __future__ import annotations

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.settings import DEFAULT_TEXT_SIZE, TEXT_SIZE_KEY, TextSize
from lonely_bridge.services.ports import SettingsRepository

OWNER_NAME_KEY = "owner_name"


class SettingsService:
    def __init__(self, settings: SettingsRepository, clock: Clock) -> None:
        self._settings = settings
        self._clock = clock

    def text_size(self) -> TextSize:
        stored = self._settings.get_setting(TEXT_SIZE_KEY, DEFAULT_TEXT_SIZE.value)
        try:
            return TextSize(stored)
        except ValueError:
            return DEFAULT_TEXT_SIZE

    def set_text_size(self, size: TextSize) -> None:
        self._settings.set_setting(TEXT_SIZE_KEY, size.value, now=self._clock.now())

    def owner_name(self) -> str:
        value = self._settings.get_setting(OWNER_NAME_KEY, "")
        return value if isinstance(value, str) else ""

    def set_owner_name(self, name: str) -> None:
        self._settings.set_setting(OWNER_NAME_KEY, name.strip(), now=self._clock.now())
