"""Insight and My week over 10 years for 200 people and 20 years for 1,000, each against a month."""

from __future__ import annotations

import argparse
import bisect
import cProfile
import gc
import json
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.domain.checkins import CheckIn, Scale
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.plans import CallPlan, read_schedule
from lonely_bridge.domain.recurrence import next_occurrence, occurrences_between
from lonely_bridge.domain.reminders import Occurrence, Outcome, recurrence_of

if TYPE_CHECKING:
    from fixed_clock import FixedClock
    from PySide6.QtWidgets import QApplication

    from lonely_bridge.storage.stores import Stores
    from lonely_bridge.ui.main_window import MainWindow
    from lonely_bridge.ui.pages.my_week import MyWeekPage

SEED = 1944
PEOPLE = 200
YEARS = 10
TARGET_EVENTS = 100_000
SMALL_DAYS = 30
INSIGHT_LIMIT_MS = 100.0
MY_WEEK_LIMIT_MS = 150.0
RATIO_LIMIT = 3.0


@dataclass(frozen=True, slots=True)
class Size:
    """One household to measure: how many people, how many years, about how many events."""

    people: int
    years: int
    events: int

    @property
    def label(self) -> str:
        return f"{self.people:,} people x {self.years} years"


STANDARD = Size(PEOPLE, YEARS, TARGET_EVENTS)
# Five times the people over twice the years, each kept in touch with as often as at 200.
LARGE = Size(1_000, 20, TARGET_EVENTS * 5 * 2)
SIZES = {"200": STANDARD, "1000": LARGE}
_EVENTS_PER_BATCH = 50_000
DAY = timedelta(days=1)
WEEK = timedelta(weeks=1)

V, P, G, M, S = (
    ContactKind.VISIT,
    ContactKind.PHONE_CALL,
    ContactKind.GROUP_ACTIVITY,
    ContactKind.MESSAGE,
    ContactKind.VIDEO_CALL,
)
IN_PERSON = frozenset({V, G})


@dataclass(frozen=True, slots=True)
class _Style:
    """How one circle keeps in touch: its share of everyone, usual gap, and mix of kinds."""

    share: float
    every_days: float  # before scaling the whole history to the target number of events
    kinds: tuple[tuple[ContactKind, float], ...]
    relationships: tuple[str, ...]


