"""What the Today, People and My week pages show, read in one place per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact import ContactEvent, ContactKind
from lonely_bridge.domain.keeping_in_touch import PersonStatus, statuses
from lonely_bridge.domain.people import Person
from lonely_bridge.services.ports import Store

WEEKS_SHOWN = 12


@dataclass(frozen=True, slots=True)
class WeekSummary:
    starts: datetime
    counts: dict[ContactKind, int]
    people: frozenset[int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class OverviewService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def now(self) -> datetime:
        return self._clock.now()

    def people(self) -> list[Person]:
        return self._store.list_people()

    def person(self, person_id: int) -> Person:
        return self._store.get_person(person_id)

    def person_name(self, person_id: int) -> str:
        for person in self._store.list_people(include_archived=True):
            if person.id == person_id:
                return person.name
        return "?"

    def people_statuses(self, people: list[Person] | None = None) -> list[PersonStatus]:
        """Everyone (not archived), most in need of contact first; ``people`` if already read."""
        if people is None:
            people = self._store.list_people()
        return statuses(people, self._store.last_contact_by_person(), self._clock.now())

    def recent_weeks(self, *, weeks: int = WEEKS_SHOWN) -> list[WeekSummary]:
        """Contact counted in whole weeks ending now, oldest first."""
        now = self._clock.now()
        start = now - timedelta(weeks=weeks)
        buckets = [
            WeekSummary(start + timedelta(weeks=i), dict.fromkeys(ContactKind, 0), frozenset())
            for i in range(weeks)
        ]
        people: list[set[int]] = [set() for _ in range(weeks)]
        for event in self._store.events_between(start, now + timedelta(seconds=1)):
            index = min(int((event.happened_at - start) / timedelta(weeks=1)), weeks - 1)
            buckets[index].counts[event.kind] += 1
            people[index].add(event.person_id)
        return [
            WeekSummary(bucket.starts, bucket.counts, frozenset(who))
            for bucket, who in zip(buckets, people, strict=True)
        ]

    def recent_events(self, *, days: int = 7) -> list[ContactEvent]:
        now = self._clock.now()
        return self._store.events_between(now - timedelta(days=days), now + timedelta(seconds=1))
