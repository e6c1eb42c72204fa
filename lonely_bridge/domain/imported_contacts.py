"""Contacts read from a file, before anyone is added: the records the import preview shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    HOME = "home"
    WORK = "work"
    FAX = "fax"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A number as the card wrote it, what kind of line it is, and whether it is preferred.

    ``extension`` is dialled after the call is answered ("ext. 12"); it is not part of the
    number, so the number can still be called and matched.
    """

    number: str
    kind: PhoneKind = PhoneKind.OTHER
    preferred: bool = False
    extension: str = ""


@dataclass(frozen=True, slots=True)
class ImportedContact:
    """One person read from a card; ``source_*`` point back into the file for the preview."""

    name: str
    phones: tuple[PhoneNumber, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    photo: bytes | None = field(default=None, repr=False)
    photo_url: str | None = None
    note: str = ""
    birthday: date | None = None
    source_index: int = 0
    source_line: int = 1
