"""Starting at login follows the helper's "Start Lonely Bridge when the computer starts"."""

from __future__ import annotations

from collections.abc import Sequence

from lonely_bridge.domain.settings import START_AT_LOGIN
from lonely_bridge.services.ports import LoginStart
from lonely_bridge.services.settings import SettingsService


def sync_login_start(
    settings: SettingsService, login_start: LoginStart, *, program: Sequence[str]
) -> bool:
    """Make the computer's login entry match the setting; returns whether it is now on.

    Turned on, the entry is written for ``program`` (rewritten when the app has moved);
    turned off, any entry is removed. Raises LoginStartNotChanged, and then the setting is
    kept as it is: it says what the helper wants, and the next try may succeed.
    """
    wanted = settings.get(START_AT_LOGIN)
    if wanted:
        login_start.enable(program)
    elif login_start.is_enabled():
        login_start.disable()
    return wanted
