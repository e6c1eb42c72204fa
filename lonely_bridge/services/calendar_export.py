"""Call plans as an RFC 5545 iCalendar file, so families see the same calls in their calendars."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur

from lonely_bridge.domain.errors import LinkRefused
from lonely_bridge.domain.links import CallService, parse_call_link
from lonely_bridge.domain.people import CallLink, Person
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.recurrence import Recurrence, next_occurrence
from lonely_bridge.domain.reminders import recurrence_of
from lonely_bridge.wording.calendar import event_title, join_line
from lonely_bridge.wording.links import explain_refusal, service_name

DEFAULT_PRODUCT_ID = "-//Lonely Bridge//Calls//EN"
DEFAULT_FILE_NAME = "lonely-bridge-calls.ics"

# Plans have no length of their own; half an hour shows as a clear block in a calendar
# without claiming the whole afternoon.
CALL_LENGTH = timedelta(minutes=30)

# A VTIMEZONE made from the tz database lists each clock change as a date, so it only
# covers a chosen span. Calendars that trust the file's VTIMEZONE over their own copy of
# the tz database would keep the last offset after the span, so an open-ended plan's zone
# is written this many years past the later of now and its first call.
ZONE_RULE_YEARS = 30

# Long enough to keep a full name recognisable, short enough for every file system.
_MAX_NAME_CHARACTERS = 40

_SERVICE_VALUES = frozenset(service.value for service in CallService)


@dataclass(frozen=True, slots=True)
class LeftOutLink:
    """A saved link that fails the check Call makes, so the calendar does not carry it."""

    person_name: str
    url: str
    refusal: LinkRefused

    @property
    def reason(self) -> str:
        """Why, in plain words."""
        return explain_refusal(self.refusal)


@dataclass(frozen=True, slots=True)
class CalendarExport:
    """The iCalendar file, and the links left out of it (each named once)."""

    content: bytes
    left_out: tuple[LeftOutLink, ...] = ()


def export_calendar(
    plans: Sequence[tuple[CallPlan, Person, CallLink | None]],
    *,
    now: datetime,
    trusted_jitsi_hosts: frozenset[str] = frozenset(),
) -> CalendarExport:
    """``calendar_for_plans`` with every link checked again, as Call checks it before opening.

    A link saved by an older, laxer version, edited by hand, or to a Jitsi server that is not
    confirmed is left out of its event (which keeps its times) and named in ``left_out``; a
    link that passes goes in its cleaned form.
    """
    rows: list[tuple[CallPlan, Person, CallLink | None]] = []
    refused: dict[int | None, LeftOutLink] = {}  # by plan id
    for plan, person, link in plans:
        checked = link
        if link is not None:
            try:
                parsed = parse_call_link(link.url, trusted_jitsi_hosts=trusted_jitsi_hosts)
            except LinkRefused as refusal:
                checked = None
                refused[plan.id] = LeftOutLink(person.name, link.url, refusal)
            else:
                checked = replace(link, url=parsed.url, service=parsed.service.value)
        rows.append((plan, person, checked))
    content, exported = _calendar(rows, product_id=DEFAULT_PRODUCT_ID, now=now)
    # Only plans in the file, and each link once however many plans use it.
    left_out = {
        (left.person_name, left.url): left
        for plan_id, left in refused.items()
        if plan_id in exported
    }
    return CalendarExport(content, tuple(left_out.values()))


@dataclass(frozen=True, slots=True)
class _ExportedPlan:
    zone: str
    start: datetime  # the chosen wall time of the first call, in the plan's zone
    last_zone_year: int  # the VTIMEZONE must reach 1 January of this year


def calendar_for_plans(
    plans: Sequence[tuple[CallPlan, Person, CallLink | None]],
    *,
    product_id: str = DEFAULT_PRODUCT_ID,
    now: datetime,
) -> bytes:
    """An iCalendar file (UTF-8, CRLF line ends) with one repeating event per active plan.

    Each event starts at the plan's first call on or after ``starts_on``, at the chosen
    wall-clock time with the plan's TZID, and repeats by the plan's RRULE (UNTIL in UTC
    when the plan has an end date). RFC 5545 reads a skipped local time with the offset
    before the gap (so it moves forward by the gap) and a repeated one as the first, which
    is the app's own daylight-saving rule, so calendars show the calls when the app rings.

    Inactive plans and plans with no call left between their start and end dates are left
    out. Raises ValueError for a naive ``now``, an unsaved plan, the same plan twice, a
    plan paired with someone else, or a plan whose rule or zone cannot be read.
    """
    return _calendar(plans, product_id=product_id, now=now)[0]


def _calendar(
    plans: Sequence[tuple[CallPlan, Person, CallLink | None]], *, product_id: str, now: datetime
) -> tuple[bytes, frozenset[int]]:
    """The file, and the ids of the plans it holds."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    calendar = Calendar()
    calendar.add("PRODID", product_id)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")

    stamp = now.astimezone(UTC)
    seen_ids: set[int] = set()
    exported: list[_ExportedPlan] = []
    exported_ids: set[int] = set()
    for plan, person, link in plans:
        if not plan.active:
            continue
        plan_id = _checked_id(plan, person, seen_ids)
        made = _event_for(plan, plan_id, person, link, stamp)
        if made is not None:
            event, details = made
            calendar.add_component(event)
            exported.append(details)
            exported_ids.add(plan_id)

    # VTIMEZONEs go first so that readers meet each TZID's definition before its use, and
    # in a fixed order so that the same plans always give the same file. icalendar writes
    # times in the zone named exactly "UTC" with RFC 5545's "Z" form, which needs none.
    zones = sorted({details.zone for details in exported} - {"UTC"})
    for position, zone in enumerate(zones):
        in_zone = [details for details in exported if details.zone == zone]
        first_year = min(details.start.year for details in in_zone)
        last_year = max(details.last_zone_year for details in in_zone)
        timezone = Timezone.from_tzid(
            zone, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1)
        )
        calendar.subcomponents.insert(position, timezone)
    # icalendar leaves to_ical() unannotated; it returns UTF-8 bytes with CRLF line ends.
    content: bytes = calendar.to_ical()
    return content, frozenset(exported_ids)


