"""Plain words for kinds of contact."""

from __future__ import annotations

from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.i18n import _


def kind_name(kind: ContactKind) -> str:
    return {
        ContactKind.VISIT: _("visit in person"),
        ContactKind.VIDEO_CALL: _("video call"),
        ContactKind.PHONE_CALL: _("phone call"),
        ContactKind.GROUP_ACTIVITY: _("group get-together"),
        ContactKind.MESSAGE: _("message"),
    }[kind]
