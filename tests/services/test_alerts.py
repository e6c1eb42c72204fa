"""AlertService on a real SQLite store: consent, exact previews, the weekly limit, the outbox."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from lonely_bridge.domain.email_addresses import EmailProblem
from lonely_bridge.domain.errors import (
    AlertsNotReady,
    DraftOutdated,
    LonelyBridgeError,
    MailLoginRefused,
    MailRejected,
    MailServerUnreachable,
    NotFound,
    SecretsUnavailable,
    SmtpSettingsInvalid,
    TrustedPersonInvalid,
)
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.settings import INSIGHT_PAUSED
from lonely_bridge.domain.sharing import (
    ALL_TOPICS,
    SENDING_LEASE,
    MailKind,
    OutboxStatus,
    ShareableSummary,
    Topic,
    TrustedPerson,
)
from lonely_bridge.formats.smtp import OutgoingMail
from lonely_bridge.services.alerts import AlertService, QueueOutcome
from lonely_bridge.services.settings import write
from lonely_bridge.storage.stores import Stores
from lonely_bridge.wording.problems import explain
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer

PASSWORD = "Plum-Kettle-7391"
SERVER = SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "margaret",
                      "margaret@example.org")  # fmt: skip
SUMMARY = ShareableSummary(
    level_words="Margaret has had a quieter few weeks than usual.",
    reasons=("No calls with family since 2 November",),
    people_in_touch=("Tom", "Sue"),
    next_call="Sunday at 4 pm, with Tom",
)


@pytest.fixture
def anna(alerts: AlertService, app_store: Stores, clock: FixedClock) -> TrustedPerson:
    app_store.settings.set_setting("owner_name", "Margaret", now=clock.now())
    alerts.save_smtp_settings(SERVER, password=PASSWORD)
    return alerts.save_person(
        TrustedPerson(
            None,
            "Anna",
            "anna@example.org",
            share_level_changes=True,
            share_weekly=True,
            allowed=ALL_TOPICS,
        )
    )


# Trusted people --------------------------------------------------------------------------
def test_trusted_people_are_checked_saved_listed_and_removed(alerts: AlertService) -> None:
    saved = alerts.save_person(
        TrustedPerson(None, " Tom  Baker ", " tom@example.org ", allowed=frozenset())
    )
    assert saved.id is not None
    assert saved.created_at is not None
    assert (saved.name, saved.email, saved.allowed) == ("Tom Baker", "tom@example.org", set())
    changed = alerts.save_person(
        TrustedPerson(
            saved.id,
            "Tom",
            "tom@example.net",
            share_weekly=True,
            allowed=frozenset({Topic.NEXT_CALL}),
        )
    )
    assert alerts.trusted_people() == [changed]
    assert changed.allowed == {Topic.NEXT_CALL}
    assert changed.share_weekly
    with pytest.raises(TrustedPersonInvalid):
        alerts.save_person(TrustedPerson(None, "Tom", "not an address"))
    assert alerts.remove_person(saved.id) == 0
    assert alerts.trusted_people() == []
    with pytest.raises(NotFound):
        alerts.remove_person(saved.id)


# Previews and the outbox -----------------------------------------------------------------
def test_preview_is_exactly_what_is_stored_and_sent(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer
) -> None:
    draft = alerts.preview(SUMMARY, anna, MailKind.LEVEL)
    assert (draft.to_name, draft.to_address) == ("Anna", "anna@example.org")
    assert alerts.queue(SUMMARY, anna, MailKind.LEVEL, draft=draft) is QueueOutcome.QUEUED
    [waiting] = alerts.waiting()
    assert (waiting.subject, waiting.body) == (draft.subject, draft.body)
    assert alerts.status(waiting) is OutboxStatus.WAITING

    report = alerts.deliver_due()
    assert [entry.id for entry in report.sent] == [waiting.id]
    [mail] = mailer.sent
    assert (mail.subject, mail.body) == (draft.subject, draft.body)
    assert (mail.to_address, mail.from_name, mail.from_address) == (
        "anna@example.org", "Margaret", "margaret@example.org"
    )  # fmt: skip
    assert mail.message_id == waiting.message_id
    assert mail.automatic
    [logged] = alerts.sent_log()
    assert (logged.subject, logged.body, logged.to_name) == (draft.subject, draft.body, "Anna")
    assert logged.sent_at is not None
    assert alerts.waiting() == []


def test_a_draft_keeps_its_words_even_when_the_day_changes(
    alerts: AlertService, anna: TrustedPerson, clock: FixedClock
) -> None:
    draft = alerts.preview(SUMMARY, anna, MailKind.WEEKLY)
    assert draft.subject == "Margaret's week, to Thursday 26 November"
    clock.advance(days=1)
    assert alerts.queue(SUMMARY, anna, MailKind.WEEKLY, draft=draft)
    assert alerts.waiting()[0].subject == draft.subject


def test_without_a_draft_queue_stores_what_preview_shows(
    alerts: AlertService, anna: TrustedPerson
) -> None:
    draft = alerts.preview(SUMMARY, anna, MailKind.BY_HAND)
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    stored = alerts.waiting()[0]
    assert (stored.subject, stored.body, stored.kind) == (draft.subject, draft.body, "by_hand")


def test_changed_consent_makes_a_draft_outdated(alerts: AlertService, anna: TrustedPerson) -> None:
    draft = alerts.preview(SUMMARY, anna, MailKind.BY_HAND)
    alerts.save_person(TrustedPerson(anna.id, "Anna", "anna@example.org",
                                     allowed=frozenset({Topic.LEVEL})))  # fmt: skip
    with pytest.raises(DraftOutdated):
        alerts.queue(SUMMARY, anna, MailKind.BY_HAND, draft=draft)
    assert alerts.waiting() == []
    with pytest.raises(ValueError, match="another person or kind"):
        alerts.queue(SUMMARY, anna, MailKind.LEVEL, draft=draft)


def test_only_the_allowed_topics_are_stored(alerts: AlertService, anna: TrustedPerson) -> None:
    tom = alerts.save_person(
        TrustedPerson(None, "Tom", "tom@example.org", allowed=frozenset({Topic.NEXT_CALL}))
    )
    assert alerts.queue(SUMMARY, tom, MailKind.LEVEL)
    body = alerts.waiting()[0].body
    assert "Next planned call: Sunday at 4 pm, with Tom" in body
    for hidden in ("quieter", "No calls with family", "Tom and Sue"):
        assert hidden not in body


def test_weekly_limit_for_automatic_messages_only(
    alerts: AlertService, anna: TrustedPerson, clock: FixedClock
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.LEVEL) is QueueOutcome.QUEUED
    clock.advance(days=2)
    assert alerts.queue(SUMMARY, anna, MailKind.LEVEL) is QueueOutcome.WEEKLY_LIMIT
    assert alerts.queue(SUMMARY, anna, MailKind.WEEKLY) is QueueOutcome.WEEKLY_LIMIT
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND) is QueueOutcome.QUEUED
    clock.advance(days=5)  # seven days after the first
    assert alerts.queue(SUMMARY, anna, MailKind.WEEKLY) is QueueOutcome.QUEUED
    # The limit is per person: Tom may still get his.
    tom = alerts.save_person(TrustedPerson(None, "Tom", "tom@example.org"))
    assert alerts.queue(SUMMARY, tom, MailKind.LEVEL) is QueueOutcome.QUEUED
    assert [entry.kind for entry in alerts.waiting()] == ["level", "by_hand", "weekly", "level"]


def test_queue_respects_every_choice(
    alerts: AlertService, anna: TrustedPerson, app_store: Stores, clock: FixedClock
) -> None:
    quiet = alerts.save_person(
        TrustedPerson(None, "Sue", "sue@example.org", share_level_changes=False)
    )
    assert alerts.queue(SUMMARY, quiet, MailKind.LEVEL) is QueueOutcome.NOT_CHOSEN
    assert alerts.queue(SUMMARY, quiet, MailKind.WEEKLY) is QueueOutcome.NOT_CHOSEN
    assert not alerts.queue(SUMMARY, quiet, MailKind.WEEKLY)
    app_store.settings.set_setting("owner_name", "", now=clock.now())
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND) is QueueOutcome.NO_SENDER_NAME
    with pytest.raises(AlertsNotReady):
        alerts.preview(SUMMARY, anna)
    alerts.turn_off_email()
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND) is QueueOutcome.EMAIL_NOT_SET_UP
    assert alerts.waiting() == []


def test_queue_for_everyone_who_chose_it(alerts: AlertService, anna: TrustedPerson) -> None:
    alerts.save_person(TrustedPerson(None, "Sue", "sue@example.org", share_weekly=False))
    results = alerts.queue_for_everyone(SUMMARY, MailKind.WEEKLY)
    assert [(person.name, outcome) for person, outcome in results] == [("Anna", "queued")]


# Delivery --------------------------------------------------------------------------------
@pytest.mark.allow_log("lonely_bridge.services.alerts", "WARNING")
def test_failed_tries_back_off_and_never_give_up(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer, clock: FixedClock
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    mailer.failure = MailServerUnreachable(host=SERVER.host, port=587, reason="refused")
    gaps = []
    for attempt in range(1, 8):
        before = clock.now()
        report = alerts.deliver_due()
        assert isinstance(report.problem, MailServerUnreachable)
        [entry] = alerts.waiting()
        assert entry.attempts == attempt
        assert entry.sending_since is None
        assert entry.last_error is not None
        assert "could not reach the e-mail server smtp.example.org" in entry.last_error
        assert alerts.status(entry) is OutboxStatus.RETRYING
        gaps.append(entry.next_attempt_at - before)
        assert alerts.deliver_due().retrying == ()  # not due yet: nothing is tried
        clock.set(entry.next_attempt_at)
    minutes = [gap / timedelta(minutes=1) for gap in gaps]
    assert minutes == [1, 5, 30, 120, 360, 360, 360]
    assert mailer.calls == 7

    mailer.failure = None
    report = alerts.deliver_due()
    assert len(report.sent) == 1
    assert report.problem is None
    assert alerts.sent_log()[0].attempts == 8
    assert alerts.sent_log()[0].last_error is None
    for _ in range(2):
        clock.advance(days=1)
        assert alerts.deliver_due().sent == ()
    assert len(mailer.sent) == 1
    assert alerts.waiting() == []


@pytest.mark.allow_log("lonely_bridge.services.alerts", "WARNING")
def test_a_server_problem_is_met_once_per_round(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer
) -> None:
    tom = alerts.save_person(TrustedPerson(None, "Tom", "tom@example.org"))
    for person in (anna, tom, anna):
        assert alerts.queue(SUMMARY, person, MailKind.BY_HAND)
    mailer.failure = MailLoginRefused(host=SERVER.host, reason="refused")
    report = alerts.deliver_due()
    assert mailer.calls == 1  # the other two were not sent to a server known to refuse
    assert len(report.retrying) == 3
    assert all(entry.attempts == 1 for entry in alerts.waiting())


@pytest.mark.allow_log("lonely_bridge.services.alerts", "WARNING")
def test_one_refused_message_does_not_hold_up_the_others(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer
) -> None:
    tom = alerts.save_person(TrustedPerson(None, "Tom", "tom@example.org"))
    assert alerts.queue(SUMMARY, tom, MailKind.BY_HAND)
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)

    def refuse_tom(message: OutgoingMail) -> None:
        if message.to_address == "tom@example.org":
            raise MailRejected(reason="recipient", address=message.to_address)

    mailer.failure = refuse_tom
    report = alerts.deliver_due()
    assert [entry.to_name for entry in report.sent] == ["Anna"]
    assert [entry.to_name for entry in report.retrying] == ["Tom"]
    assert "would not deliver to tom@example.org" in (alerts.waiting()[0].last_error or "")


@pytest.mark.allow_log("lonely_bridge.services.alerts", "ERROR")
def test_an_unexpected_mailer_error_is_retried_not_raised(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    mailer.failure = UnicodeEncodeError("ascii", "é", 0, 1, "test")
    report = alerts.deliver_due()
    assert report.problem is not None
    assert report.problem.code == "unexpected"
    assert alerts.waiting()[0].attempts == 1


def test_a_second_delivery_at_the_same_time_does_nothing(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    inner = []
    mailer.failure = lambda _message: inner.append(alerts.deliver_due())
    report = alerts.deliver_due()
    assert [r.busy for r in inner] == [True]
    assert len(report.sent) == 1
    assert len(mailer.sent) == 1


def test_concurrent_deliveries_send_each_message_once(
    alerts: AlertService, app_store: Stores, anna: TrustedPerson, mailer: RecordingMailer,
    secrets: MemorySecrets, clock: FixedClock,
) -> None:  # fmt: skip
    """Two services on one database (as two windows would be) never share a message."""
    for _ in range(5):
        assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    other = AlertService(
        app_store.sharing, app_store.sharing, app_store.settings, mailer, secrets, clock
    )
    threads = [threading.Thread(target=service.deliver_due) for service in (alerts, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(mail.message_id for mail in mailer.sent) == sorted(
        entry.message_id for entry in alerts.sent_log()
    )
    assert len(mailer.sent) == 5


def test_a_try_cut_short_is_retried_with_the_same_message_id(
    alerts: AlertService, app_store: Stores, anna: TrustedPerson, mailer: RecordingMailer,
    clock: FixedClock,
) -> None:  # fmt: skip
    """The documented window: the server took it, then the app died before the commit."""
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    [entry] = alerts.waiting()
    assert entry.id is not None
    claimed = app_store.sharing.claim_outbox(
        entry.id, now=clock.now()
    )  # ...then the power went off
    assert claimed is not None
    assert (
        app_store.sharing.claim_outbox(entry.id, now=clock.now()) is None
    )  # held by the first try
    assert alerts.status(alerts.waiting()[0]) is OutboxStatus.SENDING
    assert not alerts.withdraw(entry.id)  # it may be on its way: not withdrawn under it
    assert alerts.deliver_due().sent == ()

    clock.advance(seconds=SENDING_LEASE.total_seconds())
    assert alerts.status(alerts.waiting()[0]) is OutboxStatus.INTERRUPTED
    report = alerts.deliver_due()
    assert [mail.message_id for mail in mailer.sent] == [entry.message_id]
    assert report.sent[0].attempts == 2


def test_messages_wait_while_email_is_not_set_up(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    alerts.turn_off_email()
    assert alerts.deliver_due().not_set_up
    assert alerts.waiting()[0].attempts == 0
    assert mailer.calls == 0


@pytest.mark.allow_log("lonely_bridge.services.alerts", "WARNING")
def test_no_password_keeper_means_nothing_is_tried(
    alerts: AlertService, anna: TrustedPerson, secrets: MemorySecrets, mailer: RecordingMailer
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    secrets.available = False
    assert isinstance(alerts.deliver_due().problem, SecretsUnavailable)
    secrets.available, secrets.password = True, None
    problem = alerts.deliver_due().problem
    assert isinstance(problem, MailLoginRefused)
    assert problem.params["reason"] == "no_password"
    assert alerts.waiting()[0].attempts == 0
    assert mailer.calls == 0


# Withdrawing -----------------------------------------------------------------------------
def test_removing_a_person_withdraws_unsent_and_keeps_the_record(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer, clock: FixedClock
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    alerts.deliver_due()
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    assert anna.id is not None
    assert alerts.remove_person(anna.id) == 1
    assert alerts.waiting() == []
    [record] = alerts.sent_log()
    assert (record.recipient_id, record.to_name, record.to_address) == (
        None, "Anna", "anna@example.org"
    )  # fmt: skip
    clock.advance(days=1)
    alerts.deliver_due()
    assert len(mailer.sent) == 1


def test_seeing_less_withdraws_unsent_and_a_new_address_is_followed(
    alerts: AlertService, anna: TrustedPerson
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    moved = alerts.save_person(
        TrustedPerson(
            anna.id,
            "Anna",
            "anna@example.net",
            share_level_changes=True,
            share_weekly=True,
            allowed=ALL_TOPICS,
        )
    )
    assert alerts.waiting()[0].to_address == "anna@example.net"
    alerts.save_person(TrustedPerson(moved.id, "Anna", "anna@example.net",
                                     allowed=frozenset({Topic.LEVEL})))  # fmt: skip
    assert alerts.waiting() == []


def test_withdraw_one_message(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    [entry] = alerts.waiting()
    assert entry.id is not None
    assert alerts.withdraw(entry.id)
    assert alerts.deliver_due().sent == ()
    assert mailer.calls == 0
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    alerts.deliver_due()
    sent_id = alerts.sent_log()[0].id
    assert sent_id is not None
    assert not alerts.withdraw(sent_id)


# E-mail settings -------------------------------------------------------------------------
def test_the_password_goes_to_the_keeper_never_the_database(
    alerts: AlertService, anna: TrustedPerson, app_store: Stores, secrets: MemorySecrets,
    tmp_path: Path,
) -> None:  # fmt: skip
    assert secrets.password == PASSWORD
    assert alerts.smtp_settings() == SERVER
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    alerts.deliver_due()
    # A new address without a new password keeps the old one.
    changed = alerts.save_smtp_settings(
        SmtpSettings("SMTP.Example.org ", 465, Security.TLS, "margaret", "m@example.org"),
        password=None,
    )
    assert changed.host == "smtp.example.org"
    assert secrets.password == PASSWORD
    app_store.close()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_unsafe_settings_are_not_saved(alerts: AlertService, secrets: MemorySecrets) -> None:
    with pytest.raises(SmtpSettingsInvalid):
        alerts.save_smtp_settings(
            SmtpSettings("mail.example.org", 25, Security.NONE, "m", "m@example.org"),
            password=PASSWORD,
        )
    assert alerts.smtp_settings() is None
    assert secrets.password is None
    secrets.available = False
    with pytest.raises(SecretsUnavailable):
        alerts.save_smtp_settings(SERVER, password=PASSWORD)
    assert alerts.smtp_settings() is None


def test_check_connection_and_turning_email_off(
    alerts: AlertService, anna: TrustedPerson, mailer: RecordingMailer, secrets: MemorySecrets
) -> None:
    alerts.check_connection()
    mailer.failure = MailLoginRefused(host=SERVER.host, reason="refused")
    with pytest.raises(MailLoginRefused):
        alerts.check_connection()
    alerts.turn_off_email()
    assert alerts.smtp_settings() is None
    assert secrets.password is None
    with pytest.raises(AlertsNotReady):
        alerts.check_connection()
    secrets.available = False
    alerts.turn_off_email()  # no keeper to forget in: still off, no crash


@pytest.mark.parametrize(
    "error",
    [
        TrustedPersonInvalid(problem="bad_email", email="anna.example.org"),
        *(
            TrustedPersonInvalid(problem="bad_email", email="anna@example.org.", why=why)
            for why in EmailProblem
        ),
        SmtpSettingsInvalid(problem="plain_not_local", host="mail.example.org"),
        SmtpSettingsInvalid(problem="bad_from_address", email="m@x..org", why="bad_domain"),
        SecretsUnavailable(reason="no_keyring"),
        MailServerUnreachable(host="smtp.example.org", port=587, reason="timeout"),
        MailLoginRefused(host="smtp.example.org", reason="refused"),
        MailRejected(reason="recipient", address="anna@example.org"),
        MailRejected(reason="needs_smtputf8", address="zoë@example.org"),
        MailRejected(reason="bad_address", address="anna@example.org."),
        DraftOutdated(),
        AlertsNotReady(problem="no_owner_name"),
    ],
)
def test_every_sharing_problem_is_explained_in_plain_words(error: LonelyBridgeError) -> None:
    explanation = explain(error)
    if "why" in error.params:  # says which part of the address to change
        assert explanation.text != explain(error.__class__(**{**error.params, "why": ""})).text
    assert explanation.title != explain(LonelyBridgeError()).title
    assert "?" not in explanation.text
    assert "_" not in explanation.as_text()  # no codes or parameter names leak through


def test_nothing_automatic_is_queued_while_the_gentle_eye_rests(
    alerts: AlertService, anna: TrustedPerson, app_store: Stores, clock: FixedClock
) -> None:
    write(app_store.settings, INSIGHT_PAUSED, True, now=clock.now())

    assert alerts.queue(SUMMARY, anna, MailKind.LEVEL) is QueueOutcome.PAUSED
    assert alerts.queue(SUMMARY, anna, MailKind.WEEKLY) is QueueOutcome.PAUSED
    # A note the older adult chooses to send is theirs to send.
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND) is QueueOutcome.QUEUED
    assert [entry.kind for entry in alerts.waiting()] == ["by_hand"]
