"""Reads people from .vcf contact files (vCard 2.1, 3.0 and 4.0) into plain records, card by card.

We parse lines ourselves rather than use vobject (checked with vobject 0.9.9) because it
fails on the whole file at the first card it cannot read: one broken card loses everyone, and
the person is told nothing about the rest. It also raises on vCard 2.1 quoted-printable soft
line breaks ("=" at the end of a line), which Android writes in long accented names, and it
accepts only str, so one charset must be guessed for the whole file although Outlook mixes
Windows-1252 and UTF-8 properties. (Bare 2.1 parameters such as "TEL;CELL;VOICE:" are kept by
vobject, in ``singletonparams``; they are not a reason.) The format is small (unfold lines,
split "group.NAME;params:value", decode the value), and reading each card on its own turns a
bad card into one entry in ``problems``. The file is read as a stream (see vcard_lines), so
only the people found are kept in memory.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import os
import quopri
import re
import stat
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from lonely_bridge.domain.contact_matching import phone_digits
from lonely_bridge.domain.errors import VCardError, VCardProblem
from lonely_bridge.domain.imported_contacts import ImportedContact, PhoneKind, PhoneNumber
from lonely_bridge.domain.links import MAX_LINK_CHARACTERS
from lonely_bridge.domain.people import MAX_NAME_CHARS, MAX_NOTES_CHARS, one_line, shortened
from lonely_bridge.formats.vcard_lines import (
    Line,
    RawCard,
    as_utf8,
    logical_lines,
    physical_lines,
    split_cards,
)

DEFAULT_MAX_BYTES = 20_000_000
READ_CHUNK_BYTES = 256 * 1024
# A contact photo is a thumbnail; anything larger is a mistake or an attack on memory.
MAX_PHOTO_BYTES = 10_000_000
MAX_PHOTO_URL_CHARS = 2_000
# iCloud holds at most 50,000 contacts and Google 25,000, so a file with more cards is not an
# address book; the cap also bounds the time a hostile file of empty cards can take.
MAX_CARDS = 50_000
# Older years are placeholders: iOS writes 1604 when a birthday was saved without its year.
EARLIEST_BIRTH_YEAR = 1800
# A number becomes a call link, so it may be no longer than a link; it is never cut short,
# because a shortened number would ring a stranger.
MAX_NUMBER_CHARS = MAX_LINK_CHARACTERS


@dataclass(frozen=True, slots=True)
class VCardParseResult:
    contacts: tuple[ImportedContact, ...] = ()
    # Cards that were skipped, in file order.
    problems: tuple[VCardError, ...] = ()
    # Cards that were imported with something left out: a photo, a field that could not be
    # decoded, a number too long to be real, or a name or notes shortened to fit.
    warnings: tuple[VCardError, ...] = ()


def read_vcard_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, chunk_bytes: int = READ_CHUNK_BYTES
) -> VCardParseResult:
    """Read every card in the file at ``path``, a piece at a time.

    Raises VCardError when the whole file is unusable: not a regular file (a folder, a named
    pipe, a device such as /dev/zero), larger than ``max_bytes``, or not contacts at all; and
    OSError when it cannot be opened.
    """
    # Asked of the path before opening it: opening a named pipe waits for a writer, and
    # reading a device may never end.
    _check_file(os.stat(path), max_bytes)
    flags = os.O_RDONLY | _OPEN_NO_WAIT | _OPEN_NOT_TERMINAL | _OPEN_BINARY
    with os.fdopen(os.open(path, flags), "rb", buffering=0) as handle:
        # Asked again of what was opened, in case the path was changed in between.
        _check_file(os.fstat(handle.fileno()), max_bytes)
        if _OPEN_NO_WAIT:
            os.set_blocking(handle.fileno(), True)  # a regular file: reads may wait for the disk
        return _parse(_pieces(handle, max_bytes=max_bytes, chunk_bytes=chunk_bytes))


# --- Reading the file -------------------------------------------------------------------------

# Opening never waits (for a named pipe's writer) and never takes over a terminal; on systems
# without these flags the checks before opening are enough.
_OPEN_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
_OPEN_NOT_TERMINAL = getattr(os, "O_NOCTTY", 0)
_OPEN_BINARY = getattr(os, "O_BINARY", 0)


def _check_file(info: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise VCardError(problem=VCardProblem.NOT_A_FILE)
    if info.st_size > max_bytes:
        raise VCardError(problem=VCardProblem.TOO_LARGE, max_bytes=max_bytes)


def _pieces(handle: BinaryIO, *, max_bytes: int, chunk_bytes: int) -> Iterator[bytes]:
    """The file's bytes in pieces; what arrives is counted too, as a file can grow while read."""
    total = 0
    while piece := handle.read(chunk_bytes):
        total += len(piece)
        if total > max_bytes:
            raise VCardError(problem=VCardProblem.TOO_LARGE, max_bytes=max_bytes)
        yield piece


