"""What a whole-household file holds, and why one may be refused, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# The ending of a whole-household file, which file windows offer and names are given.
SUFFIX = ".lonelybridge"


class HouseholdFileProblem(StrEnum):
    """Why a household file cannot be put in place; each has its own plain words."""

    MISSING = "missing"  # there is no file at that place
    NOT_OURS = "not_ours"  # not a zip, or a zip without our manifest
    NEWER_FORMAT = "newer_format"  # written by a Lonely Bridge that writes a newer format
    DAMAGED = "damaged"  # a checksum, the manifest or the database does not check out
    UNSAFE = "unsafe"  # a member that would land outside its place, or a link
    TOO_LARGE = "too_large"  # more members or more bytes than any household holds
    NOT_A_PICTURE = "not_a_picture"  # a photo that is not a picture


@dataclass(frozen=True, slots=True)
class HouseholdSummary:
    """What a household file holds, as its manifest says and the checks confirmed."""

    saved_at: datetime
    app_version: str
    schema_revision: str
    people: int
    plans: int
    contact_events: int
    photos: int
