"""Care workers' set-up profiles (TOML): read, checked field by field with lines, and written.

Every problem in a file is collected, each with its line and field, before anything is
refused: a care worker fixes them all in one go. tomllib gives values without positions, so
``LineIndex`` finds each table and key's line in the text itself.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from lonely_bridge.domain.contact_matching import normalise_name
from lonely_bridge.domain.errors import (
    LinkRefused,
    LonelyBridgeError,
    PinInvalid,
    ProfileInvalid,
)
from lonely_bridge.domain.links import parse_call_link
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.people import (
    DEFAULT_RHYTHMS,
    MAX_LINK_LABEL_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTES_CHARS,
    MAX_RELATIONSHIP_CHARS,
    Circle,
    Rhythm,
)
from lonely_bridge.domain.pin import check_pin_shape
from lonely_bridge.domain.plans import DEFAULT_REMINDER_LEAD
from lonely_bridge.domain.profile import (
    MAX_PROFILE_BYTES,
    PROFILE_VERSION,
    Profile,
    ProfileLink,
    ProfilePerson,
    ProfilePlan,
    ProfileProblem,
    ProfileProblemKind,
)
from lonely_bridge.domain.recurrence import Recurrence, known_zone
from lonely_bridge.domain.settings import (
    HELPER_PIN,
    HOME_ZONE,
    MAIL_SERVER,
    OWNER_NAME,
    RECOMMENDED_LESSONS,
    SETTINGS,
    TEXT_SIZE,
    TRUSTED_JITSI_HOSTS,
    Role,
    Setting,
)
from lonely_bridge.domain.sharing import Topic, TrustedPerson, checked_person
from lonely_bridge.formats.profile_fields import FieldChecker
from lonely_bridge.formats.profile_lines import FieldPath, LineIndex

Kind = ProfileProblemKind

# A rhythm longer than a year is not a rhythm; the person editor stops there too.
MAX_RHYTHM_DAYS: Final = 365
# The plan editor offers up to two hours' notice.
MAX_LEAD_MINUTES: Final = 120

# Settings the [owner] table names in the words; the others are under [settings] by
# their own keys, and the mail server and PIN have tables of their own.
OWNER_FIELDS: Final[Mapping[str, Setting[Any]]] = MappingProxyType(
    {"name": OWNER_NAME, "time_zone": HOME_ZONE, TEXT_SIZE.key: TEXT_SIZE}
)
PROFILE_SETTINGS: Final[tuple[Setting[Any], ...]] = tuple(
    setting
    for setting in SETTINGS
    if setting.changed_by is not Role.APP
    and setting not in OWNER_FIELDS.values()
    and setting not in (MAIL_SERVER, HELPER_PIN)
)
_SETTINGS_BY_KEY: Final = MappingProxyType({setting.key: setting for setting in PROFILE_SETTINGS})

TOP_FIELDS: Final = (
    "version",
    "owner",
    "helper",
    "settings",
    "mail_server",
    "people",
    "plans",
    "trusted_people",
)
HELPER_FIELDS: Final = ("pin", "pin_hash")
MAIL_FIELDS: Final = ("host", "port", "security", "username", "from_address")
PERSON_FIELDS: Final = (
    "name",
    "relationship",
    "circle",
    "group",
    "keep_in_touch_days",
    "too_long_days",
    "notes",
    "links",
)
LINK_FIELDS: Final = ("url", "label", "default")
PLAN_FIELDS: Final = (
    "person",
    "rule",
    "time",
    "time_zone",
    "starts_on",
    "ends_on",
    "link",
    "reminder_minutes",
)
TRUSTED_FIELDS: Final = ("name", "email", "level_changes", "weekly", "may_see")
# Which field each of the mail server check's problems is about.
_MAIL_PROBLEM_FIELDS: Final = MappingProxyType(
    {
        "bad_host": "host",
        "bad_port": "port",
        "plain_not_local": "security",
        "bad_from_address": "from_address",
    }
)


# tomllib says where it stopped only inside its English message (``lineno`` is 3.14's).
_TOML_LINE = re.compile(r"at line (\d+)")


# Reading -------------------------------------------------------------------------------------
def read_profile_file(path: Path) -> bytes:
    """The file's bytes; a file over MAX_PROFILE_BYTES is refused before it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_PROFILE_BYTES:
            raise _whole_file(Kind.TOO_LARGE, size=size, limit=MAX_PROFILE_BYTES)
        with path.open("rb") as handle:
            # A file that grows (or a pipe, whose size says nothing) stops at the limit too.
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except OSError as error:
        raise _whole_file(Kind.UNREADABLE, reason=error.strerror or str(error)) from error
    if len(data) > MAX_PROFILE_BYTES:
        raise _whole_file(Kind.TOO_LARGE, size=len(data), limit=MAX_PROFILE_BYTES)
    return data


