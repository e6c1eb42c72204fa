"""Setting up the people someone keeps in touch with: checked, saved, archived, restored."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.links import parse_call_link
from lonely_bridge.domain.people import (
    MAX_LINK_LABEL_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTES_CHARS,
    MAX_RELATIONSHIP_CHARS,
    Person,
    one_line,
    shortened,
)
from lonely_bridge.domain.settings import TRUSTED_JITSI_HOSTS
from lonely_bridge.services.errors import PersonInvalid
from lonely_bridge.services.ports import PeopleRepository, SettingsRepository, TodayReads
from lonely_bridge.services.settings import read, write
from lonely_bridge.wording.links import link_label


class PersonProblem(StrEnum):
    NO_NAME = "no_name"
    NAME_TOO_LONG = "name_too_long"
    RELATIONSHIP_TOO_LONG = "relationship_too_long"
    NOTES_TOO_LONG = "notes_too_long"
    LINK_LABEL_TOO_LONG = "link_label_too_long"


def confirmed_jitsi_hosts(settings: SettingsRepository) -> frozenset[str]:
    """The self-hosted Jitsi servers a helper confirmed, as they are stored right now."""
    return read(settings, TRUSTED_JITSI_HOSTS)


class PeopleService:
    def __init__(
        self,
        people: PeopleRepository,
        today: TodayReads,
        settings: SettingsRepository,
        clock: Clock,
    ) -> None:
        self._people = people
        self._today = today
        self._settings = settings
        self._clock = clock

    def trusted_jitsi_hosts(self) -> frozenset[str]:
        return confirmed_jitsi_hosts(self._settings)

    def trust_jitsi_host(self, host: str) -> None:
        """Raises SettingInvalid when ``host`` is not a server name."""
        hosts = self.trusted_jitsi_hosts() | {host}
        write(self._settings, TRUSTED_JITSI_HOSTS, hosts, now=self._clock.now())

    def checked(self, person: Person) -> Person:
        """The person as they will be saved: trimmed, links cleaned, one default link.

        Raises PersonInvalid, or LinkRefused for the first link that is not a safe call link.
        """
        name = one_line(person.name)
        if not name:
            raise PersonInvalid(problem=PersonProblem.NO_NAME)
        if len(name) > MAX_NAME_CHARS:
            raise PersonInvalid(problem=PersonProblem.NAME_TOO_LONG, limit=MAX_NAME_CHARS)
        relationship = one_line(person.relationship)
        if len(relationship) > MAX_RELATIONSHIP_CHARS:
            raise PersonInvalid(
                problem=PersonProblem.RELATIONSHIP_TOO_LONG, limit=MAX_RELATIONSHIP_CHARS
            )
        notes = person.notes.strip()
        if len(notes) > MAX_NOTES_CHARS:
            raise PersonInvalid(problem=PersonProblem.NOTES_TOO_LONG, limit=MAX_NOTES_CHARS)
        trusted = self.trusted_jitsi_hosts()
        links = []
        for link in person.links:
            parsed = parse_call_link(link.url, trusted_jitsi_hosts=trusted)
            label = one_line(link.label)
            if len(label) > MAX_LINK_LABEL_CHARS:
                raise PersonInvalid(
                    problem=PersonProblem.LINK_LABEL_TOO_LONG, limit=MAX_LINK_LABEL_CHARS
                )
            label = label or shortened(
                link_label(name, parsed.service),
                MAX_LINK_LABEL_CHARS,
            )
            links.append(replace(link, label=label, url=parsed.url, service=parsed.service.value))
        if links and not any(link.is_default for link in links):
            links[0] = replace(links[0], is_default=True)
        seen_default = False
        for index, link in enumerate(links):
            if link.is_default and seen_default:
                links[index] = replace(link, is_default=False)
            seen_default = seen_default or link.is_default
        return replace(
            person,
            name=name,
            relationship=relationship,
            notes=notes,
            links=tuple(links),
        )

    def save(self, person: Person) -> Person:
        ready = self.checked(person)
        if ready.id is None:
            return self._people.add_person(ready, now=self._clock.now())
        return self._people.update_person(ready, now=self._clock.now())

    def archive(self, person_id: int) -> None:
        self._people.set_archived(person_id, self._clock.now())

    def restore(self, person_id: int) -> None:
        self._people.set_archived(person_id, None)

    def delete_forever(self, person_id: int) -> None:
        self._people.delete_person(person_id)

    def archived(self) -> list[Person]:
        return [p for p in self._today.list_people(include_archived=True) if p.archived_at]