def calendar_file_name(person_name: str | None) -> str:
    """A safe default file name: ``calls-with-anna.ics``, or ``lonely-bridge-calls.ics``.

    Accents are dropped ("Zoë" gives "zoe") so the name survives old file systems and mail;
    letters of other scripts are kept, and anything else becomes a single dash.
    """
    if person_name is None:
        return DEFAULT_FILE_NAME
    decomposed = unicodedata.normalize("NFKD", person_name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[\W_]+", "-", letters.casefold()).strip("-")
    slug = slug[:_MAX_NAME_CHARACTERS].rstrip("-")
    if not slug:
        return DEFAULT_FILE_NAME
    return f"calls-with-{slug}.ics"


def _checked_id(plan: CallPlan, person: Person, seen_ids: set[int]) -> int:
    if plan.id is None:
        raise ValueError("only saved plans can be exported: the event UID needs the plan's id")
    if person.id is not None and person.id != plan.person_id:
        raise ValueError(f"plan {plan.id} is for person {plan.person_id}, not {person.id}")
    # A second event with the same UID would read as a change to the first one.
    if plan.id in seen_ids:
        raise ValueError(f"plan {plan.id} appears twice")
    seen_ids.add(plan.id)
    return plan.id


def _event_for(
    plan: CallPlan, plan_id: int, person: Person, link: CallLink | None, stamp: datetime
) -> tuple[Event, _ExportedPlan] | None:
    rec = recurrence_of(plan)  # ValueError, saying why, for a schedule it cannot read
    start = _first_wall_time(rec)
    if start is None:
        return None

    event = Event()
    event.add("UID", f"plan-{plan_id}@lonely-bridge.local")
    event.add("DTSTAMP", stamp)
    event.add("SUMMARY", _summary(person))
    if rec.zone == "UTC":
        # RFC 5545's own UTC form ("Z"), which needs no VTIMEZONE; icalendar before 7 writes
        # a naive time with TZID=UTC as it is, naming a zone the file does not define.
        event.add("DTSTART", start)
    else:
        # The plan's own zone name goes in TZID as it is: left to itself icalendar would write
        # a zone it thinks equals UTC today (Atlantic/Reykjavik, Africa/Accra) as a UTC time.
        event.add("DTSTART", start.replace(tzinfo=None), parameters={"TZID": rec.zone})
    event.add("DURATION", CALL_LENGTH)
    # The RRULE text is written here, where a calendar file needs it, and only here.
    rule = vRecur.from_ical(rec.to_rrule())
    if rec.ends_on is not None:
        rule["UNTIL"] = [_until(rec.ends_on, rec.tz)]
    event.add("RRULE", rule)
    if link is not None:
        event.add("DESCRIPTION", _link_line(link))
        event.add("URL", link.url)
        service = _service_name(link)
        if service:
            event.add("LOCATION", service)

    if rec.ends_on is not None:
        last_zone_year = rec.ends_on.year + 1
    else:
        last_zone_year = max(start.year, stamp.year) + ZONE_RULE_YEARS
    return event, _ExportedPlan(rec.zone, start, last_zone_year)


def _first_wall_time(rec: Recurrence) -> datetime | None:
    """The chosen wall time of the plan's first call, with the zone attached; None if none.

    The app's first call may have been moved forward past a gap (even onto the next date),
    so the planned date is found again as the one whose chosen time lands on that instant.
    DTSTART carries the chosen time, not the moved one, so that RFC 5545 moves it the same
    way and the following calls stay at the chosen time.
    """
    tz = rec.tz
    # The app never has a call before starts_on, and two days covers every UTC offset.
    before_start = datetime.combine(rec.starts_on - timedelta(days=2), time.min, tzinfo=UTC)
    first = next_occurrence(rec, before_start)
    if first is None:
        return None
    moved_to = first.astimezone(tz).date()
    # Earlier date first: when a whole day is skipped (Samoa, 2011) two dates land on the
    # same instant, and only the earlier one is a date the rule itself chose.
    for day in (moved_to - timedelta(days=1), moved_to):
        if day < rec.starts_on:
            continue
        planned = datetime.combine(day, rec.time_of_day, tzinfo=tz)  # fold=0, as the app
        if planned.astimezone(UTC) == first:
            return planned
    raise AssertionError(f"cannot find the planned date of the call at {first.isoformat()}")


def _until(ends_on: date, tz: ZoneInfo) -> datetime:
    """UNTIL for an inclusive end date: the last second of its local day, in UTC.

    RFC 5545 requires UTC here because DTSTART has a TZID; every call planned on the end
    date starts no later than 23:59, so it is kept.
    """
    return datetime.combine(ends_on, time(23, 59, 59), tzinfo=tz).astimezone(UTC)


def _summary(person: Person) -> str:
    name = person.name.strip()
    return event_title(name, group=person.is_group)


def _link_line(link: CallLink) -> str:
    phone = link.url.lower().startswith("tel:") or link.service == CallService.PHONE.value
    return join_line(link.url, phone=phone)


def _service_name(link: CallLink) -> str:
    if link.service in _SERVICE_VALUES:
        return service_name(link.service)
    # A service saved by a newer version is still more helpful than nothing.
    return link.service.strip()
