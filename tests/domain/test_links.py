"""Tests for the call-link allowlist: real-world shapes accepted, hostile shapes refused."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lonely_bridge.domain.errors import LinkRefused, LonelyBridgeError, RefusalReason
from lonely_bridge.domain.links import (
    MAX_LINK_CHARACTERS,
    CallService,
    ParsedLink,
    looks_like_phone_number,
    normalise_phone_link,
    parse_call_link,
)
from lonely_bridge.wording.links import explain_refusal

TEAMS_MEETUP = (
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ1ZDU3ZjgtZjA2Zi00ZWNj%40thread.v2"
    "/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af%22%2c%22Oid%22%3a%22a1b2c3d4%22%7d"
)
TEAMS_PATH = TEAMS_MEETUP.removeprefix("https://teams.microsoft.com")
SAFELINKS = (
    "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fzoom.us%2Fj%2F123"
    "%3Fpwd%3Dabc&data=05%7C01%7C&sdata=xyz&reserved=0"
)

ACCEPTED = [
    # Zoom
    ("https://zoom.us/j/123456789?pwd=abc", CallService.ZOOM, None),
    ("https://us02web.zoom.us/j/85512345678?pwd=Sunday", CallService.ZOOM, None),
    ("https://company.zoom.us/my/anna.smith", CallService.ZOOM, None),
    ("https://zoom.us/wc/join/123456789", CallService.ZOOM, None),
    ("https://app.zoom.us/wc/123/join", CallService.ZOOM, None),
    ("https://zoom.us/webinar/register/WN_abcDEF", CallService.ZOOM, None),
    ("https://a.b.us02web.zoom.us/j/1", CallService.ZOOM, None),
    ("zoommtg://zoom.us/join?confno=123&pwd=x", CallService.ZOOM, None),
    ("zoommtg://us02web.zoom.us/join?action=join&confno=123", CallService.ZOOM, None),
    ("zoomus://zoom.us/join?confno=123", CallService.ZOOM, None),
    ("zoom.us/j/123", CallService.ZOOM, "https://zoom.us/j/123"),
    ("us02web.zoom.us/j/1?pwd=x", CallService.ZOOM, "https://us02web.zoom.us/j/1?pwd=x"),
    ("HTTPS://ZOOM.US/j/123", CallService.ZOOM, "https://zoom.us/j/123"),
    ("https://zoom.us./j/123", CallService.ZOOM, "https://zoom.us/j/123"),
    ("https://zoom.us:443/j/123", CallService.ZOOM, "https://zoom.us/j/123"),
    ("https://zoom.us/j/123#success", CallService.ZOOM, "https://zoom.us/j/123"),
    ("<https://zoom.us/j/123>", CallService.ZOOM, "https://zoom.us/j/123"),
    ('"https://zoom.us/j/123"', CallService.ZOOM, "https://zoom.us/j/123"),
    ("'https://zoom.us/j/123'", CallService.ZOOM, "https://zoom.us/j/123"),
    ("“https://zoom.us/j/123”", CallService.ZOOM, "https://zoom.us/j/123"),
    ("  <https://zoom.us/j/123>\r\n", CallService.ZOOM, "https://zoom.us/j/123"),
    ("\thttps://zoom.us/j/123\n", CallService.ZOOM, "https://zoom.us/j/123"),
    (SAFELINKS, CallService.ZOOM, "https://zoom.us/j/123?pwd=abc"),
    # Google Meet
    ("https://meet.google.com/abc-defg-hij", CallService.GOOGLE_MEET, None),
    ("https://meet.google.com/abc-defg-hij?authuser=1", CallService.GOOGLE_MEET, None),
    (
        "meet.google.com/abc-defg-hij",
        CallService.GOOGLE_MEET,
        "https://meet.google.com/abc-defg-hij",
    ),
    # Microsoft Teams
    (TEAMS_MEETUP, CallService.TEAMS, None),
    ("https://teams.live.com/meet/9876543210?p=xyz", CallService.TEAMS, None),
    ("https://teams.microsoft.com/meet/2345678901234?p=AbCdEf", CallService.TEAMS, None),
    (f"msteams:{TEAMS_PATH}", CallService.TEAMS, TEAMS_MEETUP),
    (f"msteams://teams.microsoft.com{TEAMS_PATH}", CallService.TEAMS, TEAMS_MEETUP),
    (
        'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context={"Tid":"a"}',
        CallService.TEAMS,
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0"
        "?context=%7B%22Tid%22:%22a%22%7D",
    ),
    # Jitsi
    ("https://meet.jit.si/FamilySundayCall", CallService.JITSI, None),
    ("meet.jit.si/FamilySundayCall", CallService.JITSI, "https://meet.jit.si/FamilySundayCall"),
    (
        "https://meet.jit.si/Familie-Müller",
        CallService.JITSI,
        "https://meet.jit.si/Familie-M%C3%BCller",
    ),
    # Whereby
    ("https://whereby.com/anna-room", CallService.WHEREBY, None),
    ("https://family.whereby.com/anna-room", CallService.WHEREBY, None),
    # WhatsApp
    ("https://wa.me/447700900123", CallService.WHATSAPP, None),
    ("https://api.whatsapp.com/send?phone=447700900123", CallService.WHATSAPP, None),
    ("https://chat.whatsapp.com/AbCdEfGhIjKlMn", CallService.WHATSAPP, None),
    ("whatsapp://send?phone=447700900123", CallService.WHATSAPP, None),
    (
        "WhatsApp://send/?phone=447700900123",
        CallService.WHATSAPP,
        "whatsapp://send?phone=447700900123",
    ),
    # FaceTime
    ("facetime:anna@example.com", CallService.FACETIME, None),
    ("facetime:+447700900123", CallService.FACETIME, None),
    ("facetime-audio:+447700900123", CallService.FACETIME, None),
    ("facetime://anna@Example.COM", CallService.FACETIME, "facetime:anna@example.com"),
    ("facetime:+44 7700 900123", CallService.FACETIME, "facetime:+447700900123"),
    ("facetime:anna%40example.com", CallService.FACETIME, "facetime:anna@example.com"),
    ("https://facetime.apple.com/join#v=1&p=AbCdEf12&k=GhIj_34-xy", CallService.FACETIME, None),
    # Skype
    ("skype:anna.smith?call", CallService.SKYPE, None),
    ("skype:live:.cid.123abc?call&video=true", CallService.SKYPE, None),
    ("skype:anna.smith;tom.smith?call", CallService.SKYPE, None),
    ("https://join.skype.com/abcDEF", CallService.SKYPE, None),
    # Signal
    ("https://signal.me/#p/+447700900123", CallService.SIGNAL, None),
    ("https://signal.group/#CjQKIAbCdEf", CallService.SIGNAL, None),
    ("sgnl://signal.me/#p/+447700900123", CallService.SIGNAL, None),
    ("https://signal.me#p/+447700900123", CallService.SIGNAL, "https://signal.me/#p/+447700900123"),
    # Phone
    ("+44 20 7946 0958", CallService.PHONE, "tel:+442079460958"),
    ("(020) 7946-0958", CallService.PHONE, "tel:02079460958"),
    ("tel:+1-555-0100", CallService.PHONE, "tel:+15550100"),
    ("TEL:+44 20 7946 0958", CallService.PHONE, "tel:+442079460958"),
    ("tel:+44%2020%207946%200958", CallService.PHONE, "tel:+442079460958"),
    ("+44 (0)20 7946 0958", CallService.PHONE, "tel:+442079460958"),
    ("+44 20 7946\u00a00958", CallService.PHONE, "tel:+442079460958"),
    ("020 7946–0958", CallService.PHONE, "tel:02079460958"),
    ("030/1234567", CallService.PHONE, "tel:0301234567"),
    ("01.23.45.67.89", CallService.PHONE, "tel:0123456789"),
    ("999", CallService.PHONE, "tel:999"),
    ("<tel:+447700900123>", CallService.PHONE, "tel:+447700900123"),
]


@pytest.mark.parametrize(("text", "service", "expected_url"), ACCEPTED)
def test_recognises_real_world_links(
    text: str, service: CallService, expected_url: str | None
) -> None:
    parsed = parse_call_link(text)
    assert parsed.service is service
    assert parsed.url == (expected_url if expected_url is not None else text)


@pytest.mark.parametrize(("text", "service", "expected_url"), ACCEPTED)
def test_cleaned_links_parse_to_themselves(
    text: str, service: CallService, expected_url: str | None
) -> None:
    parsed = parse_call_link(text)
    assert parse_call_link(parsed.url) == parsed


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("https://us02web.zoom.us/j/1", "us02web.zoom.us"),
        ("HTTPS://Meet.Google.COM./abc-defg-hij", "meet.google.com"),
        ("zoommtg://zoom.us/join?confno=1", "zoom.us"),
    ],
)
def test_reports_the_checked_host(text: str, host: str) -> None:
    assert parse_call_link(text).host == host


@pytest.mark.parametrize(
    "text",
    [
        "+44 20 7946 0958",
        "tel:+44 20 7946 0958",
        "facetime:+447700900123",
        "skype:anna.smith?call",
        "whatsapp://send?phone=1",
    ],
)
def test_links_without_a_web_host_have_no_host(text: str) -> None:
    assert parse_call_link(text).host is None


TRUSTED = frozenset({"Jitsi.Example.org.", " video.family.net "})


@pytest.mark.parametrize(
    ("text", "expected_url"),
    [
        ("https://jitsi.example.org/Grandma", None),
        ("jitsi.example.org/Grandma", "https://jitsi.example.org/Grandma"),
        ("https://JITSI.EXAMPLE.ORG/Grandma", "https://jitsi.example.org/Grandma"),
        ("https://video.family.net/SundayTea", None),
    ],
)
def test_trusted_jitsi_hosts_are_jitsi(text: str, expected_url: str | None) -> None:
    parsed = parse_call_link(text, trusted_jitsi_hosts=TRUSTED)
    assert parsed.service is CallService.JITSI
    assert parsed.url == (expected_url or text)
    assert parse_call_link(parsed.url, trusted_jitsi_hosts=TRUSTED) == parsed


@pytest.mark.parametrize(
    ("text", "trusted", "reason"),
    [
        ("https://jitsi.example.org/Grandma", frozenset(), RefusalReason.UNCONFIRMED_JITSI_HOST),
        ("http://jitsi.example.org/Grandma", frozenset(), RefusalReason.UNCONFIRMED_JITSI_HOST),
        (
            "https://jitsi.example.org:8443/Grandma",
            frozenset(),
            RefusalReason.UNCONFIRMED_JITSI_HOST,
        ),
        # A subdomain of a trusted host is not itself trusted.
        ("https://a.jitsi.example.org/Grandma", TRUSTED, RefusalReason.UNCONFIRMED_JITSI_HOST),
        (
            "https://jitsi.example.org.evil.com/Grandma",
            TRUSTED,
            RefusalReason.UNCONFIRMED_JITSI_HOST,
        ),
        ("https://jitsi.example.org/", TRUSTED, RefusalReason.NOT_A_CALL_LINK),
        (
            "https://jitsi.example.org/Grandma",
            frozenset({"example.org"}),
            RefusalReason.UNCONFIRMED_JITSI_HOST,
        ),
    ],
)
def test_jitsi_trust_is_exact_and_needed(
    text: str, trusted: frozenset[str], reason: RefusalReason
) -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link(text, trusted_jitsi_hosts=trusted)
    assert caught.value.reason is reason


def test_trusted_jitsi_host_still_needs_https_and_the_usual_port() -> None:
    with pytest.raises(LinkRefused) as insecure:
        parse_call_link("http://jitsi.example.org/Grandma", trusted_jitsi_hosts=TRUSTED)
    assert insecure.value.reason is RefusalReason.NOT_SECURE
    with pytest.raises(LinkRefused) as port:
        parse_call_link("https://jitsi.example.org:8443/Grandma", trusted_jitsi_hosts=TRUSTED)
    assert port.value.reason is RefusalReason.UNUSUAL_PORT


def test_trusting_a_jitsi_host_cannot_relabel_a_known_service() -> None:
    parsed = parse_call_link("https://zoom.us/j/1", trusted_jitsi_hosts=frozenset({"zoom.us"}))
    assert parsed.service is CallService.ZOOM


REFUSED = [
    # Empty
    ("", RefusalReason.EMPTY),
    ("   \n", RefusalReason.EMPTY),
    ("<>", RefusalReason.EMPTY),
    ('""', RefusalReason.EMPTY),
    ("< >", RefusalReason.EMPTY),
    # Too long
    ("a" * (MAX_LINK_CHARACTERS + 1), RefusalReason.TOO_LONG),
    ("https://zoom.us/j/" + "1" * MAX_LINK_CHARACTERS, RefusalReason.TOO_LONG),
    ("https://meet.jit.si/" + "ü" * 1000, RefusalReason.TOO_LONG),  # too long once escaped
    # Hidden characters
    ("https://zoom.us/j/1\x00", RefusalReason.CONTROL_CHARACTERS),
    ("https://zoom.us/j/\u202e1", RefusalReason.CONTROL_CHARACTERS),
    ("\u202ehttps://zoom.us/j/1", RefusalReason.CONTROL_CHARACTERS),
    ("\u200bhttps://zoom.us/j/1", RefusalReason.CONTROL_CHARACTERS),
    ("https://zoom\u00ad.us/j/1", RefusalReason.CONTROL_CHARACTERS),
    ("https://zoom.us/j/1\nhttps://evil.com", RefusalReason.CONTROL_CHARACTERS),
    ("java\tscript:alert(1)", RefusalReason.CONTROL_CHARACTERS),
    ("https://zoom.us/j/1\u2028", RefusalReason.CONTROL_CHARACTERS),
    ("\x1bhttps://zoom.us/j/1", RefusalReason.CONTROL_CHARACTERS),
    # Local files
    ("file:///etc/passwd", RefusalReason.LOCAL_FILE),
    ("FILE://C:/Windows/System32/calc.exe", RefusalReason.LOCAL_FILE),
    ("C:\\Users\\anna\\call.exe", RefusalReason.LOCAL_FILE),
    ("c:/Users/anna/call.bat", RefusalReason.LOCAL_FILE),
    ("/home/anna/call.sh", RefusalReason.LOCAL_FILE),
    ("~/call.sh", RefusalReason.LOCAL_FILE),
    ("./call.sh", RefusalReason.LOCAL_FILE),
    ("\\Windows\\calc.exe", RefusalReason.LOCAL_FILE),
    # Scripts
    ("javascript:alert(1)", RefusalReason.SCRIPT),
    ("JavaScript:alert(document.cookie)", RefusalReason.SCRIPT),
    ("<javascript:alert(1)>", RefusalReason.SCRIPT),
    ("data:text/html,<script>alert(1)</script>", RefusalReason.SCRIPT),
    ("vbscript:msgbox(1)", RefusalReason.SCRIPT),
    # Network shares
    ("smb://server/share", RefusalReason.NETWORK_SHARE),
    ("\\\\server\\share\\call.exe", RefusalReason.NETWORK_SHARE),
    ("//server/share", RefusalReason.NETWORK_SHARE),
    ("ftp://files.example.com/call", RefusalReason.NETWORK_SHARE),
    ("sftp://files.example.com/call", RefusalReason.NETWORK_SHARE),
    # Unknown schemes
    ("mailto:anna@example.com", RefusalReason.UNKNOWN_SCHEME),
    ("ms-msdt:/id PCWDiagnostic", RefusalReason.UNKNOWN_SCHEME),
    ("search-ms:query=call", RefusalReason.UNKNOWN_SCHEME),
    ("callto:anna", RefusalReason.UNKNOWN_SCHEME),
    ("about:blank", RefusalReason.UNKNOWN_SCHEME),
    ("chrome://settings", RefusalReason.UNKNOWN_SCHEME),
    # Insecure
    ("http://zoom.us/j/123", RefusalReason.NOT_SECURE),
    ("HTTP://meet.jit.si/FamilySundayCall", RefusalReason.NOT_SECURE),
    ("http://zoom.us:80/j/123", RefusalReason.NOT_SECURE),
    # Credentials
    ("https://user:pass@zoom.us/j/1", RefusalReason.CREDENTIALS),
    ("https://anna@zoom.us/j/1", RefusalReason.CREDENTIALS),
    ("https://zoom.us@evil.com/j/1", RefusalReason.CREDENTIALS),
    ("zoom.us@evil.com", RefusalReason.CREDENTIALS),
    ("zoom.us@evil.com/j/1", RefusalReason.CREDENTIALS),
    ("zoommtg://x@zoom.us/join?confno=1", RefusalReason.CREDENTIALS),
    # Unknown hosts
    ("https://zoom.us.example.net/j/1", RefusalReason.UNKNOWN_HOST),
    ("zoom.us.example.net/j/1", RefusalReason.UNKNOWN_HOST),
    ("example.com/zoom.us", RefusalReason.UNKNOWN_HOST),
    ("https://zoom.us.evil.com", RefusalReason.UNKNOWN_HOST),
    ("https://evilzoom.us/j/1", RefusalReason.UNKNOWN_HOST),
    ("https://zoom.us-evil.com/j/1", RefusalReason.UNKNOWN_HOST),
    ("https://evil.com/?u=https://zoom.us/j/1", RefusalReason.UNKNOWN_HOST),
    ("https://evil.com#https://zoom.us/j/1", RefusalReason.UNKNOWN_HOST),
    ("https://meet.jit.si.evil.com/Room", RefusalReason.UNKNOWN_HOST),
    ("https://meet.google.com.evil.com/abc-defg-hij", RefusalReason.UNKNOWN_HOST),
    ("https://www.google.com/url?q=https://zoom.us/j/1", RefusalReason.UNKNOWN_HOST),
    ("https://localhost/j/1", RefusalReason.UNKNOWN_HOST),
    ("https://google.com/abc-defg-hij", RefusalReason.UNKNOWN_HOST),
    ("https://whatsapp.com/send?phone=1", RefusalReason.UNKNOWN_HOST),
    ("zoommtg://evil.com/join?confno=1", RefusalReason.UNKNOWN_HOST),
    ("zoommtg://meet.example.org/join?confno=1", RefusalReason.UNKNOWN_HOST),
    ("sgnl://zoom.us/#p/+447700900123", RefusalReason.UNKNOWN_HOST),
    ("msteams://evil.com/l/meetup-join/x", RefusalReason.UNKNOWN_HOST),
    ("msteams://zoom.us/j/1", RefusalReason.UNKNOWN_HOST),
    ("msteams://meet.example.org/l/meetup-join/x", RefusalReason.UNKNOWN_HOST),
    ("msteams:/v2/", RefusalReason.NOT_A_CALL_LINK),
    (
        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.com%2F",
        RefusalReason.UNKNOWN_HOST,
    ),
    ("https://eur01.safelinks.protection.outlook.com/?data=1", RefusalReason.UNKNOWN_HOST),
    # Self-hosted Jitsi waiting for a helper's confirmation
    ("https://meet.example.org/FamilyCall", RefusalReason.UNCONFIRMED_JITSI_HOST),
    ("https://jitsi.family.net/FamilyCall", RefusalReason.UNCONFIRMED_JITSI_HOST),
    ("https://video-jitsi.example.org/FamilyCall", RefusalReason.UNCONFIRMED_JITSI_HOST),
    ("meet.example.org/FamilyCall", RefusalReason.UNCONFIRMED_JITSI_HOST),
    # Look-alike hosts
    ("https://zооm.us/j/1", RefusalReason.LOOKALIKE_HOST),  # Cyrillic о
    ("https://zoom.uѕ/j/1", RefusalReason.LOOKALIKE_HOST),  # Cyrillic ѕ
    ("https://ｚｏｏｍ.us/j/1", RefusalReason.LOOKALIKE_HOST),  # full-width letters
    ("https://meet.gооgle.com/abc-defg-hij", RefusalReason.LOOKALIKE_HOST),
    ("https://xn--zm-fmca.us/j/1", RefusalReason.LOOKALIKE_HOST),
    ("https://zoom.xn--us-xyz.com/j/1", RefusalReason.LOOKALIKE_HOST),
    ("https://meet.google.com\uff0fevil.com", RefusalReason.LOOKALIKE_HOST),
    # IP-address hosts
    ("https://127.0.0.1/j/1", RefusalReason.IP_ADDRESS_HOST),
    ("192.168.1.10/j/1", RefusalReason.IP_ADDRESS_HOST),
    ("https://[::1]/j/1", RefusalReason.IP_ADDRESS_HOST),
    ("https://2130706433/j/1", RefusalReason.IP_ADDRESS_HOST),
    ("https://0x7f.1/j/1", RefusalReason.IP_ADDRESS_HOST),
    ("https://127.1/j/1", RefusalReason.IP_ADDRESS_HOST),
    # Unusual ports
    ("https://zoom.us:8443/j/1", RefusalReason.UNUSUAL_PORT),
    ("zoom.us:8080/j/1", RefusalReason.UNUSUAL_PORT),
    ("https://meet.google.com:80/abc-defg-hij", RefusalReason.UNUSUAL_PORT),
    ("zoommtg://zoom.us:443/join?confno=1", RefusalReason.UNUSUAL_PORT),
    # Known services, but not a call
    ("https://zoom.us/", RefusalReason.NOT_A_CALL_LINK),
    ("https://zoom.us", RefusalReason.NOT_A_CALL_LINK),
    ("https://zoom.us/pricing", RefusalReason.NOT_A_CALL_LINK),
    ("https://zoom.us/j/", RefusalReason.NOT_A_CALL_LINK),
    ("https://zoom.us/signin#/login", RefusalReason.NOT_A_CALL_LINK),
    ("https://meet.google.com/", RefusalReason.NOT_A_CALL_LINK),
    ("https://teams.microsoft.com/v2/", RefusalReason.NOT_A_CALL_LINK),
    ("https://teams.live.com/", RefusalReason.NOT_A_CALL_LINK),
    ("https://meet.jit.si/", RefusalReason.NOT_A_CALL_LINK),
    ("https://api.whatsapp.com/download", RefusalReason.NOT_A_CALL_LINK),
    ("https://facetime.apple.com/join", RefusalReason.NOT_A_CALL_LINK),
    ("https://signal.me/", RefusalReason.NOT_A_CALL_LINK),
    ("https://signal.me/download#p/+447700900123", RefusalReason.NOT_A_CALL_LINK),
    ("zoommtg://zoom.us/settings", RefusalReason.NOT_A_CALL_LINK),
    ("whatsapp://send", RefusalReason.NOT_A_CALL_LINK),
    # Phone numbers that cannot be right
    ("12", RefusalReason.BAD_PHONE_NUMBER),
    ("+44", RefusalReason.BAD_PHONE_NUMBER),
    ("+1234567890123456", RefusalReason.BAD_PHONE_NUMBER),
    ("1-800-FLOWERS", RefusalReason.BAD_PHONE_NUMBER),
    ("+44 20 7946 0958 ext 12", RefusalReason.BAD_PHONE_NUMBER),
    ("+44 20 +7946 0958", RefusalReason.BAD_PHONE_NUMBER),
    ("(020) 7946-O958", RefusalReason.BAD_PHONE_NUMBER),
    ("tel:", RefusalReason.BAD_PHONE_NUMBER),
    ("tel:abc", RefusalReason.BAD_PHONE_NUMBER),
    ("tel:+44 20 7946 0958;ext=12", RefusalReason.BAD_PHONE_NUMBER),
    ("tel:+44%00207946", RefusalReason.BAD_PHONE_NUMBER),
    ("facetime:12", RefusalReason.BAD_PHONE_NUMBER),
    ("facetime:", RefusalReason.BAD_PHONE_NUMBER),
    # Malformed
    ("https://evil.com\\@zoom.us", RefusalReason.MALFORMED),
    ("https://zoom.us\\@evil.com/j/1", RefusalReason.MALFORMED),
    ("https://zoom.us/j/ 123", RefusalReason.MALFORMED),
    ("https:zoom.us/j/1", RefusalReason.MALFORMED),
    ("https:/zoom.us/j/1", RefusalReason.MALFORMED),
    ("https:///j/1", RefusalReason.MALFORMED),
    ("https://", RefusalReason.MALFORMED),
    ("hello", RefusalReason.MALFORMED),
    ("localhost:8080", RefusalReason.MALFORMED),
    ("https://zoom.us:abc/j/1", RefusalReason.MALFORMED),
    ("https://zoom.us:4４3/j/1", RefusalReason.MALFORMED),
    ("https://zoom..us/j/1", RefusalReason.MALFORMED),
    ("https://zoom.us../j/1", RefusalReason.MALFORMED),
    ("https://zo%6fm.us/j/1", RefusalReason.MALFORMED),
    ("https://zoom_us.com/j/1", RefusalReason.MALFORMED),
    ("https://[zoom.us/j/1", RefusalReason.MALFORMED),
    ("https://zoom.us/j/../pricing", RefusalReason.MALFORMED),
    ("https://zoom.us/j/%2e%2e/pricing", RefusalReason.MALFORMED),
    ("https://zoom.us/j/%2E./pricing", RefusalReason.MALFORMED),
    ("skype:", RefusalReason.MALFORMED),
    ("skype:anna smith?call", RefusalReason.MALFORMED),
    ("skype:anna.smith?call<script>", RefusalReason.MALFORMED),
    ("facetime:anna@", RefusalReason.MALFORMED),
    ("facetime:anna@example", RefusalReason.MALFORMED),
    ("facetime:anna@exämple.com", RefusalReason.MALFORMED),
    ("whatsapp://evil.com/?phone=1", RefusalReason.MALFORMED),
    ("whatsapp://send/evil?phone=1", RefusalReason.MALFORMED),
]


REDIRECTS = [
    "https://meet.google.com/linkredirect?authuser=0&dest=https%3A%2F%2Fevil.example%2F",
    "https://meet.google.com/linkredirect?dest=https://evil.example/",
    "meet.google.com/abc-defg-hij?dest=https%3A%2F%2Fevil.example",
    "https://teams.microsoft.com/dl/launcher/launcher.html?url=%2F_%23%2Fl%2Fmeetup-join%2F19"
    "%3Ameeting_x%2540thread.v2%2F0&type=meetup-join&directDl=true&msLaunch=true",
    "https://teams.microsoft.com/dl/launcher/launcher.html?url=https%3A%2F%2Fevil.example",
    f"{TEAMS_MEETUP}&url=https%3A%2F%2Fevil.example",
    "msteams:/dl/launcher/launcher.html?url=%2F_%23%2Fl%2Fmeetup-join%2F19",
    "https://zoom.us/j/123?pwd=abc&redirect_uri=https%3A%2F%2Fevil.example",
    "https://zoom.us/j/123?continue=%2F%2Fevil.example",
    "https://zoom.us/j/123?x=https%253A%252F%252Fevil.example",  # escaped twice
    "https://zoom.us/j/https://evil.example",
    "https://zoom.us/j/https%3A%2F%2Fevil.example",
    "https://meet.jit.si/Room?next=https://evil.example",
    "https://whereby.com/anna-room?goto=javascript:alert(1)",
    "https://wa.me/447700900123?text=%5C%5Cevil.example%5Cshare",
    f"https://eur01.safelinks.protection.outlook.com/?url="
    f"{quote('https://meet.google.com/linkredirect?dest=https://evil.example', safe='')}",
]


@pytest.mark.parametrize("text", REDIRECTS)
def test_redirect_paths_on_allowed_hosts_are_refused(text: str) -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link(text)
    assert caught.value.reason is RefusalReason.REDIRECT
    words = explain_refusal(caught.value)
    assert "would pass you on to another address" in words
    assert f"This link to {caught.value.params['host']} " in words


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("https://meet.google.com/linkredirect", RefusalReason.NOT_A_CALL_LINK),
        ("https://meet.google.com/landing", RefusalReason.NOT_A_CALL_LINK),
        ("https://meet.google.com/abc-defg-hij/extra", RefusalReason.NOT_A_CALL_LINK),
        ("https://meet.google.com/new", RefusalReason.NOT_A_CALL_LINK),
        ("https://teams.microsoft.com/dl/launcher/launcher.html", RefusalReason.NOT_A_CALL_LINK),
    ],
)
def test_other_paths_on_call_hosts_are_not_calls(text: str, reason: RefusalReason) -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link(text)
    assert caught.value.reason is reason


@pytest.mark.parametrize(
    "text",
    [
        "https://meet.google.com/abcdefghij",
        "https://meet.google.com/ABC-DEFG-HIJ",
        "https://meet.google.com/lookup/ab3cdefgh",
        "https://meet.google.com/_meet/abc-defg-hij?authuser=0&hs=122",
        "https://meet.google.com/abc-defg-hij?pli=1&authuser=2",
        "https://zoom.us/j/123?pwd=abc&from=addon&uname=Anna",
        "https://teams.microsoft.com/l/meet/19%3ameeting_x%40thread.v2/0?context=%7b%7d",
        "https://meet.jit.si/Room#config.startWithVideoMuted=true",
        "https://api.whatsapp.com/send?phone=447700900123&text=Hello%20Mum",
    ],
)
def test_real_meeting_paths_are_kept(text: str) -> None:
    parsed = parse_call_link(text)
    assert parse_call_link(parsed.url) == parsed


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_refuses_hostile_and_broken_links(text: str, reason: RefusalReason) -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link(text)
    assert caught.value.reason is reason
    assert caught.value.params["reason"] is reason


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("https://zoom.us.example.net/j/1", "zoom.us.example.net"),
        ("HTTPS://Zoom.US.Example.NET./j/1", "zoom.us.example.net"),
        ("https://zoom.us@evil.com/j/1", "evil.com"),
        ("https://zoom.us@Evil.com:8080/j/1", "evil.com"),
        ("https://zооm.us/j/1", "xn--zm-fmca.us"),
        ("https://zoom.us:8443/j/1", "zoom.us"),
        ("http://zoom.us/j/1", "zoom.us"),
    ],
)
def test_refusals_name_the_host(text: str, host: str) -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link(text)
    assert caught.value.params["host"] == host


def test_unknown_scheme_is_named_in_lower_case() -> None:
    with pytest.raises(LinkRefused) as caught:
        parse_call_link("MailTo:anna@example.com")
    assert caught.value.params["scheme"] == "mailto"


def test_link_refused_is_a_lonely_bridge_error_with_a_stable_code() -> None:
    error = LinkRefused(reason=RefusalReason.LOCAL_FILE, host="example.com")
    assert isinstance(error, LonelyBridgeError)
    assert error.code == "link_refused"
    assert error.reason is RefusalReason.LOCAL_FILE
    assert dict(error.params) == {"reason": RefusalReason.LOCAL_FILE, "host": "example.com"}
    assert str(error).startswith("link_refused(")


def test_parsed_link_is_frozen() -> None:
    parsed = parse_call_link("https://zoom.us/j/1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.url = "https://evil.com"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("(020) 7946-0958", "tel:02079460958"),
        ("tel:+1-555-0100", "tel:+15550100"),
        ("tel://+1-555-0100", "tel:+15550100"),
        ("+1 (555) 010-0199", "tel:+15550100199"),
        ("+44 (0)7700 900123", "tel:+447700900123"),
        (" 112 ", "tel:112"),
        ("+123456789012345", "tel:+123456789012345"),
    ],
)
def test_normalises_phone_numbers(text: str, expected: str) -> None:
    assert normalise_phone_link(text) == expected
    assert looks_like_phone_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "+",
        "12",
        "1-800-FLOWERS",
        "zoom.us/j/123",
        "192.168.1.1",
        "::1",
        "+44 20 7946 0958 x12",
        "+1234567890123456",
        "/123",
        "٠١٢٣٤٥",  # other scripts' digits are not dialled
        "tel:",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert not looks_like_phone_number(text)
    with pytest.raises(LinkRefused) as caught:
        normalise_phone_link(text)
    assert caught.value.reason is RefusalReason.BAD_PHONE_NUMBER


# --- Property tests ------------------------------------------------------------------------

SCHEMES = st.sampled_from(
    [
        "https://", "HTTPS://", "http://", "", "//", "zoommtg://", "zoomus://", "msteams:",
        "msteams://", "sgnl://", "whatsapp://", "facetime:", "facetime-audio:", "skype:",
        "tel:", "file://", "javascript:", "smb://", "data:", "mailto:", "x:",
    ]
)  # fmt: skip
HOSTS = st.sampled_from(
    [
        "zoom.us", "us02web.zoom.us", "ZOOM.US.", "meet.google.com", "teams.microsoft.com",
        "teams.live.com", "meet.jit.si", "whereby.com", "wa.me", "api.whatsapp.com",
        "chat.whatsapp.com", "facetime.apple.com", "join.skype.com", "signal.me",
        "signal.group", "send", "zoom.us.evil.com", "evil.com", "zооm.us", "xn--zm-fmca.us",
        "127.0.0.1", "[::1]", "user:pass@zoom.us", "zoom.us@evil.com", "zoom.us:443",
        "zoom.us:8443", "jitsi.example.org", "meet.example.org", "anna@example.com",
        "+447700900123", "evil.com\\@zoom.us", "eur01.safelinks.protection.outlook.com", "",
    ]
)  # fmt: skip
URL_CHARACTERS = st.characters(
    codec="utf-8", categories=("Lu", "Ll", "Nd", "Pc", "Pd", "Po", "Sm", "Zs", "Cc", "Cf")
)
KNOWN_PATHS = [
    "", "/", "/j/123?pwd=abc", "/my/anna", "/wc/join/1", "/abc-defg-hij", "/join",
    "/join#v=1&p=x", "/#p/+447700900123", "/l/meetup-join/19%3ameeting_x/0", "/meet/123?p=x",
    "/Room", "/j/../pricing", "?phone=1", "?call", "/send?phone=1",
    "/?url=https%3A%2F%2Fzoom.us%2Fj%2F1", "/?url=https%3A%2F%2Fevil.com",
    "/linkredirect?dest=https%3A%2F%2Fevil.com", "/dl/launcher/launcher.html?url=%2F_%23%2Fl",
]  # fmt: skip
PATHS = st.one_of(
    st.sampled_from(KNOWN_PATHS),
    st.text(URL_CHARACTERS, max_size=40).map(lambda tail: "/" + tail),
)
URL_LIKE = st.builds(lambda scheme, host, path: scheme + host + path, SCHEMES, HOSTS, PATHS)
PHONE_LIKE = st.text(alphabet="0123456789 +-().()/xtel:", max_size=25)
TRUSTED_FOR_PROPERTIES = frozenset({"jitsi.example.org"})


def _check_parses_or_refuses(text: str) -> None:
    parsed: ParsedLink | None = None
    try:
        parsed = parse_call_link(text, trusted_jitsi_hosts=TRUSTED_FOR_PROPERTIES)
    except LinkRefused as refusal:
        explanation = explain_refusal(refusal)
    if parsed is None:
        assert explanation
        return
    assert isinstance(parsed, ParsedLink)
    again = parse_call_link(parsed.url, trusted_jitsi_hosts=TRUSTED_FOR_PROPERTIES)
    assert again.service is parsed.service
    assert again.url == parsed.url
    assert parsed.url.isascii()
    assert len(parsed.url) <= MAX_LINK_CHARACTERS


@given(st.text())
def test_any_text_parses_or_is_refused(text: str) -> None:
    _check_parses_or_refuses(text)


@given(URL_LIKE)
def test_url_like_text_parses_or_is_refused(text: str) -> None:
    _check_parses_or_refuses(text)


@given(PHONE_LIKE)
def test_phone_like_text_parses_or_is_refused(text: str) -> None:
    _check_parses_or_refuses(text)


@given(st.sampled_from([text for text, _reason in REFUSED]), st.sampled_from(["", " ", "\n"]))
def test_refused_links_stay_refused_with_padding(text: str, padding: str) -> None:
    if text.strip() and len(padding + text + padding) <= MAX_LINK_CHARACTERS:
        with pytest.raises(LinkRefused):
            parse_call_link(padding + text + padding)
