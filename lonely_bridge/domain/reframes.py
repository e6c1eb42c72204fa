"""Warm answers to "I'm too old for this", offered at moments of hesitation, at most once a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Hesitation(StrEnum):
    """Moments when a kind word may help."""

    LEFT_TUTORIAL = "left_tutorial"
    DECLINED_CALL = "declined_call"


@dataclass(frozen=True, slots=True)
class Reframe:
    id: str
    text: str
    moments: frozenset[Hesitation]


def pick_reframe(
    reframes: list[Reframe],
    moment: Hesitation,
    *,
    today: date,
    last_shown: date | None,
    shown_count: int,
) -> Reframe | None:
    """One reframe for this moment, or None when one was already shown today.

    They take turns (``shown_count`` counts all shown so far), so the same words are not
    repeated day after day.
    """
    if last_shown == today:
        return None
    fitting = [reframe for reframe in reframes if moment in reframe.moments]
    if not fitting:
        return None
    return fitting[shown_count % len(fitting)]
