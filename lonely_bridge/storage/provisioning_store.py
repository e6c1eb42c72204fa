"""A care worker's profile saved in one transaction: people, links, plans, trusted people and
settings together, or (on any error) nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from lonely_bridge.domain.errors import NotFound
from lonely_bridge.domain.profile import PlanToSave, ProvisioningChanges
from lonely_bridge.storage.connections import SessionSource, orm
from lonely_bridge.storage.people_store import _fill_person_row
from lonely_bridge.storage.plans_store import _fill_plan_row
from lonely_bridge.storage.sharing_store import _fill_trusted_row


class ProvisioningStore:
    """Implements ProvisioningRepository."""

    def __init__(self, sessions: SessionSource) -> None:
        self._sessions = sessions

    def apply_profile(self, changes: ProvisioningChanges, *, now: datetime) -> None:
        with self._sessions.begin() as session:
            person_ids: dict[str, int] = {}
            for key, person in changes.people:
                if person.id is None:
                    row = orm.PersonRow(created_at=now)
                    session.add(row)
                else:
                    found = session.get(orm.PersonRow, person.id)
                    if found is None:
                        raise NotFound(kind="person", id=person.id)
                    row = found
                _fill_person_row(row, person, now)
                session.flush()
                person_ids[key] = row.id
            for item in changes.plans:
                self._save_plan(session, item, person_ids, now)
            for trusted in changes.trusted:
                if trusted.id is None:
                    trusted_row = orm.TrustedPersonRow(created_at=now)
                    session.add(trusted_row)
                else:
                    found_trusted = session.get(orm.TrustedPersonRow, trusted.id)
                    if found_trusted is None:
                        raise NotFound(kind="trusted_person", id=trusted.id)
                    trusted_row = found_trusted
                _fill_trusted_row(trusted_row, trusted)
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
        if plan.id is None:
            row = orm.CallPlanRow(created_at=now)
            session.add(row)
        else:
            found = session.get(orm.CallPlanRow, plan.id)
            if found is None:
                raise NotFound(kind="plan", id=plan.id)
            row = found
        _fill_plan_row(row, replace(plan, person_id=person_id, link_id=link_id), now)
