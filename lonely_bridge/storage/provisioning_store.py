"""A care worker's profile saved in one transaction: people, links, plans, trusted people and
settings together, or (on any error) nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.profile import PlanToSave, ProvisioningChanges
from lonely_bridge.storage.connections import SessionSource, orm
from lonely_bridge.storage.row_filling import fill_person_row, fill_plan_row, fill_trusted_row

_Row = TypeVar("_Row", orm.PersonRow, orm.CallPlanRow, orm.TrustedPersonRow)


def _new_or_stored(
    session: orm.Session, row_type: type[_Row], row_id: int | None, kind: str, now: datetime
) -> _Row:
    """A fresh row for a record not saved yet, else its stored row (NotFound if it is gone)."""
    if row_id is None:
        row = row_type(created_at=now)
        session.add(row)
        return row
    found = session.get(row_type, row_id)
    if found is None:
        raise NotFound(kind=kind, id=row_id)
    return found


class ProvisioningStore:
    """Implements ProvisioningRepository."""

    def __init__(self, sessions: SessionSource) -> None:
        self._sessions = sessions

    def apply_profile(self, changes: ProvisioningChanges, *, now: datetime) -> None:
        with self._sessions.begin() as session:
            person_ids: dict[str, int] = {}
            for key, person in changes.people:
                row = _new_or_stored(session, orm.PersonRow, person.id, "person", now)
                fill_person_row(row, person, now)
                session.flush()
                person_ids[key] = row.id
            for item in changes.plans:
                self._save_plan(session, item, person_ids, now)
            for trusted in changes.trusted:
                trusted_row = _new_or_stored(
                    session, orm.TrustedPersonRow, trusted.id, "trusted_person", now
                )
                fill_trusted_row(trusted_row, trusted)
            for key, value in changes.settings:
                session.merge(orm.SettingRow(key=key, value_json=json.dumps(value), updated_at=now))

    @staticmethod
    def _save_plan(
        session: orm.Session, item: PlanToSave, person_ids: dict[str, int], now: datetime
    ) -> None:
        plan = item.plan
        person_id = plan.person_id or person_ids[item.person_key]
        links = orm.select(orm.CallLinkRow.id).where(orm.CallLinkRow.person_id == person_id)
        link_id = plan.link_id
        if item.link_url is not None:
            link_id = session.scalar(links.where(orm.CallLinkRow.url == item.link_url))
        elif plan.id is None:
            # A new plan calls the person's usual way, as the plan editor offers first.
            link_id = session.scalar(
                links.order_by(orm.CallLinkRow.is_default.desc(), orm.CallLinkRow.id)
            )
        row = _new_or_stored(session, orm.CallPlanRow, plan.id, "plan", now)
        fill_plan_row(row, replace(plan, person_id=person_id, link_id=link_id), now)
