"""Every setting the app keeps, declared once: its type, default, allowed values and who changes it.

Like MusicBrainz Picard's ``options.py`` and qutebrowser's ``configdata.yml``, this table is
the one place a setting is named: services read and write through it
(``lonely_bridge.services.settings``), and the Settings screen and care workers' profiles are
made from it. Its plain-words labels live with the other words, in
``lonely_bridge.wording.settings``.

To add a setting: declare it below with a ``Kind`` (its type and rules), add it to
``SETTINGS``, and, if the Settings screen shows it, give it words there. The tests then
check its default against its rules and that no other module spells its key.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from lonely_bridge.domain.errors import SettingInvalid
from lonely_bridge.domain.people import MAX_NAME_CHARS, one_line

if TYPE_CHECKING:
    # Imported where used: neither is needed to draw the first screen.
    from lonely_bridge.domain.insight import Level
    from lonely_bridge.domain.mail_server import SmtpSettings
    from lonely_bridge.domain.pin import PinHash

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


class TextSize(StrEnum):
    """Body text sizes; Largest is 200% of Large (WCAG "resize text")."""

    LARGE = "large"
    LARGER = "larger"
    LARGEST = "largest"

    @property
    def points(self) -> int:
        # 18 pt is WCAG's "large text" (EVIDENCE.md section 3); Largest doubles it.
        return {TextSize.LARGE: 18, TextSize.LARGER: 24, TextSize.LARGEST: 36}[self]


class SpeechSpeed(StrEnum):
    """How fast words are read aloud, as a change from the voice's own pace."""

    SLOWER = "slower"
    A_LITTLE_SLOWER = "a_little_slower"
    USUAL = "usual"

    @property
    def rate(self) -> float:
        # Qt's rate runs from -1.0 (slowest) to 1.0; the voice's own pace is 0.0.
        return {
            SpeechSpeed.SLOWER: -0.3,
            SpeechSpeed.A_LITTLE_SLOWER: -0.15,
            SpeechSpeed.USUAL: 0.0,
        }[self]


class SetUpState(StrEnum):
    """How far the first-run welcome has got."""

    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    SKIPPED = "skipped"  # "Skip for now": Today's button picks it up where it was left
    FINISHED = "finished"

    @property
    def opens_by_itself(self) -> bool:
        """Whether the welcome opens by itself while nobody is here yet."""
        return self in (SetUpState.NOT_STARTED, SetUpState.UNDER_WAY)


class SetUpStep(StrEnum):
    """The first-run welcome's screens, in the order shown."""

    NAME = "name"
    SIZE = "size"
    ZONE = "zone"
    AUTOSTART = "autostart"
    PIN = "pin"
    PERSON = "person"
    PLAN = "plan"


class Role(StrEnum):
    """Who changes a setting."""

    OLDER_ADULT = "older_adult"  # openly, from Settings: never behind a PIN
    HELPER = "helper"  # in helper mode, or through a care worker's profile
    APP = "app"  # what the app remembers for itself; nobody sets it by hand


class SettingProblem(StrEnum):
    WRONG_TYPE = "wrong_type"
    NOT_A_CHOICE = "not_a_choice"
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"
    TOO_LONG = "too_long"
    NOT_A_HOST_NAME = "not_a_host_name"
    NO_TIME_ZONE = "no_time_zone"
    UNKNOWN_TIME_ZONE = "unknown_time_zone"
    NOT_A_PIN_HASH = "not_a_pin_hash"
    NOT_A_LESSON_ID = "not_a_lesson_id"


def _unfit(problem: SettingProblem, **limits: Any) -> SettingInvalid:
    return SettingInvalid(problem=problem, **limits)


# Types ---------------------------------------------------------------------------------------
class Kind(ABC, Generic[T]):
    """A setting's type: how a value is read from its stored JSON, checked, and stored."""

    @abstractmethod
    def decode(self, raw: object) -> T:
        """The value from its stored JSON (or a profile's TOML); raises SettingInvalid."""

    @abstractmethod
    def check(self, value: T) -> T:
        """The value as it is kept (tidied); raises SettingInvalid when it breaks a rule."""

    @abstractmethod
    def encode(self, value: T) -> Any:
        """The value as JSON: only dicts, lists, strings, numbers, booleans and None."""


