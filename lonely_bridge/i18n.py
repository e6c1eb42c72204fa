"""Marks user-facing text for translation; catalogues load lazily from resources/translations."""

from __future__ import annotations

import gettext
from functools import cache

DOMAIN = "lonely_bridge"


@cache
def _translations() -> gettext.NullTranslations:
    from lonely_bridge.resources import resource_path

    return gettext.translation(DOMAIN, localedir=str(resource_path("translations")), fallback=True)


def _(text: str) -> str:
    """Return ``text`` in the user's language (English when no catalogue matches)."""
    return _translations().gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Pick the singular or plural form for ``count`` in the user's language."""
    return _translations().ngettext(singular, plural, count)
