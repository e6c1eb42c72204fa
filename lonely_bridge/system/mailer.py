"""Sends one e-mail through the older adult's own mail server with smtplib.

Security: STARTTLS (connect, then switch to TLS before logging in) or TLS from the first byte,
both with certificate checks. "none" (no encryption) is refused for any host but this
computer, so a password never crosses a network in the clear. Network, TLS, login and refusal
errors come back as the domain errors that wording/problems.py explains in plain words.

The envelope (MAIL FROM, RCPT TO) is given explicitly as the saved addresses, never read back
from the headers. An address with letters beyond ASCII goes only with SMTPUTF8 (RFC 6531),
when the server offers it; otherwise the message is refused here, before anything is sent.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime

from lonely_bridge.domain.email_addresses import valid_email
from lonely_bridge.domain.errors import (
    LonelyBridgeError,
    MailLoginRefused,
    MailNotSecure,
    MailRejected,
    MailServerUnreachable,
)
from lonely_bridge.domain.mail_server import Security, SmtpSettings, is_local_host
from lonely_bridge.formats.smtp import OutgoingMail

# Per network step (connect, each reply); a whole try stays well inside SENDING_LEASE.
MAIL_TIMEOUT_S = 20.0
# What we call ourselves in EHLO: the computer's own name would be slow to look up (a DNS
# query) and tells the server more than it needs.
EHLO_NAME = "localhost"

log = logging.getLogger(__name__)


def _mailbox(name: str, address: str) -> Address:
    # Built from its parts, not parsed: parsing is how "anna@example.org." became "Anna".
    local, _at, domain = address.rpartition("@")
    return Address(display_name=name, username=local, domain=domain)


def build_message(mail: OutgoingMail) -> EmailMessage:
    """The e-mail with its headers; the body is exactly the approved words.

    The addresses must have passed ``valid_email``.
    """
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = _mailbox(mail.from_name, mail.from_address)
    message["To"] = _mailbox(mail.to_name, mail.to_address)
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.written_at)
    message["Message-ID"] = mail.message_id
    if mail.automatic:
        # RFC 3834: holiday auto-replies should not answer an automatic message.
        message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body)
    return message


def _server_words(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


class SmtpMailer:
    """Implements the Mailer port: one connection per message, closed before returning."""

    def __init__(
        self,
        *,
        timeout: float = MAIL_TIMEOUT_S,
        tls_context: Callable[[], ssl.SSLContext] = ssl.create_default_context,
    ) -> None:
        self._timeout = timeout
        self._tls_context = tls_context

    def send(self, message: OutgoingMail, *, server: SmtpSettings, password: str | None) -> None:
        addresses = (message.from_address, message.to_address)
        # Saved by an older, laxer version, or edited by hand: never guess where it should go.
        for address in addresses:
            if not valid_email(address):
                raise MailRejected(reason="bad_address", address=address)
        email = build_message(message)
        international = [address for address in addresses if not address.isascii()]
        with self._session(server, password) as smtp:
            if international and not smtp.has_extn("smtputf8"):
                raise MailRejected(reason="needs_smtputf8", address=international[-1])
            try:
                # With a non-ASCII address smtplib adds SMTPUTF8 and sends the headers in UTF-8.
                smtp.send_message(
                    email, from_addr=message.from_address, to_addrs=[message.to_address]
                )
            except smtplib.SMTPRecipientsRefused as exc:
                detail = "; ".join(
                    str(reply[1], "utf-8", "replace") for reply in exc.recipients.values()
                )
                raise MailRejected(
                    reason="recipient", address=message.to_address, detail=detail
                ) from None
            except smtplib.SMTPSenderRefused as exc:
                raise MailRejected(
                    reason="sender", address=message.from_address, detail=_server_words(exc)
                ) from None
            except smtplib.SMTPDataError as exc:
                raise MailRejected(reason="content", detail=_server_words(exc)) from None
        log.info("The mail server accepted message %s", message.message_id)

    def check(self, *, server: SmtpSettings, password: str | None) -> None:
        with self._session(server, password) as smtp:
            smtp.noop()

    @contextmanager
    def _session(self, server: SmtpSettings, password: str | None) -> Iterator[smtplib.SMTP]:
        """A connected, secured and logged-in session; always closed afterwards."""
        if server.security is Security.NONE and not is_local_host(server.host):
            raise MailNotSecure(host=server.host, reason="plain_not_local")
        smtp: smtplib.SMTP | None = None
        step = "connect"
        try:
            smtp = self._connect(server)
            smtp.ehlo()
            if server.security is Security.STARTTLS:
                step = "starttls"
                smtp.starttls(context=self._tls_context())
                smtp.ehlo()
            if server.username:
                step = "login"
                smtp.login(server.username, password or "")
            step = "send"
            yield smtp
        except LonelyBridgeError:
            raise
        except Exception as exc:
            # "from None": smtplib's own exception text stays out of logs and tracebacks.
            raise _domain_error(exc, server, step) from None
        finally:
            if smtp is not None:
                # Once the server has taken the message, a failed goodbye changes nothing.
                with suppress(smtplib.SMTPException, OSError):
                    smtp.quit()
                smtp.close()

    def _connect(self, server: SmtpSettings) -> smtplib.SMTP:
        if server.security is Security.TLS:
            return smtplib.SMTP_SSL(
                server.host,
                server.port,
                local_hostname=EHLO_NAME,
                timeout=self._timeout,
                context=self._tls_context(),
            )
        return smtplib.SMTP(
            server.host, server.port, local_hostname=EHLO_NAME, timeout=self._timeout
        )


def _domain_error(exc: Exception, server: SmtpSettings, step: str) -> LonelyBridgeError:
    host, port = server.host, server.port
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailLoginRefused(host=host, reason="refused")
    if isinstance(exc, smtplib.SMTPNotSupportedError) and step == "starttls":
        return MailNotSecure(host=host, reason="no_starttls")
    if (
        step == "login"
        and isinstance(exc, smtplib.SMTPException)
        and not isinstance(exc, smtplib.SMTPServerDisconnected)
    ):
        # No AUTH offered, or no method in common: the server won't take this login.
        return MailLoginRefused(host=host, reason="no_method")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailNotSecure(host=host, reason="certificate")
    if isinstance(exc, ssl.SSLError):
        return MailNotSecure(host=host, reason="tls_failed")
    if isinstance(exc, socket.gaierror):
        return MailServerUnreachable(host=host, port=port, reason="not_found")
    if isinstance(exc, TimeoutError):
        return MailServerUnreachable(host=host, port=port, reason="timeout")
    if isinstance(exc, ConnectionRefusedError):
        return MailServerUnreachable(host=host, port=port, reason="refused")
    if isinstance(exc, smtplib.SMTPResponseException):
        return MailServerUnreachable(
            host=host, port=port, reason="server_error", detail=_server_words(exc)
        )
    if isinstance(exc, OSError):  # SMTPServerDisconnected, resets, no route...
        return MailServerUnreachable(host=host, port=port, reason="disconnected")
    log.error("Unexpected %s while talking to the mail server", type(exc).__name__)
    return MailServerUnreachable(host=host, port=port, reason="other")
