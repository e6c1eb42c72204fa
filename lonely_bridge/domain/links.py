"""Call links a helper saves: a strict allowlist of call services, with refusals in plain words."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import SplitResult, parse_qs, parse_qsl, quote, unquote, urlsplit

from lonely_bridge.domain.errors import LinkRefused, RefusalReason

MAX_LINK_CHARACTERS = 2048
MIN_PHONE_DIGITS = 3
MAX_PHONE_DIGITS = 15  # E.164


class CallService(StrEnum):
    ZOOM = "zoom"
    GOOGLE_MEET = "google_meet"
    TEAMS = "teams"
    JITSI = "jitsi"
    WHEREBY = "whereby"
    WHATSAPP = "whatsapp"
    FACETIME = "facetime"
    SKYPE = "skype"
    SIGNAL = "signal"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class ParsedLink:
    service: CallService
    url: str  # the cleaned link to open
    host: str | None = None  # the checked host, for links that have one


# --- Phone numbers -------------------------------------------------------------------------

_DIGITS = frozenset("0123456789")
# Spaces, dashes and brackets people write between digit groups, including the no-break and
# thin spaces and typographic dashes that word processors put in.
_PHONE_SEPARATORS = frozenset(" -.()/\u00a0\u2009\u202f\u2010\u2011\u2012\u2013\u2212")


def normalise_phone_link(text: str) -> str:
    """Return ``tel:+442079460958`` for "+44 20 7946 0958" or "tel:+44-20-7946-0958"."""
    candidate = text.strip(_SURROUNDING_SPACE)
    if candidate[:4].lower() == "tel:":
        candidate = unquote(candidate[4:]).removeprefix("//")
    if not candidate or candidate[0] not in _DIGITS | {"+", "("} or _is_ip_address(candidate):
        raise LinkRefused(reason=RefusalReason.BAD_PHONE_NUMBER)
    international = candidate.startswith("+")
    body = candidate[1:] if international else candidate
    if international:
        # "+44 (0)20 ...": the bracketed 0 is dialled only from inside the country.
        body = body.replace("(0)", "", 1)
    if any(ch not in _DIGITS and ch not in _PHONE_SEPARATORS for ch in body):
        raise LinkRefused(reason=RefusalReason.BAD_PHONE_NUMBER)
    digits = "".join(ch for ch in body if ch in _DIGITS)
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        raise LinkRefused(reason=RefusalReason.BAD_PHONE_NUMBER)
    return f"tel:{'+' if international else ''}{digits}"


def looks_like_phone_number(text: str) -> bool:
    """True for "+44 20 7946 0958", "(020) 7946-0958" or "tel:+1-555-0100"."""
    try:
        normalise_phone_link(text)
    except LinkRefused:
        return False
    return True


def _is_ip_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


# --- Known hosts ---------------------------------------------------------------------------

PathCheck = Callable[[str], bool]


def _has_room(path: str) -> bool:
    return path.strip("/") != ""


def _starts_with(*prefixes: str) -> PathCheck:
    def check(path: str) -> bool:
        lowered = path.lower()
        return any(
            lowered.startswith(prefix) and len(lowered.strip("/")) > len(prefix.strip("/"))
            for prefix in prefixes
        )

    return check


def _exactly(*paths: str) -> PathCheck:
    def check(path: str) -> bool:
        return path.lower().rstrip("/") in paths

    return check


@dataclass(frozen=True, slots=True)
class _HostRule:
    host: str
    service: CallService
    # A link to the service's home page or sign-in page is not a call, so say so early.
    path_ok: PathCheck = _has_room
    subdomains: bool = False
    # FaceTime and Signal carry the call's key in the fragment; elsewhere it is only noise.
    needs_fragment: bool = False


def _meet_code(path: str) -> bool:
    return _MEET_PATH.fullmatch(path) is not None


_ZOOM_PATHS = _starts_with("/j/", "/my/", "/s/", "/w/", "/wc/", "/webinar/", "/meeting/")
# A meeting code ("abc-defg-hij", dashes optional), a Classroom "/lookup/" name, or either of
# those behind "/_meet/". Other paths on the host ("/linkredirect?dest=...") are not calls.
_MEET_PATH = re.compile(
    r"/(?:_meet/)?(?:[a-z]{3}-?[a-z]{4}-?[a-z]{3}|lookup/[a-z0-9_-]{1,64})/?", re.IGNORECASE
)
_SIGNAL_RULES = (
    _HostRule("signal.me", CallService.SIGNAL, _exactly(""), needs_fragment=True),
    _HostRule("signal.group", CallService.SIGNAL, _exactly(""), needs_fragment=True),
)
_TEAMS_RULES = (
    # Not "/dl/": its launcher opens whatever its "url" parameter names.
    _HostRule("teams.microsoft.com", CallService.TEAMS, _starts_with("/l/", "/meet/")),
    _HostRule("teams.live.com", CallService.TEAMS, _starts_with("/l/", "/meet/")),
)
_WEB_RULES = (
    _HostRule("zoom.us", CallService.ZOOM, _ZOOM_PATHS, subdomains=True),
    _HostRule("meet.google.com", CallService.GOOGLE_MEET, _meet_code),
    *_TEAMS_RULES,
    _HostRule("meet.jit.si", CallService.JITSI),
    _HostRule("whereby.com", CallService.WHEREBY, subdomains=True),
    _HostRule("wa.me", CallService.WHATSAPP),
    _HostRule("api.whatsapp.com", CallService.WHATSAPP, _exactly("/send")),
    _HostRule("chat.whatsapp.com", CallService.WHATSAPP),
    _HostRule("facetime.apple.com", CallService.FACETIME, _exactly("/join"), needs_fragment=True),
    _HostRule("join.skype.com", CallService.SKYPE),
    *_SIGNAL_RULES,
)
_ZOOM_APP_RULES = (
    _HostRule("zoom.us", CallService.ZOOM, _exactly("/join", "/start"), subdomains=True),
)
_RULES_BY_SCHEME: Mapping[str, tuple[_HostRule, ...]] = {
    "https": _WEB_RULES,
    "http": _WEB_RULES,
    "zoommtg": _ZOOM_APP_RULES,
    "zoomus": _ZOOM_APP_RULES,
    "sgnl": _SIGNAL_RULES,
}
_DEFAULT_PORTS: Mapping[str, int] = {"https": 443, "http": 80}
# Outlook rewrites every link in an invitation through this redirector; the real link is in
# its "url" parameter, and opening that directly is both safer and what the helper meant.
_SAFELINKS_SUFFIX = ".safelinks.protection.outlook.com"

# --- Schemes -------------------------------------------------------------------------------

_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "livescript", "data", "blob"})
_NETWORK_SCHEMES = frozenset(
    {"smb", "cifs", "nfs", "afp", "ftp", "ftps", "sftp", "dav", "davs", "webdav", "ssh"}
)
_APP_SCHEMES = frozenset(
    {"msteams", "whatsapp", "facetime", "facetime-audio", "skype", "tel", *_RULES_BY_SCHEME}
)
_KNOWN_SCHEMES = _APP_SCHEMES | _SCRIPT_SCHEMES | _NETWORK_SCHEMES | {"file"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_PORT_AFTER_HOST = re.compile(r"[0-9]+(?:[/?#]|$)")

# --- Text clean-up -------------------------------------------------------------------------

_SURROUNDING_SPACE = " \t\r\n\f\v\u00a0"
_WRAPPERS: Mapping[str, str] = {"<": ">", '"': '"', "'": "'", "“": "”", "‘": "’", "«": "»"}
# Controls, bidi overrides, zero-width characters and other invisible code points can make a
# link read differently from where it goes.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Characters allowed unescaped in a cleaned path, query or fragment; "%" keeps existing escapes.
_URL_SAFE = "!$&'()*+,;=:@/?%"
_DOT_SEGMENTS = frozenset({".", "..", "%2e", "%2e%2e", ".%2e", "%2e."})
# Query parameters that pass the visitor on to another address (open redirects). A call link
# never needs one, so a known host carrying one is refused whatever the value looks like.
_REDIRECT_PARAMETERS = frozenset(
    {
        "continue", "dest", "destination", "forward", "goto", "next", "redir", "redirect",
        "redirect_uri", "redirect_url", "redirecturl", "return", "return_to", "returnto",
        "returnurl", "return_url", "target", "targeturl", "url",
    }
)  # fmt: skip
# A value that is itself an address: "https://...", "//host", "\\host" or "javascript:...".
_ADDRESS_VALUE = re.compile(
    r"\s*(?:[a-z][a-z0-9+.\-]*://|[/\\]{2}|(?:https?|javascript|vbscript|data|file):)",
    re.IGNORECASE,
)
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+")
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+-]{1,64}")
_SKYPE_NAME = re.compile(r"live:[A-Za-z0-9._-]{1,64}|[A-Za-z][A-Za-z0-9._,-]{1,63}|\+?[0-9]{3,15}")
_SKYPE_QUERY = re.compile(r"[A-Za-z]+(?:&[A-Za-z_]+=[A-Za-z0-9_.%+-]*)*")


def parse_call_link(text: str, *, trusted_jitsi_hosts: frozenset[str] = frozenset()) -> ParsedLink:
    """Check ``text`` against the allowlist and return the cleaned link, or raise LinkRefused."""
    trusted = frozenset(host.strip().lower().rstrip(".") for host in trusted_jitsi_hosts)
    return _parse(text, trusted, follow_safelinks=True)


def _parse(text: str, trusted: frozenset[str], *, follow_safelinks: bool) -> ParsedLink:
    if len(text) > MAX_LINK_CHARACTERS:
        raise LinkRefused(
            reason=RefusalReason.TOO_LONG, length=len(text), limit=MAX_LINK_CHARACTERS
        )
    cleaned = _unwrap(text)
    if any(unicodedata.category(ch) in _HIDDEN_CATEGORIES for ch in cleaned):
        raise LinkRefused(reason=RefusalReason.CONTROL_CHARACTERS)
    if not cleaned:
        raise LinkRefused(reason=RefusalReason.EMPTY)
    if looks_like_phone_number(cleaned):
        return ParsedLink(CallService.PHONE, normalise_phone_link(cleaned))

    scheme, rest = _split_scheme(cleaned)
    if scheme is None:
        return _parse_schemeless(cleaned, trusted, follow_safelinks=follow_safelinks)
    if len(scheme) == 1 or scheme == "file":  # "C:\..." is a Windows drive, not a scheme
        raise LinkRefused(reason=RefusalReason.LOCAL_FILE)
    if scheme in _SCRIPT_SCHEMES:
        raise LinkRefused(reason=RefusalReason.SCRIPT, scheme=scheme)
    if scheme in _NETWORK_SCHEMES:
        raise LinkRefused(reason=RefusalReason.NETWORK_SHARE, scheme=scheme)
    if scheme in _RULES_BY_SCHEME:
        return _parse_hierarchical(
            f"{scheme}:{rest}",
            scheme,
            rules=_RULES_BY_SCHEME[scheme],
            trusted=trusted,
            follow_safelinks=follow_safelinks,
        )
    if scheme == "msteams":
        return _parse_msteams(f"{scheme}:{rest}")
    if scheme == "whatsapp":
        return _parse_whatsapp_app(f"{scheme}:{rest}")
    if scheme in ("facetime", "facetime-audio"):
        return _parse_facetime(scheme, rest)
    if scheme == "skype":
        return _parse_skype(rest)
    if scheme == "tel":
        return ParsedLink(CallService.PHONE, normalise_phone_link(cleaned))
    raise LinkRefused(reason=RefusalReason.UNKNOWN_SCHEME, scheme=scheme)


def _unwrap(text: str) -> str:
    """Strip the spaces, angle brackets and quotes that e-mail clients put around links."""
    stripped = text.strip(_SURROUNDING_SPACE)
    while len(stripped) >= 2 and _WRAPPERS.get(stripped[0]) == stripped[-1]:
        stripped = stripped[1:-1].strip(_SURROUNDING_SPACE)
    return stripped


def _split_scheme(text: str) -> tuple[str | None, str]:
    match = _SCHEME.match(text)
    if match is None:
        return None, text
    scheme, rest = match.group(1).lower(), text[match.end() :]
    # "zoom.us:443/j/1" and "localhost:8080" are a host and a port, not a scheme.
    if scheme not in _KNOWN_SCHEMES and ("." in scheme or _PORT_AFTER_HOST.match(rest)):
        return None, text
    return scheme, rest


def _parse_schemeless(text: str, trusted: frozenset[str], *, follow_safelinks: bool) -> ParsedLink:
    if text.startswith(("//", "\\\\")):
        raise LinkRefused(reason=RefusalReason.NETWORK_SHARE, scheme="")
    if text.startswith(("/", "\\", "~", ".")):
        raise LinkRefused(reason=RefusalReason.LOCAL_FILE)
    # Nothing on the allowlist starts like a phone number, so this is a mistyped number.
    if text[0] in "+(" or (text[0] in _DIGITS and not any(ch in "./:@" for ch in text)):
        raise LinkRefused(reason=RefusalReason.BAD_PHONE_NUMBER)
    authority = re.split(r"[/?#]", text, maxsplit=1)[0]
    if "." not in authority:
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    return _parse_hierarchical(
        f"https://{text}",
        "https",
        rules=_WEB_RULES,
        trusted=trusted,
        follow_safelinks=follow_safelinks,
    )


def _split_url(text: str) -> SplitResult:
    # Browsers read "\" as "/" and Python does not, so "https://evil.com\@zoom.us" would be
    # checked as one host and opened as another.
    if "\\" in text or any(ch.isspace() for ch in text):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    try:
        return urlsplit(text)
    except ValueError:
        # urlsplit refuses hosts whose Unicode folds into "/", "?", "#", "@" or ":".
        reason = RefusalReason.MALFORMED if text.isascii() else RefusalReason.LOOKALIKE_HOST
        netloc = re.split(r"[/?#]", text.partition("//")[2], maxsplit=1)[0]
        raise LinkRefused(reason=reason, host=_spelled_out(netloc)) from None


def _spelled_out(host: str) -> str:
    """Show a look-alike host the way it is really spelled: "zооm.us" is "xn--zm-fmca.us"."""
    return ".".join(
        label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
        for label in host.split(".")
    )


def _checked_host(netloc: str) -> tuple[str, str]:
    """Return the lower-case host and port string, refusing disguised or numeric hosts."""
    if not netloc:
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    if "@" in netloc:
        # Browsers go to whatever follows the last "@"; name that, not the decoy in front.
        real = netloc.rpartition("@")[2].lower()
        raise LinkRefused(
            reason=RefusalReason.CREDENTIALS,
            host=real if real.startswith("[") else real.partition(":")[0],
        )
    if netloc.startswith("["):
        raise LinkRefused(reason=RefusalReason.IP_ADDRESS_HOST, host=netloc)
    host, _colon, port = netloc.partition(":")
    host = host.lower()
    host = host.removesuffix(".")
    if not host.isascii() or any(label.startswith("xn--") for label in host.split(".")):
        raise LinkRefused(reason=RefusalReason.LOOKALIKE_HOST, host=_spelled_out(host))
    labels = host.split(".")
    # Browsers read a host ending in a number (127.1, 0x7f.1, 2130706433) as an IP address.
    if _is_ip_address(host) or _NUMERIC_LABEL.fullmatch(labels[-1]):
        raise LinkRefused(reason=RefusalReason.IP_ADDRESS_HOST, host=host)
    if not all(_LABEL.fullmatch(label) for label in labels):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    if port and not (port.isascii() and port.isdigit()):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    return host, port


def _find_rule(host: str, rules: tuple[_HostRule, ...]) -> _HostRule | None:
    for rule in rules:
        if host == rule.host or (rule.subdomains and host.endswith("." + rule.host)):
            return rule
    return None


def _refuse_unknown_host(host: str, *, jitsi_possible: bool) -> LinkRefused:
    # "meet.jit.si.evil.com" borrows a known name; never invite the helper to trust it.
    disguised = any(host.startswith(rule.host + ".") for rule in _WEB_RULES)
    looks_like_jitsi = host.startswith(("meet.", "jitsi.")) or "jitsi" in host
    if jitsi_possible and looks_like_jitsi and not disguised:
        return LinkRefused(reason=RefusalReason.UNCONFIRMED_JITSI_HOST, host=host)
    return LinkRefused(reason=RefusalReason.UNKNOWN_HOST, host=host)


def _parse_hierarchical(
    text: str,
    scheme: str,
    *,
    rules: tuple[_HostRule, ...],
    trusted: frozenset[str],
    follow_safelinks: bool,
) -> ParsedLink:
    if not text[len(scheme) + 1 :].startswith("//"):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    parts = _split_url(text)
    host, port = _checked_host(parts.netloc)
    # Self-hosted Jitsi is reached only through ordinary web links, never through app links.
    jitsi_possible = rules is _WEB_RULES

    if jitsi_possible and follow_safelinks and host.endswith(_SAFELINKS_SUFFIX):
        inner = parse_qs(parts.query).get("url", [])
        if len(inner) == 1:
            return _parse(inner[0], trusted, follow_safelinks=False)

    rule = _find_rule(host, rules)
    if rule is None and jitsi_possible and host in trusted:
        rule = _HostRule(host, CallService.JITSI)
    if rule is None:
        raise _refuse_unknown_host(host, jitsi_possible=jitsi_possible)
    if port and int(port) != _DEFAULT_PORTS.get(scheme):
        raise LinkRefused(reason=RefusalReason.UNUSUAL_PORT, host=host, port=port)
    if scheme == "http":
        raise LinkRefused(reason=RefusalReason.NOT_SECURE, host=host)

    path = parts.path
    # "/j/../pricing" passes a prefix check and then lands elsewhere once the browser resolves it.
    if any(segment.lower() in _DOT_SEGMENTS for segment in path.split("/")):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    if _passes_on(path, parts.query):
        raise LinkRefused(reason=RefusalReason.REDIRECT, host=host, service=rule.service)
    if not rule.path_ok(path) or (rule.needs_fragment and not parts.fragment):
        raise LinkRefused(reason=RefusalReason.NOT_A_CALL_LINK, host=host, service=rule.service)

    url = f"{scheme}://{host}{quote(path or '/', safe=_URL_SAFE)}"
    if parts.query:
        url += "?" + quote(parts.query, safe=_URL_SAFE)
    if rule.needs_fragment:
        url += "#" + quote(parts.fragment, safe=_URL_SAFE)
    # Escaping can lengthen a link; a cleaned link must itself pass the length check.
    if len(url) > MAX_LINK_CHARACTERS:
        raise LinkRefused(reason=RefusalReason.TOO_LONG, length=len(url), limit=MAX_LINK_CHARACTERS)
    return ParsedLink(rule.service, url, host)


def _passes_on(path: str, query: str) -> bool:
    """Whether the link hands the visitor on to another address instead of opening a call."""
    if "://" in unquote(unquote(path)):
        return True
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name.strip().lower() in _REDIRECT_PARAMETERS:
            return True
        # Twice: "https%253A%252F%252F..." is an address escaped once more to slip past.
        if _ADDRESS_VALUE.match(value) or _ADDRESS_VALUE.match(unquote(value)):
            return True
    return False


def _parse_msteams(text: str) -> ParsedLink:
    # "msteams:/l/meetup-join/..." works only where the Teams app is installed. The same path
    # on https://teams.microsoft.com opens the app when it is there and the browser when not.
    parts = _split_url(text)
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    web = f"https://{parts.netloc or 'teams.microsoft.com'}{path}"
    if parts.query:
        web += "?" + parts.query
    return _parse_hierarchical(
        web, "https", rules=_TEAMS_RULES, trusted=frozenset(), follow_safelinks=False
    )


def _parse_whatsapp_app(text: str) -> ParsedLink:
    parts = _split_url(text)
    action = parts.netloc.lower()
    if action not in ("send", "chat") or parts.path not in ("", "/"):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    if not parts.query:
        raise LinkRefused(reason=RefusalReason.NOT_A_CALL_LINK, service=CallService.WHATSAPP)
    return ParsedLink(
        CallService.WHATSAPP, f"whatsapp://{action}?{quote(parts.query, safe=_URL_SAFE)}"
    )


def _parse_facetime(scheme: str, rest: str) -> ParsedLink:
    target = unquote(rest.removeprefix("//"))
    if "@" not in target:
        number = normalise_phone_link(target).removeprefix("tel:")
        return ParsedLink(CallService.FACETIME, f"{scheme}:{number}")
    local, _at, domain = target.rpartition("@")
    domain = domain.lower()
    labels = domain.split(".")
    if (
        not _EMAIL_LOCAL.fullmatch(local)
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
    ):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    return ParsedLink(CallService.FACETIME, f"{scheme}:{local}@{domain}")


def _parse_skype(rest: str) -> ParsedLink:
    target, _question, query = rest.partition("?")
    if not all(_SKYPE_NAME.fullmatch(name) for name in target.split(";")) or (
        query and not _SKYPE_QUERY.fullmatch(query)
    ):
        raise LinkRefused(reason=RefusalReason.MALFORMED)
    return ParsedLink(CallService.SKYPE, f"skype:{target}" + (f"?{query}" if query else ""))


# --- Plain words ---------------------------------------------------------------------------
