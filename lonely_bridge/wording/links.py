"""Plain words for call links: service names and why a link was refused."""

from __future__ import annotations

from collections.abc import Mapping

from lonely_bridge.domain.errors import LinkRefused, RefusalReason
from lonely_bridge.domain.links import CallService
from lonely_bridge.i18n import _


def service_name(service: CallService | str) -> str:
    """The name people know a call service by; a value that is no service is shown as it is."""
    if service not in _SERVICE_VALUES:
        return str(service)
    # Brand names stay as they are in every language; only "Phone" is a word.
    if service == CallService.PHONE:
        return _("Phone")
    return _BRAND_NAMES[CallService(service)]


_BRAND_NAMES: Mapping[CallService, str] = {
    CallService.ZOOM: "Zoom",
    CallService.GOOGLE_MEET: "Google Meet",
    CallService.TEAMS: "Microsoft Teams",
    CallService.JITSI: "Jitsi",
    CallService.WHEREBY: "Whereby",
    CallService.WHATSAPP: "WhatsApp",
    CallService.FACETIME: "FaceTime",
    CallService.SKYPE: "Skype",
    CallService.SIGNAL: "Signal",
}


_SHOWN_PARAM_CHARACTERS = 60


_SERVICE_VALUES = frozenset(service.value for service in CallService)


class _ShownParams(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def _shown(params: Mapping[str, object]) -> _ShownParams:
    shown = _ShownParams()
    for key, value in params.items():
        text = str(value)
        if key == "service" and text in _SERVICE_VALUES:
            text = service_name(text)
        if len(text) > _SHOWN_PARAM_CHARACTERS:
            text = text[: _SHOWN_PARAM_CHARACTERS - 1] + "…"
        if text:
            shown[key] = text
    return shown


def _refusal_texts() -> dict[RefusalReason, str]:
    return {
        RefusalReason.EMPTY: _(
            "There is no link here yet. Please paste or type the call link you were sent."
        ),
        RefusalReason.TOO_LONG: _(
            "This link is much longer than a call link should be, so Lonely Bridge won't open "
            "it. Please ask the person who sent it for the link again."
        ),
        RefusalReason.CONTROL_CHARACTERS: _(
            "This link has hidden characters in it that can disguise where it really goes, so "
            "Lonely Bridge won't open it. Please copy the link again from the invitation."
        ),
        RefusalReason.LOCAL_FILE: _(
            "This link would open a file on this computer, so Lonely Bridge won't open it. "
            "Please ask the person who sent it for the link to the call itself."
        ),
        RefusalReason.SCRIPT: _(
            "This link would run a hidden program instead of opening a call, so Lonely Bridge "
            "won't open it. Please don't use it, and check with the person who sent it."
        ),
        RefusalReason.NETWORK_SHARE: _(
            "This link would open files on another computer or a network drive, so Lonely "
            "Bridge won't open it. Please ask the person who sent it for the call link."
        ),
        RefusalReason.UNKNOWN_SCHEME: _(
            "This is a kind of link Lonely Bridge doesn't open (it starts with “{scheme}:”). "
            "Please use the link from the call invitation, which usually starts with “https:”."
        ),
        RefusalReason.NOT_SECURE: _(
            "This link to {host} isn't secure because it starts with “http:”, so Lonely Bridge "
            "won't open it. Please ask for the secure link, which starts with “https:”."
        ),
        RefusalReason.CREDENTIALS: _(
            "This link has a name or password tucked in front of its real address ({host}), a "
            "trick used to disguise where a link goes, so Lonely Bridge won't open it. Please "
            "check it with the person who sent it."
        ),
        RefusalReason.UNKNOWN_HOST: _(
            "This link goes to a website that isn't a known call service ({host}), so Lonely "
            "Bridge won't open it. Please check it with the person who sent it."
        ),
        RefusalReason.UNCONFIRMED_JITSI_HOST: _(
            "This link looks like a private Jitsi call server ({host}) that no one has "
            "confirmed yet, so Lonely Bridge won't open it. If you know and trust the people "
            "who run it, a helper can confirm it as a Jitsi server."
        ),
        RefusalReason.LOOKALIKE_HOST: _(
            "This link's address is really {host}: it uses letters from other alphabets that "
            "look like ordinary ones, a trick used to imitate well-known websites, so Lonely "
            "Bridge won't open it. Please check it with the person who sent it."
        ),
        RefusalReason.IP_ADDRESS_HOST: _(
            "This link uses a number ({host}) instead of a website name, so Lonely Bridge "
            "can't tell where it goes and won't open it. Please ask for the usual call link."
        ),
        RefusalReason.UNUSUAL_PORT: _(
            "This link to {host} asks for an unusual connection (port {port}), so Lonely "
            "Bridge won't open it. Please ask for the usual link from the call invitation."
        ),
        RefusalReason.REDIRECT: _(
            "This link to {host} would pass you on to another address instead of opening a "
            "call, a trick used to disguise where a link goes, so Lonely Bridge won't open it. "
            "Please copy the call link itself from the invitation."
        ),
        RefusalReason.NOT_A_CALL_LINK: _(
            "This link opens {service} but not a particular call, so Lonely Bridge won't open "
            "it. Please copy the whole call link from the invitation."
        ),
        RefusalReason.BAD_PHONE_NUMBER: _(
            "This doesn't look like a phone number Lonely Bridge can call. A number needs "
            "between 3 and 15 digits and no letters. Please check it and type it again."
        ),
        RefusalReason.MALFORMED: _(
            "This link isn't written the way a call link should be, so Lonely Bridge won't "
            "open it. Please copy it again from the invitation, all in one piece."
        ),
    }


def explain_refusal(error: LinkRefused) -> str:
    """Say in plain words why a link was refused and what to do next."""
    return _refusal_texts()[error.reason].format_map(_shown(error.params))


def link_label(name: str, service: CallService | str) -> str:
    """The label a saved link gets when a helper gives it none: "Anna on Zoom"."""
    return _("{name} on {service}").format(name=name, service=service_name(service))