# Groups meet on a fixed weekday instead (see _group_history); the rest keep irregular gaps.
_STYLES: dict[Circle, _Style] = {
    Circle.FAMILY: _Style(
        0.08,
        5,
        ((P, 0.35), (S, 0.25), (V, 0.2), (M, 0.2)),
        ("Daughter", "Son", "Granddaughter", "Grandson", "Sister", "Brother", "Niece", "Nephew"),
    ),
    Circle.CLOSE_FRIEND: _Style(
        0.10, 8, ((P, 0.35), (V, 0.35), (M, 0.2), (S, 0.1)), ("Best friend", "Old friend")
    ),
    Circle.FRIEND: _Style(
        0.30,
        15,
        ((P, 0.3), (V, 0.25), (M, 0.35), (S, 0.1)),
        ("Friend from church", "Friend from the choir", "Former colleague", "Friend"),
    ),
    Circle.NEIGHBOUR: _Style(
        0.15, 6, ((V, 0.7), (P, 0.2), (M, 0.1)), ("Neighbour", "Neighbour across the road")
    ),
    Circle.GROUP: _Style(0.07, 7, ((G, 0.85), (M, 0.15)), ("Group",)),
    Circle.OTHER: _Style(
        0.30,
        30,
        ((P, 0.5), (M, 0.3), (V, 0.2)),
        ("Befriender", "Hairdresser", "Pharmacist", "Carer", "Vicar", "Old school friend"),
    ),
}
_FIRST = (
    "Anna",
    "Tom",
    "Lily",
    "Rose",
    "Harold",
    "Priya",
    "Margaret",
    "Arthur",
    "Edith",
    "George",
    "Joan",
    "Frank",
    "Irene",
    "Walter",
    "Mary",
    "Stanley",
    "Doris",
    "Ernest",
    "Hilda",
    "Albert",
    "Kofi",
    "Aisha",
    "Ravi",
    "Mei",
    "Sean",
    "Niamh",
    "Olga",
    "Pavel",
    "Ines",
    "Lars",
)
_LAST = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Thomas",
    "Roberts",
    "Johnson",
    "Patel",
    "Khan",
    "Walker",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Hughes",
    "Edwards",
    "Lewis",
    "Murphy",
    "Kelly",
    "Okafor",
    "Nowak",
    "Costa",
)
NAME_PAIRS = len(_FIRST) * len(_LAST)
_INITIALS = "ABCDEFGHJKLMNPRSTW"
_PLAIN_NAME_TRIES = 50
_GROUPS = (
    "Thursday Book Club",
    "St Mary's Choir",
    "Walking Group",
    "Bridge Club",
    "Coffee Morning",
    "Knitting Circle",
    "Local History Society",
    "Allotment Society",
    "Lunch Club",
    "Chair Yoga",
    "Men's Shed",
    "Tai Chi",
    "Gardening Club",
    "Memory Café",
)
_NOTES = ("Talked about the garden.", "Lovely long chat.", "Felt tired.", "Birthday!", "")
_MINUTES = {V: (45, 180), P: (5, 40), S: (15, 60), G: (60, 150)}
_HOURS = {V: (10, 17), P: (9, 20), S: (10, 20), M: (8, 21), G: (10, 15)}
# (rule, local time, zone): weekly and fortnightly calls, a monthly one across an ocean.
_FAMILY_RULES = (
    ("FREQ=WEEKLY;BYDAY=SU", wall_time(16), "Europe/London"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", wall_time(19), "Europe/London"),
    ("FREQ=MONTHLY;BYDAY=1SA", wall_time(11), "America/New_York"),
    ("FREQ=WEEKLY;BYDAY=TU,FR", wall_time(10, 30), "Europe/London"),
    ("FREQ=MONTHLY;BYDAY=2SU", wall_time(9), "Australia/Sydney"),
)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


Spell = tuple[datetime, datetime]  # a time away from home: from, until


@dataclass(frozen=True, slots=True)
class Household:
    """Everything to store, unsaved: person_id is a position in ``people``, plan_id in ``plans``."""

    now: datetime
    since: datetime  # the first moment of history
    people: list[Person]
    events: list[ContactEvent]
    plans: list[CallPlan]
    occurrences: list[Occurrence]
    check_ins: list[CheckIn]


@dataclass(frozen=True, slots=True)
class _Life:
    """When someone was part of life, and how often they were in touch."""

    start: datetime
    end: datetime
    every: float  # days between contacts, on average, before scaling
    seed: int


def circle_counts(count: int) -> dict[Circle, int]:
    """How many people each circle has, ``count`` in all, with at least one group."""
    counts = {circle: round(style.share * count) for circle, style in _STYLES.items()}
    counts[Circle.GROUP] = max(1, counts[Circle.GROUP])
    counts[Circle.OTHER] = count - sum(n for c, n in counts.items() if c is not Circle.OTHER)
    if counts[Circle.OTHER] < 0:
        raise ValueError(f"too few people for every circle: {count}")
    return counts


def _new_name(rng: random.Random, used: set[str]) -> str:
    """A name nobody has yet: a first and last name, with a middle initial once those run out.

    Redrawing alone never ends once every pair is taken (past about 850 people), so after a
    few tries the drawn pair takes the first free initial. Below that, the draws are the
    same as they always were, so the 200-person household is unchanged.
    """
    for attempt in range(_PLAIN_NAME_TRIES + NAME_PAIRS * 4):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        name = f"{first} {last}"
        if name not in used:
            return name
        if attempt >= _PLAIN_NAME_TRIES:
            for initial in _INITIALS:
                name = f"{first} {initial}. {last}"
                if name not in used:
                    return name
    raise ValueError(f"no names left for {len(used) + 1} people")


def _person(circle: Circle, index: int, rng: random.Random, used: set[str]) -> Person:
    if circle is Circle.GROUP:
        name = _GROUPS[index % len(_GROUPS)]
        if index >= len(_GROUPS):
            name += f" {index // len(_GROUPS) + 1}"
    else:
        name = _new_name(rng, used)
    used.add(name)
    first = name.split()[0]
    digits = f"+4477009{rng.randrange(10**5):05d}"
    links: list[CallLink] = []
    if circle is Circle.GROUP:
        url = f"https://zoom.us/j/9{rng.randrange(10**9):09d}"
        links.append(CallLink(None, None, f"{name} on Zoom", url, "zoom", is_default=True))
    elif circle is not Circle.OTHER or rng.random() < 0.5:
        links.append(CallLink(None, None, f"{first}'s phone", f"tel:{digits}", "phone", True))
        if circle in (Circle.FAMILY, Circle.CLOSE_FRIEND) and rng.random() < 0.6:
            url = f"https://wa.me/{digits[1:]}"
            links.append(CallLink(None, None, f"{first} on WhatsApp", url, "whatsapp"))
    return Person(
        id=None,
        name=name,
        relationship=rng.choice(_STYLES[circle].relationships),
        circle=circle,
        rhythm=DEFAULT_RHYTHMS[circle],
        is_group=circle is Circle.GROUP,
        links=tuple(links),
    )


def _away_spells(since: datetime, now: datetime, rng: random.Random) -> list[Spell]:
    """Holidays and hospital stays: a week or three, once or twice a year, nobody visits."""
    spells = []
    moment = since + timedelta(days=rng.uniform(30, 200))
    while moment < now - timedelta(days=60):
        spells.append((moment, moment + timedelta(days=rng.uniform(5, 21))))
        moment += timedelta(days=rng.uniform(120, 330))
    return spells


def _is_away(moment: datetime, starts: list[datetime], spells: list[Spell]) -> bool:
    index = bisect.bisect_right(starts, moment) - 1
    return index >= 0 and moment < spells[index][1]


def _at(day: datetime, kind: ContactKind, rng: random.Random) -> datetime:
    low, high = _HOURS[kind]
    return day.replace(hour=rng.randint(low, high), minute=rng.randrange(0, 60, 5), second=0)


def _event(
    person: int, kind: ContactKind, when: datetime, rng: random.Random, *, by_hand: bool = False
) -> ContactEvent:
    minutes = _MINUTES.get(kind)
    source_roll = rng.random()
    note = rng.choice(_NOTES) if rng.random() < 0.05 else ""
    if by_hand or kind in (V, M):
        source = ContactSource.BY_HAND
    elif source_roll < 0.6:
        source = ContactSource.CALL_BUTTON
    elif source_roll < 0.75:
        source = ContactSource.REMINDER
    else:
        source = ContactSource.BY_HAND
    return ContactEvent(
        id=None,
        person_id=person,
        kind=kind,
        happened_at=when,
        source=source,
        duration_minutes=None if minutes is None else rng.randint(*minutes),
        note=note,
    )


def _walk(
    index: int,
    circle: Circle,
    life: _Life,
    scale: float,
    away: list[Spell],
    now: datetime,
) -> list[ContactEvent]:
    """Irregular gaps: mostly near the usual one, sometimes a quiet spell, sometimes two a day.

    Every step draws the same numbers whatever ``scale`` is, so the count scales as 1/scale.
    """
    rng = random.Random(life.seed)
    kinds = [kind for kind, _ in _STYLES[circle].kinds]
    weights = [weight for _, weight in _STYLES[circle].kinds]
    starts = [spell[0] for spell in away]
    every = life.every * scale
    moment = life.start + timedelta(days=rng.uniform(0, every))
    events = []
    while moment < life.end:
        kind = rng.choices(kinds, weights)[0]
        when = _at(moment, kind, rng)
        event = _event(index, kind, when, rng)
        stays_home = rng.random() < 0.6
        home = not _is_away(when, starts, away) or (kind not in IN_PERSON and not stays_home)
        if life.start <= when < now and home:
            events.append(event)
        gap = rng.gammavariate(1.5, 1 / 1.5)
        quiet = rng.uniform(3, 8)
        if rng.random() < 0.03:
            gap += quiet
        moment += timedelta(days=every * gap)
    return events


def _group_history(
    index: int, life: _Life, away: list[Spell], now: datetime
) -> tuple[list[ContactEvent], str, wall_time]:
    """A group meets on one weekday, weekly or fortnightly; they go most weeks, and chat."""
    rng = random.Random(life.seed)
    weekday = rng.randrange(6)  # Monday to Saturday
    hour = wall_time(rng.randint(10, 14), rng.choice((0, 30)))
    interval = 1 if rng.random() < 0.7 else 2
    goes = rng.uniform(0.55, 0.9)
    starts = [spell[0] for spell in away]
    day = life.start + timedelta(days=(weekday - life.start.weekday()) % 7)
    day = day.replace(hour=hour.hour, minute=hour.minute, second=0, microsecond=0)
    events = []
    while day < life.end:
        went = rng.random() < goes
        chat = rng.random() < 0.15
        event = _event(index, G, day, rng, by_hand=True)
        if went and life.start <= day < now and not _is_away(day, starts, away):
            events.append(event)
        message = _event(index, M, _at(day - DAY, M, rng), rng)
        if chat and life.start <= message.happened_at < now:
            events.append(message)
        day += interval * WEEK
    rule = f"FREQ=WEEKLY;BYDAY={_WEEKDAYS[weekday]}"
    return events, rule, hour


def _lives(people: list[Person], since: datetime, now: datetime, rng: random.Random) -> list[_Life]:
    """A quarter came into life later; one in twenty left it (moved, died) and is archived."""
    span = (now - since).days
    lives = []
    for person in people:
        start = since
        if rng.random() < 0.25 and span > 120:
            start = since + timedelta(days=rng.uniform(0, span - 60))
        end = now
        if rng.random() < 0.05 and (now - start).days > 400:
            end = start + timedelta(days=rng.uniform(180, (now - start).days - 60))
        every = _STYLES[person.circle].every_days * rng.lognormvariate(0, 0.45)
        lives.append(_Life(start, end, every, rng.randrange(2**32)))
    return lives


def _plans(
    people: list[Person],
    lives: list[_Life],
    group_rules: dict[int, tuple[str, wall_time]],
    now: datetime,
    rng: random.Random,
) -> list[CallPlan]:
    """Calls planned with most family, a few close friends, and five groups (on Zoom too)."""
    plans = []
    chosen = [i for i, p in enumerate(people) if p.circle is Circle.FAMILY][:10]
    chosen += [i for i, p in enumerate(people) if p.circle is Circle.CLOSE_FRIEND][:3]
    for number, index in enumerate(chosen):
        rule, at, zone = _FAMILY_RULES[number % len(_FAMILY_RULES)]
        plans.append((index, rule, at, zone))
    joined = list(group_rules.items())[:5]
    plans += [(index, rule, at, "Europe/London") for index, (rule, at) in joined]
    result = []
    for index, rule, at, zone in plans:
        life = lives[index]
        span = max((life.end - life.start).days - 30, 1)
        starts = (life.start + timedelta(days=rng.uniform(0, min(span, 3 * 365)))).date()
        ended = life.end < now  # someone who left: the plan stopped then
        result.append(
            CallPlan(
                id=None,
                person_id=index,
                link_id=None,
                schedule=read_schedule(
                    rule,
                    time_of_day=at,
                    zone=zone,
                    starts_on=starts,
                    ends_on=life.end.date() if ended else None,
                ),
                active=not ended,
            )
        )
    return result


def _occurrences(plans: list[CallPlan], now: datetime, rng: random.Random) -> list[Occurrence]:
    """Each planned call until now, settled: most joined, some missed or skipped."""
    result = []
    for number, plan in enumerate(plans):
        start = datetime.combine(plan.schedule.starts_on, wall_time(), UTC)
        for due in occurrences_between(recurrence_of(plan), start, now - timedelta(hours=1)):
            roll = rng.random()
            outcome = Outcome.JOINED if roll < 0.82 else Outcome.MISSED
            if roll >= 0.92:
                outcome = Outcome.SKIPPED
            talked = True if outcome is Outcome.JOINED else None
            reminded = due - plan.reminder_lead
            result.append(Occurrence(None, number, due, outcome, talked, None, reminded))
    return sorted(result, key=lambda occurrence: occurrence.due_at)


def _check_ins(since: datetime, now: datetime, rng: random.Random) -> list[CheckIn]:
    """UCLA-3 about monthly, now and then with a skipped question; LSNS-6 twice a year."""
    result = []
    moment = since + timedelta(days=rng.uniform(1, 20))
    while moment < now:
        answers: tuple[int | None, ...] = tuple(rng.choice((1, 1, 1, 2, 2, 3)) for _ in range(3))
        if rng.random() < 0.05:
            answers = (answers[0], None, answers[2])
        result.append(CheckIn(None, Scale.UCLA3, answers, moment))
        moment += timedelta(days=max(10.0, rng.gauss(30, 8)))
    moment = since + timedelta(days=rng.uniform(1, 10))
    while moment < now:
        lsns = tuple(rng.randint(1, 4) for _ in range(6))
        result.append(CheckIn(None, Scale.LSNS6, lsns, moment))
        moment += timedelta(days=rng.gauss(182, 20))
    return sorted(result, key=lambda checkin: checkin.taken_at)


def make_household(
    *,
    now: datetime,
    people: int = PEOPLE,
    years: int = YEARS,
    events: int = TARGET_EVENTS,
    seed: int = SEED,
) -> Household:
    """``people`` in every circle with ``years`` of contact, about ``events`` events in all.

    Deterministic for a seed and ``now``: the same household, event for event.
    """
    rng = random.Random(seed)
    since = now - timedelta(days=round(365.25 * years))
    counts = circle_counts(people)
    used: set[str] = set()
    everyone = [_person(c, i, rng, used) for c, n in counts.items() for i in range(n)]
    lives = _lives(everyone, since, now, rng)
    away = _away_spells(since, now, rng)
    everyone = [
        replace(person, archived_at=life.end + timedelta(days=20)) if life.end < now else person
        for person, life in zip(everyone, lives, strict=True)
    ]

    group_events: list[ContactEvent] = []
    group_rules: dict[int, tuple[str, wall_time]] = {}
    walkers = []
    for index, (person, life) in enumerate(zip(everyone, lives, strict=True)):
        if person.is_group:
            found, rule, at = _group_history(index, life, away, now)
            group_events += found
            group_rules[index] = (rule, at)
        else:
            walkers.append((index, person.circle, life))

    # Scale the usual gaps so the whole history comes to about ``events``: every walk draws
    # the same numbers at any scale, so one counting pass at scale 1 says what scale to use.
    unscaled = sum(len(_walk(i, c, life, 1.0, away, now)) for i, c, life in walkers)
    scale = unscaled / max(events - len(group_events), 1)
    history = list(group_events)
    for index, circle, life in walkers:
        history += _walk(index, circle, life, scale, away, now)
    history.sort(key=lambda event: event.happened_at)

    plans = _plans(everyone, lives, group_rules, now, rng)
    return Household(
        now=now,
        since=since,
        people=everyone,
        events=history,
        plans=plans,
        occurrences=_occurrences(plans, now, rng),
        check_ins=_check_ins(since, now, rng),
    )


def recent(household: Household, *, days: int = SMALL_DAYS) -> Household:
    """The same people and plans with only the last ``days`` of history."""
    cutoff = household.now - timedelta(days=days)
    plans = []
    for plan in household.plans:
        recurrence = recurrence_of(plan)
        first = next_occurrence(recurrence, cutoff - timedelta(seconds=1))
        if first is not None:
            # Begun on its first call since the cutoff: the same rhythm, no earlier history.
            local = first.astimezone(recurrence.tz).date()
            starts_on = max(recurrence.starts_on, local)
            plan = replace(plan, schedule=replace(recurrence, starts_on=starts_on))
        plans.append(plan)
    return Household(
        now=household.now,
        since=cutoff,
        people=household.people,
        events=[event for event in household.events if event.happened_at >= cutoff],
        plans=plans,
        occurrences=[o for o in household.occurrences if o.due_at >= cutoff],
        check_ins=[c for c in household.check_ins if c.taken_at >= cutoff],
    )


def fill(store: Stores, household: Household) -> None:
    """Write the household into an empty store, in bulk."""
    from sqlalchemy import insert

    from lonely_bridge.domain.checkins import score
    from lonely_bridge.storage.db import make_session_factory
    from lonely_bridge.storage.models import CheckInRow, ContactEventRow, PlanOccurrenceRow

    now = household.now
    saved = store.people.add_people(household.people, now=household.since)
    ids = [person.id for person in saved if person.id is not None]
    sessions = make_session_factory(store.database.engine)
    # A million ORM objects would take minutes and gigabytes; rows as plain values go in
    # through one prepared statement, in batches.
    for start in range(0, len(household.events), _EVENTS_PER_BATCH):
        batch = household.events[start : start + _EVENTS_PER_BATCH]
        with sessions.begin() as session:
            session.execute(
                insert(ContactEventRow),
                [
                    {
                        "person_id": ids[event.person_id],
                        "kind": event.kind.value,
                        "happened_at": event.happened_at,
                        "duration_minutes": event.duration_minutes,
                        "source": event.source.value,
                        "note": event.note,
                        "created_at": now,
                    }
                    for event in batch
                ],
            )
    plan_ids = []
    for plan in household.plans:
        person = saved[plan.person_id]
        assert person.id is not None
        link = person.default_link
        stored = replace(plan, person_id=person.id, link_id=None if link is None else link.id)
        plan_ids.append(store.plans.add_plan(stored, now=household.since).id)
    # The store saves planned-call records and check-ins one at a time, each its own
    # transaction; thousands of those take minutes, so they go in together here.
    with sessions.begin() as session:
        session.add_all(
            PlanOccurrenceRow(
                plan_id=plan_ids[o.plan_id],
                due_at=o.due_at,
                outcome=None if o.outcome is None else o.outcome.value,
                talked=o.talked,
                reminded_at=o.reminded_at,
                recorded_at=o.due_at + timedelta(minutes=40),
            )
            for o in household.occurrences
        )
        session.add_all(
            CheckInRow(
                scale=c.scale.value,
                answers_json=json.dumps(list(c.answers)),
                score=score(c),
                taken_at=c.taken_at,
            )
            for c in household.check_ins
        )
    from lonely_bridge.domain.settings import OWNER_NAME
    from lonely_bridge.services.settings import write

    write(store.settings, OWNER_NAME, "Margaret", now=now)


def describe(household: Household) -> str:
    """The shape of the data in a line or two."""
    circles = Counter(person.circle for person in household.people)
    kinds = Counter(event.kind for event in household.events)
    archived = sum(1 for person in household.people if person.archived_at is not None)
    first = household.events[0].happened_at if household.events else household.since
    return (
        f"{len(household.people)} people ("
        + ", ".join(f"{n} {c.value.replace('_', ' ')}" for c, n in circles.items())
        + f"; {archived} archived), {len(household.events):,} contact events "
        f"{first:%Y-%m-%d} to {household.now:%Y-%m-%d} ("
        + ", ".join(f"{n:,} {k.value.replace('_', ' ')}" for k, n in kinds.most_common())
        + f"), {len(household.plans)} plans, {len(household.occurrences):,} planned calls "
        f"settled, {len(household.check_ins)} check-ins"
    )


# Measuring ---------------------------------------------------------------------------------
def build_store(folder: Path, household: Household, clock: FixedClock) -> Stores:
    """A data folder as the app leaves it: created, filled, closed, and opened again."""
    from lonely_bridge.app.compose import open_store
    from lonely_bridge.ui.messages import Messenger

    messenger = Messenger(windows=False)
    store = open_store(folder, clock, messenger=messenger, demo=False)
    try:
        fill(store, household)
    finally:
        store.close()
    return open_store(folder, clock, messenger=messenger, demo=False)


def time_insight(store: Stores, clock: FixedClock) -> float:
    """Seconds for the insight from the database, by a new service (nothing kept from before)."""
    from lonely_bridge.app.compose import Edges, ServiceFactory

    started = time.perf_counter()
    ServiceFactory(store, Edges(clock), store.database.path.parent).insight().current()
    return time.perf_counter() - started


MY_WEEK_PAGE = 3  # its place in the navigation


def open_my_week(store: Stores, clock: FixedClock, folder: Path) -> tuple[MainWindow, MyWeekPage]:
    """The real main window, shown on My week."""
    from lonely_bridge.app.compose import Composition, Edges, build_services
    from lonely_bridge.ui.messages import Messenger
    from lonely_bridge.ui.pages.my_week import MyWeekPage

    edges = Edges(clock)
    services = build_services(store, edges, folder)
    window = Composition(services, folder, edges, Messenger(windows=False)).window
    window.showMaximized()
    window.show_page(MY_WEEK_PAGE)
    page = window.findChild(MyWeekPage)
    assert isinstance(page, MyWeekPage)
    return window, page


def settle(app: QApplication) -> None:
    """Handle what is waiting: layout, painting, and the widgets refresh() let go."""
    from PySide6.QtCore import QEvent

    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def time_my_week(app: QApplication, page: MyWeekPage) -> float:
    """Seconds for My week to re-read the database and be laid out and painted again."""
    painted: list[bool] = []

    def on_painted() -> None:
        painted.append(True)

    page.painted.connect(on_painted)
    try:
        started = time.perf_counter()
        page.refresh()
        settle(app)
        elapsed = time.perf_counter() - started
    finally:
        page.painted.disconnect(on_painted)
    if not painted:
        raise SystemExit("My week was not painted after its refresh; is the window shown?")
    return elapsed


def profile(label: str, work: Callable[[], object], top: int = 15) -> None:
    """Print where ``work`` spends its time, the costliest calls first."""
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    print(f"\nprofile: {label}")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)


