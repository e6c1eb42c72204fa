"""Setting a computer up from a care worker's profile, and writing one from a computer.

A profile adds and changes; it never removes. People are found by name as the contact
importer finds them (contact_matching.normalise_name), links by address, plans by person,
rule, time, zone and first day, trusted people by e-mail address. Applying the same profile
twice changes nothing the second time: nothing is written when nothing differs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact_matching import normalise_name
from lonely_bridge.domain.errors import ProfileInvalid
from lonely_bridge.domain.links import parse_call_link
from lonely_bridge.domain.people import (
    DEFAULT_RHYTHMS,
    MAX_LINK_LABEL_CHARS,
    CallLink,
    Person,
    shortened,
)
from lonely_bridge.domain.pin import PinHash
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.profile import (
    Change,
    ChangeKind,
    PlanToSave,
    Profile,
    ProfileLink,
    ProfilePerson,
    ProfilePlan,
    ProfileProblem,
    ProfileProblemKind,
    ProvisioningChanges,
)
from lonely_bridge.domain.settings import (
    HELPER_PIN,
    MAIL_SERVER,
    PIN_LAST_WRONG,
    PIN_WRONG_TRIES,
    TRUSTED_JITSI_HOSTS,
    Setting,
)
from lonely_bridge.domain.sharing import TrustedPerson
from lonely_bridge.formats.profile import OWNER_FIELDS, PROFILE_SETTINGS, parse_profile
from lonely_bridge.services.ports import (
    ProvisioningRepository,
    SettingsRepository,
    TodayReads,
    TrustedPeopleRepository,
)
from lonely_bridge.services.settings import read
from lonely_bridge.wording.links import link_label

# The person fields a profile may give, as the person record names them.
_PERSON_FIELDS = (
    ("relationship", "relationship"),
    ("circle", "circle"),
    ("group", "is_group"),
    ("notes", "notes"),
)


class ProvisioningService:
    def __init__(
        self,
        today: TodayReads,
        trusted: TrustedPeopleRepository,
        settings: SettingsRepository,
        store: ProvisioningRepository,
        clock: Clock,
        *,
        lessons: Callable[[], Collection[str]] | None = None,
    ) -> None:
        self._today = today
        self._trusted = trusted
        self._settings = settings
        self._store = store
        self._clock = clock
        # The ids of the lessons on this computer, read only when a profile is checked.
        self._lessons = lessons

    # Reading a profile -------------------------------------------------------------------
    def check(self, data: bytes) -> Profile:
        """The profile in ``data``, checked against this computer's people and confirmed Jitsi
        servers; raises ProfileInvalid listing every problem."""
        people = self._today.list_people(include_archived=True)
        return parse_profile(
            data,
            known_people={normalise_name(person.name) for person in people},
            jitsi_hosts=read(self._settings, TRUSTED_JITSI_HOSTS),
            lessons=None if self._lessons is None else self._lessons(),
        )

    def changes(self, profile: Profile) -> ProvisioningChanges:
        """What applying ``profile`` would write; empty when this computer already matches it.

        Raises ProfileInvalid when a plan names a link its person (here) does not have.
        """
        settings, described = self._setting_changes(profile)
        people, people_described = self._people_changes(profile)
        plans, plans_described = self._plan_changes(profile, people)
        trusted, trusted_described = self._trusted_changes(profile)
        return ProvisioningChanges(
            people=tuple(
                (key, person) for key, person in people.items() if key in _changed(people_described)
            ),
            plans=tuple(plans),
            trusted=tuple(trusted),
            settings=tuple(settings),
            described=(*described, *people_described, *plans_described, *trusted_described),
        )

    def apply(self, changes: ProvisioningChanges) -> None:
        """Save ``changes`` in one transaction; nothing is written when there are none."""
        if not changes.empty:
            self._store.apply_profile(changes, now=self._clock.now())

    # Settings and the PIN -------------------------------------------------------------------
    def _setting_changes(self, profile: Profile) -> tuple[list[tuple[str, Any]], list[Change]]:
        writes: list[tuple[str, Any]] = []
        described: list[Change] = []
        for setting, wanted in profile.settings:
            current = read(self._settings, setting)
            # Servers a helper confirmed stay confirmed: a profile adds, it never removes.
            value = current | wanted if setting is TRUSTED_JITSI_HOSTS else wanted
            if current != value:
                encoded = setting.kind.encode(value)
                writes.append((setting.key, encoded))
                shown = value.host if setting is MAIL_SERVER else encoded
                described.append(Change(ChangeKind.SETTING, _field_name(setting), _shown(shown)))
        pin = read(self._settings, HELPER_PIN)
        new_hash: PinHash | None = None
        if profile.pin is not None and (pin is None or not pin.matches(profile.pin)):
            new_hash = PinHash.of(profile.pin)
        elif profile.pin_hash is not None and (pin is None or pin.text != profile.pin_hash.text):
            new_hash = profile.pin_hash
        if new_hash is not None:
            writes.append((HELPER_PIN.key, HELPER_PIN.kind.encode(new_hash)))
            described.append(Change(ChangeKind.PIN, HELPER_PIN.key))
        given = profile.pin is not None or profile.pin_hash is not None
        wrong_tries = read(self._settings, PIN_WRONG_TRIES)
        last_wrong = read(self._settings, PIN_LAST_WRONG)
        if given and (new_hash is not None or wrong_tries or last_wrong is not None):
            # A care worker setting the PIN is how a forgotten one is reset: the wait that
            # wrong tries built up goes with it.
            writes.append((PIN_WRONG_TRIES.key, PIN_WRONG_TRIES.kind.encode(0)))
            writes.append((PIN_LAST_WRONG.key, PIN_LAST_WRONG.kind.encode(None)))
            if wrong_tries or last_wrong is not None:
                described.append(Change(ChangeKind.PIN_TRIES_CLEARED, PIN_WRONG_TRIES.key))
        return writes, described

    # People ------------------------------------------------------------------------------
    def _people_changes(self, profile: Profile) -> tuple[dict[str, Person], list[Change]]:
        """Every profile person as they will be (by name key), and what changes."""
        here: dict[str, Person] = {}
        for person in self._today.list_people(include_archived=True):
            here.setdefault(normalise_name(person.name), person)
        hosts = self._hosts(profile)
        wanted: dict[str, Person] = {}
        described: list[Change] = []
        for entry in profile.people:
            key = normalise_name(entry.name)
            existing = here.get(key)
            links = [_link(link, entry.name, hosts) for link in entry.links]
            if existing is None:
                marked = next((i for i, link in enumerate(entry.links) if link.is_default), 0)
                links = [replace(link, is_default=i == marked) for i, link in enumerate(links)]
                wanted[key] = Person(
                    id=None,
                    name=entry.name,
                    relationship=entry.relationship,
                    circle=entry.circle,
                    rhythm=entry.rhythm or DEFAULT_RHYTHMS[entry.circle],
                    is_group=entry.is_group,
                    notes=entry.notes or "",
                    links=tuple(links),
                )
                described.append(Change(ChangeKind.PERSON_ADDED, entry.name))
                continue
            updated = _updated_person(existing, entry)
            known_urls = {link.url for link in existing.links}
            added = tuple(link for link in links if link.url not in known_urls)
            if not existing.links and added:
                added = (replace(added[0], is_default=True), *added[1:])
            updated = replace(updated, links=(*existing.links, *added))
            wanted[key] = updated
            changed = sorted(
                field
                for field in (
                    "relationship",
                    "circle",
                    "is_group",
                    "notes",
                    "rhythm",
                    "archived_at",
                )
                if getattr(updated, field) != getattr(existing, field)
            )
            if changed:
                described.append(
                    Change(ChangeKind.PERSON_CHANGED, existing.name, ", ".join(changed))
                )
            described += [Change(ChangeKind.LINK_ADDED, existing.name, link.url) for link in added]
        for key, person in here.items():
            wanted.setdefault(key, person)
        return wanted, described

    def _hosts(self, profile: Profile) -> frozenset[str]:
        hosts = read(self._settings, TRUSTED_JITSI_HOSTS)
        for setting, value in profile.settings:
            if setting is TRUSTED_JITSI_HOSTS:
                hosts = hosts | value
        return frozenset(hosts)

    # Plans -------------------------------------------------------------------------------
    def _plan_changes(
        self, profile: Profile, people: dict[str, Person]
    ) -> tuple[list[PlanToSave], list[Change]]:
        names = {person.id: key for key, person in people.items() if person.id is not None}
        here: dict[tuple[Any, ...], CallPlan] = {}
        for plan in self._today.list_plans(active_only=False):
            if plan.recurrence is not None and plan.person_id in names:
                here.setdefault(_plan_key(names[plan.person_id], plan.recurrence), plan)
        saves: list[PlanToSave] = []
        described: list[Change] = []
        problems: list[ProfileProblem] = []
        for entry in profile.plans:
            key = normalise_name(entry.person)
            person = people[key]
            link_id = None
            if entry.link_url is not None:
                found = next((link for link in person.links if link.url == entry.link_url), None)
                if found is None:
                    problems.append(
                        ProfileProblem(
                            ProfileProblemKind.UNKNOWN_LINK,
                            entry.line or None,
                            ("plans", profile.plans.index(entry) + 1, "link"),
                            {"name": person.name},
                        )
                    )
                    continue
                link_id = found.id
            rule = entry.schedule.to_rrule()
            existing = here.get(_plan_key(key, entry.schedule))
            if existing is None:
                plan = CallPlan(
                    id=None,
                    person_id=person.id or 0,
                    link_id=link_id,
                    schedule=entry.schedule,
                    reminder_lead=entry.reminder_lead,
                )
                saves.append(PlanToSave(key, entry.link_url, plan))
                described.append(Change(ChangeKind.PLAN_ADDED, person.name, _plan_words(entry)))
                continue
            updated = replace(
                existing,
                schedule=entry.schedule,
                reminder_lead=entry.reminder_lead,
                active=True,
                link_id=existing.link_id if link_id is None else link_id,
            )
            if updated != existing:
                saves.append(PlanToSave(key, entry.link_url, updated))
                described.append(Change(ChangeKind.PLAN_CHANGED, person.name, rule))
        if problems:
            raise ProfileInvalid(problems=tuple(problems))
        return saves, described

    # Trusted people ----------------------------------------------------------------------
    def _trusted_changes(self, profile: Profile) -> tuple[list[TrustedPerson], list[Change]]:
        here = {person.email.casefold(): person for person in self._trusted.list_trusted_people()}
        saves: list[TrustedPerson] = []
        described: list[Change] = []
        for entry in profile.trusted:
            existing = here.get(entry.email.casefold())
            if existing is None:
                saves.append(entry)
                described.append(Change(ChangeKind.TRUSTED_ADDED, entry.name, entry.email))
                continue
            updated = replace(entry, id=existing.id, created_at=existing.created_at)
            if updated != existing:
                saves.append(updated)
                described.append(Change(ChangeKind.TRUSTED_CHANGED, entry.name, entry.email))
        return saves, described

    # Writing a profile -------------------------------------------------------------------
    def export(self) -> Profile:
        """This computer's set-up as a profile: never a PIN (only its hash) or a password."""
        settings: list[tuple[Setting[Any], Any]] = []
        for setting in (*OWNER_FIELDS.values(), *PROFILE_SETTINGS, MAIL_SERVER):
            value = read(self._settings, setting)
            if value is not None and value != "":
                settings.append((setting, value))
        people = [p for p in self._today.list_people() if p.archived_at is None]
        by_id = {person.id: person for person in people}
        plans = []
        for plan in self._today.list_plans(active_only=True):
            person = by_id.get(plan.person_id)
            if person is None or plan.recurrence is None:
                continue
            link = next((link for link in person.links if link.id == plan.link_id), None)
            plans.append(
                ProfilePlan(
                    person=person.name,
                    schedule=plan.recurrence,
                    link_url=None if link is None else link.url,
                    reminder_lead=plan.reminder_lead,
                )
            )
        return Profile(
            settings=tuple(settings),
            pin_hash=read(self._settings, HELPER_PIN),
            people=tuple(_exported_person(person) for person in people),
            plans=tuple(plans),
            trusted=tuple(self._trusted.list_trusted_people()),
        )


