"""Row <-> record mapping, one function per record, for the ORM and for plain sqlite3 alike.

Each reader takes the row's columns by name: an ORM row through ``columns_of``, a sqlite3 row
as ``sqlite3.Row``. The column names are listed once here, so the fast reads and the ORM
cannot drift apart. This module imports no SQLAlchemy: the first paint uses it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from lonely_bridge.domain.calls import CallAttempt
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import CallLink, Circle, Person, Rhythm
from lonely_bridge.domain.plans import CallPlan, read_schedule
from lonely_bridge.domain.reminders import Occurrence, Outcome

if TYPE_CHECKING:
    # Check-ins, learning and sharing are read after the first paint; their modules load then.
    from lonely_bridge.domain.checkins import CheckIn
    from lonely_bridge.domain.learning import ConfidenceAnswer, Progress
    from lonely_bridge.domain.sharing import OutboxEntry, TrustedPerson


class Columns(Protocol):
    """A row's values by column name (``sqlite3.Row`` is one)."""

    def __getitem__(self, name: str) -> Any: ...


class _Attributes:
    def __init__(self, row: object) -> None:
        self._row = row

    def __getitem__(self, name: str) -> Any:
        return getattr(self._row, name)


def columns_of(row: object) -> Columns:
    """An ORM row seen as columns by name."""
    return _Attributes(row)


def stored(moment: datetime) -> str:
    """The text SQLAlchemy writes for an aware UTC datetime, so comparisons match."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def moment(value: datetime | str | None) -> datetime | None:
    """An aware UTC time from the ORM's value or from SQLite's naive ISO text."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _required_moment(value: datetime | str) -> datetime:
    found = moment(value)
    assert found is not None
    return found


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _time_of_day(value: time | str) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def _flag(value: bool | int | None) -> bool | None:
    return None if value is None else bool(value)


def select_list(columns: tuple[str, ...], table_alias: str = "") -> str:
    """The columns for a SELECT, in the order the readers below expect them."""
    prefix = f"{table_alias}." if table_alias else ""
    return ", ".join(prefix + name for name in columns)


PERSON_COLUMNS = (
    "id", "name", "relationship_label", "circle", "is_group", "notes", "photo_file",
    "archived_at", "ideal_interval_days", "too_long_interval_days",
)  # fmt: skip


def person(row: Columns, links: tuple[CallLink, ...]) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        relationship=row["relationship_label"],
        circle=Circle(row["circle"]),
        rhythm=Rhythm(
            ideal=timedelta(days=row["ideal_interval_days"]),
            too_long=timedelta(days=row["too_long_interval_days"]),
        ),
        is_group=bool(row["is_group"]),
        notes=row["notes"],
        photo_file=row["photo_file"],
        archived_at=moment(row["archived_at"]),
        links=links,
    )


LINK_COLUMNS = ("id", "person_id", "label", "url", "service", "is_default")


def link(row: Columns) -> CallLink:
    return CallLink(
        id=row["id"],
        person_id=row["person_id"],
        label=row["label"],
        url=row["url"],
        service=row["service"],
        is_default=bool(row["is_default"]),
    )


EVENT_COLUMNS = ("id", "person_id", "kind", "happened_at", "source", "duration_minutes", "note")


def event(row: Columns) -> ContactEvent:
    return ContactEvent(
        id=row["id"],
        person_id=row["person_id"],
        kind=ContactKind(row["kind"]),
        happened_at=_required_moment(row["happened_at"]),
        source=ContactSource(row["source"]),
        duration_minutes=row["duration_minutes"],
        note=row["note"],
    )


PLAN_COLUMNS = (
    "id", "person_id", "link_id", "rule", "time_of_day", "time_zone", "starts_on", "ends_on",
    "reminder_lead_minutes", "active",
)  # fmt: skip