def load_document(data: bytes) -> tuple[dict[str, Any], LineIndex]:
    """The TOML document in ``data`` and its lines; raises ProfileInvalid when the file is too
    large, not UTF-8, not TOML or empty (its fields are checked by ``parse_profile``)."""
    text = _text_of(data)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        raise ProfileInvalid(problems=(ProfileProblem(Kind.NOT_TOML, line, (), _p()),)) from None
    if not document:
        raise _whole_file(Kind.EMPTY)
    return document, LineIndex(text)


def parse_profile(
    data: bytes,
    *,
    known_people: Collection[str] = (),
    jitsi_hosts: frozenset[str] = frozenset(),
    lessons: Collection[str] | None = None,
) -> Profile:
    """Check a whole profile; raises ProfileInvalid listing every problem found.

    ``known_people`` are the normalised names (contact_matching.normalise_name) of people
    already on this computer, whom plans may name too; ``jitsi_hosts`` are the self-hosted
    Jitsi servers already confirmed here (the profile's own are added to them);
    ``lessons``, when given, the ids of the lessons on this computer, which recommended
    lessons must be among.
    """
    document, lines = load_document(data)
    checker = _Checker(lines, known_people=known_people, jitsi_hosts=jitsi_hosts, lessons=lessons)
    profile = checker.check(document)
    if checker.problems:
        in_order = sorted(checker.problems, key=lambda problem: problem.line or 0)
        raise ProfileInvalid(problems=tuple(in_order))
    return profile


