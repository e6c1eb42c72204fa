"""Consented e-mail sharing: trusted people, exact previews, the outbox and careful delivery.

Delivery guarantees (see ``AlertService.deliver_due``):

* Nothing is lost. A message is written to the outbox before any try, and stays there until
  the mail server has accepted it. Failed tries are retried after 1 min, 5 min, 30 min, 2 h,
  then every 6 h, for ever.
* Nothing is sent twice by Lonely Bridge's own choice. A try first claims the row with one
  atomic UPDATE; success is recorded (``sent_at``) in a single commit straight after the
  server's "250 OK"; a sent row is never due again.
* The one window left: if the app dies (crash, power cut) after the server accepted the
  message but before that commit, the row comes due again when its claim lapses and the
  message is sent a second time. It carries the same Message-ID both times, so mail
  programs that de-duplicate drop it and a reader sees "the same message"; the sent log shows
  the row as "interrupted" while it waits. SMTP has no way to ask a server "did you already
  take this?", so the window can be made small (it is milliseconds) but not closed.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import StrEnum

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import (
    AlertsNotReady,
    DraftOutdated,
    LonelyBridgeError,
    MailLoginRefused,
    MailNotSecure,
    MailServerUnreachable,
    SecretsUnavailable,
)
from lonely_bridge.domain.mail_server import SmtpSettings, check_smtp_settings
from lonely_bridge.domain.settings import INSIGHT_PAUSED, MAIL_SERVER, OWNER_NAME
from lonely_bridge.domain.sharing import (
    SENDING_LEASE,
    MailKind,
    OutboxEntry,
    OutboxStatus,
    ShareableSummary,
    TrustedPerson,
    automatic_allowed,
    checked_person,
    next_attempt,
    tidy,
)
from lonely_bridge.formats.smtp import OutgoingMail
from lonely_bridge.services.ports import (
    Mailer,
    OutboxRepository,
    SecretStore,
    SettingsRepository,
    TrustedPeopleRepository,
)
from lonely_bridge.services.settings import read, write
from lonely_bridge.wording.mail import compose
from lonely_bridge.wording.problems import explain

# A problem with the server itself: the rest of the round would meet it too.
_SERVER_PROBLEMS = (MailServerUnreachable, MailNotSecure, MailLoginRefused)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Draft:
    """A message exactly as it would be sent; pass it back to ``queue`` to send those words."""

    recipient_id: int
    kind: MailKind
    to_name: str
    to_address: str
    subject: str
    body: str
    composed_at: datetime


class QueueOutcome(StrEnum):
    """What ``queue`` did; only QUEUED is true, so ``if service.queue(...)`` reads naturally."""

    QUEUED = "queued"
    NOT_CHOSEN = "not_chosen"  # the older adult did not choose this kind for this person
    WEEKLY_LIMIT = "weekly_limit"  # an automatic message went to them in the last 7 days
    EMAIL_NOT_SET_UP = "email_not_set_up"
    NO_SENDER_NAME = "no_sender_name"  # the older adult's own name is not set
    PAUSED = "paused"  # the gentle eye is paused: nothing goes by itself

    def __bool__(self) -> bool:
        return self is QueueOutcome.QUEUED


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sent: tuple[OutboxEntry, ...] = ()
    retrying: tuple[OutboxEntry, ...] = ()  # each with its next_attempt_at and last_error
    problem: LonelyBridgeError | None = None  # the first thing that went wrong, to explain
    busy: bool = False  # another delivery was already running; nothing was done
    not_set_up: bool = False  # messages are waiting but e-mail is not set up


class AlertService:
    def __init__(
        self,
        trusted: TrustedPeopleRepository,
        outbox: OutboxRepository,
        settings: SettingsRepository,
        mailer: Mailer,
        secrets: SecretStore,
        clock: Clock,
        *,
        zone: tzinfo = UTC,
    ) -> None:
        self._trusted = trusted
        self._outbox = outbox
        self._settings = settings
        self._mailer = mailer
        self._secrets = secrets
        self._clock = clock
        self._zone = zone  # the older adult's own zone, for dates in the words
        self._queueing = threading.Lock()
        self._delivering = threading.Lock()

    # Trusted people -----------------------------------------------------------------------
    def trusted_people(self) -> list[TrustedPerson]:
        return self._trusted.list_trusted_people()

    def save_person(self, person: TrustedPerson) -> TrustedPerson:
        """Add or update; raises TrustedPersonInvalid.

        Unsent messages follow a changed address. If the person may now see less, or was
        taken off a kind of message, their unsent messages are withdrawn: they were written
        under the old choice.
        """
        ready = checked_person(person)
        now = self._clock.now()
        if ready.id is None:
            return self._trusted.add_trusted_person(ready, now=now)
        before = self._trusted.get_trusted_person(ready.id)
        narrowed = (
            not ready.allowed >= before.allowed
            or (before.share_level_changes and not ready.share_level_changes)
            or (before.share_weekly and not ready.share_weekly)
        )
        saved, withdrawn = self._trusted.update_trusted_person(
            ready, now=now, withdraw_unsent=narrowed
        )
        if withdrawn:
            log.info("Withdrew %d unsent message(s) after sharing choices changed", withdrawn)
        return saved

    def remove_person(self, person_id: int) -> int:
        """Remove them and their unsent messages; returns how many were withdrawn.

        The record of messages already sent to them stays, so it can still be looked at.
        """
        return self._trusted.delete_trusted_person(person_id, now=self._clock.now())

    # Messages -----------------------------------------------------------------------------
    def _sender_name(self) -> str:
        return tidy(read(self._settings, OWNER_NAME))

    def _draft(
        self, summary: ShareableSummary, person: TrustedPerson, kind: MailKind, at: datetime
    ) -> Draft:
        assert person.id is not None
        subject, body = compose(
            summary,
            to_name=person.name,
            from_name=self._sender_name(),
            allowed=person.allowed,
            now=at.astimezone(self._zone),
            kind=kind,
        )
        return Draft(person.id, kind, person.name, person.email, subject, body, at)

    def _fresh(self, recipient: TrustedPerson) -> TrustedPerson:
        if recipient.id is None:
            raise ValueError("messages go to saved trusted people only")
        # Their choices as saved now, not as the caller last saw them.
        return self._trusted.get_trusted_person(recipient.id)

    def preview(
        self,
        summary: ShareableSummary,
        recipient: TrustedPerson,
        kind: MailKind = MailKind.BY_HAND,
    ) -> Draft:
        """The message exactly as ``queue(..., draft=...)`` will store and send it.

        Raises AlertsNotReady when the older adult's own name is not set yet.
        """
        if not self._sender_name():
            raise AlertsNotReady(problem="no_owner_name")
        return self._draft(summary, self._fresh(recipient), kind, self._clock.now())

    def queue(
        self,
        summary: ShareableSummary,
        recipient: TrustedPerson,
        kind: MailKind,
        *,
        draft: Draft | None = None,
    ) -> QueueOutcome:
        """Put a message in the outbox, if the older adult's choices allow it.

        With ``draft`` (from ``preview``) the words stored are exactly the draft's; if the
        person's choices changed since, nothing is stored and DraftOutdated is raised.
        Automatic kinds go at most once a week per person; BY_HAND always goes.
        """
        person = self._fresh(recipient)
        if draft is not None and (draft.recipient_id, draft.kind) != (person.id, kind):
            raise ValueError("this draft was written for another person or kind of message")
        if not person.chose(kind):
            return QueueOutcome.NOT_CHOSEN
        if kind is not MailKind.BY_HAND and read(self._settings, INSIGHT_PAUSED):
            return QueueOutcome.PAUSED
        server = self.smtp_settings()
        if server is None:
            return QueueOutcome.EMAIL_NOT_SET_UP
        if not self._sender_name():
            return QueueOutcome.NO_SENDER_NAME
        with self._queueing:
            now = self._clock.now()
            assert person.id is not None
            if not automatic_allowed(kind, self._outbox.last_automatic_at(person.id), now):
                return QueueOutcome.WEEKLY_LIMIT
            ready = self._draft(summary, person, kind, draft.composed_at if draft else now)
            if draft is not None and ready != draft:
                raise DraftOutdated()
            entry = self._outbox.add_to_outbox(
                OutboxEntry(
                    id=None,
                    recipient_id=person.id,
                    to_name=ready.to_name,
                    to_address=ready.to_address,
                    kind=kind,
                    subject=ready.subject,
                    body=ready.body,
                    message_id=_message_id(server),
                    created_at=now,  # approved now: the e-mail's Date
                    next_attempt_at=now,
                )
            )
        log.info("Queued %s message %s", kind, entry.message_id)
        return QueueOutcome.QUEUED

    def queue_for_everyone(
        self, summary: ShareableSummary, kind: MailKind
    ) -> list[tuple[TrustedPerson, QueueOutcome]]:
        """For the automatic moments: queue for everyone who chose ``kind``."""
        return [
            (person, self.queue(summary, person, kind))
            for person in self.trusted_people()
            if person.chose(kind)
        ]

    # Delivery -----------------------------------------------------------------------------
    def deliver_due(self) -> DeliveryReport:
        """Try every message that is due; call it from a worker thread (it waits on network).

        Safe to call often and from two places at once: a second call while one runs returns
        at once with ``busy``.
        """
        if not self._delivering.acquire(blocking=False):
            return DeliveryReport(busy=True)
        try:
            return self._deliver_due()
        finally:
            self._delivering.release()

    def _deliver_due(self) -> DeliveryReport:
        due = self._outbox.due_outbox(self._clock.now())
        if not due:
            return DeliveryReport()
        server = self.smtp_settings()
        if server is None:
            return DeliveryReport(not_set_up=True)
        try:
            password = self._password_for(server)
        except (SecretsUnavailable, MailLoginRefused) as exc:
            # Nothing was tried, so no try is counted; the messages simply keep waiting.
            log.warning("Cannot send e-mail yet: %s", exc.code)
            return DeliveryReport(problem=exc)

        sent: list[OutboxEntry] = []
        retrying: list[OutboxEntry] = []
        problem: LonelyBridgeError | None = None
        for entry in due:
            assert entry.id is not None
            claimed = self._outbox.claim_outbox(entry.id, now=self._clock.now())
            if claimed is None:
                continue  # sent, withdrawn or taken by another sender meanwhile
            assert claimed.id is not None
            if isinstance(problem, _SERVER_PROBLEMS):
                error: LonelyBridgeError = problem  # the server can't be used this round
            else:
                try:
                    self._mailer.send(self._outgoing(claimed, server), server=server,
                                      password=password)  # fmt: skip
                except LonelyBridgeError as exc:
                    error = exc
                except Exception:
                    log.exception("Unexpected problem sending message %s", claimed.message_id)
                    error = LonelyBridgeError()
                else:
                    if self._outbox.mark_outbox_sent(claimed.id, sent_at=self._clock.now()):
                        log.info("Sent message %s", claimed.message_id)
                        sent.append(claimed)
                    continue
            problem = problem or error
            retry_at = next_attempt(claimed.attempts, self._clock.now())
            if self._outbox.record_outbox_failure(
                claimed.id, error=explain(error).text, next_attempt_at=retry_at
            ):
                log.warning(
                    "Message %s not sent (%s, try %d); next try at %s",
                    claimed.message_id, error.code, claimed.attempts, retry_at.isoformat(),
                )  # fmt: skip
                retrying.append(claimed)
        return DeliveryReport(sent=tuple(sent), retrying=tuple(retrying), problem=problem)

    def _password_for(self, server: SmtpSettings) -> str | None:
        if not server.username:
            return None
        password = self._secrets.smtp_password()
        if password is None:
            raise MailLoginRefused(host=server.host, reason="no_password")
        return password

    def _outgoing(self, entry: OutboxEntry, server: SmtpSettings) -> OutgoingMail:
        return OutgoingMail(
            message_id=entry.message_id,
            from_name=self._sender_name(),
            from_address=server.from_address,
            to_name=entry.to_name,
            to_address=entry.to_address,
            subject=entry.subject,
            body=entry.body,
            written_at=entry.created_at,
            automatic=entry.kind.automatic,
        )

    # What was sent ------------------------------------------------------------------------
    def sent_log(self) -> list[OutboxEntry]:
        """Every message sent: to whom (``to_name``, ``to_address``), when, and the words."""
        return self._outbox.sent_outbox()

    def waiting(self) -> list[OutboxEntry]:
        """Messages not sent yet, oldest first, with their tries and last problem."""
        return self._outbox.unsent_outbox()

    def status(self, entry: OutboxEntry) -> OutboxStatus:
        return entry.status(self._clock.now(), lease=SENDING_LEASE)

    def withdraw(self, entry_id: int) -> bool:
        """Cancel a message that has not gone; False if it was sent or is going right now."""
        return self._outbox.withdraw_outbox(entry_id, now=self._clock.now())

    # E-mail settings ----------------------------------------------------------------------
    def smtp_settings(self) -> SmtpSettings | None:
        return read(self._settings, MAIL_SERVER)

    def save_smtp_settings(self, settings: SmtpSettings, *, password: str | None) -> SmtpSettings:
        """Check and save; the password goes to the password keeper only, never the database.

        ``password=None`` keeps the saved one. Raises SmtpSettingsInvalid, or
        SecretsUnavailable (then nothing is saved: e-mail can stay off).
        """
        ready = check_smtp_settings(settings)
        if password:
            self._secrets.set_smtp_password(password)
        write(self._settings, MAIL_SERVER, ready, now=self._clock.now())
        return ready

    def turn_off_email(self) -> None:
        """Forget the settings and the password. Unsent messages wait until it is set up again."""
        write(self._settings, MAIL_SERVER, None, now=self._clock.now())
        try:
            self._secrets.forget_smtp_password()
        except SecretsUnavailable:
            log.info("No password keeper to forget the e-mail password in")

    def check_connection(self) -> None:
        """Connect and log in without sending, to test settings; raises the problem found."""
        server = self.smtp_settings()
        if server is None:
            raise AlertsNotReady(problem="no_email_settings")
        self._mailer.check(server=server, password=self._password_for(server))


def _message_id(server: SmtpSettings) -> str:
    """A Message-ID made once per message, so every try carries the same one."""
    domain = server.from_address.rpartition("@")[2] or "lonely-bridge.invalid"
    return f"<{uuid.uuid4().hex}.lonely-bridge@{domain}>"