@dataclass(frozen=True)
class Choice(Kind[E]):
    """One of an enumeration's members, stored as its value."""

    enum: type[E]

    @property
    def choices(self) -> tuple[E, ...]:
        return tuple(self.enum)

    def decode(self, raw: object) -> E:
        if isinstance(raw, bool):  # True == 1 would pass as an integer member
            raise _unfit(SettingProblem.WRONG_TYPE)
        try:
            return self.enum(raw)
        except (TypeError, ValueError):
            raise _unfit(
                SettingProblem.NOT_A_CHOICE, choices=[member.value for member in self.enum]
            ) from None

    def check(self, value: E) -> E:
        return self.decode(value)

    def encode(self, value: E) -> Any:
        return value.value


@dataclass(frozen=True)
class Whole(Kind[int]):
    """A whole number, within ``minimum`` and ``maximum`` (both included) when given."""

    minimum: int | None = None
    maximum: int | None = None

    def decode(self, raw: object) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _unfit(SettingProblem.WRONG_TYPE)
        return raw

    def check(self, value: int) -> int:
        number = self.decode(value)
        if self.minimum is not None and number < self.minimum:
            raise _unfit(SettingProblem.TOO_SMALL, minimum=self.minimum)
        if self.maximum is not None and number > self.maximum:
            raise _unfit(SettingProblem.TOO_LARGE, maximum=self.maximum)
        return number

    def encode(self, value: int) -> Any:
        return value


@dataclass(frozen=True)
class OneLine(Kind[str]):
    """A name or label: one line, single spaces, at most ``max_chars`` characters."""

    max_chars: int

    def decode(self, raw: object) -> str:
        if not isinstance(raw, str):
            raise _unfit(SettingProblem.WRONG_TYPE)
        return raw

    def check(self, value: str) -> str:
        text = one_line(self.decode(value))
        if len(text) > self.max_chars:
            raise _unfit(SettingProblem.TOO_LONG, maximum=self.max_chars)
        return text

    def encode(self, value: str) -> Any:
        return value


@dataclass(frozen=True)
class Flag(Kind[bool]):
    """On or off."""

    def decode(self, raw: object) -> bool:
        if not isinstance(raw, bool):
            raise _unfit(SettingProblem.WRONG_TYPE)
        return raw

    def check(self, value: bool) -> bool:
        return self.decode(value)

    def encode(self, value: bool) -> Any:
        return value


@dataclass(frozen=True)
class ZoneName(Kind[str]):
    """An IANA time zone this computer knows, such as "Europe/London"."""

    def decode(self, raw: object) -> str:
        if not isinstance(raw, str):
            raise _unfit(SettingProblem.WRONG_TYPE)
        return raw

    def check(self, value: str) -> str:
        from lonely_bridge.domain.recurrence import known_zone

        name = self.decode(value).strip()
        if not known_zone(name):
            raise _unfit(SettingProblem.UNKNOWN_TIME_ZONE)
        return name

    def encode(self, value: str) -> Any:
        return value


@dataclass(frozen=True)
class PinHashText(Kind["PinHash"]):
    """A helper PIN's scrypt hash, stored in the text form ``PinHash.text`` gives."""

    def decode(self, raw: object) -> PinHash:
        from lonely_bridge.domain.pin import PinHash

        if isinstance(raw, PinHash):
            return raw
        if not isinstance(raw, str):
            raise _unfit(SettingProblem.WRONG_TYPE)
        try:
            return PinHash.from_text(raw)
        except ValueError:
            raise _unfit(SettingProblem.NOT_A_PIN_HASH) from None

    def check(self, value: PinHash) -> PinHash:
        return self.decode(value)

    def encode(self, value: PinHash) -> Any:
        return value.text