def verdict(
    name: str, limit_ms: float, big: Sequence[float], small: Sequence[float], *, years: int
) -> tuple[str, list[str]]:
    """One result line, and the targets it misses."""
    big_ms, small_ms = statistics.median(big) * 1000, statistics.median(small) * 1000
    ratio = big_ms / small_ms
    line = (
        f"{name:9} {years} years {big_ms:7.1f} ms   one month {small_ms:7.1f} ms"
        f"   ratio {ratio:5.2f}"
    )
    missed = []
    if big_ms > limit_ms:
        missed.append(f"{name} {big_ms:.1f} ms > {limit_ms:.0f} ms")
    if ratio > RATIO_LIMIT:
        missed.append(f"{name} {ratio:.2f}x > {RATIO_LIMIT:.0f}x one month")
    return line, missed


def build_both(folders: Sequence[Path], clock: FixedClock, seed: int, size: Size) -> list[Stores]:
    """Both data folders, opened: the years of history, then its last month; shapes printed.

    The generated records are let go on return: the app never holds them all in memory, and
    100,000 live objects would slow every garbage collection during the timed runs.
    """
    started = time.perf_counter()
    big = make_household(
        now=clock.now(), people=size.people, years=size.years, events=size.events, seed=seed
    )
    small = recent(big)
    generated = time.perf_counter() - started
    stores = []
    for folder, household in zip(folders, (big, small), strict=True):
        stores.append(build_store(folder, household, clock))
    built = time.perf_counter() - started - generated
    print(f"{size.years} years:  {describe(big)}")
    print(f"one month: {describe(small)}")
    print(f"generated in {generated:.1f} s, both databases written in {built:.1f} s")
    return stores


