"""The words of helper mode: the PIN, the wait after wrong tries, and forgetting the PIN."""

from __future__ import annotations

import math
from datetime import timedelta

from lonely_bridge.domain.pin import MAX_DIGITS, MIN_DIGITS
from lonely_bridge.i18n import _, ngettext


def wait_words(wait: timedelta) -> str:
    """How long to wait, rounded up, in the largest unit that fits: "2 minutes"."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    hours = math.ceil(minutes / 60)
    return ngettext("{n} hour", "{n} hours", hours).format(n=hours)


def wrong_pin_words(wait: timedelta) -> str:
    """After a wrong PIN: never which digit was wrong, only what to do next."""
    if wait <= timedelta(0):
        return _("That is not the helper's PIN. Please try again.")
    return _("That is not the helper's PIN. You can try again in {wait}.").format(
        wait=wait_words(wait)
    )


def waiting_words(wait: timedelta) -> str:
    return _(
        "After several wrong PINs, Lonely Bridge waits a little before the next try. "
        "You can try again in {wait}."
    ).format(wait=wait_words(wait))


def wait_over_words() -> str:
    return _("You can type the helper's PIN again now.")


def pin_rule_words() -> str:
    return _("The PIN is {minimum} to {maximum} digits, numbers only.").format(
        minimum=MIN_DIGITS, maximum=MAX_DIGITS
    )


def forgot_pin_words() -> str:
    return _(
        "Nothing is lost. A care worker can set a new helper PIN on this computer with the "
        "command “lonely-bridge provision” and a profile that holds the new PIN. "
        "Everything else stays as it is."
    )