# Lower-case ASCII labels of letters, digits and inner hyphens, as the call link check reads
# them (so every host it asks a helper to confirm fits); the last one not all digits, so an
# IP address is never taken for a name.
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def _host_name(text: str) -> str:
    host = text.strip().lower().rstrip(".")
    labels = host.split(".")
    if not all(_HOST_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise _unfit(SettingProblem.NOT_A_HOST_NAME)
    return host


@dataclass(frozen=True)
class HostNames(Kind[frozenset[str]]):
    """Server names such as "jitsi.example.org", kept in lower case, stored as a sorted list."""

    def decode(self, raw: object) -> frozenset[str]:
        if not isinstance(raw, list | tuple | set | frozenset) or not all(
            isinstance(name, str) for name in raw
        ):
            raise _unfit(SettingProblem.WRONG_TYPE)
        return frozenset(raw)

    def check(self, value: frozenset[str]) -> frozenset[str]:
        return frozenset(_host_name(name) for name in self.decode(value))

    def encode(self, value: frozenset[str]) -> Any:
        return sorted(value)


@dataclass(frozen=True)
class LessonIds(Kind[tuple[str, ...]]):
    """Lesson ids such as "joining-zoom", in order, each once, stored as a list."""

    def decode(self, raw: object) -> tuple[str, ...]:
        if not isinstance(raw, list | tuple) or not all(isinstance(item, str) for item in raw):
            raise _unfit(SettingProblem.WRONG_TYPE)
        return tuple(raw)

    def check(self, value: tuple[str, ...]) -> tuple[str, ...]:
        from lonely_bridge.domain.tutorials import ID_PATTERN, MAX_ID_CHARACTERS

        ids = tuple(dict.fromkeys(item.strip() for item in self.decode(value)))
        if not all(ID_PATTERN.fullmatch(item) and len(item) <= MAX_ID_CHARACTERS for item in ids):
            raise _unfit(SettingProblem.NOT_A_LESSON_ID)
        return ids

    def encode(self, value: tuple[str, ...]) -> Any:
        return list(value)


@dataclass(frozen=True)
class Day(Kind[date]):
    """A calendar day, stored as "2026-11-26"."""

    def decode(self, raw: object) -> date:
        if isinstance(raw, date) and not isinstance(raw, datetime):
            return raw
        if not isinstance(raw, str):
            raise _unfit(SettingProblem.WRONG_TYPE)
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise _unfit(SettingProblem.WRONG_TYPE) from None

    def check(self, value: date) -> date:
        return self.decode(value)

    def encode(self, value: date) -> Any:
        return value.isoformat()


@dataclass(frozen=True)
class Moment(Kind[datetime]):
    """A moment with its offset from UTC, stored as ISO 8601 text."""

    def decode(self, raw: object) -> datetime:
        if isinstance(raw, datetime):
            moment = raw
        elif isinstance(raw, str):
            try:
                moment = datetime.fromisoformat(raw)
            except ValueError:
                raise _unfit(SettingProblem.WRONG_TYPE) from None
        else:
            raise _unfit(SettingProblem.WRONG_TYPE)
        if moment.utcoffset() is None:
            # A moment without its offset means different times in different places.
            raise _unfit(SettingProblem.NO_TIME_ZONE)
        return moment

    def check(self, value: datetime) -> datetime:
        return self.decode(value)

    def encode(self, value: datetime) -> Any:
        return value.isoformat()


@dataclass(frozen=True)
class Maybe(Kind[T | None]):
    """A value of ``kind``, or None for "not yet" (stored as JSON null)."""

    kind: Kind[T]

    def decode(self, raw: object) -> T | None:
        return None if raw is None else self.kind.decode(raw)

    def check(self, value: T | None) -> T | None:
        return None if value is None else self.kind.check(value)

    def encode(self, value: T | None) -> Any:
        return None if value is None else self.kind.encode(value)


@dataclass(frozen=True)
class WeeklyLevels(Kind[Mapping[date, "Level"]]):
    """The raw insight level of each week, by the week's first day."""

    def decode(self, raw: object) -> Mapping[date, Level]:
        from lonely_bridge.domain.insight import Level

        if not isinstance(raw, Mapping):
            raise _unfit(SettingProblem.WRONG_TYPE)
        weekly: dict[date, Level] = {}
        for week, level in raw.items():
            if isinstance(level, bool) or not isinstance(level, int):
                raise _unfit(SettingProblem.WRONG_TYPE)
            try:
                weekly[Day().decode(week)] = Level(level)
            except ValueError:
                raise _unfit(SettingProblem.NOT_A_CHOICE) from None
        return MappingProxyType(weekly)

    def check(self, value: Mapping[date, Level]) -> Mapping[date, Level]:
        return self.decode(value)

    def encode(self, value: Mapping[date, Level]) -> Any:
        return {week.isoformat(): int(level) for week, level in sorted(value.items())}


@dataclass(frozen=True)
class MailServer(Kind["SmtpSettings"]):
    """How to reach the outgoing mail server; checked as the e-mail settings form checks it
    (raising SmtpSettingsInvalid, whose words say which part is wrong)."""

    def decode(self, raw: object) -> SmtpSettings:
        from lonely_bridge.domain.mail_server import SmtpSettings

        server = raw if isinstance(raw, SmtpSettings) else SmtpSettings.from_json(raw)
        if server is None:
            raise _unfit(SettingProblem.WRONG_TYPE)
        return server

    def check(self, value: SmtpSettings) -> SmtpSettings:
        from lonely_bridge.domain.mail_server import check_smtp_settings

        return check_smtp_settings(self.decode(value))

    def encode(self, value: SmtpSettings) -> Any:
        return value.to_json()


# The declaration ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)  # each setting is itself: declared once, compared by identity
class Setting(Generic[T]):
    """One setting: its stored ``key``, its ``kind`` (type and rules), its ``default``, who
    changes it, and whether the Settings screen shows it."""

    key: str
    kind: Kind[T]
    default: T
    changed_by: Role
    shown: bool = True

    def checked(self, value: T) -> T:
        """``value`` as it will be kept; raises SettingInvalid naming this setting."""
        try:
            return self.kind.check(value)
        except SettingInvalid as problem:
            raise SettingInvalid(setting=self.key, **problem.params) from None

    def parse(self, raw: object) -> T:
        """A stored (JSON) or profile (TOML) value, read and checked; raises SettingInvalid."""
        try:
            value = self.kind.decode(raw)
        except SettingInvalid as problem:
            raise SettingInvalid(setting=self.key, **problem.params) from None
        return self.checked(value)

    def stored(self, value: T) -> Any:
        """``value`` checked and turned into JSON for the settings table."""
        return self.kind.encode(self.checked(value))


# What the older adult chooses.
TEXT_SIZE = Setting("text_size", Choice(TextSize), TextSize.LARGE, Role.OLDER_ADULT)
OWNER_NAME = Setting("owner_name", OneLine(MAX_NAME_CHARS), "", Role.OLDER_ADULT)
SOUNDS_ON = Setting("sounds_on", Flag(), True, Role.OLDER_ADULT)
SPEECH_SPEED = Setting(
    "speech_speed", Choice(SpeechSpeed), SpeechSpeed.A_LITTLE_SLOWER, Role.OLDER_ADULT
)
# The name of a voice this computer offers; empty for its usual voice.
SPEECH_VOICE = Setting("speech_voice", OneLine(200), "", Role.OLDER_ADULT)
# "Pause the gentle eye": while on, contact is neither counted nor shown.
INSIGHT_PAUSED = Setting("insight_paused", Flag(), False, Role.OLDER_ADULT)

# What a helper sets up.
# Thirty days is the check-in rhythm the domain uses when none is set (DEFAULT_EVERY).
CHECK_IN_EVERY_DAYS = Setting("check_in_every_days", Whole(1, 365), 30, Role.HELPER)
TRUSTED_JITSI_HOSTS: Setting[frozenset[str]] = Setting(
    "trusted_jitsi_hosts", HostNames(), frozenset(), Role.HELPER
)
MAIL_SERVER: Setting[SmtpSettings | None] = Setting(
    "smtp_settings", Maybe(MailServer()), None, Role.HELPER
)
# None: the zone this computer is set to.
HOME_ZONE: Setting[str | None] = Setting("home_time_zone", Maybe(ZoneName()), None, Role.HELPER)
START_AT_LOGIN = Setting("start_at_login", Flag(), True, Role.HELPER)
# Lessons a helper or care worker recommends, first first; set through a profile.
RECOMMENDED_LESSONS: Setting[tuple[str, ...]] = Setting(
    "recommended_lessons", LessonIds(), (), Role.HELPER, shown=False
)
# Set from helper mode or first run on its own screen (typed twice), never as a field.
HELPER_PIN: Setting[PinHash | None] = Setting(
    "helper_pin", Maybe(PinHashText()), None, Role.HELPER, shown=False
)

# What the app remembers for itself: never on the Settings screen.
WEEKLY_LEVELS: Setting[Mapping[date, Level]] = Setting(
    "insight_weekly_levels", WeeklyLevels(), MappingProxyType({}), Role.APP, shown=False
)
CHECK_IN_PUT_OFF_ON: Setting[date | None] = Setting(
    "check_in_put_off_on", Maybe(Day()), None, Role.APP, shown=False
)
REFRAME_LAST_SHOWN: Setting[date | None] = Setting(
    "reframe_last_shown", Maybe(Day()), None, Role.APP, shown=False
)
REFRAMES_SHOWN = Setting("reframes_shown", Whole(0), 0, Role.APP, shown=False)
# When the app was last running: the start of "missed while away".
LAST_SEEN: Setting[datetime | None] = Setting(
    "last_seen", Maybe(Moment()), None, Role.APP, shown=False
)

# Wrong helper PINs in a row, and when the last one was typed: the wait before the next try
# grows with them, and survives closing the app.
PIN_WRONG_TRIES = Setting("pin_wrong_tries", Whole(0), 0, Role.APP, shown=False)
PIN_LAST_WRONG: Setting[datetime | None] = Setting(
    "pin_last_wrong", Maybe(Moment()), None, Role.APP, shown=False
)
# When the gentle eye was last turned back on after a pause: the insight reads nothing from
# before it (services/insight.py says why). None: it was never paused.
INSIGHT_COUNTS_FROM: Setting[datetime | None] = Setting(
    "insight_counts_from", Maybe(Moment()), None, Role.APP, shown=False
)

# The first-run welcome: how far it got, and the screen to come back to.
SET_UP_STATE = Setting(
    "set_up_state", Choice(SetUpState), SetUpState.NOT_STARTED, Role.APP, shown=False
)
SET_UP_STEP = Setting("set_up_step", Choice(SetUpStep), SetUpStep.NAME, Role.APP, shown=False)

SETTINGS: tuple[Setting[Any], ...] = (
    TEXT_SIZE,
    OWNER_NAME,
    SOUNDS_ON,
    SPEECH_SPEED,
    SPEECH_VOICE,
    INSIGHT_PAUSED,
    CHECK_IN_EVERY_DAYS,
    TRUSTED_JITSI_HOSTS,
    MAIL_SERVER,
    HOME_ZONE,
    START_AT_LOGIN,
    RECOMMENDED_LESSONS,
    HELPER_PIN,
    PIN_WRONG_TRIES,
    PIN_LAST_WRONG,
    INSIGHT_COUNTS_FROM,
    WEEKLY_LEVELS,
    CHECK_IN_PUT_OFF_ON,
    REFRAME_LAST_SHOWN,
    REFRAMES_SHOWN,
    LAST_SEEN,
    SET_UP_STATE,
    SET_UP_STEP,
)
SETTINGS_BY_KEY: Mapping[str, Setting[Any]] = MappingProxyType({s.key: s for s in SETTINGS})
