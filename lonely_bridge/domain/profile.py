"""A care worker's set-up profile as records, its problems, and the changes it asks for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from lonely_bridge.domain.people import Circle, Person, Rhythm
from lonely_bridge.domain.plans import DEFAULT_REMINDER_LEAD, CallPlan
from lonely_bridge.domain.recurrence import Recurrence
from lonely_bridge.domain.sharing import TrustedPerson

if TYPE_CHECKING:
    from lonely_bridge.domain.errors import LonelyBridgeError
    from lonely_bridge.domain.pin import PinHash
    from lonely_bridge.domain.settings import Setting

# The profile format this version reads and writes; a newer one is refused, never guessed at.
PROFILE_VERSION = 1
# A household of hundreds of people fits in a few tens of kilobytes; anything near a megabyte
# is a wrong file, and is refused before it is read.
MAX_PROFILE_BYTES = 1024 * 1024


class ProfileProblemKind(StrEnum):
    """What is wrong with a profile, or with one of its fields."""

    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    NOT_UTF8 = "not_utf8"
    NOT_TOML = "not_toml"
    EMPTY = "empty"
    NO_VERSION = "no_version"
    NEWER_VERSION = "newer_version"
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    EMPTY_TEXT = "empty_text"
    TOO_LONG = "too_long"
    MARKUP = "markup"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_CHOICE = "not_a_choice"
    BAD_TIME = "bad_time"
    UNKNOWN_TIME_ZONE = "unknown_time_zone"
    RULE_UNSUPPORTED = "rule_unsupported"
    ENDS_BEFORE_START = "ends_before_start"
    DUPLICATE = "duplicate"
    UNKNOWN_PERSON = "unknown_person"
    UNKNOWN_LINK = "unknown_link"
    UNKNOWN_LESSON = "unknown_lesson"
    BOTH_PIN_AND_HASH = "both_pin_and_hash"
    # The value breaks one of the app's own rules; ``cause`` is the app's own error.
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    """One problem: where (``line``, 1-based, None for the whole file; ``path``, the field as
    the names and 1-based entry numbers leading to it in the file), what, and its details."""

    kind: ProfileProblemKind
    line: int | None
    path: tuple[str | int, ...] = ()
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    cause: LonelyBridgeError | None = None


@dataclass(frozen=True, slots=True)
class ProfileLink:
    url: str  # as the link check keeps it
    label: str = ""  # empty: the app's own label ("Anna on Zoom")
    is_default: bool = False  # the usual way to call; the first link when none is marked


@dataclass(frozen=True, slots=True)
class ProfilePerson:
    name: str
    relationship: str = ""
    circle: Circle = Circle.FAMILY
    is_group: bool = False
    rhythm: Rhythm | None = None  # None: the circle's usual rhythm
    notes: str | None = None  # None: leave a known person's notes as they are
    links: tuple[ProfileLink, ...] = ()
    line: int = 0
    # The fields the profile gave: a person already here keeps the others as they are.
    given: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ProfilePlan:
    person: str
    schedule: Recurrence
    link_url: str | None = None  # None: the person's usual way to call
    reminder_lead: timedelta = DEFAULT_REMINDER_LEAD
    line: int = 0


@dataclass(frozen=True, slots=True)
class Profile:
    """What a profile asks for. Settings are (declaration, value) pairs, values checked."""

    settings: tuple[tuple[Setting[Any], Any], ...] = ()
    pin: str | None = None
    pin_hash: PinHash | None = None
    people: tuple[ProfilePerson, ...] = ()
    plans: tuple[ProfilePlan, ...] = ()
    trusted: tuple[TrustedPerson, ...] = ()


class ChangeKind(StrEnum):
    """One line of what applying a profile would change, for the care worker to read."""

    SETTING = "setting"
    PIN = "pin"
    PIN_TRIES_CLEARED = "pin_tries_cleared"
    PERSON_ADDED = "person_added"
    PERSON_CHANGED = "person_changed"
    LINK_ADDED = "link_added"
    PLAN_ADDED = "plan_added"
    PLAN_CHANGED = "plan_changed"
    TRUSTED_ADDED = "trusted_added"
    TRUSTED_CHANGED = "trusted_changed"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    subject: str  # a person's name, a setting's key, an address
    detail: str = ""  # a link, a plan's rule, a value as the profile writes it


@dataclass(frozen=True, slots=True)
class PlanToSave:
    """A plan to add or change; its person and link are named, since a person added in the
    same step has no id until then."""

    person_key: str  # normalise_name of the person's name
    link_url: str | None
    plan: CallPlan  # person_id and link_id are filled in when it is saved


@dataclass(frozen=True, slots=True)
class ProvisioningChanges:
    """Everything applying a profile writes, saved in one transaction."""

    people: tuple[tuple[str, Person], ...] = ()  # (normalise_name key, person to add or save)
    plans: tuple[PlanToSave, ...] = ()
    trusted: tuple[TrustedPerson, ...] = ()
    settings: tuple[tuple[str, Any], ...] = ()  # (key, JSON value)
    described: tuple[Change, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.people or self.plans or self.trusted or self.settings)
