"""A .vcf file as a stream: pieces of bytes become UTF-8, then lines, unfolded lines, and cards.

Every step is a generator that holds only what it must (the line or card being read), so a
file of any size is read in pieces of bounded size and only the people found are kept.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Line:
    """One logical line: folded and soft-broken continuations joined onto it."""

    number: int  # of its first physical line, counting from 1
    text: bytes
    marker: str | None  # "BEGIN" or "END" for a card's first or last line


@dataclass(frozen=True, slots=True)
class RawCard:
    """The lines between one BEGIN:VCARD and its END:VCARD, still undecoded."""

    number: int  # counting cards from 1, in file order
    line: int  # where its BEGIN:VCARD is
    body: list[Line]
    ended: bool  # False: cut short by the end of the file or by the next card's BEGIN
    nested: bool  # another card (a vCard 2.1 AGENT) sits inside it


def as_utf8(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The same text as UTF-8 without a byte order mark, whatever Unicode form it came in."""
    pieces = iter(chunks)
    head = b""
    for piece in pieces:  # enough of the start to recognise the encoding
        head += piece
        if len(head) >= _ENCODING_SNIFF_BYTES:
            break
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    elif (codec := _unicode_codec(head)) is not None:
        # Windows tools sometimes save UTF-16; convert it so one line parser serves all files.
        decoder = codecs.getincrementaldecoder(codec)("replace")
        yield decoder.decode(head).encode("utf-8", "replace")
        for piece in pieces:
            yield decoder.decode(piece).encode("utf-8", "replace")
        yield decoder.decode(b"", final=True).encode("utf-8", "replace")
        return
    yield head
    yield from pieces


def physical_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Split at CRLF, CR or LF, even where a piece ends between a CR and its LF."""
    pending: list[bytes] = []
    after_cr = False
    for chunk in chunks:
        if after_cr and chunk[:1] == b"\n":
            chunk = chunk[1:]  # the second half of a CRLF that the previous piece began
            after_cr = False
        if not chunk:
            continue
        after_cr = chunk.endswith(b"\r")
        pieces = _LINE_BREAK.split(chunk)
        pending.append(pieces[0])
        if len(pieces) > 1:
            yield b"".join(pending)
            yield from pieces[1:-1]
            pending = [pieces[-1]]
    yield b"".join(pending)


def logical_lines(raw_lines: Iterable[bytes]) -> Iterator[Line]:
    """Join folded and soft-broken lines; blank lines are dropped."""
    current: bytearray | None = None
    mode = _ValueMode.PLAIN
    start = 0
    for number, raw in enumerate(raw_lines, start=1):
        if current is not None:
            if (
                mode is _ValueMode.QUOTED_PRINTABLE
                and current.endswith(b"=")
                and marker(raw) is None
            ):
                # A 2.1 soft line break: the encoded value simply goes on, even mid-character.
                current[-1:] = raw
                continue
            if raw[:1] in (b" ", b"\t"):
                current += raw[1:]
                continue
            # Some 2.1 writers wrap base64 photos without indenting; such lines can never be a
            # property because they have no colon.
            if mode is _ValueMode.BASE64 and _BASE64_LINE.fullmatch(raw):
                current += raw
                continue
            yield _line(start, current)
            current = None
        if raw.strip():
            current = bytearray(raw)
            mode = _value_mode(raw)
            start = number
    if current is not None:
        yield _line(start, current)


def split_cards(lines: Iterable[Line]) -> Iterator[RawCard]:
    """Group lines into cards; text between cards is ignored, as every reader does."""
    source = iter(lines)
    ahead: deque[Line] = deque()  # lines read while looking ahead, to be read again

    def next_line() -> Line | None:
        return ahead.popleft() if ahead else next(source, None)

    number = 0
    while (begin := next_line()) is not None:
        if begin.marker != "BEGIN":
            continue
        number += 1
        body: list[Line] = []
        end = _read_to_marker(next_line, body)
        if end is not None and end.marker == "END":
            yield RawCard(number, begin.number, body, ended=True, nested=False)
            continue
        if end is None:
            yield RawCard(number, begin.number, body, ended=False, nested=False)
            return
        # A BEGIN inside a card: a nested card (2.1 AGENT) if two ENDs follow, else this card
        # lost its END and the BEGIN starts the next card.
        looked = [end]
        inner_end = _read_to_marker(next_line, looked)
        outer_end = None
        if inner_end is not None:
            looked.append(inner_end)
            if (outer_end := _read_to_marker(next_line, looked)) is not None:
                looked.append(outer_end)
        if (
            inner_end is not None
            and outer_end is not None
            and inner_end.marker == outer_end.marker == "END"
        ):
            yield RawCard(number, begin.number, body, ended=True, nested=True)
            continue
        ahead.extendleft(reversed(looked))
        yield RawCard(number, begin.number, body, ended=False, nested=False)


def marker(text: bytes) -> str | None:
    match = _MARKER.fullmatch(text)
    return match.group(1).decode("ascii").upper() if match else None


# --- Details ---------------------------------------------------------------------------------

_ENCODING_SNIFF_BYTES = 64
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
_MARKER = re.compile(rb"[ \t]*(BEGIN|END)[ \t]*:[ \t]*VCARD[ \t]*", re.IGNORECASE)


def _unicode_codec(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:_ENCODING_SNIFF_BYTES]
    if len(sample) >= 8 and sample.count(0) >= len(sample) // 3:
        # UTF-16 without a byte order mark: the zero bytes of ASCII letters show which half.
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    return None


class _ValueMode(StrEnum):
    PLAIN = "plain"
    QUOTED_PRINTABLE = "quoted_printable"
    BASE64 = "base64"


def _value_mode(line: bytes) -> _ValueMode:
    colon = line.find(b":")
    if colon < 0:
        return _ValueMode.PLAIN
    head = line[:colon].upper()
    if b"QUOTED-PRINTABLE" in head:
        return _ValueMode.QUOTED_PRINTABLE
    if (
        b"BASE64" in head
        or b"ENCODING=B" in head
        or line[colon + 1 : colon + 6].lower() == b"data:"
    ):
        return _ValueMode.BASE64
    return _ValueMode.PLAIN


def _line(number: int, text: bytearray) -> Line:
    value = bytes(text)
    return Line(number, value, marker(value))


def _read_to_marker(next_line: Callable[[], Line | None], into: list[Line]) -> Line | None:
    """Move lines into ``into`` up to the next BEGIN or END, which is returned, not moved."""
    while (line := next_line()) is not None:
        if line.marker is not None:
            return line
        into.append(line)
    return None
