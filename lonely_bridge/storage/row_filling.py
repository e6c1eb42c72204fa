"""ORM rows filled from records: one function per record, shared by every store that saves it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from lonely_bridge.domain.people import Person
from lonely_bridge.domain.plans import CallPlan, stored_rule
from lonely_bridge.storage.connections import orm

if TYPE_CHECKING:
    # Sharing is loaded after the first paint, with the store that saves trusted people.
    from lonely_bridge.domain.sharing import TrustedPerson


def fill_person_row(row: orm.PersonRow, person: Person, now: datetime) -> None:
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
            link_row = orm.CallLinkRow(created_at=now)
        link_row.label = link.label
        link_row.url = link.url
        link_row.service = link.service
        link_row.is_default = link.is_default
        kept.append(link_row)
    # orm.delete-orphan removes the links that are no longer listed.
    row.links = kept


def fill_plan_row(row: orm.CallPlanRow, plan: CallPlan, now: datetime) -> None:
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


def fill_trusted_row(row: orm.TrustedPersonRow, person: TrustedPerson) -> None:
    from lonely_bridge.domain.sharing import topics_to_json

    row.name = person.name
    row.email = person.email
    row.share_level_changes = person.share_level_changes
    row.share_weekly = person.share_weekly
    row.allowed_topics_json = json.dumps(topics_to_json(person.allowed))
