"""Importing people from a vCard file: everyone readable is added, the rest listed with reasons."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from lonely_bridge import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE
from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact_matching import DuplicateIndex
from lonely_bridge.domain.errors import LinkRefused
from lonely_bridge.domain.imported_contacts import ImportedContact, PhoneKind
from lonely_bridge.domain.links import normalise_phone_link
from lonely_bridge.domain.people import (
    DEFAULT_RHYTHMS,
    MAX_LINK_LABEL_CHARS,
    CallLink,
    Circle,
    Person,
    shortened,
)
from lonely_bridge.formats.vcards import read_vcard_file
from lonely_bridge.services.ports import PeopleRepository, TodayReads
from lonely_bridge.wording.contacts import card_number, phone_label, probably_here
from lonely_bridge.wording.vcard_problems import explain_vcard_problem

PHOTO_TYPES = {b"\xff\xd8\xff": ".jpg", b"\x89PNG": ".png", b"GIF8": ".gif"}


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name or card, reason)
    # (name, what was left out) for people added without a photo, a number or all their words.
    partly_read: list[tuple[str, str]] = field(default_factory=list)


def _photo_suffix(photo: bytes) -> str | None:
    for magic, suffix in PHOTO_TYPES.items():
        if photo.startswith(magic):
            return suffix
    return None


def _links(contact: ImportedContact) -> tuple[CallLink, ...]:
    links: list[CallLink] = []
    ordered = sorted(contact.phones, key=lambda p: (not p.preferred, p.kind != PhoneKind.MOBILE))
    for phone in ordered:
        if phone.kind == PhoneKind.FAX:
            continue
        try:
            url = normalise_phone_link(phone.number)
        except LinkRefused:
            continue
        label = shortened(
            phone_label(contact.name, phone.kind.value, phone.extension), MAX_LINK_LABEL_CHARS
        )
        links.append(CallLink(None, None, label, url, "phone", is_default=not links))
    return tuple(links)


@dataclass(frozen=True, slots=True)
class PreviewEntry:
    contact: ImportedContact
    duplicates: tuple[str, ...]  # names of people already here who are probably the same
    # What this card loses on the way in (a photo, a number, the end of a long name), in words.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportPreview:
    entries: tuple[PreviewEntry, ...]
    # (name or card, reason) for cards that could not be read at all.
    unreadable: tuple[tuple[str, str], ...]

    @property
    def partly_read(self) -> tuple[tuple[str, str], ...]:
        """(name, what is left out) for each card that comes in with something missing."""
        return tuple((e.contact.name, note) for e in self.entries for note in e.notes)


class ContactImporter:
    def __init__(
        self, people: PeopleRepository, today: TodayReads, clock: Clock, *, photos_dir: Path
    ) -> None:
        self._people = people
        self._today = today
        self._clock = clock
        self._photos_dir = photos_dir

    def preview(self, path: Path) -> ImportPreview:
        """Read ``path`` without adding anyone.

        Raises VCardError for a file that cannot be used (not a regular file, too large, not
        contacts) and OSError for one that cannot be opened.
        """
        result = read_vcard_file(path)
        known = DuplicateIndex(
            (p.name, [link.url.removeprefix("tel:") for link in p.links])
            for p in self._today.list_people(include_archived=True)
        )
        notes: dict[int, list[str]] = {}
        for warning in result.warnings:
            notes.setdefault(warning.card, []).append(explain_vcard_problem(warning))
        entries = []
        for contact in result.contacts:
            # Added as it is checked, so a file that lists someone twice is pointed out too.
            numbers = [phone.number for phone in contact.phones]
            duplicates = tuple(known.match_and_add(contact.name, numbers))
            card_notes = tuple(notes.get(contact.source_index + 1, ()))
            entries.append(PreviewEntry(contact, duplicates, card_notes))
        unreadable = tuple(
            (problem.name or card_number(problem.card), explain_vcard_problem(problem))
            for problem in result.problems
        )
        return ImportPreview(tuple(entries), unreadable)

    def add(self, contacts: list[ImportedContact]) -> list[Person]:
        """Add ``contacts`` in one transaction; on any failure nobody is added."""
        people = [self._person(contact) for contact in contacts]
        try:
            return self._people.add_people(people, now=self._clock.now())
        except BaseException:
            for person in people:
                if person.photo_file:
                    (self._photos_dir / person.photo_file).unlink(missing_ok=True)
            raise

    def import_file(self, path: Path) -> ImportReport:
        """Add everyone readable who is not already here. Raises VCardError like ``preview``."""
        preview = self.preview(path)
        report = ImportReport(skipped=list(preview.unreadable))
        chosen = []
        for entry in preview.entries:
            if entry.duplicates:
                reason = probably_here(list(entry.duplicates))
                report.skipped.append((entry.contact.name, reason))
            else:
                chosen.append(entry.contact)
                report.partly_read += [(entry.contact.name, note) for note in entry.notes]
        report.added = [person.name for person in self.add(chosen)]
        return report

    def _person(self, contact: ImportedContact) -> Person:
        photo_file = None
        if contact.photo and (suffix := _photo_suffix(contact.photo)):
            self._photos_dir.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
            photo_file = f"{uuid.uuid4().hex}{suffix}"
            # A face is personal: readable by this user only, like the rest of the data.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
            descriptor = os.open(self._photos_dir / photo_file, flags, PRIVATE_FILE_MODE)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(contact.photo)
        return Person(
            id=None,
            name=contact.name,
            relationship="",
            circle=Circle.OTHER,
            rhythm=DEFAULT_RHYTHMS[Circle.OTHER],
            notes=contact.note,
            photo_file=photo_file,
            links=_links(contact),
        )
