"""A realistic demo household: six people, a group, call plans and a year of contact."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lonely_bridge.domain import settings
from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.recurrence import Frequency, Recurrence
from lonely_bridge.services.ports import Store
from lonely_bridge.services.settings import write

DEMO_SEED = 1944
HISTORY = timedelta(days=365)
OWNER_NAME = "Margaret"


@dataclass(frozen=True, slots=True)
class _Member:
    name: str
    relationship: str
    circle: Circle
    links: tuple[tuple[str, str, str], ...]  # (label, url, service)
    # Roughly how often they are in touch, and in what mix of kinds.
    every_days: float
    kinds: tuple[tuple[ContactKind, float], ...]
    # Days since the last contact, so the demo shows people in every state.
    quiet_days: int
    is_group: bool = False
    notes: str = ""


_HOUSEHOLD = (
    _Member(
        "Anna",
        "Daughter",
        Circle.FAMILY,
        (
            ("Anna on Zoom", "https://us02web.zoom.us/j/85512345678?pwd=Sunday", "zoom"),
            ("Anna's phone", "tel:+447700900123", "phone"),
        ),
        every_days=4,
        quiet_days=2,
        notes="Anna works Mondays.",
        kinds=(
            (ContactKind.VIDEO_CALL, 0.45),
            (ContactKind.PHONE_CALL, 0.3),
            (ContactKind.VISIT, 0.15),
            (ContactKind.MESSAGE, 0.1),
        ),
    ),
    _Member(
        "Tom",
        "Son",
        Circle.FAMILY,
        (("Tom on WhatsApp", "https://wa.me/447700900456", "whatsapp"),),
        every_days=9,
        quiet_days=12,
        kinds=((ContactKind.VIDEO_CALL, 0.5), (ContactKind.MESSAGE, 0.3), (ContactKind.VISIT, 0.2)),
    ),
    _Member(
        "Lily",
        "Granddaughter",
        Circle.FAMILY,
        (("Lily on FaceTime", "facetime:+12125550142", "facetime"),),
        every_days=12,
        quiet_days=6,
        notes="Lily lives in New York: five hours behind.",
        kinds=((ContactKind.VIDEO_CALL, 0.6), (ContactKind.MESSAGE, 0.4)),
    ),
    _Member(
        "Rose",
        "Best friend",
        Circle.CLOSE_FRIEND,
        (("Rose's phone", "tel:+441632960123", "phone"),),
        every_days=6,
        quiet_days=1,
        kinds=((ContactKind.PHONE_CALL, 0.5), (ContactKind.VISIT, 0.5)),
    ),
    _Member(
        "Harold",
        "Neighbour",
        Circle.NEIGHBOUR,
        (("Harold's phone", "tel:+441632960456", "phone"),),
        every_days=10,
        quiet_days=33,
        notes="Harold likes a chat over the fence.",
        kinds=((ContactKind.VISIT, 0.8), (ContactKind.PHONE_CALL, 0.2)),
    ),
    _Member(
        "Priya",
        "Friend from the choir",
        Circle.FRIEND,
        (("Priya on Jitsi", "https://meet.jit.si/PriyaAndMargaret", "jitsi"),),
        every_days=21,
        quiet_days=18,
        kinds=((ContactKind.VIDEO_CALL, 0.4), (ContactKind.VISIT, 0.3), (ContactKind.MESSAGE, 0.3)),
    ),
    _Member(
        "Thursday Book Club",
        "Group",
        Circle.GROUP,
        (("Book Club on Zoom", "https://zoom.us/j/93412345678?pwd=books", "zoom"),),
        every_days=7,
        quiet_days=5,
        is_group=True,
        notes="Meets at the library, or on Zoom when the weather is bad.",
        kinds=((ContactKind.GROUP_ACTIVITY, 1.0),),
    ),
)

# (member name, how often, weekdays (0 = Monday), which one in the month, local time, zone)
_PLANS: tuple[tuple[str, Frequency, int, tuple[int, ...], int | None, time, str], ...] = (
    ("Anna", Frequency.WEEKLY, 1, (6,), None, time(16, 0), "Europe/London"),
    ("Tom", Frequency.WEEKLY, 2, (2,), None, time(19, 0), "Europe/London"),
    ("Lily", Frequency.MONTHLY_NTH_WEEKDAY, 1, (5,), 1, time(11, 0), "America/New_York"),
    ("Thursday Book Club", Frequency.WEEKLY, 1, (3,), None, time(10, 30), "Europe/London"),
)

_CALL_MINUTES = {ContactKind.VIDEO_CALL: 35, ContactKind.PHONE_CALL: 15, ContactKind.VISIT: 90}


def _history(
    member: _Member, person_id: int, now: datetime, rng: random.Random
) -> list[ContactEvent]:
    events = []
    moment = now - timedelta(days=member.quiet_days)
    earliest = now - HISTORY
    kinds = [kind for kind, _ in member.kinds]
    weights = [weight for _, weight in member.kinds]
    while moment > earliest:
        kind = rng.choices(kinds, weights)[0]
        # Daytime contact, between 9 am and 7 pm UTC.
        when = moment.replace(hour=rng.randint(9, 18), minute=rng.choice((0, 15, 30, 45)))
        when = min(when, now - timedelta(minutes=5))
        events.append(
            ContactEvent(
                id=None,
                person_id=person_id,
                kind=kind,
                happened_at=when,
                source=ContactSource.DEMO,
                duration_minutes=_CALL_MINUTES.get(kind),
            )
        )
        moment -= timedelta(days=max(1.0, rng.gauss(member.every_days, member.every_days / 3)))
    return events


def build_demo_household(store: Store, clock: Clock) -> int:
    """Fill an empty store with the demo household; returns the number of contact events."""
    rng = random.Random(DEMO_SEED)
    now = clock.now()
    ids: dict[str, int] = {}
    link_ids: dict[str, int | None] = {}
    events: list[ContactEvent] = []
    for member in _HOUSEHOLD:
        person = store.add_person(
            Person(
                id=None,
                name=member.name,
                relationship=member.relationship,
                circle=member.circle,
                rhythm=DEFAULT_RHYTHMS[member.circle],
                is_group=member.is_group,
                notes=member.notes,
                links=tuple(
                    CallLink(None, None, label, url, service, is_default=(index == 0))
                    for index, (label, url, service) in enumerate(member.links)
                ),
            ),
            now=now - HISTORY,
        )
        assert person.id is not None
        ids[member.name] = person.id
        default = person.default_link
        link_ids[member.name] = default.id if default else None
        events += _history(member, person.id, now, rng)
    for name, frequency, interval, weekdays, nth, local_time, zone in _PLANS:
        schedule = Recurrence(
            frequency,
            interval=interval,
            weekdays=weekdays,
            nth=nth,
            time_of_day=local_time,
            zone=zone,
            starts_on=date(now.year - 1, now.month, 1),
        )
        store.add_plan(
            CallPlan(id=None, person_id=ids[name], link_id=link_ids[name], schedule=schedule),
            now=now - HISTORY,
        )
    write(store, settings.OWNER_NAME, OWNER_NAME, now=now)
    return store.add_events(events, now=now)
