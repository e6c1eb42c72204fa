"""The SQLite store: one transaction per call, domain records in and out, ORM rows kept inside."""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, Executable, delete, func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lonely_bridge.domain.calls import CallAttempt
from lonely_bridge.domain.checkins import CheckIn, Scale, score
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.errors import NotFound

if TYPE_CHECKING:
    from lonely_bridge.domain.insight import ContactSummary
from lonely_bridge.domain.learning import Confidence, ConfidenceAnswer, Moment, Progress
from lonely_bridge.domain.people import CallLink, Circle, Person, Rhythm
from lonely_bridge.domain.plans import CallPlan, read_schedule, stored_rule
from lonely_bridge.domain.reminders import Occurrence, Outcome
from lonely_bridge.domain.sharing import (
    SENDING_LEASE,
    MailKind,
    OutboxEntry,
    TrustedPerson,
    topics_from_json,
    topics_to_json,
)
from lonely_bridge.storage.models import (
    CallAttemptRow,
    CallLinkRow,
    CallPlanRow,
    CheckInRow,
    ConfidenceAnswerRow,
    ContactEventRow,
    OutboxRow,
    PersonRow,
    PlanOccurrenceRow,
    SettingRow,
    TrustedPersonRow,
    TutorialProgressRow,
)


def _fill_person_row(row: PersonRow, person: Person, now: datetime) -> None:
    row.name = person.name
    row.relationship_label = person.relationship
    row.circle = person.circle.value
    row.is_group = person.is_group
    row.photo_file = person.photo_file
    row.notes = person.notes
    row.ideal_interval_days = person.rhythm.ideal.days
    row.too_long_interval_days = person.rhythm.too_long.days
    row.archived_at = person.archived_at
    existing = {link.id: link for link in row.links} if row.id is not None else {}
    kept = []
    for link in person.links:
        link_row = existing.get(link.id) if link.id is not None else None
        if link_row is None:
            link_row = CallLinkRow(created_at=now)
        link_row.label = link.label
        link_row.url = link.url
        link_row.service = link.service
        link_row.is_default = link.is_default
        kept.append(link_row)
    # delete-orphan removes the links that are no longer listed.
    row.links = kept


def _link(row: CallLinkRow) -> CallLink:
    return CallLink(
        id=row.id,
        person_id=row.person_id,
        label=row.label,
        url=row.url,
        service=row.service,
        is_default=row.is_default,
    )


def _person(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        name=row.name,
        relationship=row.relationship_label,
        circle=Circle(row.circle),
        rhythm=Rhythm(
            ideal=timedelta(days=row.ideal_interval_days),
            too_long=timedelta(days=row.too_long_interval_days),
        ),
        is_group=row.is_group,
        notes=row.notes,
        photo_file=row.photo_file,
        archived_at=row.archived_at,
        links=tuple(_link(link) for link in row.links),
    )


def _event(row: ContactEventRow) -> ContactEvent:
    return ContactEvent(
        id=row.id,
        person_id=row.person_id,
        kind=ContactKind(row.kind),
        happened_at=row.happened_at,
        source=ContactSource(row.source),
        duration_minutes=row.duration_minutes,
        note=row.note,
    )


def _event_row(event: ContactEvent, now: datetime) -> ContactEventRow:
    return ContactEventRow(
        person_id=event.person_id,
        kind=event.kind.value,
        happened_at=event.happened_at,
        duration_minutes=event.duration_minutes,
        source=event.source.value,
        note=event.note,
        created_at=now,
    )


def _attempt(row: CallAttemptRow) -> CallAttempt:
    return CallAttempt(
        id=row.id,
        person_id=row.person_id,
        link_id=row.link_id,
        service=row.service,
        launched_at=row.launched_at,
        from_reminder=row.from_reminder,
        talked=row.talked,
        asked_at=row.asked_at,
        event_id=row.event_id,
        occurrence_id=row.occurrence_id,
    )