def _field_name(setting: Setting[Any]) -> str:
    """Where the profile names ``setting``: "owner.name", "settings.start_at_login"..."""
    for field, owned in OWNER_FIELDS.items():
        if owned is setting:
            return f"owner.{field}"
    return "mail_server" if setting is MAIL_SERVER else f"settings.{setting.key}"


def _changed(described: list[Change]) -> set[str]:
    return {normalise_name(change.subject) for change in described}


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "-"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _link(link: ProfileLink, name: str, hosts: frozenset[str]) -> CallLink:
    parsed = parse_call_link(link.url, trusted_jitsi_hosts=hosts)
    label = link.label or shortened(link_label(name, parsed.service), MAX_LINK_LABEL_CHARS)
    return CallLink(None, None, label, parsed.url, parsed.service.value)


def _updated_person(existing: Person, entry: ProfilePerson) -> Person:
    updated = replace(existing, archived_at=None)
    for given, field in _PERSON_FIELDS:
        if given in entry.given:
            updated = replace(updated, **{field: getattr(entry, field)})
    if entry.rhythm is not None:
        updated = replace(updated, rhythm=entry.rhythm)
    return updated


def _exported_person(person: Person) -> ProfilePerson:
    default = person.default_link
    return ProfilePerson(
        name=person.name,
        relationship=person.relationship,
        circle=person.circle,
        is_group=person.is_group,
        rhythm=person.rhythm,
        notes=person.notes,
        links=tuple(
            ProfileLink(
                link.url,
                ""
                if link.label
                == shortened(link_label(person.name, link.service), MAX_LINK_LABEL_CHARS)
                else link.label,
                is_default=link == default,
            )
            for link in person.links
        ),
    )


def _plan_key(person_key: str, schedule: Any) -> tuple[Any, ...]:
    return (
        person_key,
        schedule.to_rrule(),
        schedule.time_of_day,
        schedule.zone,
        schedule.starts_on,
    )


def _plan_words(plan: ProfilePlan) -> str:
    schedule = plan.schedule
    return (
        f"{schedule.to_rrule()}, {schedule.time_of_day:%H:%M} {schedule.zone}, {schedule.starts_on}"
    )