class _CountedLines:
    """Passes lines on, counting them and the cards they begin; too many cards stops the file."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self._lines = lines
        self.lines = 0
        self.begins = 0

    def __iter__(self) -> Iterator[Line]:
        for line in self._lines:
            self.lines += 1
            if line.marker == "BEGIN":
                self.begins += 1
                if self.begins > MAX_CARDS:
                    raise VCardError(problem=VCardProblem.TOO_MANY_CARDS, max_cards=MAX_CARDS)
            yield line


def _parse(chunks: Iterable[bytes]) -> VCardParseResult:
    lines = _CountedLines(logical_lines(physical_lines(as_utf8(chunks))))
    contacts: list[ImportedContact] = []
    problems: list[VCardError] = []
    warnings: list[VCardError] = []
    for card in split_cards(lines):
        reader = _CardReader(card.body)
        name = reader.name()
        skipped: VCardProblem | None = None
        if card.nested:
            skipped = VCardProblem.NESTED_CARD
        elif not card.ended:
            skipped = VCardProblem.UNTERMINATED_CARD
        elif not reader.version_supported():
            skipped = VCardProblem.UNSUPPORTED_VERSION
        elif not name:
            skipped = VCardProblem.NO_NAME
        if skipped is not None:
            problems.append(_card_error(skipped, card, name))
            continue
        contact = reader.contact(name, index=card.number - 1, line=card.line)
        contacts.append(contact)
        warnings.extend(
            _card_error(problem, card, contact.name, **extra)
            for problem, extra in reader.partial_problems()
        )
    if not lines.lines:
        raise VCardError(problem=VCardProblem.EMPTY_FILE)
    if not lines.begins:
        raise VCardError(problem=VCardProblem.NOT_A_VCARD)
    return VCardParseResult(tuple(contacts), tuple(problems), tuple(warnings))


def _card_error(problem: VCardProblem, card: RawCard, name: str, **extra: object) -> VCardError:
    return VCardError(problem=problem, card=card.number, line=card.line, name=name, **extra)


# --- Reading one card ------------------------------------------------------------------------

_ENCODING_WORDS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ",", ":": ":"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_URI_ESCAPE = re.compile(rb"\\([,;:])")
_ESCAPED_TOKEN = re.compile(r"\\(.)|([;,])|([^\\;,]+|\\)", re.DOTALL)
_SUPPORTED_VERSION = re.compile(r"[234](\.\d+)?", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(T.*)?", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
# "+1 555 0100 ext. 12", "x12", ";ext=12": an extension written after the number.
_EXTENSION = re.compile(r"\s*(?:;\s*ext\s*=|,?\s*(?:ext|extn|extension|x)\.?)\s*(\d+)$", re.I)
# Codecs Python knows that are not character sets; a CHARSET naming them is junk.
_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined", "unicode_escape", "raw_unicode_escape"})
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM")


@dataclass(frozen=True, slots=True)
class _Property:
    line: int
    name: str
    params: dict[str, list[str]]
    value: bytes

    def param(self, key: str) -> str:
        values = self.params.get(key)
        return values[0].upper() if values else ""

    @property
    def types(self) -> frozenset[str]:
        return frozenset(value.lower() for value in self.params.get("TYPE", ()))


def _split_unquoted(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    parts: list[str] = []
    start = 0
    quoted = False
    for position, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def _find_value_colon(raw: bytes) -> int:
    """The colon that ends the parameters; 4.0 allows colons inside quoted parameter values."""
    colon = raw.find(b":")
    if colon < 0 or b'"' not in raw[:colon]:
        return colon
    quoted = False
    for position, byte in enumerate(raw):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return position
    return colon  # an unbalanced quote: the first colon is the best guess


def _parse_property(line: int, raw: bytes) -> _Property | None:
    colon = _find_value_colon(raw)
    if colon < 0:
        return None
    parts = _split_unquoted(raw[:colon].decode("latin-1"), ";")
    name = parts[0].strip().rpartition(".")[2].upper()  # drop Apple's "item1." groups
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, equals, value = part.partition("=")
        if not equals:
            # vCard 2.1 allows bare values: "TEL;CELL;VOICE:", "NOTE;QUOTED-PRINTABLE:".
            value = key.strip()
            key = "ENCODING" if value.upper() in _ENCODING_WORDS else "TYPE"
        key = key.strip().upper()
        values = [item.strip().strip('"').strip() for item in _split_unquoted(value, ",")]
        if key == "TYPE":
            # 4.0 may quote the list: TYPE="work,voice".
            values = [word.strip() for item in values for word in item.split(",")]
        params.setdefault(key, []).extend(item for item in values if item)
    return _Property(line, name, params, raw[colon + 1 :])


def _split_escaped(text: str, *, v21: bool, separators: str) -> list[list[str]]:
    """Split a structured value into components of values, undoing backslash escapes."""
    components: list[list[str]] = [[]]
    current: list[str] = []
    for match in _ESCAPED_TOKEN.finditer(text):
        escaped, separator, plain = match.groups()
        if escaped is not None:
            # vCard 2.1 escapes only ";"; its writers leave other backslashes as plain text.
            if v21 and escaped != ";":
                current.append("\\" + escaped)
            else:
                current.append(_ESCAPES.get(escaped, "\\" + escaped))
        elif separator is not None and separator in separators and not (v21 and separator == ","):
            components[-1].append("".join(current))
            current = []
            if separator == ";":
                components.append([])
        else:
            current.append(separator if separator is not None else plain)
    components[-1].append("".join(current))
    return components


def _unescape(text: str, *, v21: bool) -> str:
    """Undo backslash escapes in a value that has no components (FN, NOTE, TEL, EMAIL)."""
    if "\\" not in text:
        return text
    if v21:
        return text.replace("\\;", ";")
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match.group(1), match.group(0)), text)


def _decode_text(raw: bytes, charset: str) -> str:
    # UTF-8 first: it almost never decodes by accident, and exporters often mislabel it.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            if codecs.lookup(charset).name.replace("-", "_") not in _NOT_CHARSETS:
                return raw.decode(charset)
        except (LookupError, UnicodeError, ValueError):
            pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _b64decode(value: bytes) -> bytes | None:
    compact = re.sub(rb"\s+", b"", value).rstrip(b"=")
    if len(compact) % 4 == 1 or len(compact) * 3 // 4 > MAX_PHOTO_BYTES:
        return None
    compact += b"=" * (-len(compact) % 4)
    try:
        return base64.b64decode(compact, validate=True)
    except binascii.Error:
        try:
            return base64.b64decode(compact, altchars=b"-_", validate=True)
        except binascii.Error:
            return None


def _is_image(data: bytes) -> bool:
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return True
    return data.startswith(_IMAGE_MAGIC) and len(data) > 16


def _printable(text: str) -> str:
    if text.isprintable():  # no control, format or surrogate characters: nearly every line
        return text
    return "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") and ch != "\ufeff"
    )


def _clean_line(text: str) -> str:
    # Bidi overrides and isolates can make a name or number show reversed or disguised.
    return " ".join(_printable(one_line(text)).split())


def _clean_block(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_printable(line.replace("\t", " ")).rstrip() for line in lines).strip()


def _meaningful(text: str) -> bool:
    """True when a name has something to show: a letter, digit or symbol such as an emoji."""
    return any(unicodedata.category(ch)[0] in "LNS" for ch in text)


def _clean_phone(text: str) -> tuple[str, str]:
    """The number and its extension ("" for none); ("", "") when there is no number."""
    value = _clean_line(text)
    extension = ""
    if value[:4].lower() == "tel:":
        value, *uri_params = value[4:].split(";")
        extension = next(
            (p.partition("=")[2] for p in uri_params if p.strip().lower().startswith("ext=")), ""
        )
    elif match := _EXTENSION.search(value):
        value, extension = value[: match.start()], match.group(1)
    value, extension = _clean_line(value), _clean_line(extension)
    if not any(ch.isdecimal() for ch in value):
        return "", ""
    return value, extension


def _phone_kind(types: frozenset[str]) -> PhoneKind:
    if types & {"cell", "mobile", "iphone"}:
        return PhoneKind.MOBILE
    if "fax" in types:
        return PhoneKind.FAX
    if "home" in types:
        return PhoneKind.HOME
    if "work" in types:
        return PhoneKind.WORK
    return PhoneKind.OTHER


def _parse_birthday(text: str, omit_year: str) -> date | None:
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None or match.group(1) == omit_year:
        return None  # "--0203" and the like: a day without a year cannot be a date
    year, month, day = (int(match.group(index)) for index in (1, 2, 3))
    if year < EARLIEST_BIRTH_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _CardReader:
    """Decodes one card's properties; remembers what it had to leave out."""

    def __init__(self, body: list[Line]) -> None:
        self._by_name: dict[str, list[_Property]] = {}
        for line in body:
            if (prop := _parse_property(line.number, line.text)) is not None:
                self._by_name.setdefault(prop.name, []).append(prop)
        versions = self._all("VERSION")
        self._version = versions[0].value.decode("latin-1").strip() if versions else ""
        self._v21 = self._version.startswith("2")
        self._bad_encoding = False
        self._bad_photo = False
        # Kept to fit the person editor's limits, in the order met: (problem, its limit).
        self._cut: list[tuple[VCardProblem, int]] = []

    def _all(self, name: str) -> list[_Property]:
        return self._by_name.get(name, [])

    def version_supported(self) -> bool:
        return not self._version or _SUPPORTED_VERSION.fullmatch(self._version) is not None

    def partial_problems(self) -> list[tuple[VCardProblem, dict[str, object]]]:
        """What the card lost, each with the parameters its message needs."""
        found: list[tuple[VCardProblem, dict[str, object]]] = []
        if self._bad_encoding:
            found.append((VCardProblem.BAD_ENCODING, {}))
        if self._bad_photo:
            found.append((VCardProblem.BAD_PHOTO, {}))
        return found + [(problem, {"limit": limit}) for problem, limit in self._cut]

    def _fitted(self, text: str, limit: int, problem: VCardProblem) -> str:
        if len(text) > limit:
            self._cut.append((problem, limit))
            return shortened(text, limit)
        return text

    def _text(self, prop: _Property) -> str | None:
        encoding = prop.param("ENCODING")
        raw: bytes | None = prop.value
        if encoding == "QUOTED-PRINTABLE":
            raw = quopri.decodestring(prop.value)
        elif encoding in ("B", "BASE64"):
            raw = _b64decode(prop.value)
        if raw is None:
            self._bad_encoding = True
            return None
        return _decode_text(raw, prop.param("CHARSET"))

    def _components(self, prop: _Property, separators: str = ";,") -> list[list[str]]:
        text = self._text(prop)
        return [] if text is None else _split_escaped(text, v21=self._v21, separators=separators)

    def _texts(self, name: str) -> Iterator[tuple[_Property, str]]:
        for prop in self._all(name):
            if (text := self._text(prop)) is not None:
                yield prop, _unescape(text, v21=self._v21)

    def name(self) -> str:
        for _prop, text in self._texts("FN"):
            if _meaningful(candidate := _clean_line(text)):
                return candidate
        for prop in self._all("N"):
            parts = [*self._components(prop), [], [], [], [], []]
            family, given, additional, prefix, suffix = parts[:5]
            words = [*prefix, *given, *additional, *family, *suffix]
            if _meaningful(candidate := _clean_line(" ".join(words))):
                return candidate
        for prop in self._all("ORG"):
            for unit in self._components(prop, separators=";"):
                if _meaningful(candidate := _clean_line(unit[0])):
                    return candidate
        for prop in self._all("NICKNAME"):
            for nicknames in self._components(prop, separators=","):
                for nickname in nicknames:
                    if _meaningful(candidate := _clean_line(nickname)):
                        return candidate
        return ""

    def contact(self, name: str, *, index: int, line: int) -> ImportedContact:
        """The person on this card, with ``name`` and notes cut to fit the editor's limits."""
        name = self._fitted(name, MAX_NAME_CHARS, VCardProblem.NAME_SHORTENED)
        note = self._fitted(
            "\n\n".join(
                note for _prop, text in self._texts("NOTE") if (note := _clean_block(text))
            ),
            MAX_NOTES_CHARS,
            VCardProblem.NOTE_SHORTENED,
        )
        phones = self._phones()
        photo, photo_url = self._photo()
        return ImportedContact(
            name=name,
            phones=phones,
            emails=self._emails(),
            addresses=self._addresses(),
            photo=photo,
            photo_url=photo_url,
            note=note,
            birthday=next(
                (
                    _parse_birthday(text, prop.param("X-APPLE-OMIT-YEAR"))
                    for prop, text in self._texts("BDAY")
                ),
                None,
            ),
            source_index=index,
            source_line=line,
        )

    def _phones(self) -> tuple[PhoneNumber, ...]:
        phones: list[PhoneNumber] = []
        seen: set[tuple[str, str]] = set()
        for prop, text in self._texts("TEL"):
            number, extension = _clean_phone(text)
            if len(number) + len(extension) > MAX_NUMBER_CHARS:
                self._cut.append((VCardProblem.NUMBER_TOO_LONG, MAX_NUMBER_CHARS))
                continue
            key = (phone_digits(number), extension)
            if number and key not in seen:
                seen.add(key)
                preferred = "pref" in prop.types or "PREF" in prop.params
                kind = _phone_kind(prop.types)
                phones.append(PhoneNumber(number, kind, preferred, extension))
        return tuple(phones)

    def _emails(self) -> tuple[str, ...]:
        found: list[tuple[bool, str]] = []
        seen: set[str] = set()
        for prop, text in self._texts("EMAIL"):
            address = _clean_line(text)
            if address[:7].lower() == "mailto:":
                address = address[7:]
            if _EMAIL.fullmatch(address) and address.casefold() not in seen:
                seen.add(address.casefold())
                found.append(("pref" in prop.types or "PREF" in prop.params, address))
        # Preferred addresses first, otherwise the card's own order (sort is stable).
        return tuple(address for _preferred, address in sorted(found, key=lambda f: not f[0]))

    def _addresses(self) -> tuple[str, ...]:
        addresses: list[str] = []
        for prop in self._all("ADR"):
            parts = [
                [_clean_line(value.replace("\n", ", ")) for value in component]
                for component in [*self._components(prop), [], [], [], [], [], [], []][:7]
            ]
            pobox, extended, street, locality, region, postcode, country = parts
            area = " ".join(value for value in [*region, *postcode] if value)
            pieces = [*street, *extended, *pobox, *locality, area]
            text = ", ".join(
                piece.strip(" ,") for piece in [*pieces, *country] if piece.strip(" ,")
            )
            if text and text not in addresses:
                addresses.append(text)
        return tuple(addresses)

    def _photo(self) -> tuple[bytes | None, str | None]:
        photo: bytes | None = None
        url: str | None = None
        for prop in self._all("PHOTO"):
            value = prop.value.strip()
            # Some 3.0 writers escape the punctuation of URIs as if they were text.
            head = _URI_ESCAPE.sub(rb"\1", value[:16]).lower()
            data: bytes | None = None
            if head.startswith((b"http://", b"https://")):
                text = _decode_text(_URI_ESCAPE.sub(rb"\1", value), prop.param("CHARSET"))
                url = url or _safe_url(text)
                continue
            if head.startswith(b"data:"):
                header, comma, payload = _URI_ESCAPE.sub(rb"\1", value)[5:].partition(b",")
                if not comma:
                    data = None
                elif header.lower().endswith(b";base64"):
                    data = _b64decode(payload)
                else:
                    data = urllib.parse.unquote_to_bytes(payload)
            elif prop.param("VALUE") in ("URI", "URL"):
                continue  # file:, cid: and the like point at nothing we may read
            else:
                data = _b64decode(value)
            if data is not None and _is_image(data) and len(data) <= MAX_PHOTO_BYTES:
                photo = photo or data
            else:
                self._bad_photo = True
        if photo is not None:
            self._bad_photo = False
        return photo, url


def _safe_url(text: str) -> str | None:
    url = text.strip()
    if len(url) > MAX_PHOTO_URL_CHARS or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None
