"""Tests for reading .vcf contact files: real exports, broken files, odd encodings and fuzzing."""

from __future__ import annotations

import base64
import builtins
import codecs
import io
import os
import re
import socket
import struct
import tempfile
import threading
import tracemalloc
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lonely_bridge.domain.contact_matching import phone_match_key
from lonely_bridge.domain.errors import LonelyBridgeError, VCardError, VCardProblem
from lonely_bridge.domain.imported_contacts import ImportedContact, PhoneKind, PhoneNumber
from lonely_bridge.domain.links import MAX_LINK_CHARACTERS
from lonely_bridge.domain.people import MAX_NAME_CHARS, MAX_NOTES_CHARS
from lonely_bridge.formats import vcards
from lonely_bridge.formats.vcards import DEFAULT_MAX_BYTES, VCardParseResult, read_vcard_file
from lonely_bridge.wording.vcard_problems import explain_vcard_problem

DATA = Path(__file__).parent / "data" / "vcards"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
LINE_BREAK = re.compile(rb"\r\n|\r|\n")
IMAGE_MAGIC = (JPEG_MAGIC, PNG_MAGIC, b"GIF8", b"RIFF", b"BM")


def tiny_png() -> bytes:
    """A real 1×1 PNG, built by hand so the test data cannot drift from the checker."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xc0\x80\x40")
    return PNG_MAGIC + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def assert_valid_png(data: bytes) -> None:
    assert data.startswith(PNG_MAGIC)
    position = len(PNG_MAGIC)
    kinds = []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        payload = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + payload) == crc
        kinds.append(kind)
        position += 12 + length
    assert kinds[0] == b"IHDR"
    assert kinds[-1] == b"IEND"


def assert_valid_jpeg(data: bytes) -> None:
    assert data.startswith(JPEG_MAGIC)
    assert data.endswith(b"\xff\xd9")


def read_vcards(data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> VCardParseResult:
    """Read .vcf data as the app reads a chosen file; text is saved as UTF-8 first."""
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")  # hypothesis's text may hold lone surrogates
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.vcf"
        path.write_bytes(data)
        return read_vcard_file(path, max_bytes=max_bytes)


def vcard(*lines: str, version: str = "3.0", eol: str = "\r\n") -> str:
    return eol.join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def only_contact(data: bytes | str) -> ImportedContact:
    result = read_vcards(data)
    assert not result.problems
    assert len(result.contacts) == 1
    return result.contacts[0]


def fold(line: str, width: int = 75) -> str:
    parts = [line[:width]] + [line[i : i + width - 1] for i in range(width, len(line), width - 1)]
    return "\r\n ".join(parts)


# --- Real exports ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    name: str
    phones: tuple[tuple[str, PhoneKind, bool] | tuple[str, PhoneKind, bool, str], ...] = ()
    photo_magic: bytes | None = None
    photo_url: str | None = None


MOBILE, HOME, WORK, FAX = PhoneKind.MOBILE, PhoneKind.HOME, PhoneKind.WORK, PhoneKind.FAX
OTHER = PhoneKind.OTHER
EXPECTED: dict[str, list[Expected]] = {
    "iphone_ios_3_0.vcf": [
        Expected(
            "Anna Smith",
            (
                ("+44 7700 900123", MOBILE, True),
                ("07700 900456", MOBILE, False),
                ("0113 496 0000", HOME, False),
                ("0113 496 0999", OTHER, False),
            ),
            photo_magic=JPEG_MAGIC,
        ),
        Expected(
            "Tom O’Brien",
            (
                ("+1 (555) 010-4477", WORK, False),
                ("+1 555 010 4400", OTHER, False),
                ("+1 555 010 4499", FAX, False),
            ),
        ),
    ],
    "android_2_1_quoted_printable.vcf": [
        Expected(
            "Zoë Müller",
            (
                ("+49 151 23456789", MOBILE, False),
                ("+49 30 1234567", HOME, False),
                ("+49 30 7654321", WORK, True),
            ),
            photo_magic=JPEG_MAGIC,
        ),
        Expected(
            "José María Hernández de la Fuente",
            (("+34 612 345 678", MOBILE, False), ("+34 91 123 45 67", HOME, False)),
        ),
        Expected("José", (("612 000 111", MOBILE, False),)),
    ],
    "google_contacts_3_0.vcf": [
        Expected(
            "Margaret “Peggy” O'Neill",
            (
                ("+353 87 123 4567", MOBILE, False),
                ("+353 1 234 5678", HOME, False),
                ("+353 1 234 0000", OTHER, False),
            ),
            photo_url="https://lh3.googleusercontent.com/contacts/AOq5bKb_peggy=s512",
        ),
        Expected("Harbour Surgery", (("+353 1 555 0199", WORK, False),)),
        Expected(
            "Dr. Bartholomew Alexander Featherstonehaugh-Cholmondeley-Marjoribanks III",
            (("+44 7700 900999", MOBILE, False), ("+44 20 7946 0000", WORK, False)),
        ),
    ],
    "outlook_2_1.vcf": [
        Expected(
            "Jürgen Müller",
            (
                ("+49 (89) 123456-0", WORK, False),
                ("+49 89 987654", HOME, False),
                ("+49 170 1234567", MOBILE, False),
                ("+49 (89) 123456-99", FAX, False),
            ),
            photo_magic=JPEG_MAGIC,
        ),
        Expected("Dr. Helen Carter", (("(020) 7946 0321", HOME, False),)),
    ],
    "rfc6350_photo_data_uri.vcf": [
        Expected(
            "Simon Perreault",
            (("+1-418-656-9254", WORK, True, "102"), ("+1-418-262-6501", MOBILE, False)),
            photo_magic=PNG_MAGIC,
        ),
    ],
    "rfc6350_photo_url.vcf": [
        Expected(
            "Jane Q. Public",
            (
                ("+1-555-555-0100", HOME, False),
                ("+1-555-555-0101", MOBILE, True),
                ("+1-555-555-0102", WORK, False),
                ("+1-555-555-0103", FAX, False),
            ),
            photo_url="https://www.example.com/pub/photos/jqpublic.gif",
        ),
    ],
}


def read_sample(name: str) -> VCardParseResult:
    return read_vcards((DATA / name).read_bytes())


def test_every_sample_file_has_expectations() -> None:
    samples = {path.name for path in DATA.glob("*.vcf")}
    assert samples == {*EXPECTED, "mixed_good_and_broken.vcf"}


@pytest.mark.parametrize(("file_name", "expected"), list(EXPECTED.items()), ids=list(EXPECTED))
def test_sample_exports_parse_to_the_expected_people(
    file_name: str, expected: list[Expected]
) -> None:
    result = read_sample(file_name)

    assert result.problems == ()
    assert result.warnings == ()
    assert [contact.name for contact in result.contacts] == [e.name for e in expected]
    for index, (contact, want) in enumerate(zip(result.contacts, expected, strict=True)):
        assert contact.phones == tuple(PhoneNumber(*phone) for phone in want.phones)
        assert contact.photo_url == want.photo_url
        assert contact.source_index == index
        if want.photo_magic is None:
            assert contact.photo is None
        else:
            assert contact.photo is not None
            assert contact.photo.startswith(want.photo_magic)


@pytest.mark.parametrize("file_name", list(EXPECTED))
def test_source_line_points_at_begin_vcard(file_name: str) -> None:
    raw = (DATA / file_name).read_bytes().removeprefix(codecs.BOM_UTF8)
    lines = LINE_BREAK.split(raw)
    for contact in read_sample(file_name).contacts:
        assert lines[contact.source_line - 1] == b"BEGIN:VCARD"


def test_embedded_photos_in_samples_are_whole_images() -> None:
    assert_valid_jpeg(read_sample("iphone_ios_3_0.vcf").contacts[0].photo or b"")
    assert_valid_jpeg(read_sample("android_2_1_quoted_printable.vcf").contacts[0].photo or b"")
    assert_valid_jpeg(read_sample("outlook_2_1.vcf").contacts[0].photo or b"")
    assert_valid_png(read_sample("rfc6350_photo_data_uri.vcf").contacts[0].photo or b"")


def test_ios_card_details() -> None:
    anna, tom = read_sample("iphone_ios_3_0.vcf").contacts
    assert anna.emails == ("anna.smith@example.co.uk", "annie@example.com")
    assert anna.addresses == ("12 Acacia Avenue, Leeds, West Yorkshire LS6 2AB, United Kingdom",)
    assert anna.note == (
        "Grandma's neighbour. Likes a call on Sunday afternoons.\nAllergic to cats, not dogs."
    )
    assert anna.birthday == date(1958, 6, 21)
    assert tom.birthday is None  # iOS writes 1604 when the year was left out


def test_google_card_details() -> None:
    peggy, surgery, _ = read_sample("google_contacts_3_0.vcf").contacts
    assert peggy.emails == ("peggy.oneill@example.ie", "m.oneill@example.org")
    assert peggy.addresses == (
        "14 Seaview Terrace, Apartment 3, Dún Laoghaire, Co. Dublin A96 X2Y3, Ireland",
    )
    assert peggy.note == "Prefers calls after 10am.\nHer daughter is Siobhán."
    assert peggy.birthday == date(1941, 2, 17)
    assert surgery.source_line == 20


def test_outlook_windows_1252_card_details() -> None:
    jurgen, helen = read_sample("outlook_2_1.vcf").contacts
    assert jurgen.addresses == ("Marienplatz 1, München, Bayern 80331, Deutschland",)
    assert jurgen.note == "Sohn von Frau Becker.\nBitte nicht vor 9 Uhr anrufen."
    assert jurgen.birthday == date(1952, 3, 15)
    assert helen.emails == ("helen.carter@example.co.uk",)


def test_vcard_4_details() -> None:
    (simon,) = read_sample("rfc6350_photo_data_uri.vcf").contacts
    (jane,) = read_sample("rfc6350_photo_url.vcf").contacts
    assert simon.birthday is None  # "--0203" has no year
    assert simon.addresses == ("2875 Laurier, Suite D2-630, Quebec, QC G1V 2M2, Canada",)
    assert jane.birthday == date(1953, 4, 15)
    # The first ADR has a quoted LABEL parameter holding a colon and commas.
    assert jane.addresses == (
        "42 Plantation St., Baytown, LA 30314, United States of America",
        "1 Main Street, Springfield, IL 62701, USA",
    )


# --- vCard 2.1 quoted-printable and charsets -------------------------------------------------


@pytest.mark.parametrize(
    ("index", "name"), [(0, "Zoë Müller"), (1, "José María Hernández de la Fuente"), (2, "José")]
)
def test_quoted_printable_names_decode_exactly(index: int, name: str) -> None:
    contact = read_sample("android_2_1_quoted_printable.vcf").contacts[index]
    assert contact.name == name
    assert unicodedata.is_normalized("NFC", contact.name)


def test_android_address_and_note() -> None:
    zoe, jose, _ = read_sample("android_2_1_quoted_printable.vcf").contacts
    assert zoe.addresses == ("Hauptstraße 5, Berlin, 10115, Deutschland",)
    assert jose.note == "Primo de Dolores.\nLlamar los domingos."


@pytest.mark.parametrize("eol", ["\r\n", "\n"])
def test_soft_line_break_may_split_a_character(eol: str) -> None:
    text = vcard(
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=5A=6F=C3=",
        "=AB M=C3=BC=",
        "ller",
        "NOTE;QUOTED-PRINTABLE:Line one=0D=0A=",
        "Line two",
        version="2.1",
        eol=eol,
    )
    contact = only_contact(text.encode("ascii"))
    assert contact.name == "Zoë Müller"
    assert contact.note == "Line one\nLine two"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (b"FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jos=E9", "José"),
        (b"FN;CHARSET=KOI8-R:" + "Иван".encode("koi8-r"), "Иван"),
        (b"FN;CHARSET=X-UNKNOWN:J\xfcrgen", "Jürgen"),  # falls back to Windows-1252
        (b"FN;CHARSET=punycode:J\xfcrgen", "Jürgen"),  # a codec that is no charset is ignored
        (b"FN;CHARSET=ISO-8859-1:Zo\xc3\xab", "Zoë"),  # mislabelled UTF-8 still reads right
        (b"FN:Bj\x81\xf6rn", "Björn"),  # not Windows-1252: Latin-1, minus the control byte
    ],
)
def test_charsets(line: bytes, name: str) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + line + b"\r\nEND:VCARD\r\n"
    assert only_contact(data).name == name


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("utf-16-be"),
        lambda text: text.encode("utf-32"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text,
    ],
    ids=["utf16-bom", "utf16le", "utf16be", "utf32-bom", "utf8-bom", "str"],
)
def test_whole_file_encodings(encode: Callable[[str], bytes | str]) -> None:
    text = vcard("FN:Łucja Żółw", "TEL;TYPE=CELL:+48 600 100 200")
    contact = only_contact(encode(text))
    assert contact.name == "Łucja Żółw"
    assert contact.source_line == 1


# --- Folding, escaping, line endings ---------------------------------------------------------


def test_folded_lines_are_joined() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Maria\r\n  Smith\r\n"
        "NOTE:This note is folded\r\n\t across two lines\r\n"
        "TEL;TYPE=CE\r\n LL:0770\r\n 0 900123\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEND:VCARD\r\n"
    )
    anna, bob = read_vcards(text).contacts
    assert anna.name == "Anna Maria Smith"
    assert anna.note == "This note is folded across two lines"
    assert anna.phones == (PhoneNumber("07700 900123", PhoneKind.MOBILE),)
    assert bob.source_line == 11  # physical lines count, folds included


def test_long_folded_base64_photo() -> None:
    png = tiny_png()
    line = "PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(png).decode()
    contact = only_contact(vcard("FN:Pat", fold(line, width=20)))
    assert contact.photo == png


@pytest.mark.parametrize("eol", ["\r\n", "\n", "\r"])
def test_line_endings(eol: str) -> None:
    text = vcard("FN:Ann", "NOTE:one\\ntwo", eol=eol) + vcard("FN:Ben", eol=eol)
    ann, ben = read_vcards(text).contacts
    assert (ann.name, ann.note, ben.name, ben.source_line) == ("Ann", "one\ntwo", "Ben", 6)


@pytest.mark.parametrize(
    ("version", "note", "expected"),
    [
        ("3.0", r"a\nb\, c\; d\\e\N f", "a\nb, c; d\\e\n f"),
        ("4.0", r"tab\ttoo", r"tab\ttoo"),  # unknown escapes stay as written
        ("2.1", r"C:\new\temp\; ok", r"C:\new\temp; ok"),  # 2.1 escapes only ";"
    ],
)
def test_escapes(version: str, note: str, expected: str) -> None:
    assert only_contact(vcard("FN:X", f"NOTE:{note}", version=version)).note == expected


def test_text_between_cards_is_ignored() -> None:
    text = "Exported by Contacts\r\n\r\n" + vcard("FN:Ann") + "\r\ngarbage\r\n" + vcard("FN:Ben")
    result = read_vcards(text)
    assert [(c.name, c.source_line) for c in result.contacts] == [("Ann", 3), ("Ben", 9)]


def test_lowercase_and_spaced_markers() -> None:
    text = "begin:vcard\nversion:3.0\nfn:Ann\nend:vcard\nBEGIN : VCARD\nFN:Ben\nEnd:VCard\t\n"
    assert [c.name for c in read_vcards(text).contacts] == ["Ann", "Ben"]


# --- Fields ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["FN:Anna Smith", "N:Other;Name;;;"], "Anna Smith"),
        (["N:Smith;Anna;Louise;Mrs.;OBE"], "Mrs. Anna Louise Smith OBE"),
        (["FN:", "N:Smith;Anna;;;"], "Anna Smith"),
        (["FN:  \\n ", "N:;;;;", "ORG:Acme Ltd;Sales"], "Acme Ltd"),
        (["FN:\x01\x02", "NICKNAME:Granny,Nan"], "Granny"),
        (["FN:.", "ORG:;Ward 7"], "Ward 7"),
        (["FN:👵"], "👵"),
        (["FN:Smith\\, Anna"], "Smith, Anna"),
        (["FN:  Anna \t  Smith  "], "Anna Smith"),
    ],
)
def test_name_sources(lines: list[str], name: str) -> None:
    assert only_contact(vcard(*lines)).name == name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("TEL;TYPE=CELL:0770", PhoneNumber("0770", PhoneKind.MOBILE)),
        ("TEL;CELL;VOICE:0770", PhoneNumber("0770", PhoneKind.MOBILE)),
        ("TEL;type=IPHONE:0770", PhoneNumber("0770", PhoneKind.MOBILE)),
        ("TEL;TYPE=WORK,CELL:0770", PhoneNumber("0770", PhoneKind.MOBILE)),
        ("TEL;type=HOME;type=VOICE:0770", PhoneNumber("0770", PhoneKind.HOME)),
        ("TEL;HOME;FAX:0770", PhoneNumber("0770", PhoneKind.FAX)),
        ('TEL;TYPE="work,voice":0770', PhoneNumber("0770", PhoneKind.WORK)),
        ("TEL;PREF;HOME:0770", PhoneNumber("0770", PhoneKind.HOME, preferred=True)),
        ("TEL;TYPE=pager:0770", PhoneNumber("0770", PhoneKind.OTHER)),
        ("TEL:0770", PhoneNumber("0770", PhoneKind.OTHER)),
        (
            "TEL;VALUE=uri;TYPE=cell;PREF=1:tel:+1-555-555-0101",
            PhoneNumber("+1-555-555-0101", PhoneKind.MOBILE, preferred=True),
        ),
        ("item1.TEL;type=WORK:0770", PhoneNumber("0770", PhoneKind.WORK)),
    ],
)
def test_phone_kinds(line: str, expected: PhoneNumber) -> None:
    assert only_contact(vcard("FN:Ann", line)).phones == (expected,)


def test_several_numbers_keep_order_and_drop_duplicates_and_blanks() -> None:
    contact = only_contact(
        vcard(
            "FN:Ann",
            "TEL;TYPE=HOME:01632 960001",
            "TEL;TYPE=CELL:07700 900001",
            "TEL;TYPE=WORK:01632-960001",
            "TEL:",
            "TEL:ask her daughter",
        )
    )
    assert contact.phones == (
        PhoneNumber("01632 960001", PhoneKind.HOME),
        PhoneNumber("07700 900001", PhoneKind.MOBILE),
    )


def test_emails_preferred_first_deduplicated_and_checked() -> None:
    contact = only_contact(
        vcard(
            "FN:Ann",
            "EMAIL;TYPE=HOME:ann@example.com",
            "EMAIL;TYPE=WORK,PREF:ann@work.example",
            "EMAIL:ANN@example.com",
            "EMAIL:not an address",
            "EMAIL:mailto:ann.other@example.org",
        )
    )
    assert contact.emails == ("ann@work.example", "ann@example.com", "ann.other@example.org")


def test_addresses() -> None:
    contact = only_contact(
        vcard(
            "FN:Ann",
            "ADR;TYPE=HOME:;Flat 2;1 High St\\nBack door;York;;YO1 7HH;UK",
            "ADR:;;;;;;",
            "ADR:PO Box 12;;;Leeds",
            "ADR;TYPE=WORK:;;1 High St,Unit 3;York;;;",
        )
    )
    assert contact.addresses == (
        "1 High St, Back door, Flat 2, York, YO1 7HH, UK",
        "PO Box 12, Leeds",
        "1 High St, Unit 3, York",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:1950-03-14", date(1950, 3, 14)),
        ("BDAY:19500314", date(1950, 3, 14)),
        ("BDAY:1950-03-14T00:00:00Z", date(1950, 3, 14)),
        ("BDAY;VALUE=date:19500314T120000", date(1950, 3, 14)),
        ("BDAY:--0314", None),
        ("BDAY:--03-14", None),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14", None),
        ("BDAY:2023-02-30", None),
        ("BDAY;VALUE=text:circa 1800", None),
        ("BDAY:", None),
    ],
)
def test_birthdays(line: str, expected: date | None) -> None:
    assert only_contact(vcard("FN:Ann", line)).birthday == expected


# --- Photos ----------------------------------------------------------------------------------

GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
GIF += b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00"
WEBP += b"\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
BMP = (
    b"BM"
    + struct.pack("<IHHI", 58, 0, 0, 54)
    + struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, 4, 0, 0, 0, 0)
)
BMP += b"\x00\x00\xff\x00"


@pytest.mark.parametrize(
    ("template", "image"),
    [
        ("PHOTO;ENCODING=b;TYPE=PNG:{b64}", tiny_png()),
        ("PHOTO;ENCODING=BASE64;TYPE=GIF:{b64}", GIF),
        ("PHOTO:data:image/webp;base64,{b64}", WEBP),
        ("PHOTO;TYPE=BMP;ENCODING=B:{b64}", BMP),
        ("PHOTO;ENCODING=b:{b64_unpadded}", tiny_png()),
        ("PHOTO;TYPE=PNG:{b64}", tiny_png()),  # ENCODING forgotten, still plainly base64
        ("PHOTO:data:image/png\\;base64\\,{b64}", tiny_png()),  # wrongly escaped URI
    ],
)
def test_embedded_photo_formats(template: str, image: bytes) -> None:
    b64 = base64.b64encode(image).decode()
    line = template.format(b64=b64, b64_unpadded=b64.rstrip("="))
    contact = only_contact(vcard("FN:Pat", line, version="4.0" if "data:" in line else "3.0"))
    assert contact.photo == image
    assert read_vcards(vcard("FN:Pat", line)).warnings == ()


def test_vcard_21_photo_with_blank_line_terminator() -> None:
    b64 = base64.b64encode(tiny_png()).decode()
    text = vcard(
        "FN:Pat",
        "PHOTO;ENCODING=BASE64;PNG:",
        *(b64[i : i + 20] for i in range(0, len(b64), 20)),
        "",
        "TEL;CELL:0770",
        version="2.1",
    )
    contact = only_contact(text)
    assert_valid_png(contact.photo or b"")
    assert contact.phones == (PhoneNumber("0770", PhoneKind.MOBILE),)


@pytest.mark.parametrize(
    "line",
    [
        "PHOTO;ENCODING=b;TYPE=JPEG:bm90IGFuIGltYWdl",  # decodes, but to text
        "PHOTO;ENCODING=b;TYPE=JPEG:!!!not base64!!!",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4",  # a length no base64 can have
        "PHOTO:data:image/png;base64",
        "PHOTO:data:image/png;base64,@@@@",
        "PHOTO;ENCODING=b:" + base64.b64encode(b"II*\x00" + bytes(40)).decode(),  # TIFF
    ],
)
def test_unreadable_photo_keeps_the_person_with_a_warning(line: str) -> None:
    result = read_vcards(vcard("FN:Pat", "TEL:0770", line))
    (contact,) = result.contacts
    assert contact.photo is None
    assert [w.problem for w in result.warnings] == [VCardProblem.BAD_PHOTO]
    assert result.problems == ()


def test_a_good_photo_wins_over_a_bad_one() -> None:
    png = tiny_png()
    text = vcard(
        "FN:Pat", "PHOTO;ENCODING=b:AAAA", f"PHOTO;ENCODING=b:{base64.b64encode(png).decode()}"
    )
    result = read_vcards(text)
    assert result.contacts[0].photo == png
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("PHOTO;VALUE=uri:https://example.com/a.jpg", "https://example.com/a.jpg"),
        ("PHOTO;VALUE=URL:http://example.com/a.jpg", "http://example.com/a.jpg"),
        ("PHOTO;MEDIATYPE=image/gif:https://example.com/a.gif", "https://example.com/a.gif"),
        ("PHOTO;VALUE=uri:https\\://example.com/a.jpg", "https://example.com/a.jpg"),
        ("PHOTO;VALUE=uri:file:///etc/passwd", None),
        ("PHOTO;VALUE=uri:javascript:alert(1)", None),
        ("PHOTO;VALUE=uri:https://exa mple.com/a.jpg", None),
        ("PHOTO;VALUE=uri:https://[::1/a.jpg", None),
    ],
)
def test_linked_photo_url_is_kept_but_never_fetched(
    monkeypatch: pytest.MonkeyPatch, line: str, url: str | None
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the parser must not touch the network")

    for attribute in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, attribute, refuse)
    result = read_vcards(vcard("FN:Pat", line, version="4.0"))
    assert result.contacts[0].photo_url == url
    assert result.contacts[0].photo is None
    assert result.warnings == ()


# --- Broken files ----------------------------------------------------------------------------


def test_mixed_file_returns_good_cards_and_names_the_broken_ones() -> None:
    result = read_sample("mixed_good_and_broken.vcf")

    assert [(c.name, c.source_index, c.source_line) for c in result.contacts] == [
        ("Alice Good", 0, 1),
        ("Carol Fine", 3, 15),
        ("Grace Picture", 6, 32),
        ("Heidi Last", 7, 37),
    ]
    assert [(e.problem, e.card, e.line, e.name) for e in result.problems] == [
        (VCardProblem.NO_NAME, 2, 6, ""),
        (VCardProblem.UNTERMINATED_CARD, 3, 11, "Bob Halfway"),
        (VCardProblem.UNSUPPORTED_VERSION, 5, 19, "Dan Future"),
        (VCardProblem.NESTED_CARD, 6, 23, "Eve Outer"),
        (VCardProblem.UNTERMINATED_CARD, 9, 42, "Ivan Cut"),
    ]
    assert [(e.problem, e.card, e.line) for e in result.warnings] == [
        (VCardProblem.BAD_PHOTO, 7, 32)
    ]


def test_messages_for_the_mixed_file() -> None:
    result = read_sample("mixed_good_and_broken.vcf")
    messages = [explain_vcard_problem(e) for e in (*result.problems, *result.warnings)]
    assert messages == [
        "Card 2 (line 6) has no name we could read, so it was skipped.",
        "Card 3 (line 11, “Bob Halfway”) stops before its end, so it was skipped. "
        "The file may be cut short.",
        "Card 5 (line 19, “Dan Future”) uses a vCard version this app cannot read, "
        "so it was skipped.",
        "Card 6 (line 23, “Eve Outer”) has another card inside it, so it was skipped.",
        "Card 9 (line 42, “Ivan Cut”) stops before its end, so it was skipped. "
        "The file may be cut short.",
        "Card 7 (line 32, “Grace Picture”): its photo could not be read, so it is left out.",
    ]


def test_undecodable_field_is_left_out_with_a_warning() -> None:
    result = read_vcards(vcard("FN:Ann", "NOTE;ENCODING=b:%%%", "TEL:0770"))
    assert result.contacts[0].note == ""
    assert result.contacts[0].phones == (PhoneNumber("0770"),)
    assert [w.problem for w in result.warnings] == [VCardProblem.BAD_ENCODING]


def test_undecodable_name_skips_the_card() -> None:
    result = read_vcards(vcard("FN;ENCODING=b:%%%", "TEL:0770"))
    assert result.contacts == ()
    assert [p.problem for p in result.problems] == [VCardProblem.NO_NAME]


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0", "2.0", "4.1"])
def test_supported_versions(version: str) -> None:
    assert only_contact(vcard("FN:Ann", version=version)).name == "Ann"


@pytest.mark.parametrize("version", ["1.0", "5.0", "three", "30"])
def test_unsupported_versions(version: str) -> None:
    result = read_vcards(vcard("FN:Ann", version=version))
    assert [(p.problem, p.name) for p in result.problems] == [
        (VCardProblem.UNSUPPORTED_VERSION, "Ann")
    ]


def test_missing_version_is_tolerated() -> None:
    assert only_contact("BEGIN:VCARD\nFN:Ann\nEND:VCARD\n").name == "Ann"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", VCardProblem.EMPTY_FILE),
        (codecs.BOM_UTF8, VCardProblem.EMPTY_FILE),
        (" \r\n\t\n", VCardProblem.EMPTY_FILE),
        ("Hello, this is a shopping list.\nMilk\nBread\n", VCardProblem.NOT_A_VCARD),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", VCardProblem.NOT_A_VCARD),
        ("FN:Ann\r\nTEL:0770\r\nEND:VCARD\r\n", VCardProblem.NOT_A_VCARD),
        (tiny_png(), VCardProblem.NOT_A_VCARD),
        (bytes(range(256)) * 8, VCardProblem.NOT_A_VCARD),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), VCardProblem.NOT_A_VCARD),
    ],
)
def test_whole_file_errors(data: bytes | str, problem: VCardProblem) -> None:
    with pytest.raises(VCardError) as caught:
        read_vcards(data)
    assert caught.value.problem is problem
    assert caught.value.card == 0
    assert explain_vcard_problem(caught.value).endswith(".")


@pytest.mark.parametrize("as_text", [False, True])
def test_too_large(as_text: bool) -> None:
    text = vcard("FN:Ann", "NOTE:" + "x" * 200)
    with pytest.raises(VCardError) as caught:
        read_vcards(text if as_text else text.encode(), max_bytes=100)
    assert caught.value.problem is VCardProblem.TOO_LARGE
    assert explain_vcard_problem(caught.value) == (
        "This file is larger than 0.0001 MB, far too large for a contacts file, "
        "so nothing was imported."
    )


def test_too_many_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vcards, "MAX_CARDS", 3)
    assert len(read_vcards(vcard("FN:A") * 3).contacts) == 3
    with pytest.raises(VCardError) as caught:
        read_vcards(vcard("FN:A") * 4)
    assert caught.value.problem is VCardProblem.TOO_MANY_CARDS
    assert explain_vcard_problem(caught.value) == (
        "This file holds more than 3 cards, more than any address book, so nothing was imported."
    )


def test_multibyte_text_is_measured_in_bytes() -> None:
    text = vcard("FN:" + "é" * 60)
    assert read_vcards(text, max_bytes=200).contacts
    with pytest.raises(VCardError):
        read_vcards(text, max_bytes=len(text) + 10)


def test_vcard_error_is_a_lonely_bridge_error() -> None:
    error = VCardError(problem=VCardProblem.NO_NAME, card=3, line=41, name="Anna Smith")
    assert isinstance(error, LonelyBridgeError)
    assert error.code == "vcard_invalid"
    assert dict(error.params) == {
        "problem": VCardProblem.NO_NAME,
        "card": 3,
        "line": 41,
        "name": "Anna Smith",
    }


# --- Extensions, bidi controls, long fields ---------------------------------------------------


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
@pytest.mark.parametrize(
    "line",
    [
        "TEL:tel:+441234567890;ext=12",
        "TEL;VALUE=uri;TYPE=work:tel:+441234567890;ext=12",
        "TEL;TYPE=work:+441234567890;ext=12",
        "TEL;TYPE=work:+441234567890 ext. 12",
        "TEL;TYPE=work:+441234567890 x12",
        "TEL:tel:+441234567890;phone-context=example.com;ext=12",
    ],
)
def test_a_number_with_an_extension_keeps_the_number(line: str, version: str) -> None:
    [phone] = only_contact(vcard("FN:Ann", line, version=version)).phones
    assert phone.number == "+441234567890"
    assert phone.extension == "12"
    assert phone_match_key(phone.number) == "234567890"


def test_a_number_without_an_extension_has_none() -> None:
    [phone] = only_contact(vcard("FN:Ann", "TEL:tel:+441234567890")).phones
    assert (phone.number, phone.extension) == ("+441234567890", "")


def test_the_same_number_with_another_extension_is_kept_once_per_extension() -> None:
    phones = only_contact(
        vcard("FN:Ann", "TEL:tel:+441234567890;ext=12", "TEL:+44 1234 567890 ext. 12")
    ).phones
    assert [(p.number, p.extension) for p in phones] == [("+441234567890", "12")]


BIDI_CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("control", BIDI_CONTROLS, ids=[f"U+{ord(c):04X}" for c in BIDI_CONTROLS])
@pytest.mark.parametrize(
    "template",
    ["FN:{c}Anna{c} Smith{c}", "N:Smith{c};Anna;;;", "ORG:{c}Anna Smith", "NICKNAME:Anna{c} Smith"],
)
def test_bidi_overrides_are_stripped_from_names(control: str, template: str) -> None:
    contact = only_contact(vcard(template.format(c=control)))
    assert contact.name == "Anna Smith"


def test_bidi_overrides_are_stripped_from_numbers() -> None:
    # U+202E would show "+44 7700 900123" as "321009 0077 44+" next to someone's name.
    [phone] = only_contact(vcard("FN:Ann", "TEL:\u202e+44 7700 900123\u202c")).phones
    assert phone.number == "+44 7700 900123"


def test_a_name_of_only_bidi_overrides_is_no_name() -> None:
    result = read_vcards(vcard("FN:\u202e\u2066\u2069\u202c"))
    assert [p.problem for p in result.problems] == [VCardProblem.NO_NAME]


def test_right_to_left_letters_are_kept() -> None:
    assert only_contact(vcard("FN:\u202bمريم\u202c Haddad")).name == "مريم Haddad"


def test_an_overlong_name_is_shortened_with_a_note() -> None:
    result = read_vcards(vcard("FN:" + "Anna " * 100 + "Smith", "TEL:+44 7700 900123"))
    [contact] = result.contacts
    assert len(contact.name) <= MAX_NAME_CHARS
    assert contact.name.startswith("Anna Anna")
    assert contact.name.endswith("…")
    assert [(w.problem, w.params["limit"]) for w in result.warnings] == [
        (VCardProblem.NAME_SHORTENED, MAX_NAME_CHARS)
    ]
    assert explain_vcard_problem(result.warnings[0]) == (
        "Card 1 (line 1, “Anna Anna Anna Anna Anna Anna Anna Anna…”): its name is very long, "
        "so only the first 200 letters are kept."
    )


def test_a_name_at_the_limit_is_kept_whole() -> None:
    name = "A" * MAX_NAME_CHARS
    result = read_vcards(vcard(f"FN:{name}"))
    assert result.contacts[0].name == name
    assert result.warnings == ()


def test_overlong_notes_are_shortened_with_a_note() -> None:
    result = read_vcards(vcard("FN:Ann", "NOTE:" + "Lovely long chat. " * 1000))
    [contact] = result.contacts
    assert len(contact.note) <= MAX_NOTES_CHARS
    assert contact.note.startswith("Lovely long chat.")
    assert [(w.problem, w.params["limit"]) for w in result.warnings] == [
        (VCardProblem.NOTE_SHORTENED, MAX_NOTES_CHARS)
    ]
    assert "only the first 10,000 letters" in explain_vcard_problem(result.warnings[0])


def test_an_overlong_number_is_left_out_with_a_note() -> None:
    # A number is never cut short: a shortened number would ring a stranger.
    absurd = "+44 " + "7" * MAX_LINK_CHARACTERS
    result = read_vcards(vcard("FN:Ann", f"TEL:{absurd}", "TEL:+44 7700 900123"))
    assert [p.number for p in result.contacts[0].phones] == ["+44 7700 900123"]
    assert [(w.problem, w.params["limit"]) for w in result.warnings] == [
        (VCardProblem.NUMBER_TOO_LONG, MAX_LINK_CHARACTERS)
    ]
    assert explain_vcard_problem(result.warnings[0]) == (
        "Card 1 (line 1, “Ann”): one of its phone numbers is far too long to be a real number, "
        "so it is left out."
    )


# --- Reading files ---------------------------------------------------------------------------


def call_with_deadline(work: Callable[[], object], *, unblock: Path | None = None) -> object:
    """Run ``work`` in a thread; fail if it has not finished in 20 s instead of hanging."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed back to the test below
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive():
        if unblock is not None:
            # A reader stuck opening a FIFO is freed by a writer opening the other end.
            os.close(os.open(unblock, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(5)
        pytest.fail("reading did not return: it waited on something that is not a file")
    return outcome[0]


def refusal(outcome: object) -> VCardProblem:
    assert isinstance(outcome, VCardError), outcome
    return outcome.problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "contacts.vcf"
    os.mkfifo(pipe)
    outcome = call_with_deadline(lambda: read_vcard_file(pipe), unblock=pipe)
    assert refusal(outcome) is VCardProblem.NOT_A_FILE


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading_it() -> None:
    outcome = call_with_deadline(lambda: read_vcard_file(Path("/dev/zero")))
    assert refusal(outcome) is VCardProblem.NOT_A_FILE


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(VCardError) as caught:
        read_vcard_file(tmp_path)
    assert caught.value.problem is VCardProblem.NOT_A_FILE
    assert explain_vcard_problem(caught.value) == (
        "This is not an ordinary file, so nothing was imported. "
        "Please choose the contacts file itself (its name usually ends in .vcf)."
    )


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_vcard_file(tmp_path / "gone.vcf")


def test_a_link_to_a_contacts_file_is_followed(tmp_path: Path) -> None:
    target = tmp_path / "real.vcf"
    target.write_text(vcard("FN:Ann"), encoding="utf-8")
    link = tmp_path / "link.vcf"
    link.symlink_to(target)
    assert [c.name for c in read_vcard_file(link).contacts] == ["Ann"]


def test_a_file_over_the_limit_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.vcf"
    with big.open("wb") as handle:
        handle.write(vcard("FN:Ann").encode())
        handle.truncate(vcards.DEFAULT_MAX_BYTES + 1)  # sparse: no disk used
    opened: list[object] = []

    def spy(original: Callable[..., Any]) -> Callable[..., Any]:
        def opening(file: object, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, str | os.PathLike) and os.fspath(file) == os.fspath(big):
                opened.append(file)
            return original(file, *args, **kwargs)

        return opening

    monkeypatch.setattr(os, "open", spy(os.open))
    monkeypatch.setattr(builtins, "open", spy(builtins.open))
    monkeypatch.setattr(io, "open", spy(io.open))
    with pytest.raises(VCardError) as caught:
        read_vcard_file(big)
    assert caught.value.problem is VCardProblem.TOO_LARGE
    assert opened == []


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    # The size on disk said it fitted; what actually arrives is counted too.
    path = tmp_path / "growing.vcf"
    path.write_text(vcard("FN:Ann") * 50, encoding="utf-8")
    size = path.stat().st_size
    assert read_vcard_file(path, max_bytes=size).contacts
    with pytest.raises(VCardError) as caught:
        read_vcard_file(path, max_bytes=size - 1)
    assert caught.value.problem is VCardProblem.TOO_LARGE


def test_the_file_is_read_a_piece_at_a_time(tmp_path: Path) -> None:
    # Eight megabytes of text between two cards (exporters add banners; readers ignore them):
    # reading it piece by piece never holds more than a small part of it at once.
    path = tmp_path / "long.vcf"
    junk = b"Exported by a very chatty address book, line after line after line.\r\n"
    with path.open("wb") as handle:
        handle.write(vcard("FN:Ann").encode())
        handle.write(junk * (8_000_000 // len(junk)))
        handle.write(vcard("FN:Ben").encode())
    tracemalloc.start()
    try:
        result = read_vcard_file(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [c.name for c in result.contacts] == ["Ann", "Ben"]
    assert peak < path.stat().st_size / 4


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("utf-32"),
    ],
)
@pytest.mark.parametrize("chunk_bytes", [1, 2, 3, 7, 64, 1 << 20])
def test_any_piece_size_reads_the_same(
    tmp_path: Path, encode: Callable[[str], bytes], chunk_bytes: int
) -> None:
    text = (
        vcard("FN:Łucja Żółw", "TEL;TYPE=CELL:+48 600 100 200", "NOTE:one\\ntwo", eol="\r")
        + vcard("FN:Ann", "N:Smith;Ann;;;", eol="\r\n")
        + vcard("FN;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB=\r\n M=C3=BCller", version="2.1")
    )
    path = tmp_path / "contacts.vcf"
    path.write_bytes(encode(text))
    whole = read_vcards(path.read_bytes())
    assert [c.name for c in whole.contacts] == ["Łucja Żółw", "Ann", "Zoë Müller"]
    assert outcome_of_file(path, chunk_bytes) == outcome(whole)


# --- Fuzzing ---------------------------------------------------------------------------------


def check_result(result: VCardParseResult, data: bytes) -> None:
    """Invariants for any input: named contacts, and every line number points at a card start."""
    lines = LINE_BREAK.split(data.removeprefix(codecs.BOM_UTF8))
    indexes = [contact.source_index for contact in result.contacts]
    assert indexes == sorted(set(indexes))
    for contact in result.contacts:
        assert contact.name.strip()
        assert contact.name == " ".join(contact.name.split())
        assert contact.photo is None or contact.photo.startswith(IMAGE_MAGIC)
    starts = [(c.source_line, c.source_index + 1) for c in result.contacts]
    for error in (*result.problems, *result.warnings):
        starts.append((error.line, error.card))
        assert explain_vcard_problem(error).startswith(f"Card {error.card} (line {error.line}")
    for line, card in starts:
        assert b"".join(lines[line - 1].split()).upper() == b"BEGIN:VCARD"
        assert card >= 1


def parse_or_reject(data: bytes | str) -> VCardParseResult | None:
    try:
        return read_vcards(data)
    except VCardError:
        return None


Outcome = tuple[object, ...]


def outcome(result: VCardParseResult | VCardError) -> Outcome:
    """What a parse gave, comparable with ==: errors by their parameters, not their identity."""
    if isinstance(result, VCardError):
        return ("refused", dict(result.params))
    return (
        result.contacts,
        [dict(error.params) for error in result.problems],
        [dict(error.params) for error in result.warnings],
    )


def outcome_of_bytes(data: bytes) -> Outcome:
    try:
        return outcome(read_vcards(data))
    except VCardError as error:
        return outcome(error)


def outcome_of_file(path: Path, chunk_bytes: int) -> Outcome:
    try:
        return outcome(read_vcard_file(path, chunk_bytes=chunk_bytes))
    except VCardError as error:
        return outcome(error)


def outcome_in_pieces(data: bytes, chunk_bytes: int) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.vcf"
        path.write_bytes(data)
        return outcome_of_file(path, chunk_bytes)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    result = parse_or_reject(data)
    assert result is None or all(contact.name for contact in result.contacts)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_never_crashes(text: str) -> None:
    result = parse_or_reject(text)
    assert result is None or all(contact.name for contact in result.contacts)


VCARD_PIECES = [
    "BEGIN:VCARD",
    "END:VCARD",
    "VERSION:2.1",
    "VERSION:3.0",
    "VERSION:4.0",
    "FN:",
    "N:",
    "ORG:",
    "NICKNAME:",
    "TEL;CELL:",
    'TEL;TYPE="work,voice";PREF=1:tel:',
    "EMAIL:",
    "ADR:",
    "NOTE;ENCODING=QUOTED-PRINTABLE:",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:",
    "=C3=",
    "PHOTO;ENCODING=b;TYPE=JPEG:",
    "PHOTO:data:image/png;base64,",
    "PHOTO;VALUE=uri:https://",
    "BDAY:",
    "BDAY;X-APPLE-OMIT-YEAR=",
    ";",
    ",",
    "\\",
    "\\n",
    '"',
    ":",
    "=",
    " ",
    "\t",
    "\r\n",
    "\n",
    "\r",
    "\r\n ",
    "iVBORw0KGgo",
    "/9j/",
    "AAAA",
    "19500314",
    "--0314",
    "é",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VCARD_PIECES) | st.text(max_size=8), max_size=80))
def test_vcard_shaped_noise_never_crashes(pieces: list[str]) -> None:
    text = "".join(pieces)
    result = parse_or_reject(text)
    if result is not None:
        check_result(result, text.encode("utf-8", "replace"))


SAMPLE_LINES = {
    path.name: LINE_BREAK.split(path.read_bytes()) for path in sorted(DATA.glob("*.vcf"))
}
EXTRA_LINES = st.sampled_from(
    [b"BEGIN:VCARD", b"END:VCARD", b"", b" folded", b"=", b"VERSION:9.9", b"FN:", b"N:;;;;"]
) | st.binary(max_size=40).map(
    lambda b: b.replace(b"\r", b"").replace(b"\n", b"").replace(b"\0", b"")
)


@st.composite
def mutated_sample(draw: st.DrawFn) -> bytes:
    lines = list(SAMPLE_LINES[draw(st.sampled_from(sorted(SAMPLE_LINES)))])
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "cut"]))
        if action == "insert" or not lines:
            lines.insert(position, draw(EXTRA_LINES))
            continue
        position = min(position, len(lines) - 1)
        if action == "delete":
            del lines[position]
        elif action == "duplicate":
            lines.insert(position, lines[position])
        else:
            lines[position] = lines[position][: draw(st.integers(0, len(lines[position])))]
    return draw(st.sampled_from([b"\r\n", b"\n", b"\r"])).join(lines)


@settings(max_examples=200, deadline=None)
@given(mutated_sample())
def test_mutated_real_exports_never_crash_and_keep_line_numbers(data: bytes) -> None:
    result = parse_or_reject(data)
    if result is not None:
        check_result(result, data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600) | mutated_sample(), st.integers(1, 80))
def test_reading_a_file_in_pieces_agrees_with_reading_it_whole(data: bytes, chunk: int) -> None:
    assert outcome_in_pieces(data, chunk) == outcome_of_bytes(data)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(VCARD_PIECES) | st.text(max_size=8), max_size=80), st.integers(1, 9)
)
def test_vcard_shaped_noise_reads_the_same_in_pieces(pieces: list[str], chunk: int) -> None:
    data = "".join(pieces).encode("utf-8", "replace")
    assert outcome_in_pieces(data, chunk) == outcome_of_bytes(data)
