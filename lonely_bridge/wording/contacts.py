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


def phone_label(name: str, kind: str, extension: str = "") -> str:
    """The label of a call link made from a number in a contacts file."""
    if extension:
        return _("{name}'s {kind} phone, extension {extension}").format(
            name=name, kind=kind, extension=extension
        )
    return _("{name}'s {kind} phone").format(name=name, kind=kind)


def card_number(number: int) -> str:
    """A card in a contacts file that has no name we could read."""
    return _("card {n}").format(n=number)


def probably_here(names: list[str]) -> str:
    """Why a contact was not added again."""
    return _("probably already here as {names}").format(names=", ".join(names))