def _occurrence(row: PlanOccurrenceRow) -> Occurrence:
    return Occurrence(
        id=row.id,
        plan_id=row.plan_id,
        due_at=row.due_at,
        outcome=None if row.outcome is None else Outcome(row.outcome),
        talked=row.talked,
        snoozed_until=row.snoozed_until,
        reminded_at=row.reminded_at,
    )


def _check_in(row: CheckInRow) -> CheckIn:
    return CheckIn(row.id, Scale(row.scale), tuple(json.loads(row.answers_json)), row.taken_at)


def _progress(row: TutorialProgressRow) -> Progress:
    return Progress(
        tutorial_id=row.tutorial_id,
        current_step=row.current_step,
        started_at=row.started_at,
        updated_at=row.updated_at,
        completed_at=row.completed_at,
    )


def _confidence(row: ConfidenceAnswerRow) -> ConfidenceAnswer:
    return ConfidenceAnswer(
        id=row.id,
        tutorial_id=row.tutorial_id,
        moment=Moment(row.moment),
        value=Confidence(row.value),
        asked_at=row.asked_at,
    )


def _fill_plan_row(row: CallPlanRow, plan: CallPlan, now: datetime) -> None:
    row.person_id = plan.person_id
    row.link_id = plan.link_id
    row.rule = stored_rule(plan.schedule)
    row.time_of_day = plan.schedule.time_of_day
    row.time_zone = plan.schedule.zone
    row.starts_on = plan.schedule.starts_on
    row.ends_on = plan.schedule.ends_on
    row.reminder_lead_minutes = int(plan.reminder_lead.total_seconds() // 60)
    row.active = plan.active
    row.updated_at = now


def _plan(row: CallPlanRow) -> CallPlan:
    return CallPlan(
        id=row.id,
        person_id=row.person_id,
        link_id=row.link_id,
        schedule=read_schedule(
            row.rule,
            time_of_day=row.time_of_day,
            zone=row.time_zone,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
        ),
        reminder_lead=timedelta(minutes=row.reminder_lead_minutes),
        active=row.active,
    )


def _trusted(row: TrustedPersonRow) -> TrustedPerson:
    return TrustedPerson(
        id=row.id,
        name=row.name,
        email=row.email,
        share_level_changes=row.share_level_changes,
        share_weekly=row.share_weekly,
        allowed=topics_from_json(json.loads(row.allowed_topics_json)),
        created_at=row.created_at,
    )


def _fill_trusted_row(row: TrustedPersonRow, person: TrustedPerson) -> None:
    row.name = person.name
    row.email = person.email
    row.share_level_changes = person.share_level_changes
    row.share_weekly = person.share_weekly
    row.allowed_topics_json = json.dumps(topics_to_json(person.allowed))


def _outbox(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        recipient_id=row.recipient_id,
        to_name=row.to_name,
        to_address=row.to_address,
        kind=MailKind(row.kind),
        subject=row.subject,
        body=row.body,
        message_id=row.message_id,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        attempts=row.attempts,
        last_error=row.last_error,
        sent_at=row.sent_at,
        sending_since=row.sending_since,
    )


def _changed(session: Session, statement: Executable) -> int:
    """Run an UPDATE or DELETE and say how many rows it changed."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def _withdrawable(now: datetime) -> Any:
    """Unsent rows not being handed to the mail server at this moment."""
    return OutboxRow.sent_at.is_(None) & (
        OutboxRow.sending_since.is_(None) | (OutboxRow.sending_since <= now - SENDING_LEASE)
    )


class SqlStore:
    """Implements the service ports on top of a SQLAlchemy session factory."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # People -------------------------------------------------------------------------------
    def list_people(self, *, include_archived: bool = False) -> list[Person]:
        query = select(PersonRow).options(selectinload(PersonRow.links)).order_by(PersonRow.name)
        if not include_archived:
            query = query.where(PersonRow.archived_at.is_(None))
        with self._sessions() as session:
            return [_person(row) for row in session.scalars(query)]

    def get_person(self, person_id: int) -> Person:
        with self._sessions() as session:
            row = session.get(PersonRow, person_id, options=[selectinload(PersonRow.links)])
            if row is None:
                raise NotFound(kind="person", id=person_id)
            return _person(row)

    def add_person(self, person: Person, *, now: datetime) -> Person:
        return self.add_people([person], now=now)[0]

    def add_people(self, people: Sequence[Person], *, now: datetime) -> list[Person]:
        """Add everyone in one transaction: all of them, or (on any error) none."""
        with self._sessions.begin() as session:
            rows = []
            for person in people:
                row = PersonRow(created_at=now)
                _fill_person_row(row, person, now)
                session.add(row)
                rows.append(row)
            session.flush()
            return [_person(row) for row in rows]

    def update_person(self, person: Person, *, now: datetime) -> Person:
        """Save changed details; links keep their ids (plans point at them) unless removed."""
        if person.id is None:
            raise ValueError("update_person needs a saved person")
        with self._sessions.begin() as session:
            row = session.get(PersonRow, person.id, options=[selectinload(PersonRow.links)])
            if row is None:
                raise NotFound(kind="person", id=person.id)
            _fill_person_row(row, person, now)
            session.flush()
            return _person(row)

    def delete_person(self, person_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(PersonRow, person_id)
            if row is None:
                raise NotFound(kind="person", id=person_id)
            session.delete(row)

    def add_link(self, link: CallLink, *, now: datetime) -> CallLink:
        if link.person_id is None:
            raise ValueError("a call link needs a person")
        with self._sessions.begin() as session:
            if session.get(PersonRow, link.person_id) is None:
                raise NotFound(kind="person", id=link.person_id)
            row = CallLinkRow(
                person_id=link.person_id,
                label=link.label,
                url=link.url,
                service=link.service,
                is_default=link.is_default,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return _link(row)

    def set_archived(self, person_id: int, archived_at: datetime | None) -> None:
        with self._sessions.begin() as session:
            row = session.get(PersonRow, person_id)
            if row is None:
                raise NotFound(kind="person", id=person_id)
            row.archived_at = archived_at

    # Contact events -----------------------------------------------------------------------
    def add_event(self, event: ContactEvent, *, now: datetime) -> ContactEvent:
        with self._sessions.begin() as session:
            row = _event_row(event, now)
            session.add(row)
            session.flush()
            return _event(row)

    def add_events(self, events: Sequence[ContactEvent], *, now: datetime) -> int:
        with self._sessions.begin() as session:
            session.add_all([_event_row(event, now) for event in events])
        return len(events)

    def events_between(self, start: datetime, end: datetime) -> list[ContactEvent]:
        query = (
            select(ContactEventRow)
            .where(ContactEventRow.happened_at >= start, ContactEventRow.happened_at < end)
            .order_by(ContactEventRow.happened_at)
        )
        with self._sessions() as session:
            return [_event(row) for row in session.scalars(query)]

    def contact_counts(self, bounds: Sequence[datetime]) -> list[dict[ContactKind, int]]:
        """The reference answer (each event counted here); AppStore asks SQLite to count."""
        counts = [dict.fromkeys(ContactKind, 0) for _ in bounds[1:]]
        if counts:
            for event in self.events_between(bounds[0], bounds[-1]):
                counts[bisect.bisect_right(bounds, event.happened_at) - 1][event.kind] += 1
        return counts

    def kinds_by_person(self, start: datetime, end: datetime) -> dict[int, list[ContactKind]]:
        """The reference answer, from every event; AppStore reads only people and kinds."""
        found: dict[int, list[ContactKind]] = {}
        for event in self.events_between(start, end):
            kinds = found.setdefault(event.person_id, [])
            if event.kind not in kinds:
                kinds.append(event.kind)
        return found

    def contact_summary(self, now: datetime) -> ContactSummary:
        """The reference answer (every event through the ORM); AppStore uses the quick one."""
        from lonely_bridge.domain.insight import summarize

        with self._sessions() as session:
            rows = session.scalars(select(ContactEventRow))
            return summarize([_event(row) for row in rows], now)

    def last_contact_by_person(self) -> dict[int, ContactEvent]:
        latest = (
            select(
                ContactEventRow.person_id,
                func.max(ContactEventRow.happened_at).label("latest"),
            )
            .group_by(ContactEventRow.person_id)
            .subquery()
        )
        query = select(ContactEventRow).join(
            latest,
            (ContactEventRow.person_id == latest.c.person_id)
            & (ContactEventRow.happened_at == latest.c.latest),
        )
        with self._sessions() as session:
            return {row.person_id: _event(row) for row in session.scalars(query)}

    def delete_event(self, event_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(ContactEventRow, event_id)
            if row is None:
                raise NotFound(kind="contact_event", id=event_id)
            session.delete(row)

    # Call attempts ------------------------------------------------------------------------
    def add_attempt(self, attempt: CallAttempt) -> CallAttempt:
        with self._sessions.begin() as session:
            row = CallAttemptRow(
                person_id=attempt.person_id,
                link_id=attempt.link_id,
                service=attempt.service,
                launched_at=attempt.launched_at,
                from_reminder=attempt.from_reminder,
                occurrence_id=attempt.occurrence_id,
            )
            session.add(row)
            session.flush()
            return _attempt(row)

    def latest_unasked_attempt(self) -> CallAttempt | None:
        query = (
            select(CallAttemptRow)
            .where(CallAttemptRow.asked_at.is_(None))
            .order_by(CallAttemptRow.launched_at.desc())
            .limit(1)
        )
        with self._sessions() as session:
            row = session.scalars(query).first()
            return None if row is None else _attempt(row)

    def answer_attempt(
        self,
        attempt_id: int,
        *,
        talked: bool | None,
        asked_at: datetime,
        event: ContactEvent | None,
    ) -> ContactEvent | None:
        """Record the answer, and the contact it stands for, in one transaction."""
        with self._sessions.begin() as session:
            row = session.get(CallAttemptRow, attempt_id)
            if row is None:
                raise NotFound(kind="call_attempt", id=attempt_id)
            # Earlier calls nobody was asked about are set aside, so the question comes once.
            for older in session.scalars(
                select(CallAttemptRow).where(
                    CallAttemptRow.asked_at.is_(None), CallAttemptRow.id != attempt_id
                )
            ):
                older.asked_at = asked_at
            row.talked = talked
            row.asked_at = asked_at
            if row.occurrence_id is not None and talked is not None:
                occurrence = session.get(PlanOccurrenceRow, row.occurrence_id)
                if occurrence is not None:
                    occurrence.talked = talked
            if event is None:
                return None
            event_row = _event_row(event, asked_at)
            session.add(event_row)
            session.flush()
            row.event_id = event_row.id
            return _event(event_row)

    # Plans --------------------------------------------------------------------------------
    def add_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan:
        with self._sessions.begin() as session:
            row = CallPlanRow(created_at=now)
            _fill_plan_row(row, plan, now)
            session.add(row)
            session.flush()
            return _plan(row)

    def update_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan:
        if plan.id is None:
            raise ValueError("update_plan needs a saved plan")
        with self._sessions.begin() as session:
            row = session.get(CallPlanRow, plan.id)
            if row is None:
                raise NotFound(kind="plan", id=plan.id)
            _fill_plan_row(row, plan, now)
            # Occurrences still to come belonged to the old rule; settled ones are history.
            for stale in session.scalars(
                select(PlanOccurrenceRow).where(
                    PlanOccurrenceRow.plan_id == plan.id,
                    PlanOccurrenceRow.outcome.is_(None),
                    PlanOccurrenceRow.due_at >= now,
                )
            ):
                session.delete(stale)
            session.flush()
            return _plan(row)

    def delete_plan(self, plan_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(CallPlanRow, plan_id)
            if row is None:
                raise NotFound(kind="plan", id=plan_id)
            session.delete(row)

    def get_plan(self, plan_id: int) -> CallPlan:
        with self._sessions() as session:
            row = session.get(CallPlanRow, plan_id)
            if row is None:
                raise NotFound(kind="plan", id=plan_id)
            return _plan(row)

    # Occurrences --------------------------------------------------------------------------
    def occurrences_since(self, since: datetime) -> list[Occurrence]:
        query = (
            select(PlanOccurrenceRow)
            .where(PlanOccurrenceRow.due_at >= since)
            .order_by(PlanOccurrenceRow.due_at)
        )
        with self._sessions() as session:
            return [_occurrence(row) for row in session.scalars(query)]

    def save_occurrence(self, occurrence: Occurrence, *, now: datetime) -> Occurrence:
        """Insert or update the one row for (plan, due time)."""
        with self._sessions.begin() as session:
            row = session.scalars(
                select(PlanOccurrenceRow).where(
                    PlanOccurrenceRow.plan_id == occurrence.plan_id,
                    PlanOccurrenceRow.due_at == occurrence.due_at,
                )
            ).first()
            if row is None:
                row = PlanOccurrenceRow(plan_id=occurrence.plan_id, due_at=occurrence.due_at)
                session.add(row)
            changed_outcome = (None if row.outcome is None else Outcome(row.outcome)) != (
                occurrence.outcome
            )
            row.outcome = None if occurrence.outcome is None else occurrence.outcome.value
            row.talked = occurrence.talked
            row.snoozed_until = occurrence.snoozed_until
            row.reminded_at = occurrence.reminded_at
            if changed_outcome:
                row.recorded_at = now
            session.flush()
            return _occurrence(row)

    def list_plans(self, *, active_only: bool = True) -> list[CallPlan]:
        query = select(CallPlanRow).order_by(CallPlanRow.id)
        if active_only:
            query = query.where(CallPlanRow.active.is_(True))
        with self._sessions() as session:
            return [_plan(row) for row in session.scalars(query)]

    # Check-ins ----------------------------------------------------------------------------
    def add_check_in(self, checkin: CheckIn) -> CheckIn:
        with self._sessions.begin() as session:
            row = CheckInRow(
                scale=checkin.scale.value,
                answers_json=json.dumps(list(checkin.answers)),
                score=score(checkin),
                taken_at=checkin.taken_at,
            )
            session.add(row)
            session.flush()
            return _check_in(row)

    def check_ins(self, *, since: datetime | None = None) -> list[CheckIn]:
        query = select(CheckInRow).order_by(CheckInRow.taken_at)
        if since is not None:
            query = query.where(CheckInRow.taken_at >= since)
        with self._sessions() as session:
            return [_check_in(row) for row in session.scalars(query)]

    # Learning ---------------------------------------------------------------------------
    def all_progress(self) -> dict[str, Progress]:
        with self._sessions() as session:
            return {
                row.tutorial_id: _progress(row)
                for row in session.scalars(select(TutorialProgressRow))
            }

    def save_progress(self, progress: Progress) -> None:
        with self._sessions.begin() as session:
            row = session.get(TutorialProgressRow, progress.tutorial_id)
            if row is None:
                row = TutorialProgressRow(tutorial_id=progress.tutorial_id)
                session.add(row)
            row.current_step = progress.current_step
            row.started_at = progress.started_at
            row.updated_at = progress.updated_at
            row.completed_at = progress.completed_at

    def add_confidence(self, answer: ConfidenceAnswer) -> ConfidenceAnswer:
        with self._sessions.begin() as session:
            row = ConfidenceAnswerRow(
                tutorial_id=answer.tutorial_id,
                moment=answer.moment.value,
                value=int(answer.value),
                asked_at=answer.asked_at,
            )
            session.add(row)
            session.flush()
            return _confidence(row)

    def confidence_answers(self) -> list[ConfidenceAnswer]:
        query = select(ConfidenceAnswerRow).order_by(ConfidenceAnswerRow.asked_at)
        with self._sessions() as session:
            return [_confidence(row) for row in session.scalars(query)]

    # Settings -----------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._sessions() as session:
            row = session.get(SettingRow, key)
            return default if row is None else json.loads(row.value_json)

    def set_setting(self, key: str, value: Any, *, now: datetime) -> None:
        encoded = json.dumps(value)
        with self._sessions.begin() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value_json=encoded, updated_at=now))
            else:
                row.value_json = encoded
                row.updated_at = now

    # Trusted people -----------------------------------------------------------------------
    def list_trusted_people(self) -> list[TrustedPerson]:
        query = select(TrustedPersonRow).order_by(TrustedPersonRow.name, TrustedPersonRow.id)
        with self._sessions() as session:
            return [_trusted(row) for row in session.scalars(query)]

    def get_trusted_person(self, person_id: int) -> TrustedPerson:
        with self._sessions() as session:
            row = session.get(TrustedPersonRow, person_id)
            if row is None:
                raise NotFound(kind="trusted_person", id=person_id)
            return _trusted(row)

    def add_trusted_person(self, person: TrustedPerson, *, now: datetime) -> TrustedPerson:
        with self._sessions.begin() as session:
            row = TrustedPersonRow(created_at=now)
            _fill_trusted_row(row, person)
            session.add(row)
            session.flush()
            return _trusted(row)

    def update_trusted_person(
        self, person: TrustedPerson, *, now: datetime, withdraw_unsent: bool
    ) -> tuple[TrustedPerson, int]:
        """Save the changes; unsent messages follow the new address, or are withdrawn.

        Returns the person and how many unsent messages were withdrawn.
        """
        if person.id is None:
            raise ValueError("update_trusted_person needs a saved person")
        with self._sessions.begin() as session:
            row = session.get(TrustedPersonRow, person.id)
            if row is None:
                raise NotFound(kind="trusted_person", id=person.id)
            _fill_trusted_row(row, person)
            waiting = (OutboxRow.recipient_id == person.id) & _withdrawable(now)
            if withdraw_unsent:
                withdrawn = _changed(session, delete(OutboxRow).where(waiting))
            else:
                withdrawn = 0
                session.execute(
                    update(OutboxRow)
                    .where(waiting)
                    .values(to_name=person.name, to_address=person.email)
                )
            session.flush()
            return _trusted(row), withdrawn

    def delete_trusted_person(self, person_id: int, *, now: datetime) -> int:
        """Remove them and their unsent messages; what was sent stays in the record.

        Returns how many unsent messages were withdrawn.
        """
        with self._sessions.begin() as session:
            row = session.get(TrustedPersonRow, person_id)
            if row is None:
                raise NotFound(kind="trusted_person", id=person_id)
            withdrawn = _changed(
                session,
                delete(OutboxRow).where((OutboxRow.recipient_id == person_id) & _withdrawable(now)),
            )
            session.delete(row)  # the foreign key sets recipient_id to NULL on the rest
            return withdrawn

    # Outbox -------------------------------------------------------------------------------
    def add_to_outbox(self, entry: OutboxEntry) -> OutboxEntry:
        with self._sessions.begin() as session:
            row = OutboxRow(
                recipient_id=entry.recipient_id,
                to_name=entry.to_name,
                to_address=entry.to_address,
                kind=entry.kind.value,
                subject=entry.subject,
                body=entry.body,
                message_id=entry.message_id,
                created_at=entry.created_at,
                attempts=0,
                next_attempt_at=entry.next_attempt_at,
            )
            session.add(row)
            session.flush()
            return _outbox(row)

    def last_automatic_at(self, recipient_id: int) -> datetime | None:
        """When the newest automatic message to this person was approved (sent or not)."""
        query = select(func.max(OutboxRow.created_at)).where(
            OutboxRow.recipient_id == recipient_id,
            OutboxRow.kind.in_([MailKind.LEVEL.value, MailKind.WEEKLY.value]),
        )
        with self._sessions() as session:
            # max() keeps the column's type, so the answer comes back as an aware UTC time.
            return session.scalar(query)

    def due_outbox(self, now: datetime) -> list[OutboxEntry]:
        query = (
            select(OutboxRow)
            .where(
                OutboxRow.sent_at.is_(None),
                OutboxRow.recipient_id.is_not(None),
                OutboxRow.next_attempt_at <= now,
            )
            .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
        )
        with self._sessions() as session:
            return [_outbox(row) for row in session.scalars(query)]

    def claim_outbox(self, entry_id: int, *, now: datetime) -> OutboxEntry | None:
        """Take a due message for one try, atomically; None if it is no longer due.

        One UPDATE both checks and claims, so two senders can never take the same row. The
        claim counts the try and holds the row for SENDING_LEASE; after a crash it comes due
        again when the lease ends.
        """
        with self._sessions.begin() as session:
            claimed = _changed(
                session,
                update(OutboxRow)
                .where(
                    OutboxRow.id == entry_id,
                    OutboxRow.sent_at.is_(None),
                    OutboxRow.recipient_id.is_not(None),
                    OutboxRow.next_attempt_at <= now,
                )
                .values(
                    attempts=OutboxRow.attempts + 1,
                    sending_since=now,
                    next_attempt_at=now + SENDING_LEASE,
                )
                .execution_options(synchronize_session=False),
            )
            if claimed != 1:
                return None
            row = session.get(OutboxRow, entry_id, populate_existing=True)
            assert row is not None
            return _outbox(row)

    def mark_outbox_sent(self, entry_id: int, *, sent_at: datetime) -> bool:
        """Record that the mail server took the message: one commit, and it is never sent again."""
        with self._sessions.begin() as session:
            done = _changed(
                session,
                update(OutboxRow)
                .where(OutboxRow.id == entry_id, OutboxRow.sent_at.is_(None))
                .values(sent_at=sent_at, sending_since=None, last_error=None)
                .execution_options(synchronize_session=False),
            )
            return done == 1

    def record_outbox_failure(
        self, entry_id: int, *, error: str, next_attempt_at: datetime
    ) -> bool:
        """Keep the message for another try; one whose person was removed meanwhile goes.

        Returns whether it will be tried again.
        """
        with self._sessions.begin() as session:
            row = session.get(OutboxRow, entry_id)
            if row is None or row.sent_at is not None:
                return False
            if row.recipient_id is None:
                session.delete(row)
                return False
            row.last_error = error
            row.next_attempt_at = next_attempt_at
            row.sending_since = None
            return True

    def sent_outbox(self) -> list[OutboxEntry]:
        query = (
            select(OutboxRow)
            .where(OutboxRow.sent_at.is_not(None))
            .order_by(OutboxRow.sent_at.desc(), OutboxRow.id.desc())
        )
        with self._sessions() as session:
            return [_outbox(row) for row in session.scalars(query)]

    def unsent_outbox(self) -> list[OutboxEntry]:
        query = (
            select(OutboxRow)
            .where(OutboxRow.sent_at.is_(None))
            .order_by(OutboxRow.created_at, OutboxRow.id)
        )
        with self._sessions() as session:
            return [_outbox(row) for row in session.scalars(query)]

    def withdraw_outbox(self, entry_id: int, *, now: datetime) -> bool:
        """Delete an unsent message; False if it was sent already or is going right now."""
        with self._sessions.begin() as session:
            gone = _changed(
                session, delete(OutboxRow).where(OutboxRow.id == entry_id, _withdrawable(now))
            )
            return gone == 1

    def next_outbox_attempt_at(self) -> datetime | None:
        query = (
            select(OutboxRow.next_attempt_at)
            .where(OutboxRow.sent_at.is_(None), OutboxRow.recipient_id.is_not(None))
            .order_by(OutboxRow.next_attempt_at)
            .limit(1)
        )
        with self._sessions() as session:
            return session.scalar(query)
