"""Importing a contacts file into a real data folder: duplicates, limits, odd numbers, scale."""

from __future__ import annotations

import builtins
import io
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lonely_bridge.domain.errors import VCardError, VCardProblem
from lonely_bridge.domain.people import (
    DEFAULT_RHYTHMS,
    MAX_LINK_LABEL_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTES_CHARS,
    CallLink,
    Circle,
    Person,
)
from lonely_bridge.formats.vcards import DEFAULT_MAX_BYTES
from lonely_bridge.services.importing import ContactImporter
from lonely_bridge.services.people import PeopleService
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock


def vcard(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", ""])


def someone(name: str, *numbers: str) -> Person:
    links = tuple(
        CallLink(None, None, f"{name}'s phone", f"tel:{number}", "phone", index == 0)
        for index, number in enumerate(numbers)
    )
    circle = Circle.FRIEND
    return Person(None, name, "Friend", circle, DEFAULT_RHYTHMS[circle], links=links)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def write_cards(*cards: str, name: str = "contacts.vcf") -> Path:
        path = tmp_path / name
        path.write_text("".join(cards), encoding="utf-8")
        return path

    return write_cards


def test_duplicates_are_found_by_name_and_by_number(
    importer: ContactImporter,
    app_store: Stores,
    clock: FixedClock,
    write: Callable[..., Path],
) -> None:
    app_store.people.add_people(
        [someone("Zoë Müller"), someone("Granny", "+447700900123")], now=clock.now()
    )
    path = write(
        vcard("FN:Muller\\, Zoe"),
        vcard("FN:Nan", "TEL;TYPE=CELL:07700 900123"),
        vcard("FN:Ann Lee", "TEL:+44 20 7946 0958"),
        vcard("FN:LEE\\, ANN"),
        vcard("FN:Annie", "TEL:(020) 7946-0958"),
        vcard("FN:Bob", "TEL:+44 20 7946 0999"),
    )
    preview = importer.preview(path)
    assert [(e.contact.name, e.duplicates) for e in preview.entries] == [
        ("Muller, Zoe", ("Zoë Müller",)),
        ("Nan", ("Granny",)),
        ("Ann Lee", ()),
        ("LEE, ANN", ("Ann Lee",)),
        ("Annie", ("Ann Lee",)),
        ("Bob", ()),
    ]
    report = importer.import_file(path)
    assert report.added == ["Ann Lee", "Bob"]
    assert [name for name, _reason in report.skipped] == ["Muller, Zoe", "Nan", "LEE, ANN", "Annie"]


def test_finding_duplicates_grows_in_step_with_the_file(
    importer: ContactImporter,
    app_store: Stores,
    clock: FixedClock,
    write: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Count the name and number comparisons' work, never time: linear, not quadratic."""
    household = [someone(f"Friend {n:03d}", f"+4479460{n:05d}") for n in range(50)]
    app_store.people.add_people(household, now=clock.now())
    work = 0

    def counted(original: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            nonlocal work
            work += 1
            return original(*args)

        return call

    # Reading a name as a key folds it (normalize) and reading a number in another script as a
    # key converts its digits (decimal): counting those counts the keys read, whatever the code
    # around them. Comparing every card with every other reads keys for each pair.
    monkeypatch.setattr(unicodedata, "normalize", counted(unicodedata.normalize))
    monkeypatch.setattr(unicodedata, "decimal", counted(unicodedata.decimal))
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    done: dict[int, int] = {}
    for cards in (100, 400):
        path = write(
            *(
                vcard(f"FN:Zoë {n:05d}", f"TEL:+44 7700 {n:06d}".translate(arabic_indic))
                for n in range(cards)
            ),
            name=f"{cards}.vcf",
        )
        work = 0
        preview = importer.preview(path)
        assert len(preview.entries) == cards
        done[cards] = work
    assert done[100] > 0
    # Four times the cards: at most four times the work (less, as the household is fixed).
    assert done[400] <= 4 * done[100]


def test_a_folder_is_refused_as_not_a_file(importer: ContactImporter, tmp_path: Path) -> None:
    with pytest.raises(VCardError) as caught:
        importer.preview(tmp_path)
    assert caught.value.problem is VCardProblem.NOT_A_FILE


def test_a_file_over_the_limit_is_refused_unread(
    importer: ContactImporter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "everyone.vcf"
    with big.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: no disk used
    opened: list[str] = []

    def watched(real_open: Callable[..., Any]) -> Callable[..., Any]:
        def opening(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, str | os.PathLike):
                opened.append(os.fspath(file))
            return real_open(file, *args, **kwargs)

        return opening

    # The low-level and the built-in ways of opening a file, as pathlib and open() use them.
    monkeypatch.setattr(os, "open", watched(os.open))
    monkeypatch.setattr(io, "open", watched(io.open))
    monkeypatch.setattr(builtins, "open", watched(builtins.open))
    with pytest.raises(VCardError) as caught:
        importer.preview(big)
    assert caught.value.problem is VCardProblem.TOO_LARGE
    assert str(big) not in opened


def test_overlong_fields_are_capped_at_the_editors_limits_with_a_note(
    importer: ContactImporter,
    app_store: Stores,
    people_service: PeopleService,
    write: Callable[..., Path],
) -> None:
    long_name = "Bartholomew " * 30 + "Smith"
    path = write(
        vcard(f"FN:{long_name}", "TEL;TYPE=CELL:+44 7700 900123", "NOTE:" + "Lovely. " * 2000),
        vcard("FN:Ann", "TEL:+44 " + "7" * 3000),
    )
    preview = importer.preview(path)
    notes = [reason for _name, reason in preview.partly_read]
    assert len(notes) == 3
    assert "its name is very long" in notes[0]
    assert "its notes are very long" in notes[1]
    assert "one of its phone numbers is far too long" in notes[2]
    assert preview.unreadable == ()

    report = importer.import_file(path)
    assert report.partly_read == list(preview.partly_read)
    bart = next(p for p in app_store.today.list_people() if p.name.startswith("Bartholomew"))
    assert len(bart.name) <= MAX_NAME_CHARS
    assert len(bart.notes) <= MAX_NOTES_CHARS
    assert [len(link.label) <= MAX_LINK_LABEL_CHARS for link in bart.links] == [True]
    # What was imported can be opened and saved in the editor unchanged.
    for person in app_store.today.list_people():
        assert people_service.checked(person).name == person.name


def test_a_number_with_an_extension_keeps_the_number(
    importer: ContactImporter,
    app_store: Stores,
    write: Callable[..., Path],
) -> None:
    report = importer.import_file(write(vcard("FN:Surgery", "TEL:tel:+441234567890;ext=12")))
    assert report.added == ["Surgery"]
    [surgery] = app_store.today.list_people()
    [link] = surgery.links
    assert link.url == "tel:+441234567890"
    assert "extension 12" in link.label
    again = importer.preview(write(vcard("FN:Dr Patel", "TEL:01234 567890 ext. 40"), name="b.vcf"))
    assert again.entries[0].duplicates == ("Surgery",)


def test_bidi_overrides_never_reach_a_saved_name(
    importer: ContactImporter, app_store: Stores, write: Callable[..., Path]
) -> None:
    importer.import_file(write(vcard("FN:\u202eAnna\u202c \u2067Smith\u2069")))
    assert [p.name for p in app_store.today.list_people()] == ["Anna Smith"]


def test_notes_are_reported_only_for_people_added(
    importer: ContactImporter, app_store: Stores, clock: FixedClock, write: Callable[..., Path]
) -> None:
    app_store.people.add_people([someone("Granny", "+447700900123")], now=clock.now())
    path = write(
        vcard("FN:Nan", "TEL:07700 900123", "PHOTO;ENCODING=b;TYPE=JPEG:bm90IGFuIGltYWdl"),
        vcard("FN:Bob", "TEL:07700 900999", "PHOTO;ENCODING=b;TYPE=JPEG:bm90IGFuIGltYWdl"),
    )
    preview = importer.preview(path)
    assert [name for name, _note in preview.partly_read] == ["Nan", "Bob"]
    report = importer.import_file(path)
    assert report.added == ["Bob"]
    assert report.partly_read == [
        ("Bob", "Card 2 (line 7, “Bob”): its photo could not be read, so it is left out.")
    ]
