"""The older adult's own information: all of it saved to one file, or all of it deleted.

"Save all my information" gathers everything the app keeps about the person and the people
in their life into plain data (``gather``), which a writer puts in one zip with the photos
and a README in plain words, to be opened on any computer without Lonely Bridge.

"Delete everything" leaves an empty household, as on the first day: people, groups, links,
plans, contact records, check-ins, lessons' progress, trusted people, the record of what was
sent, every setting (the helper's PIN among them), the photos, the saved copies in the
backups folder (copies of the same information) and the e-mail password in the computer's
password keeper. It cannot be undone, so the screen that offers it asks twice.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lonely_bridge.domain.checkins import CheckIn, score
from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact import ContactEvent
from lonely_bridge.domain.errors import SecretsUnavailable
from lonely_bridge.domain.learning import ConfidenceAnswer, Progress
from lonely_bridge.domain.people import Person
from lonely_bridge.domain.plans import CallPlan, stored_rule
from lonely_bridge.domain.settings import HELPER_PIN, OWNER_NAME, SETTINGS
from lonely_bridge.domain.sharing import OutboxEntry, TrustedPerson
from lonely_bridge.services.ports import (
    CheckInRepository,
    ContactRepository,
    HouseholdEraser,
    InformationWriter,
    LearningRepository,
    OutboxRepository,
    SecretStore,
    SettingsRepository,
    TodayReads,
    TrustedPeopleRepository,
)
from lonely_bridge.services.settings import read
from lonely_bridge.wording.checkins import answered
from lonely_bridge.wording.my_information import readme_text

log = logging.getLogger(__name__)

FORMAT_NAME = "lonely-bridge-information"
FORMAT_VERSION = 1
PHOTOS_FOLDER = "photos"
# Wide enough for every contact ever noted, in the stored text's range.
_EVER = (datetime(1, 1, 2, tzinfo=UTC), datetime(9999, 12, 30, tzinfo=UTC))
# Kept out of the file: the PIN's hash is a secret, even hashed.
_NOT_SAVED = frozenset({HELPER_PIN.key})


@dataclass(frozen=True, slots=True)
class SavedInformation:
    path: Path
    people: int
    photos: int


@dataclass(frozen=True, slots=True)
class InformationStores:
    """Where the information lives: the stores' ports, gathered so the service's signature
    stays readable."""

    today: TodayReads
    contacts: ContactRepository
    check_ins: CheckInRepository
    learning: LearningRepository
    trusted: TrustedPeopleRepository
    outbox: OutboxRepository
    settings: SettingsRepository


class MyInformationService:
    def __init__(
        self,
        stores: InformationStores,
        clock: Clock,
        *,
        secrets: SecretStore,
        photos_dir: Path,
        writer: InformationWriter,
        eraser: HouseholdEraser,
    ) -> None:
        self._stores = stores
        self._clock = clock
        self._secrets = secrets
        self._photos_dir = photos_dir
        self._writer = writer
        self._eraser = eraser

    # Save all my information ------------------------------------------------------------
    def suggested_file_name(self) -> str:
        return f"Lonely Bridge information {self._clock.now():%Y-%m-%d}.zip"

    def gather(self) -> dict[str, Any]:
        """Everything kept, as plain JSON data, in the words of the README's sections."""
        stores = self._stores
        everyone = stores.today.list_people(include_archived=True)
        names = {person.id: person.name for person in everyone}
        progress = stores.learning.all_progress()
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "saved_at": _moment(self._clock.now()),
            "your_name": read(stores.settings, OWNER_NAME),
            "people": [_person(p, self._photo_name(p)) for p in everyone if not p.is_group],
            "groups": [_person(p, self._photo_name(p)) for p in everyone if p.is_group],
            "plans": [_plan(plan, names) for plan in stores.today.list_plans(active_only=False)],
            "contact_records": [
                _event(event, names) for event in stores.contacts.events_between(*_EVER)
            ],
            "check_in_answers": [_check_in(c) for c in stores.check_ins.check_ins()],
            "lessons": {
                "progress": [_progress(progress[key]) for key in sorted(progress)],
                "confidence": [_confidence(a) for a in stores.learning.confidence_answers()],
            },
            "trusted_people": [_trusted(t) for t in stores.trusted.list_trusted_people()],
            "messages_to_trusted_people": [
                _message(entry)
                for entry in stores.outbox.sent_outbox()[::-1] + stores.outbox.unsent_outbox()
            ],
            "settings": {
                setting.key: setting.kind.encode(read(stores.settings, setting))
                for setting in SETTINGS
                if setting.key not in _NOT_SAVED
            },
        }

    def _photo_name(self, person: Person) -> str | None:
        if not person.photo_file:
            return None
        # Only the file's own name: a stored value never reaches outside the photos folder.
        return f"{PHOTOS_FOLDER}/{Path(person.photo_file).name}"

    def save(self, target: Path) -> SavedInformation:
        """Write everything to the zip at ``target``; raises DiskFull or OutputNotWritable,
        and then no file (or the earlier one, untouched) is there."""
        information = self.gather()
        photos = {
            f"{PHOTOS_FOLDER}/{name}": self._photos_dir / name
            for name in sorted(
                {
                    Path(entry["photo"]).name
                    for entry in information["people"] + information["groups"]
                    if entry["photo"]
                }
            )
        }
        readme = readme_text(owner_name=information["your_name"], saved_at=self._clock.now())
        written = self._writer(target, information=information, readme=readme, photos=photos)
        present = sum(1 for path in photos.values() if path.is_file())
        people = len(information["people"])
        log.info("Saved the information file (%d people, %d photos)", people, present)
        return SavedInformation(written, people, present)

    # Delete everything --------------------------------------------------------------------
    def delete_everything(self) -> None:
        """Leave an empty household, as on the first day; see the module's description."""
        self._eraser.erase_everything()
        # No password keeper: no password was kept there either.
        with contextlib.suppress(SecretsUnavailable):
            self._secrets.forget_smtp_password()
        log.info("Everything was deleted at the person's request")


