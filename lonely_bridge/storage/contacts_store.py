"""Contact events, the calls they came from, and check-ins; the counting reads use sqlite3.

The reads that count a year of contact ask SQLite directly: building ORM objects for every
event would make them slower each year (bench/insight_scale.py measures them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from lonely_bridge.domain.calls import CallAttempt
from lonely_bridge.domain.contact import ContactEvent, ContactKind
from lonely_bridge.domain.errors import NotFound
from lonely_bridge.storage import rows
from lonely_bridge.storage.connections import ReadConnections, SessionSource, orm
from lonely_bridge.storage.today_reader import latest_contacts

if TYPE_CHECKING:
    from lonely_bridge.domain.checkins import CheckIn
    from lonely_bridge.domain.insight import ContactSummary


def _event_row(event: ContactEvent, now: datetime) -> orm.ContactEventRow:
    return orm.ContactEventRow(
        person_id=event.person_id,
        kind=event.kind.value,
        happened_at=event.happened_at,
        duration_minutes=event.duration_minutes,
        source=event.source.value,
        note=event.note,
        created_at=now,
    )


def _erase_freed_pages(session: orm.Session) -> None:
    # Deleted answers are overwritten with zeros in the file, not merely marked free: they
    # were the person's own words about how they feel, and they asked for them to go.
    session.connection().exec_driver_sql("PRAGMA secure_delete = ON")


def _event(row: orm.ContactEventRow) -> ContactEvent:
    return rows.event(rows.columns_of(row))


class ContactStore:
    """Implements ContactRepository, CallAttemptRepository and CheckInRepository."""

    def __init__(self, sessions: SessionSource, reads: ReadConnections) -> None:
        self._sessions = sessions
        self._db = reads

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

    def delete_event(self, event_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(orm.ContactEventRow, event_id)
            if row is None:
                raise NotFound(kind="contact_event", id=event_id)
            session.delete(row)

    def events_between(self, start: datetime, end: datetime) -> list[ContactEvent]:
        found = self._db().execute(
            f"SELECT {rows.select_list(rows.EVENT_COLUMNS)} FROM contact_events "
            "WHERE happened_at >= ? AND happened_at < ? ORDER BY happened_at, id",
            (rows.stored(start), rows.stored(end)),
        )
        return [rows.event(row) for row in found]

    def kinds_by_person(self, start: datetime, end: datetime) -> dict[int, list[ContactKind]]:
        # Two columns from the (happened_at, kind, person_id) index, not whole events.
        found: dict[int, list[ContactKind]] = {}
        for person_id, value in self._db().execute(
            "SELECT person_id, kind FROM contact_events "
            "WHERE happened_at >= ? AND happened_at < ? ORDER BY happened_at, id",
            (rows.stored(start), rows.stored(end)),
        ):
            kinds = found.setdefault(person_id, [])
            kind = ContactKind(value)
            if kind not in kinds:
                kinds.append(kind)
        return found

    def contact_counts(self, bounds: Sequence[datetime]) -> list[dict[ContactKind, int]]:
        return self._span_counts(bounds, upper_inclusive=False)

    def _span_counts(
        self, bounds: Sequence[datetime], *, upper_inclusive: bool
    ) -> list[dict[ContactKind, int]]:
        # Each (span, kind) is one range of the (kind, happened_at) index, counted without
        # reading or sorting rows. The bounds are compared as stored text, exactly as Python
        # compares the moments (julianday() would round them to the millisecond).
        counts: list[dict[ContactKind, int]] = [dict.fromkeys(ContactKind, 0) for _ in bounds[1:]]
        if not counts:
            return counts
        stored = [rows.stored(moment) for moment in bounds]
        spans = [v for i in range(len(counts)) for v in (i, stored[i], stored[i + 1])]
        kinds = [kind.value for kind in ContactKind]
        low, high = (">", "<=") if upper_inclusive else (">=", "<")
        found = self._db().execute(
            f"WITH s(i, low, high) AS (VALUES {', '.join('(?, ?, ?)' for _ in counts)}), "
            f"k(kind) AS (VALUES {', '.join('(?)' for _ in kinds)}) "
            "SELECT s.i, k.kind, (SELECT COUNT(*) FROM contact_events AS e WHERE e.kind = k.kind"
            f" AND e.happened_at {low} s.low AND e.happened_at {high} s.high) FROM s, k",
            (*spans, *kinds),
        )
        for index, kind, count in found:
            counts[index][ContactKind(kind)] = count
        return counts

    def contact_summary(self, now: datetime, *, since: datetime | None = None) -> ContactSummary:
        """What the insight needs, answered by SQLite: its cost stays flat as years pass.

        With ``since``, contact at or before it is left out, as if it had never been noted.
        """
        from lonely_bridge.domain.insight import (
            BASELINE_WEEKS,
            IN_PERSON_KINDS,
            PEOPLE_WINDOW,
            WEEK,
            ContactSummary,
        )

        db = self._db()
        stored_now = rows.stored(now)
        # Week 0 is the 7 days up to and including now, week 1 the 7 before it, and so on.
        weeks = BASELINE_WEEKS.stop
        bounds = [now - (weeks - step) * WEEK for step in range(weeks + 1)]
        if since is not None:
            # A span wholly before ``since`` becomes empty (its bounds equal) and counts 0.
            bounds = [max(bound, min(since, now)) for bound in bounds]
        after = "" if since is None else rows.stored(since)  # "" sorts before every moment
        weekly = {
            (weeks - 1 - span, kind): count
            for span, counts in enumerate(self._span_counts(bounds, upper_inclusive=True))
            for kind, count in counts.items()
            if count
        }
        month_ago = max(rows.stored(now - PEOPLE_WINDOW), after)
        in_touch = frozenset(
            row[0]
            for row in db.execute(
                "SELECT DISTINCT person_id FROM contact_events "
                "WHERE happened_at > ? AND happened_at <= ?",
                (month_ago, stored_now),
            )
        )
        in_person = tuple(kind.value for kind in IN_PERSON_KINDS)
        marks = ", ".join("?" for _ in in_person)
        group_recent = db.execute(
            "SELECT EXISTS(SELECT 1 FROM contact_events WHERE kind = ? "
            "AND happened_at > ? AND happened_at <= ?)",
            (ContactKind.GROUP_ACTIVITY.value, month_ago, stored_now),
        ).fetchone()[0]
        week_count = db.execute(
            f"SELECT COUNT(*) FROM contact_events WHERE kind IN ({marks}) "
            "AND happened_at > ? AND happened_at <= ?",
            (*in_person, max(rows.stored(now - WEEK), after), stored_now),
        ).fetchone()[0]
        # Walks the time index backwards and stops at the first visit or group.
        last = db.execute(
            f"SELECT happened_at FROM contact_events WHERE kind IN ({marks}) "
            "AND happened_at <= ? AND happened_at > ? ORDER BY happened_at DESC LIMIT 1",
            (*in_person, stored_now, after),
        ).fetchone()
        first = db.execute(
            "SELECT MIN(happened_at) FROM contact_events WHERE happened_at > ?", (after,)
        ).fetchone()[0]
        return ContactSummary(
            weekly_kinds=weekly,
            latest=latest_contacts(db, until=stored_now, after=after),
            in_touch_30_days=in_touch,
            group_activity_30_days=bool(group_recent),
            in_person_7_days=int(week_count),
            last_in_person=rows.moment(last[0]) if last else None,
            first=rows.moment(first),
        )

    # Call attempts ------------------------------------------------------------------------
    def add_attempt(self, attempt: CallAttempt) -> CallAttempt:
        with self._sessions.begin() as session:
            row = orm.CallAttemptRow(
                person_id=attempt.person_id,
                link_id=attempt.link_id,
                service=attempt.service,
                launched_at=attempt.launched_at,
                from_reminder=attempt.from_reminder,
                occurrence_id=attempt.occurrence_id,
            )
            session.add(row)
            session.flush()
            return rows.attempt(rows.columns_of(row))

    def latest_unasked_attempt(self) -> CallAttempt | None:
        # Asked at start and each time the app comes back to the front: read with sqlite3,
        # so it never waits for SQLAlchemy to load.
        found = self._db().execute(
            f"SELECT {rows.select_list(rows.ATTEMPT_COLUMNS)} FROM call_attempts "
            "WHERE asked_at IS NULL ORDER BY launched_at DESC, id DESC LIMIT 1"
        )
        row = found.fetchone()
        return None if row is None else rows.attempt(row)

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
            row = session.get(orm.CallAttemptRow, attempt_id)
            if row is None:
                raise NotFound(kind="call_attempt", id=attempt_id)
            # Earlier calls nobody was asked about are set aside, so the question comes once.
            for older in session.scalars(
                orm.select(orm.CallAttemptRow).where(
                    orm.CallAttemptRow.asked_at.is_(None), orm.CallAttemptRow.id != attempt_id
                )
            ):
                older.asked_at = asked_at
            row.talked = talked
            row.asked_at = asked_at
            if row.occurrence_id is not None and talked is not None:
                occurrence = session.get(orm.PlanOccurrenceRow, row.occurrence_id)
                if occurrence is not None:
                    occurrence.talked = talked
            if event is None:
                return None
            event_row = _event_row(event, asked_at)
            session.add(event_row)
            session.flush()
            row.event_id = event_row.id
            return _event(event_row)

    # Check-ins ----------------------------------------------------------------------------
    def add_check_in(self, checkin: CheckIn) -> CheckIn:
        from lonely_bridge.domain.checkins import score

        with self._sessions.begin() as session:
            row = orm.CheckInRow(
                scale=checkin.scale.value,
                answers_json=json.dumps(list(checkin.answers)),
                score=score(checkin),
                taken_at=checkin.taken_at,
            )
            session.add(row)
            session.flush()
            return rows.check_in(rows.columns_of(row))

    def delete_check_in(self, check_in_id: int) -> None:
        """Delete one check-in's row; raises NotFound when there is none."""
        with self._sessions.begin() as session:
            _erase_freed_pages(session)
            row = session.get(orm.CheckInRow, check_in_id)
            if row is None:
                raise NotFound(kind="check_in", id=check_in_id)
            session.delete(row)

    def delete_check_ins(self) -> int:
        """Delete every check-in; returns how many there were."""
        with self._sessions.begin() as session:
            _erase_freed_pages(session)
            result = session.execute(orm.delete(orm.CheckInRow))
            return int(getattr(result, "rowcount", 0))

    def check_ins(self, *, since: datetime | None = None) -> list[CheckIn]:
        query = orm.select(orm.CheckInRow).order_by(orm.CheckInRow.taken_at)
        if since is not None:
            query = query.where(orm.CheckInRow.taken_at >= since)
        with self._sessions() as session:
            return [rows.check_in(rows.columns_of(row)) for row in session.scalars(query)]
