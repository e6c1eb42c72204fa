"""What the Today, People and My week pages show, read in one place per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact import ContactEvent, ContactKind
from lonely_bridge.domain.keeping_in_touch import PersonStatus, statuses
from lonely_bridge.domain.people import Person
from lonely_bridge.services.ports import ContactRepository, PeopleRepository, TodayReads

WEEKS_SHOWN = 12


@dataclass(frozen=True, slots=True)
class WeekSummary:
    starts: datetime
    counts: dict[ContactKind, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class OverviewService:
    def __init__(
        self,
        today: TodayReads,
        people: PeopleRepository,
        contacts: ContactRepository,
        clock: Clock,
    ) -> None:
        self._today = today
        self._people = people
        self._contacts = contacts
        self._clock = clock

    def now(self) -> datetime:
        return self._clock.now()

    def people(self) -> list[Person]:
        return self._today.list_people()

    def person(self, person_id: int) -> Person:
        return self._people.get_person(person_id)

    def person_name(self, person_id: int) -> str:
        for person in self._today.list_people(include_archived=True):
            if person.id == person_id:
                return person.name
        return "?"

    def people_statuses(self, people: list[Person] | None = None) -> list[PersonStatus]:
        """Everyone (not archived), most in need of contact first; ``people`` if already read."""
        if people is None:
            people = self._today.list_people()
        return statuses(people, self._today.last_contact_by_person(), self._clock.now())

    def recent_weeks(self, *, weeks: int = WEEKS_SHOWN) -> list[WeekSummary]:
        """Contact counted in whole weeks ending now, oldest first."""
        now = self._clock.now()
        starts = [now - timedelta(weeks=weeks - i) for i in range(weeks)]
        # The last week runs a second past now, so a contact noted this minute is in it.
        counts = self._contacts.contact_counts([*starts, now + timedelta(seconds=1)])
        return [WeekSummary(start, count) for start, count in zip(starts, counts, strict=True)]

    def in_touch(self, *, days: int = 7) -> dict[int, list[ContactKind]]:
        """Who was in touch in the last ``days`` (by person id), with how, first seen first."""
        now = self._clock.now()
        return self._contacts.kinds_by_person(
            now - timedelta(days=days), now + timedelta(seconds=1)
        )

    def recent_events(self, *, days: int = 7) -> list[ContactEvent]:
        now = self._clock.now()
        return self._contacts.events_between(now - timedelta(days=days), now + timedelta(seconds=1))
