"""Settings that people choose, with their defaults."""

from __future__ import annotations

from enum import StrEnum


class TextSize(StrEnum):
    """Body text sizes; Largest is 200% of Large (WCAG "resize text")."""

    LARGE = "large"
    LARGER = "larger"
    LARGEST = "largest"

    @property
    def points(self) -> int:
        # 18 pt is WCAG's "large text" (EVIDENCE.md section 3); Largest doubles it.
        return {TextSize.LARGE: 18, TextSize.LARGER: 24, TextSize.LARGEST: 36}[self]


TEXT_SIZE_KEY = "text_size"
DEFAULT_TEXT_SIZE = TextSize.LARGE
