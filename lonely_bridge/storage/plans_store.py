"""Call plans and what became of each time one came due."""

from __future__ import annotations

from datetime import datetime

from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.reminders import Occurrence, Outcome
from lonely_bridge.storage import rows
from lonely_bridge.storage.connections import SessionSource, orm
from lonely_bridge.storage.row_filling import fill_plan_row


def _plan(row: orm.CallPlanRow) -> CallPlan:
    return rows.plan(rows.columns_of(row))


class PlanStore:
    """Implements PlanRepository."""

    def __init__(self, sessions: SessionSource) -> None:
        self._sessions = sessions

    def add_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan:
        with self._sessions.begin() as session:
            row = orm.CallPlanRow(created_at=now)
            fill_plan_row(row, plan, now)
            session.add(row)
            session.flush()
            return _plan(row)

    def update_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan:
        if plan.id is None:
            raise ValueError("update_plan needs a saved plan")
        with self._sessions.begin() as session:
            row = session.get(orm.CallPlanRow, plan.id)
            if row is None:
                raise NotFound(kind="plan", id=plan.id)
            fill_plan_row(row, plan, now)
            # Occurrences still to come belonged to the old rule; settled ones are history.
            for stale in session.scalars(
                orm.select(orm.PlanOccurrenceRow).where(
                    orm.PlanOccurrenceRow.plan_id == plan.id,
                    orm.PlanOccurrenceRow.outcome.is_(None),
                    orm.PlanOccurrenceRow.due_at >= now,
                )
            ):
                session.delete(stale)
            session.flush()
            return _plan(row)

    def delete_plan(self, plan_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(orm.CallPlanRow, plan_id)
            if row is None:
                raise NotFound(kind="plan", id=plan_id)
            session.delete(row)

    def get_plan(self, plan_id: int) -> CallPlan:
        with self._sessions() as session:
            row = session.get(orm.CallPlanRow, plan_id)
            if row is None:
                raise NotFound(kind="plan", id=plan_id)
            return _plan(row)

    def save_occurrence(self, occurrence: Occurrence, *, now: datetime) -> Occurrence:
        """Insert or orm.update the one row for (plan, due time)."""
        with self._sessions.begin() as session:
            row = session.scalars(
                orm.select(orm.PlanOccurrenceRow).where(
                    orm.PlanOccurrenceRow.plan_id == occurrence.plan_id,
                    orm.PlanOccurrenceRow.due_at == occurrence.due_at,
                )
            ).first()
            if row is None:
                row = orm.PlanOccurrenceRow(plan_id=occurrence.plan_id, due_at=occurrence.due_at)
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
            return rows.occurrence(rows.columns_of(row))