def _text_of(data: bytes) -> str:
    if len(data) > MAX_PROFILE_BYTES:
        raise _whole_file(Kind.TOO_LARGE, size=len(data), limit=MAX_PROFILE_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ProfileInvalid(problems=(ProfileProblem(Kind.NOT_UTF8, line, (), _p()),)) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    if not text.strip():
        raise _whole_file(Kind.EMPTY)
    return text


def _p(**params: Any) -> Mapping[str, Any]:
    return MappingProxyType(params)


def _whole_file(kind: ProfileProblemKind, **params: Any) -> ProfileInvalid:
    return ProfileInvalid(problems=(ProfileProblem(kind, None, (), _p(**params)),))


class _Checker(FieldChecker):
    """Walks a parsed profile once, collecting every problem with its line and field."""

    def __init__(
        self,
        lines: LineIndex,
        *,
        known_people: Collection[str],
        jitsi_hosts: frozenset[str],
        lessons: Collection[str] | None,
    ) -> None:
        super().__init__(lines)
        self._lessons = None if lessons is None else frozenset(lessons)
        self._known_people = frozenset(known_people)
        self._jitsi_hosts = jitsi_hosts

    # The profile -----------------------------------------------------------------------------
    def check(self, document: Mapping[str, Any]) -> Profile:
        if not self.version(document):
            return Profile()
        self.only(document, TOP_FIELDS, ())
        settings: list[tuple[Setting[Any], Any]] = []
        settings += self.owner(document)
        settings += self.settings(document)
        for setting, value in settings:
            if setting is TRUSTED_JITSI_HOSTS:
                # The profile's own servers count for its links, as a helper's confirmation does.
                self._jitsi_hosts = self._jitsi_hosts | value
        settings += self.mail_server(document)
        pin, pin_hash = self.helper(document)
        people = self.people(document)
        plans = self.plans(document, people)
        trusted = self.trusted(document)
        return Profile(
            settings=tuple(settings),
            pin=pin,
            pin_hash=pin_hash,
            people=tuple(people),
            plans=tuple(plans),
            trusted=tuple(trusted),
        )

    def version(self, document: Mapping[str, Any]) -> bool:
        if "version" not in document:
            self.add(Kind.NO_VERSION, (), expected=PROFILE_VERSION)
            return False
        version = self.typed(document, "version", (), int)
        if version is None:
            return False
        if version != PROFILE_VERSION:
            kind = Kind.NEWER_VERSION if version > PROFILE_VERSION else Kind.NOT_A_CHOICE
            self.add(kind, ("version",), version=version, choices=[PROFILE_VERSION])
            return False
        return True

    def owner(self, document: Mapping[str, Any]) -> list[tuple[Setting[Any], Any]]:
        if "owner" not in document:
            return []
        owner = self.table(document["owner"], ("owner",))
        if owner is None:
            return []
        self.only(owner, OWNER_FIELDS, ("owner",))
        chosen = []
        for key, setting in OWNER_FIELDS.items():
            if key not in owner:
                continue
            path = ("owner", key)
            if setting is OWNER_NAME:
                name = self.words(owner, key, ("owner",), limit=MAX_NAME_CHARS, required=True)
                if name is not None:
                    chosen.append((setting, name))
                continue
            ok, value = self.setting(setting, owner[key], path)
            if ok:
                chosen.append((setting, value))
        return chosen

    def settings(self, document: Mapping[str, Any]) -> list[tuple[Setting[Any], Any]]:
        if "settings" not in document:
            return []
        table = self.table(document["settings"], ("settings",))
        if table is None:
            return []
        self.only(table, _SETTINGS_BY_KEY, ("settings",))
        chosen = []
        for key, raw in table.items():
            setting = _SETTINGS_BY_KEY.get(key)
            if setting is None:
                continue
            ok, value = self.setting(setting, raw, ("settings", key))
            if ok and setting is RECOMMENDED_LESSONS and self._lessons is not None:
                unknown = [lesson for lesson in value if lesson not in self._lessons]
                for lesson in unknown:
                    self.add(Kind.UNKNOWN_LESSON, ("settings", key), name=lesson)
                ok = not unknown
            if ok:
                chosen.append((setting, value))
        return chosen

    def mail_server(self, document: Mapping[str, Any]) -> list[tuple[Setting[Any], Any]]:
        if "mail_server" not in document:
            return []
        path: FieldPath = ("mail_server",)
        table = self.table(document["mail_server"], path)
        if table is None:
            return []
        self.only(table, MAIL_FIELDS, path)
        host_ok = self.required(table, "host", path)
        from_ok = self.required(table, "from_address", path)
        host = self.typed(table, "host", path, str)
        from_address = self.typed(table, "from_address", path, str)
        username = self.typed(table, "username", path, str) or ""
        security = Security.STARTTLS
        if "security" in table:
            ok, chosen = self.choice(table, "security", path, Security)
            security = chosen if ok else security
        port = self.whole(table, "port", path, minimum=1, maximum=65535)
        if not (host_ok and from_ok) or host is None or from_address is None:
            return []
        server = SmtpSettings(
            host=host,
            port=port or security.default_port,
            security=security,
            username=username,
            from_address=from_address,
        )
        try:
            return [(MAIL_SERVER, MAIL_SERVER.parse(server))]
        except LonelyBridgeError as error:
            field = _MAIL_PROBLEM_FIELDS.get(str(error.params.get("problem")), "host")
            self.refused((*path, field), error)
            return []

    def helper(self, document: Mapping[str, Any]) -> tuple[str | None, Any]:
        if "helper" not in document:
            return None, None
        path: FieldPath = ("helper",)
        table = self.table(document["helper"], path)
        if table is None:
            return None, None
        self.only(table, HELPER_FIELDS, path)
        if "pin" in table and "pin_hash" in table:
            self.add(Kind.BOTH_PIN_AND_HASH, (*path, "pin_hash"))
            return None, None
        pin = None
        if "pin" in table:
            raw = table["pin"]
            if isinstance(raw, int) and not isinstance(raw, bool):
                # A TOML number would lose a PIN's leading zeros: it must be in quotes.
                self.add(Kind.WRONG_TYPE, (*path, "pin"), expected="pin_in_quotes")
            elif (raw := self.typed(table, "pin", path, str)) is not None:
                try:
                    pin = check_pin_shape(raw)
                except PinInvalid as error:
                    self.refused((*path, "pin"), error)
        pin_hash = None
        if "pin_hash" in table:
            ok, value = self.setting(HELPER_PIN, table["pin_hash"], (*path, "pin_hash"))
            pin_hash = value if ok else None
        return pin, pin_hash

    def people(self, document: Mapping[str, Any]) -> list[ProfilePerson]:
        people: list[ProfilePerson] = []
        seen: dict[str, tuple[str, int | None]] = {}
        for path, table in self.entries(document, "people"):
            self.only(table, PERSON_FIELDS, path)
            name = self.words(table, "name", path, limit=MAX_NAME_CHARS, required=True)
            relationship = self.words(table, "relationship", path, limit=MAX_RELATIONSHIP_CHARS)
            notes = self.typed(table, "notes", path, str)
            if notes is not None and len(notes.strip()) > MAX_NOTES_CHARS:
                self.add(Kind.TOO_LONG, (*path, "notes"), limit=MAX_NOTES_CHARS)
            is_group = self.typed(table, "group", path, bool)
            circle = Circle.GROUP if is_group else Circle.FAMILY
            if "circle" in table:
                ok, chosen = self.choice(table, "circle", path, Circle)
                circle = chosen if ok else circle
            rhythm = self.rhythm(table, path, circle)
            links = self.links(table, path)
            if name is None:
                continue
            key = normalise_name(name)
            if key in seen:
                other, other_line = seen[key]
                self.add(
                    Kind.DUPLICATE, (*path, "name"), name=name, other=other, other_line=other_line
                )
                continue
            seen[key] = (name, self.lines.line_of((*path, "name")))
            people.append(
                ProfilePerson(
                    name=name,
                    relationship=relationship or "",
                    circle=circle,
                    is_group=bool(is_group) if is_group is not None else circle is Circle.GROUP,
                    rhythm=rhythm,
                    notes=None if notes is None else notes.strip(),
                    links=links,
                    line=self.lines.line_of(path) or 0,
                    given=frozenset(table),
                )
            )
        return people

    def rhythm(self, table: Mapping[str, Any], path: FieldPath, circle: Circle) -> Rhythm | None:
        ideal = self.whole(table, "keep_in_touch_days", path, minimum=1, maximum=MAX_RHYTHM_DAYS)
        too_long = self.whole(table, "too_long_days", path, minimum=1, maximum=MAX_RHYTHM_DAYS * 2)
        if ideal is None and too_long is None:
            return None
        ideal = ideal if ideal is not None else DEFAULT_RHYTHMS[circle].ideal.days
        if too_long is None:
            too_long = ideal * 2
        if too_long < ideal:
            self.add(
                Kind.OUT_OF_RANGE,
                (*path, "too_long_days"),
                minimum=ideal,
                maximum=MAX_RHYTHM_DAYS * 2,
            )
            return None
        return Rhythm(timedelta(days=ideal), timedelta(days=too_long))

    def links(self, table: Mapping[str, Any], path: FieldPath) -> tuple[ProfileLink, ...]:
        raw = self.typed(table, "links", path, list)
        if raw is None:
            return ()
        links: list[ProfileLink] = []
        seen: set[str] = set()
        for number, item in enumerate(raw, start=1):
            where: FieldPath = (*path, "links", number)
            label = ""
            is_default = False
            if isinstance(item, dict):
                self.only(item, LINK_FIELDS, where)
                if not self.required(item, "url", where):
                    continue
                url_text = self.typed(item, "url", where, str)
                label = self.words(item, "label", where, limit=MAX_LINK_LABEL_CHARS) or ""
                is_default = bool(self.typed(item, "default", where, bool))
            elif isinstance(item, str):
                url_text = item
            else:
                self.add(Kind.WRONG_TYPE, where, expected="link")
                continue
            if url_text is None:
                continue
            try:
                parsed = parse_call_link(url_text, trusted_jitsi_hosts=self._jitsi_hosts)
            except LinkRefused as error:
                self.refused(where, error)
                continue
            if parsed.url in seen:
                self.add(Kind.DUPLICATE, where, name=parsed.url)
                continue
            seen.add(parsed.url)
            links.append(ProfileLink(parsed.url, label, is_default))
        return tuple(links)

    def plans(self, document: Mapping[str, Any], people: list[ProfilePerson]) -> list[ProfilePlan]:
        in_profile = {normalise_name(person.name): person for person in people}
        plans: list[ProfilePlan] = []
        seen: set[tuple[Any, ...]] = set()
        for path, table in self.entries(document, "plans"):
            self.only(table, PLAN_FIELDS, path)
            for key in ("person", "rule", "time", "time_zone", "starts_on"):
                self.required(table, key, path)
            person = self.typed(table, "person", path, str)
            person_key = normalise_name(person) if person is not None else None
            known = in_profile.keys() | self._known_people
            if person_key is not None and person_key not in known:
                self.add(Kind.UNKNOWN_PERSON, (*path, "person"), name=person)
            rule = self.typed(table, "rule", path, str)
            at = self.time_of_day(table, path)
            zone = self.typed(table, "time_zone", path, str)
            if zone is not None and not known_zone(zone.strip()):
                self.add(Kind.UNKNOWN_TIME_ZONE, (*path, "time_zone"), zone=zone)
                zone = None
            starts_on = self.day(table, "starts_on", path)
            ends_on = self.day(table, "ends_on", path)
            if starts_on is not None and ends_on is not None and ends_on < starts_on:
                self.add(Kind.ENDS_BEFORE_START, (*path, "ends_on"))
                ends_on = None
            lead = self.whole(table, "reminder_minutes", path, minimum=0, maximum=MAX_LEAD_MINUTES)
            link_url = self.plan_link(table, path, in_profile.get(person_key or ""))
            if person is None or rule is None or at is None or zone is None or starts_on is None:
                continue
            try:
                schedule = Recurrence.from_rrule(
                    rule,
                    time_of_day=at,
                    zone=zone.strip(),
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
            except ValueError as error:
                self.add(Kind.RULE_UNSUPPORTED, (*path, "rule"), rule=rule, detail=str(error))
                continue
            plan_key = (
                person_key,
                schedule.to_rrule(),
                schedule.time_of_day,
                schedule.zone,
                schedule.starts_on,
            )
            if plan_key in seen:
                when = f"{person}, {rule}, {at:%H:%M} {schedule.zone}, {schedule.starts_on}"
                self.add(Kind.DUPLICATE, path, name=when)
                continue
            seen.add(plan_key)
            plans.append(
                ProfilePlan(
                    person=person,
                    schedule=schedule,
                    link_url=link_url,
                    reminder_lead=DEFAULT_REMINDER_LEAD
                    if lead is None
                    else timedelta(minutes=lead),
                    line=self.lines.line_of(path) or 0,
                )
            )
        return plans

    def plan_link(
        self, table: Mapping[str, Any], path: FieldPath, person: ProfilePerson | None
    ) -> str | None:
        url = self.typed(table, "link", path, str)
        if url is None:
            return None
        try:
            parsed = parse_call_link(url, trusted_jitsi_hosts=self._jitsi_hosts)
        except LinkRefused as error:
            self.refused((*path, "link"), error)
            return None
        if person is not None and parsed.url not in {link.url for link in person.links}:
            self.add(Kind.UNKNOWN_LINK, (*path, "link"), name=person.name)
            return None
        return parsed.url

    def trusted(self, document: Mapping[str, Any]) -> list[TrustedPerson]:
        found: list[TrustedPerson] = []
        seen: set[str] = set()
        for path, table in self.entries(document, "trusted_people"):
            self.only(table, TRUSTED_FIELDS, path)
            name = self.words(table, "name", path, limit=MAX_NAME_CHARS, required=True)
            email_ok = self.required(table, "email", path)
            email = self.typed(table, "email", path, str)
            level = self.typed(table, "level_changes", path, bool)
            weekly = self.typed(table, "weekly", path, bool)
            topics = self.topics(table, path)
            if name is None or not email_ok or email is None or topics is None:
                continue
            try:
                person = checked_person(
                    TrustedPerson(
                        id=None,
                        name=name,
                        email=email,
                        share_level_changes=True if level is None else level,
                        share_weekly=bool(weekly),
                        allowed=topics,
                    )
                )
            except LonelyBridgeError as error:
                self.refused((*path, "email"), error)
                continue
            if person.email.casefold() in seen:
                self.add(Kind.DUPLICATE, (*path, "email"), name=person.email)
                continue
            seen.add(person.email.casefold())
            found.append(person)
        return found

    def topics(self, table: Mapping[str, Any], path: FieldPath) -> frozenset[Topic] | None:
        if "may_see" not in table:
            return frozenset({Topic.LEVEL})
        raw = self.typed(table, "may_see", path, list)
        if raw is None:
            return None
        topics = set()
        for item in raw:
            if not isinstance(item, str) or item not in {topic.value for topic in Topic}:
                self.add(Kind.NOT_A_CHOICE, (*path, "may_see"), choices=[t.value for t in Topic])
                return None
            topics.add(Topic(item))
        return frozenset(topics)
