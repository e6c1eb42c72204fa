"""Plain words written into an exported calendar: each call's title and how to join it."""

from __future__ import annotations

from lonely_bridge.i18n import _


def event_title(name: str, *, group: bool) -> str:
    if group:
        return _("Group call: {name}").format(name=name)
    return _("Call with {name}").format(name=name)


def join_line(url: str, *, phone: bool) -> str:
    if phone:
        return _("Phone: {link}").format(link=url)
    return _("Join with: {link}").format(link=url)
