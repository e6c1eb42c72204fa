"""Importing people from a vCard file: everyone readable is added, the rest listed with reasons."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.links import LinkRefused, normalise_phone_link
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.vcards import (
    ImportedContact,
    PhoneKind,
    explain_vcard_problem,
    likely_duplicates,
    parse_vcards,
)
from lonely_bridge.i18n import _
from lonely_bridge.services.ports import PeopleRepository

PHOTO_TYPES = {b"\xff\xd8\xff": ".jpg", b"\x89PNG": ".png", b"GIF8": ".gif"}


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name or card, reason)


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
        label = _("{name}'s {kind} phone").format(name=contact.name, kind=phone.kind.value)
        links.append(CallLink(None, None, label, url, "phone", is_default=not links))
    return tuple(links)


class ContactImporter:
    def __init__(self, store: PeopleRepository, clock: Clock, *, photos_dir: Path) -> None:
        self._store = store
        self._clock = clock
        self._photos_dir = photos_dir

    def import_file(self, path: Path) -> ImportReport:
        """Raises VCardError when the whole file cannot be read; nothing is added then."""
        result = parse_vcards(path.read_bytes())
        report = ImportReport()
        for problem in result.problems:
            report.skipped.append(
                (problem.name or f"card {problem.card}", explain_vcard_problem(problem))
            )
        existing = [
            (p.name, [link.url.removeprefix("tel:") for link in p.links])
            for p in self._store.list_people(include_archived=True)
        ]
        for contact in result.contacts:
            duplicates = likely_duplicates(contact, existing)
            if duplicates:
                report.skipped.append(
                    (
                        contact.name,
                        _("probably already here as {names}").format(names=", ".join(duplicates)),
                    )
                )
                continue
            self._store.add_person(self._person(contact), now=self._clock.now())
            existing.append((contact.name, [p.number for p in contact.phones]))
            report.added.append(contact.name)
        return report

    def _person(self, contact: ImportedContact) -> Person:
        photo_file = None
        if contact.photo and (suffix := _photo_suffix(contact.photo)):
            self._photos_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            photo_file = f"{uuid.uuid4().hex}{suffix}"
            (self._photos_dir / photo_file).write_bytes(contact.photo)
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
