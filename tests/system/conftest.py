"""Fixtures for the OS adapters: a file-backed test keyring and a real SMTP server on 127.0.0.1.

No test here may reach the computer's real keychain: every test runs with the file keyring
below installed, and keyring's own choice is put back afterwards.
"""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import keyring.core
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """A keyring that keeps secrets in a JSON file under the test's tmp_path."""

    @properties.classproperty
    def priority(cls) -> float:
        # Raising makes keyring's automatic choice pass this backend over: tests set it.
        raise RuntimeError("FileKeyring is for tests; install it with keyring.set_keyring()")

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = self._load()
        stored[f"{service}\n{username}"] = password
        self.path.write_text(json.dumps(stored))

    def delete_password(self, service: str, username: str) -> None:
        stored = self._load()
        if stored.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such password")
        self.path.write_text(json.dumps(stored))


@pytest.fixture(autouse=True)
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileKeyring:
    """Installs the file keyring for this test; keyring's previous choice returns afterwards."""
    # Remember keyring's current backend without asking it to detect one (which would
    # probe the real keychain), so monkeypatch can put it back after the test.
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    backend = FileKeyring(tmp_path / "test-keyring.json")
    keyring.set_keyring(backend)
    return backend


# A real SMTP server ----------------------------------------------------------------------
SMTP_USER = "margaret@example.org"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Collector:
    """The server's handler: keeps every message accepted; can refuse some recipients."""

    messages: list[Envelope] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


class _AiosmtpdOwnNotice(logging.Filter):
    """aiosmtpd itself sets its deprecated ``Session.login_data`` after every login and warns
    about it: a notice about the library's own code, not about the app or the test."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Session.login_data is deprecated")


AIOSMTPD_LOG = logging.getLogger("mail.log")
AIOSMTPD_NOTICE = _AiosmtpdOwnNotice()


@dataclass
class LocalSmtpServer:
    """aiosmtpd on 127.0.0.1 at a fixed free port, so it can be down first and up later."""

    password: str
    port: int = field(default_factory=free_port)
    smtputf8: bool = True  # offer SMTPUTF8 (RFC 6531), as most providers' servers do
    collector: Collector = field(default_factory=Collector)
    controller: Controller | None = None

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = data.login.decode(), data.password.decode()
        self.collector.logins.append((login, password))
        # handled=False lets the server answer "535" itself.
        return AuthResult(success=(login, password) == (SMTP_USER, self.password), handled=False)

    def start(self) -> None:
        self.controller = Controller(
            self.collector,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._authenticate,
            # Only for this test server on 127.0.0.1: the app itself never logs in unencrypted
            # to another computer.
            auth_require_tls=False,
            enable_SMTPUTF8=self.smtputf8,
        )
        AIOSMTPD_LOG.addFilter(AIOSMTPD_NOTICE)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        AIOSMTPD_LOG.removeFilter(AIOSMTPD_NOTICE)


SMTP_PASSWORD = "Quince-Harbour-5821"


@pytest.fixture
def smtp_server() -> Iterator[LocalSmtpServer]:
    """Not started: call ``start()`` (a test may want it down first)."""
    server = LocalSmtpServer(password=SMTP_PASSWORD)
    yield server
    server.stop()
