"""Call links in plain words: the names people know each service by, and why a link was refused."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.errors import LinkRefused, RefusalReason
from lonely_bridge.domain.links import CallService, parse_call_link
from lonely_bridge.wording.links import explain_refusal, link_label, service_name


@pytest.mark.parametrize("reason", list(RefusalReason))
def test_every_refusal_has_a_plain_sentence(reason: RefusalReason) -> None:
    bare = explain_refusal(LinkRefused(reason=reason))
    full = explain_refusal(
        LinkRefused(reason=reason, host="example.net", scheme="x", port="8080", service="zoom")
    )
    for text in (bare, full):
        assert text.endswith(".")
        assert len(text.split()) >= 8
        assert "{" not in text
        assert "Lonely Bridge" in text or reason is RefusalReason.EMPTY
        # Every message says what to do next, not only what went wrong.
        assert "Please" in text or "helper" in text


def test_explanation_names_the_unknown_host() -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link("https://zoom.us.example.net/j/1")
    assert explain_refusal(caught.value) == (
        "This link goes to a website that isn't a known call service (zoom.us.example.net), "
        "so Lonely Bridge won't open it. Please check it with the person who sent it."
    )


def test_explanation_for_a_local_file() -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link("file:///C:/call.exe")
    assert explain_refusal(caught.value).startswith(
        "This link would open a file on this computer, so Lonely Bridge won't open it."
    )


def test_explanation_names_the_service_and_shortens_long_hosts() -> None:
    not_a_call = LinkRefused(reason=RefusalReason.NOT_A_CALL_LINK, service=CallService.ZOOM)
    assert "opens Zoom but" in explain_refusal(not_a_call)
    long_host = "a" * 200 + ".example.net"
    text = explain_refusal(LinkRefused(reason=RefusalReason.UNKNOWN_HOST, host=long_host))
    assert long_host not in text
    assert "…" in text


@pytest.mark.parametrize(
    ("service", "name"),
    [
        (CallService.ZOOM, "Zoom"),
        (CallService.GOOGLE_MEET, "Google Meet"),
        (CallService.TEAMS, "Microsoft Teams"),
        (CallService.JITSI, "Jitsi"),
        (CallService.WHEREBY, "Whereby"),
        (CallService.WHATSAPP, "WhatsApp"),
        (CallService.FACETIME, "FaceTime"),
        (CallService.SKYPE, "Skype"),
        (CallService.SIGNAL, "Signal"),
        (CallService.PHONE, "Phone"),
    ],
)
def test_display_names(service: CallService, name: str) -> None:
    assert service_name(service) == name


def test_every_service_has_a_display_name() -> None:
    assert all(service_name(service) for service in CallService)


def test_a_link_without_a_label_is_named_after_the_person_and_the_service() -> None:
    assert link_label("Anna", CallService.WHATSAPP) == "Anna on WhatsApp"
    assert link_label("Anna", "a-service-from-a-newer-version") == (
        "Anna on a-service-from-a-newer-version"
    )
