"""How the app describes itself where the computer lists it (its login entry, for one)."""

from __future__ import annotations

from lonely_bridge.i18n import _


def tagline() -> str:
    return _("Keep in touch with the people you love")
