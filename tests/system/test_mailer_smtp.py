"""SmtpMailer and AlertService against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import base64
import logging
import smtplib
import string
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, message_from_string
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import Envelope
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains

from lonely_bridge.domain.email_addresses import valid_email
from lonely_bridge.domain.errors import (
    MailLoginRefused,
    MailNotSecure,
    MailRejected,
    MailServerUnreachable,
    TrustedPersonInvalid,
)
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.sharing import MailKind, ShareableSummary, Topic, TrustedPerson
from lonely_bridge.formats.smtp import OutgoingMail
from lonely_bridge.services.alerts import AlertService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.stores import Stores, open_stores
from lonely_bridge.system.logs import close_logging, setup_logging
from lonely_bridge.system.mailer import SmtpMailer
from lonely_bridge.system.secrets import KeyringSecretStore
from lonely_bridge.wording.problems import explain
from tests.doubles import FixedClock

from .conftest import SMTP_PASSWORD, SMTP_USER, LocalSmtpServer

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
SUMMARY = ShareableSummary(
    level_words="Margaret has had a quieter few weeks than usual.",
    reasons=("No calls with family since 2 November",),
    people_in_touch=("Tom", "Sue"),
    next_call="Sunday at 4 pm, with Tom",
)


def _server(port: int, security: Security = Security.NONE, host: str = "127.0.0.1") -> SmtpSettings:
    return SmtpSettings(host, port, security, SMTP_USER, SMTP_USER)


def _mail(to: str = "anna@example.org", *, automatic: bool = False) -> OutgoingMail:
    return OutgoingMail(
        message_id="<test-1.lonely-bridge@example.org>",
        from_name="Margaret",
        from_address=SMTP_USER,
        to_name="Anna Zoë",
        to_address=to,
        subject="A note from Margaret",
        body="Dear Anna,\n\nA short note.\n",
        written_at=NOW,
        automatic=automatic,
    )


def _received(server: LocalSmtpServer) -> list[EmailMessage]:
    messages = []
    for envelope in server.collector.messages:
        assert isinstance(envelope.content, bytes)
        parsed = message_from_bytes(envelope.content, policy=default)
        assert isinstance(parsed, EmailMessage)
        messages.append(parsed)
    return messages


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def app_store(tmp_path: Path, clock: FixedClock) -> Iterator[Stores]:
    folder = tmp_path / "data"
    folder.mkdir()
    store = open_stores(open_database(folder, now=clock.now()))
    yield store
    store.close()


@pytest.fixture
def alerts(app_store: Stores, clock: FixedClock, smtp_server: LocalSmtpServer) -> AlertService:
    service = AlertService(
        app_store.sharing,
        app_store.sharing,
        app_store.settings,
        SmtpMailer(timeout=5),
        KeyringSecretStore(),
        clock,
    )
    app_store.settings.set_setting("owner_name", "Margaret", now=clock.now())
    service.save_smtp_settings(_server(smtp_server.port), password=SMTP_PASSWORD)
    return service


@pytest.fixture
def anna(alerts: AlertService) -> TrustedPerson:
    return alerts.save_person(
        TrustedPerson(None, "Anna", "anna@example.org", share_weekly=True,
                      allowed=frozenset({Topic.LEVEL, Topic.NEXT_CALL}))
    )  # fmt: skip


# Through the whole app path --------------------------------------------------------------
def test_a_message_arrives_as_previewed(
    alerts: AlertService, anna: TrustedPerson, smtp_server: LocalSmtpServer
) -> None:
    smtp_server.start()
    draft = alerts.preview(SUMMARY, anna, MailKind.LEVEL)
    assert alerts.queue(SUMMARY, anna, MailKind.LEVEL, draft=draft)

    report = alerts.deliver_due()

    assert report.problem is None
    assert len(report.sent) == 1
    [envelope] = smtp_server.collector.messages
    assert envelope.mail_from == SMTP_USER
    assert envelope.rcpt_tos == ["anna@example.org"]
    assert smtp_server.collector.logins == [(SMTP_USER, SMTP_PASSWORD)]
    [message] = _received(smtp_server)
    assert message["To"] == "Anna <anna@example.org>"
    assert message["From"] == f"Margaret <{SMTP_USER}>"
    assert message["Subject"] == draft.subject == "Margaret would love to hear from you"
    assert message["Message-ID"] == report.sent[0].message_id
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Date"].datetime == NOW
    body = message.get_content()
    assert body.replace("\r\n", "\n") == draft.body
    assert "How things are: Margaret has had a quieter few weeks than usual." in body
    assert "Next planned call: Sunday at 4 pm, with Tom" in body
    assert "No calls with family" not in body  # Anna may not see the reasons
    assert "Tom and Sue" not in body


@pytest.mark.allow_log("lonely_bridge.services.alerts", "WARNING")
def test_server_down_then_up_shows_exactly_one_delivery(
    alerts: AlertService, anna: TrustedPerson, smtp_server: LocalSmtpServer, clock: FixedClock
) -> None:
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)

    down = alerts.deliver_due()  # nothing listens on the port: connection refused

    assert isinstance(down.problem, MailServerUnreachable)
    assert down.problem.params["reason"] == "refused"
    [waiting] = alerts.waiting()
    assert waiting.attempts == 1
    assert waiting.next_attempt_at == NOW + timedelta(minutes=1)
    assert "could not reach the e-mail server 127.0.0.1" in (waiting.last_error or "")

    smtp_server.start()
    assert alerts.deliver_due().sent == ()  # up, but the retry is not due yet
    clock.advance(minutes=1, seconds=1)
    up = alerts.deliver_due()
    assert len(up.sent) == 1
    assert len(smtp_server.collector.messages) == 1

    clock.advance(hours=7)
    again = alerts.deliver_due()
    assert again.sent == ()
    assert again.problem is None
    assert len(smtp_server.collector.messages) == 1
    [record] = alerts.sent_log()
    assert record.sent_at == NOW + timedelta(minutes=1, seconds=1)
    assert record.attempts == 2
    assert _received(smtp_server)[0]["Message-ID"] == waiting.message_id


def test_a_repeat_after_a_crash_carries_the_same_message_id(
    alerts: AlertService, anna: TrustedPerson, app_store: Stores,
    smtp_server: LocalSmtpServer, clock: FixedClock,
) -> None:  # fmt: skip
    """The documented window: the server took it, the app died before recording it."""
    smtp_server.start()
    assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
    [entry] = alerts.waiting()
    assert entry.id is not None
    claimed = app_store.sharing.claim_outbox(entry.id, now=clock.now())
    assert claimed is not None
    settings = alerts.smtp_settings()
    assert settings is not None
    SmtpMailer(timeout=5).send(
        OutgoingMail(entry.message_id, "Margaret", SMTP_USER, entry.to_name, entry.to_address,
                     entry.subject, entry.body, entry.created_at),
        server=settings, password=SMTP_PASSWORD,
    )  # fmt: skip
    # ...power cut here, before mark_outbox_sent. After restart and the claim's lease:
    clock.advance(minutes=11)
    assert len(alerts.deliver_due().sent) == 1
    ids = [message["Message-ID"] for message in _received(smtp_server)]
    assert ids == [entry.message_id, entry.message_id]
    assert len(alerts.sent_log()) == 1


@pytest.mark.allow_log("lonely_bridge.services.alerts", "WARNING")
def test_the_password_is_in_neither_the_database_nor_the_log(
    alerts: AlertService, anna: TrustedPerson, smtp_server: LocalSmtpServer,
    app_store: Stores, tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    log_file = setup_logging(tmp_path / "logs", verbose=True)
    caplog.set_level(logging.DEBUG)
    try:
        assert alerts.queue(SUMMARY, anna, MailKind.BY_HAND)
        alerts.deliver_due()  # down: a failure is logged
        smtp_server.start()
        alerts.check_connection()
        alerts.deliver_due()  # not due yet
        alerts.save_smtp_settings(_server(smtp_server.port), password="Wrong-Password-1")
        with pytest.raises(MailLoginRefused):
            alerts.check_connection()
    finally:
        close_logging()
    app_store.close()
    assert log_file is not None
    assert "127.0.0.1" in log_file.read_text()  # the log was written
    secrets = [SMTP_PASSWORD, "Wrong-Password-1"]
    forms = [s.encode() for s in secrets] + [base64.b64encode(s.encode()) for s in secrets]
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name != "test-keyring.json":
            content = path.read_bytes()
            for form in forms:
                assert form not in content, path
    for secret in secrets:
        assert secret not in caplog.text


# The mailer on its own -------------------------------------------------------------------
def test_mailer_sends_unicode_names_and_marks_automatic_mail(
    smtp_server: LocalSmtpServer,
) -> None:
    smtp_server.start()
    mailer = SmtpMailer(timeout=5)
    mailer.send(_mail(automatic=True), server=_server(smtp_server.port), password=SMTP_PASSWORD)
    mailer.send(_mail(), server=_server(smtp_server.port), password=SMTP_PASSWORD)
    first, second = _received(smtp_server)
    assert first["To"] == "Anna Zoë <anna@example.org>"
    assert first["Auto-Submitted"] == "auto-generated"
    assert second["Auto-Submitted"] is None


# Where a message goes --------------------------------------------------------------------
ACCEPTED_FORMS = [
    "anna@example.org",
    "a.b+c@mail.example.co.uk",
    "o'neil@example.org",
    "#!$%&'*+-/=?^_`{|}~@example.org",
    "ANNA@Example.ORG",
    "anna@xn--bcher-kva.de",
    "root@localhost",
]
INTERNATIONAL_FORMS = ["zoë@example.org", "anna@bücher.de", "用户@例子.广告"]
_ATOMS = st.text(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~.ëü用", min_size=1)
ADDRESSES = st.builds("{}@{}".format, _ATOMS, st.one_of(domains(), st.just("bücher.de")))


def _headers(envelope: Envelope) -> EmailMessage:
    """The message as the server got it; international headers arrive as raw UTF-8."""
    assert isinstance(envelope.content, bytes)
    parsed = message_from_string(envelope.content.decode("utf-8"), policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize("address", ACCEPTED_FORMS + INTERNATIONAL_FORMS)
def test_the_envelope_recipient_is_the_saved_address(
    smtp_server: LocalSmtpServer, address: str
) -> None:
    assert valid_email(address)
    smtp_server.start()
    SmtpMailer(timeout=5).send(_mail(address), server=_server(smtp_server.port),
                               password=SMTP_PASSWORD)  # fmt: skip
    [envelope] = smtp_server.collector.messages
    assert envelope.rcpt_tos == [address]
    assert envelope.mail_from == SMTP_USER
    [to] = _headers(envelope)["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Anna Zoë", address)
    assert ("SMTPUTF8" in envelope.mail_options) is (not address.isascii())


@pytest.mark.parametrize("address", ["anna@example.org.", "anna@example..org", "a..b@example.org"])
def test_an_address_that_is_not_valid_is_never_guessed_at(
    smtp_server: LocalSmtpServer, address: str
) -> None:
    """Saved by an older version: the header parser used to read "anna@example.org." as
    the display name "Anna Zoë", and the envelope went to that."""
    smtp_server.start()
    with pytest.raises(MailRejected) as error:
        SmtpMailer(timeout=5).send(_mail(address), server=_server(smtp_server.port),
                                   password=SMTP_PASSWORD)  # fmt: skip
    assert error.value.params == {"reason": "bad_address", "address": address}
    assert smtp_server.collector.messages == []
    assert smtp_server.collector.logins == []  # refused before any connection
    words = explain(error.value)
    assert words.title == "The e-mail could not be sent yet"  # the server was never asked
    assert f"“{address}” is not written the way an e-mail address must be" in words.text
    assert "Nothing is lost" in words.next_step


@pytest.mark.parametrize("address", INTERNATIONAL_FORMS)
def test_without_smtputf8_an_international_address_waits_with_a_plain_reason(
    address: str,
) -> None:
    server = LocalSmtpServer(password=SMTP_PASSWORD, smtputf8=False)
    server.start()
    try:
        mailer = SmtpMailer(timeout=5)
        with pytest.raises(MailRejected) as error:
            mailer.send(_mail(address), server=_server(server.port), password=SMTP_PASSWORD)
        assert error.value.params == {"reason": "needs_smtputf8", "address": address}
        assert server.collector.messages == []
        mailer.send(_mail(), server=_server(server.port), password=SMTP_PASSWORD)
        assert [envelope.rcpt_tos for envelope in server.collector.messages] == [
            ["anna@example.org"]
        ]
    finally:
        server.stop()
    words = explain(error.value)
    assert f"letters beyond A to Z, like {address}" in words.text
    assert "Nothing is lost" in words.next_step


def test_an_international_sender_address_needs_smtputf8_too() -> None:
    server = LocalSmtpServer(password=SMTP_PASSWORD, smtputf8=False)
    server.start()
    try:
        mail = replace(_mail(), from_address="zoë@example.org")
        with pytest.raises(MailRejected) as error:
            SmtpMailer(timeout=5).send(mail, server=_server(server.port), password=SMTP_PASSWORD)
        assert server.collector.messages == []
    finally:
        server.stop()
    assert error.value.params == {"reason": "needs_smtputf8", "address": "zoë@example.org"}


def test_an_address_with_a_trailing_dot_is_not_saved_and_nothing_goes_to_the_name(
    alerts: AlertService, smtp_server: LocalSmtpServer
) -> None:
    with pytest.raises(TrustedPersonInvalid) as error:
        alerts.save_person(TrustedPerson(None, "Anna", "anna@example.org."))
    assert error.value.params["why"] == "trailing_dot"
    assert "It ends with a dot" in explain(error.value).text
    assert alerts.trusted_people() == []


@settings(max_examples=40, deadline=None)
@given(address=ADDRESSES)
def test_every_accepted_address_is_the_envelope_recipient(address: str) -> None:
    """Any address valid_email accepts reaches a real server as exactly itself."""
    assume(valid_email(address))
    server = LocalSmtpServer(password=SMTP_PASSWORD)
    server.start()
    try:
        SmtpMailer(timeout=5).send(_mail(address), server=_server(server.port),
                                   password=SMTP_PASSWORD)  # fmt: skip
    finally:
        server.stop()
    [envelope] = server.collector.messages
    assert envelope.rcpt_tos == [address]
    assert _headers(envelope)["To"].addresses[0].addr_spec == address


def test_wrong_password_is_a_refused_login(smtp_server: LocalSmtpServer) -> None:
    smtp_server.start()
    with pytest.raises(MailLoginRefused) as error:
        SmtpMailer(timeout=5).send(_mail(), server=_server(smtp_server.port), password="nope")
    assert error.value.params["reason"] == "refused"
    assert smtp_server.collector.messages == []
    assert "did not accept the user name and password" in explain(error.value).text


def test_a_refused_recipient_is_a_rejected_message(smtp_server: LocalSmtpServer) -> None:
    smtp_server.collector.refused.add("nobody@example.org")
    smtp_server.start()
    with pytest.raises(MailRejected) as error:
        SmtpMailer(timeout=5).send(
            _mail("nobody@example.org"), server=_server(smtp_server.port), password=SMTP_PASSWORD
        )
    assert error.value.params["reason"] == "recipient"
    assert "No such mailbox" in error.value.params["detail"]
    assert "would not deliver to nobody@example.org" in explain(error.value).text


def test_nobody_listening_is_an_unreachable_server(smtp_server: LocalSmtpServer) -> None:
    with pytest.raises(MailServerUnreachable) as error:
        SmtpMailer(timeout=5).check(server=_server(smtp_server.port), password=SMTP_PASSWORD)
    assert error.value.params == {"host": "127.0.0.1", "port": smtp_server.port,
                                  "reason": "refused"}  # fmt: skip
    assert "try again by itself" in explain(error.value).next_step


def test_starttls_is_required_when_chosen(smtp_server: LocalSmtpServer) -> None:
    """STARTTLS uses smtplib.SMTP then starttls(); this plain server offers no STARTTLS."""
    smtp_server.start()
    with pytest.raises(MailNotSecure) as error:
        SmtpMailer(timeout=5).send(
            _mail(), server=_server(smtp_server.port, Security.STARTTLS), password=SMTP_PASSWORD
        )
    assert error.value.params["reason"] == "no_starttls"
    assert smtp_server.collector.logins == []  # the password never went over the open line
    assert smtp_server.collector.messages == []
    assert "did not offer a private (STARTTLS) line" in explain(error.value).text


# The server may or may not log the TLS greeting it cannot read before the test ends.
@pytest.mark.allow_log("mail.log", "WARNING")
def test_tls_is_required_from_the_first_byte_when_chosen(smtp_server: LocalSmtpServer) -> None:
    """TLS uses smtplib.SMTP_SSL: a plain server cannot complete the handshake."""
    smtp_server.start()
    with pytest.raises(MailNotSecure) as error:
        SmtpMailer(timeout=5).send(
            _mail(), server=_server(smtp_server.port, Security.TLS), password=SMTP_PASSWORD
        )
    assert error.value.params["reason"] == "tls_failed"
    assert smtp_server.collector.logins == []
    assert smtp_server.collector.messages == []


@pytest.mark.parametrize(
    ("security", "expected"), [(Security.STARTTLS, "SMTP"), (Security.TLS, "SMTP_SSL")]
)
def test_each_security_choice_uses_its_smtplib_class(
    monkeypatch: pytest.MonkeyPatch, security: Security, expected: str
) -> None:
    made: list[str] = []

    def record(name: str) -> Any:
        def refuse(*args: object, **kwargs: object) -> None:
            made.append(name)
            raise ConnectionRefusedError

        return refuse

    monkeypatch.setattr(smtplib, "SMTP", record("SMTP"))
    monkeypatch.setattr(smtplib, "SMTP_SSL", record("SMTP_SSL"))
    with pytest.raises(MailServerUnreachable):
        SmtpMailer().check(server=_server(2525, security, "smtp.example.org"), password="x")
    assert made == [expected]


@pytest.mark.parametrize("host", ["mail.example.org", "192.168.1.10", "10.0.0.1", "[2001:db8::1]"])
def test_no_encryption_is_refused_for_any_other_computer(
    monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plain connection to another computer was attempted")

    monkeypatch.setattr(smtplib, "SMTP", no_network)
    with pytest.raises(MailNotSecure) as error:
        SmtpMailer().send(_mail(), server=_server(25, Security.NONE, host), password="secret")
    assert error.value.params["reason"] == "plain_not_local"
    assert "will not send a password unencrypted" in explain(error.value).text
