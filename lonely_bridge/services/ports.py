"""The small interfaces services need from storage and the operating system."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from lonely_bridge.domain.calls import CallAttempt
    from lonely_bridge.domain.checkins import CheckIn
    from lonely_bridge.domain.contact import ContactEvent, ContactKind
    from lonely_bridge.domain.insight import ContactSummary
    from lonely_bridge.domain.learning import ConfidenceAnswer, Progress
    from lonely_bridge.domain.mail_server import SmtpSettings
    from lonely_bridge.domain.people import CallLink, Person
    from lonely_bridge.domain.plans import CallPlan
    from lonely_bridge.domain.profile import ProvisioningChanges
    from lonely_bridge.domain.reminders import Occurrence
    from lonely_bridge.domain.sharing import OutboxEntry, TrustedPerson
    from lonely_bridge.formats.smtp import OutgoingMail


class TodayReads(Protocol):
    """The reads that draw the first screen, answered without loading the ORM.

    Other screens use them too; each is implemented once, by Today's read model.
    """

    def list_people(self, *, include_archived: bool = False) -> list[Person]:
        """By name; archived people only when asked."""
        ...

    def last_contact_by_person(self) -> dict[int, ContactEvent]: ...

    def list_plans(self, *, active_only: bool = True) -> list[CallPlan]:
        """By id; a plan whose stored values cannot be read is left out (and logged)."""
        ...

    def occurrences_since(self, since: datetime) -> list[Occurrence]: ...


class PeopleRepository(Protocol):
    def get_person(self, person_id: int) -> Person: ...

    def add_person(self, person: Person, *, now: datetime) -> Person: ...

    def add_people(self, people: Sequence[Person], *, now: datetime) -> list[Person]: ...

    def update_person(self, person: Person, *, now: datetime) -> Person: ...

    def delete_person(self, person_id: int) -> None: ...

    def add_link(self, link: CallLink, *, now: datetime) -> CallLink: ...

    def set_archived(self, person_id: int, archived_at: datetime | None) -> None: ...


class ContactRepository(Protocol):
    def add_event(self, event: ContactEvent, *, now: datetime) -> ContactEvent: ...

    def add_events(self, events: Sequence[ContactEvent], *, now: datetime) -> int: ...

    def events_between(self, start: datetime, end: datetime) -> list[ContactEvent]: ...

    def contact_counts(self, bounds: Sequence[datetime]) -> list[dict[ContactKind, int]]:
        """Contacts of each kind from each bound up to, not including, the next (one per span)."""
        ...

    def kinds_by_person(self, start: datetime, end: datetime) -> dict[int, list[ContactKind]]:
        """Who was in touch from ``start`` until ``end``, each with the kinds of contact, both
        in the order first seen."""
        ...

    def delete_event(self, event_id: int) -> None: ...

    def contact_summary(self, now: datetime, *, since: datetime | None = None) -> ContactSummary:
        """What the insight needs; with ``since``, contact at or before it is left out."""
        ...


class CallAttemptRepository(Protocol):
    def add_attempt(self, attempt: CallAttempt) -> CallAttempt: ...

    def latest_unasked_attempt(self) -> CallAttempt | None: ...

    def answer_attempt(
        self,
        attempt_id: int,
        *,
        talked: bool | None,
        asked_at: datetime,
        event: ContactEvent | None,
    ) -> ContactEvent | None: ...


class PlanRepository(Protocol):
    def add_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan: ...

    def update_plan(self, plan: CallPlan, *, now: datetime) -> CallPlan: ...

    def delete_plan(self, plan_id: int) -> None: ...

    def get_plan(self, plan_id: int) -> CallPlan: ...

    def save_occurrence(self, occurrence: Occurrence, *, now: datetime) -> Occurrence: ...


class CheckInRepository(Protocol):
    def add_check_in(self, checkin: CheckIn) -> CheckIn: ...

    def check_ins(self, *, since: datetime | None = None) -> list[CheckIn]: ...

    def delete_check_in(self, check_in_id: int) -> None: ...

    def delete_check_ins(self) -> int: ...


class LearningRepository(Protocol):
    def all_progress(self) -> dict[str, Progress]: ...

    def save_progress(self, progress: Progress) -> None: ...

    def add_confidence(self, answer: ConfidenceAnswer) -> ConfidenceAnswer: ...

    def confidence_answers(self) -> list[ConfidenceAnswer]: ...


class SettingsRepository(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any, *, now: datetime) -> None: ...


class TrustedPeopleRepository(Protocol):
    def list_trusted_people(self) -> list[TrustedPerson]: ...

    def get_trusted_person(self, person_id: int) -> TrustedPerson: ...

    def add_trusted_person(self, person: TrustedPerson, *, now: datetime) -> TrustedPerson: ...

    def update_trusted_person(
        self, person: TrustedPerson, *, now: datetime, withdraw_unsent: bool
    ) -> tuple[TrustedPerson, int]: ...

    def delete_trusted_person(self, person_id: int, *, now: datetime) -> int: ...


class OutboxRepository(Protocol):
    """Messages from approval until sent; sent ones stay as the record of what was shared."""

    def add_to_outbox(self, entry: OutboxEntry) -> OutboxEntry: ...

    def last_automatic_at(self, recipient_id: int) -> datetime | None: ...

    def due_outbox(self, now: datetime) -> list[OutboxEntry]: ...

    def claim_outbox(self, entry_id: int, *, now: datetime) -> OutboxEntry | None: ...

    def mark_outbox_sent(self, entry_id: int, *, sent_at: datetime) -> bool: ...

    def record_outbox_failure(
        self, entry_id: int, *, error: str, next_attempt_at: datetime
    ) -> bool: ...

    def sent_outbox(self) -> list[OutboxEntry]: ...

    def unsent_outbox(self) -> list[OutboxEntry]: ...

    def withdraw_outbox(self, entry_id: int, *, now: datetime) -> bool: ...


class UrlOpener(Protocol):
    def open_url(self, url: str) -> bool: ...


class Mailer(Protocol):
    """Hands one message to the mail server, or raises a domain.sharing Mail* error.

    The errors: MailServerUnreachable, MailNotSecure, MailLoginRefused, MailRejected.
    """

    def send(
        self, message: OutgoingMail, *, server: SmtpSettings, password: str | None
    ) -> None: ...

    def check(self, *, server: SmtpSettings, password: str | None) -> None:
        """Connect and log in without sending anything, to test the settings."""
        ...


class SecretStore(Protocol):
    """The computer's password keeper; raises SecretsUnavailable when there is none."""

    def smtp_password(self) -> str | None: ...

    def set_smtp_password(self, password: str) -> None: ...

    def forget_smtp_password(self) -> None: ...


class ProvisioningRepository(Protocol):
    def apply_profile(self, changes: ProvisioningChanges, *, now: datetime) -> None:
        """Save every change in one transaction: all of them, or (on any error) none."""
        ...


class InformationWriter(Protocol):
    """Writes the "save all my information" file; raises DiskFull or OutputNotWritable and
    then leaves no partial file (storage.information_file.write_information_file)."""

    def __call__(
        self,
        target: Path,
        *,
        information: Mapping[str, Any],
        readme: str,
        photos: Mapping[str, Path],
    ) -> Path: ...


class HouseholdEraser(Protocol):
    """Deletes every record, setting, photo and saved copy, leaving an empty household."""

    def erase_everything(self) -> None: ...


class LoginStart(Protocol):
    """This computer's way to start a program when the person logs in.

    ``enable`` and ``disable`` raise LoginStartNotChanged when the computer refuses; a
    program already set to start is not written again.
    """

    def enable(self, program: Sequence[str]) -> None: ...

    def disable(self) -> None: ...

    def is_enabled(self) -> bool: ...