def measure(
    app: QApplication, clock: FixedClock, size: Size, *, runs: int, seed: int, show_profile: bool
) -> list[str]:
    """Build, time and (if asked) profile one size; returns the targets it misses."""
    from lonely_bridge.app.compose import Edges, ServiceFactory
    from lonely_bridge.wording.insight import level_words

    print(f"\n== {size.label} ==")
    folders = [Path(tempfile.mkdtemp(prefix="lonely-bridge-bench-")) for _ in range(2)]
    stores: list[Stores] = []
    windows: list[MainWindow] = []
    missed: list[str] = []
    try:
        stores += build_both(folders, clock, seed, size)
        gc.collect()
        pages = []
        for folder, store in zip(folders, stores, strict=True):
            window, page = open_my_week(store, clock, folder)
            windows.append(window)
            pages.append(page)
        settle(app)
        insight: list[list[float]] = [[], []]
        my_week: list[list[float]] = [[], []]
        for which in (0, 1):  # untimed: loads SQLAlchemy and fills the caches once
            time_insight(stores[which], clock)
            time_my_week(app, pages[which])
        shown = [
            level_words(
                ServiceFactory(store, Edges(clock), store.database.path.parent)
                .insight()
                .current()
                .level
            )
            for store in stores
        ]
        print(f'the insight: {size.years} years "{shown[0]}", one month "{shown[1]}"')
        for _ in range(runs):
            # Interleaved, so a busy moment on the machine hurts both sides alike.
            for which in (0, 1):
                insight[which].append(time_insight(stores[which], clock))
            for which in (0, 1):
                my_week[which].append(time_my_week(app, pages[which]))

        print(f"runs: {runs} each, medians")
        lines = []
        for name, limit, times in (
            ("insight", INSIGHT_LIMIT_MS, insight),
            ("My week", MY_WEEK_LIMIT_MS, my_week),
        ):
            line, misses = verdict(name, limit, times[0], times[1], years=size.years)
            lines.append(line)
            missed += [f"{size.label}: {miss}" for miss in misses]
        print("\n".join(lines))
        if show_profile:
            profile(f"insight, {size.label}", lambda: time_insight(stores[0], clock))
            profile(f"My week, {size.label}", lambda: time_my_week(app, pages[0]))
    finally:
        for window in windows:
            window.close()
            window.deleteLater()
        settle(app)
        for store in stores:
            store.close()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--people", choices=sorted(SIZES), action="append", help="one size only (default: all)"
    )
    parser.add_argument("--profile", action="store_true", help="show where the time goes")
    args = parser.parse_args()
    # Off-screen by default so it runs anywhere; set QT_QPA_PLATFORM=xcb to measure on a screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from fixed_clock import FixedClock
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    # Whole minutes, so the data's "now" and the clock the app reads agree exactly.
    clock = FixedClock(datetime.now(UTC).replace(second=0, microsecond=0))
    missed: list[str] = []
    for key in args.people or list(SIZES):
        missed += measure(
            app, clock, SIZES[key], runs=args.runs, seed=args.seed, show_profile=args.profile
        )
    print(
        f"\ntargets: insight <= {INSIGHT_LIMIT_MS:.0f} ms, My week <= {MY_WEEK_LIMIT_MS:.0f} ms,"
        f" each <= {RATIO_LIMIT:.0f}x one month: "
        + ("met" if not missed else "NOT met (" + "; ".join(missed) + ")")
    )
    if missed and not args.profile:
        print("run bench/insight_scale.py --profile to see where the time goes")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