def _moment(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _person(person: Person, photo: str | None) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "relationship": person.relationship,
        "circle": person.circle.value,
        "keep_in_touch_days": person.rhythm.ideal.days,
        "too_long_days": person.rhythm.too_long.days,
        "notes": person.notes,
        "photo": photo,
        "set_aside_at": _moment(person.archived_at),
        "links": [
            {
                "label": link.label,
                "url": link.url,
                "service": link.service,
                "is_default": link.is_default,
            }
            for link in person.links
        ],
    }


def _plan(plan: CallPlan, names: dict[int | None, str]) -> dict[str, Any]:
    schedule = plan.schedule
    return {
        "id": plan.id,
        "person_id": plan.person_id,
        "person": names.get(plan.person_id),
        "rule": stored_rule(schedule),
        "time": schedule.time_of_day.strftime("%H:%M"),
        "time_zone": schedule.zone,
        "starts_on": schedule.starts_on.isoformat(),
        "ends_on": None if schedule.ends_on is None else schedule.ends_on.isoformat(),
        "reminder_minutes_before": int(plan.reminder_lead.total_seconds() // 60),
        "active": plan.active,
    }


def _event(event: ContactEvent, names: dict[int | None, str]) -> dict[str, Any]:
    return {
        "person_id": event.person_id,
        "person": names.get(event.person_id),
        "kind": event.kind.value,
        "happened_at": _moment(event.happened_at),
        "duration_minutes": event.duration_minutes,
        "noted_by": event.source.value,
        "note": event.note,
    }


def _check_in(checkin: CheckIn) -> dict[str, Any]:
    return {
        "taken_at": _moment(checkin.taken_at),
        "scale": checkin.scale.value,
        "answers": [
            {"question": question, "answer": words, "value": value}
            for (question, words), value in zip(answered(checkin), checkin.answers, strict=True)
        ],
        "total": score(checkin),
    }


def _progress(progress: Progress) -> dict[str, Any]:
    return {
        "lesson": progress.tutorial_id,
        "step_reached": progress.current_step,
        "started_at": _moment(progress.started_at),
        "finished_at": _moment(progress.completed_at),
    }


def _confidence(answer: ConfidenceAnswer) -> dict[str, Any]:
    return {
        "lesson": answer.tutorial_id,
        "when": answer.moment.value,
        "how_sure": int(answer.value),
        "asked_at": _moment(answer.asked_at),
    }


def _trusted(person: TrustedPerson) -> dict[str, Any]:
    return {
        "name": person.name,
        "email": person.email,
        "told_when_things_get_quiet": person.share_level_changes,
        "weekly_note": person.share_weekly,
        "may_see": sorted(topic.value for topic in person.allowed),
        "added_at": _moment(person.created_at),
    }


def _message(entry: OutboxEntry) -> dict[str, Any]:
    return {
        "to_name": entry.to_name,
        "to_address": entry.to_address,
        "kind": entry.kind.value,
        "subject": entry.subject,
        "body": entry.body,
        "written_at": _moment(entry.created_at),
        "sent_at": _moment(entry.sent_at),
    }
