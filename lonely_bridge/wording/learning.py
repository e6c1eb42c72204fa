"""Plain words for learning: how sure the person feels about video calls."""

from __future__ import annotations

from lonely_bridge.domain.learning import Confidence
from lonely_bridge.i18n import _


def confidence_words(value: Confidence) -> str:
    return {
        Confidence.NOT_AT_ALL: _("Not sure at all"),
        Confidence.A_LITTLE: _("A little sure"),
        Confidence.FAIRLY: _("Fairly sure"),
        Confidence.QUITE: _("Quite sure"),
        Confidence.VERY: _("Very sure"),
    }[value]