def plan(row: Columns) -> CallPlan:
    """Raises TypeError or ValueError for values another program stored badly."""
    starts_on = _day(row["starts_on"])
    if starts_on is None:
        raise TypeError("a plan needs a first day")
    return CallPlan(
        id=row["id"],
        person_id=row["person_id"],
        link_id=row["link_id"],
        schedule=read_schedule(
            row["rule"],
            time_of_day=_time_of_day(row["time_of_day"]),
            zone=row["time_zone"],
            starts_on=starts_on,
            ends_on=_day(row["ends_on"]),
        ),
        reminder_lead=timedelta(minutes=row["reminder_lead_minutes"]),
        active=bool(row["active"]),
    )


OCCURRENCE_COLUMNS = (
    "id", "plan_id", "due_at", "outcome", "talked", "snoozed_until", "reminded_at",
)  # fmt: skip


def occurrence(row: Columns) -> Occurrence:
    return Occurrence(
        id=row["id"],
        plan_id=row["plan_id"],
        due_at=_required_moment(row["due_at"]),
        outcome=None if row["outcome"] is None else Outcome(row["outcome"]),
        talked=_flag(row["talked"]),
        snoozed_until=moment(row["snoozed_until"]),
        reminded_at=moment(row["reminded_at"]),
    )


ATTEMPT_COLUMNS = (
    "id", "person_id", "link_id", "service", "launched_at", "from_reminder", "talked",
    "asked_at", "event_id", "occurrence_id",
)  # fmt: skip


def attempt(row: Columns) -> CallAttempt:
    return CallAttempt(
        id=row["id"],
        person_id=row["person_id"],
        link_id=row["link_id"],
        service=row["service"],
        launched_at=_required_moment(row["launched_at"]),
        from_reminder=bool(row["from_reminder"]),
        talked=_flag(row["talked"]),
        asked_at=moment(row["asked_at"]),
        event_id=row["event_id"],
        occurrence_id=row["occurrence_id"],
    )


def check_in(row: Columns) -> CheckIn:
    from lonely_bridge.domain.checkins import CheckIn, Scale

    return CheckIn(
        row["id"],
        Scale(row["scale"]),
        tuple(json.loads(row["answers_json"])),
        _required_moment(row["taken_at"]),
    )


def progress(row: Columns) -> Progress:
    from lonely_bridge.domain.learning import Progress

    return Progress(
        tutorial_id=row["tutorial_id"],
        current_step=row["current_step"],
        started_at=_required_moment(row["started_at"]),
        updated_at=_required_moment(row["updated_at"]),
        completed_at=moment(row["completed_at"]),
    )


def confidence(row: Columns) -> ConfidenceAnswer:
    from lonely_bridge.domain.learning import Confidence, ConfidenceAnswer, Moment

    return ConfidenceAnswer(
        id=row["id"],
        tutorial_id=row["tutorial_id"],
        moment=Moment(row["moment"]),
        value=Confidence(row["value"]),
        asked_at=_required_moment(row["asked_at"]),
    )


def trusted_person(row: Columns) -> TrustedPerson:
    from lonely_bridge.domain.sharing import TrustedPerson, topics_from_json

    return TrustedPerson(
        id=row["id"],
        name=row["name"],
        email=row["email"],
        share_level_changes=bool(row["share_level_changes"]),
        share_weekly=bool(row["share_weekly"]),
        allowed=topics_from_json(json.loads(row["allowed_topics_json"])),
        created_at=moment(row["created_at"]),
    )


def outbox_entry(row: Columns) -> OutboxEntry:
    from lonely_bridge.domain.sharing import MailKind, OutboxEntry

    return OutboxEntry(
        id=row["id"],
        recipient_id=row["recipient_id"],
        to_name=row["to_name"],
        to_address=row["to_address"],
        kind=MailKind(row["kind"]),
        subject=row["subject"],
        body=row["body"],
        message_id=row["message_id"],
        created_at=_required_moment(row["created_at"]),
        next_attempt_at=_required_moment(row["next_attempt_at"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
        sent_at=moment(row["sent_at"]),
        sending_since=moment(row["sending_since"]),
    )
