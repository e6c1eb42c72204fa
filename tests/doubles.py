"""Stand-ins for the edges the tests do not own: the mail server and the system keychain."""

from __future__ import annotations

from collections.abc import Callable

from lonely_bridge.domain.errors import SecretsUnavailable
from lonely_bridge.formats.smtp import OutgoingMail, SmtpSettings


class RecordingMailer:
    """Records what it is given; ``failure`` (an exception, or a function) makes it fail."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMail] = []
        self.calls = 0
        self.failure: BaseException | Callable[[OutgoingMail], None] | None = None

    def send(self, message: OutgoingMail, *, server: SmtpSettings, password: str | None) -> None:
        self.calls += 1
        if isinstance(self.failure, BaseException):
            raise self.failure
        if self.failure is not None:
            self.failure(message)
        self.sent.append(message)

    def check(self, *, server: SmtpSettings, password: str | None) -> None:
        if isinstance(self.failure, BaseException):
            raise self.failure


class MemorySecrets:
    """The SecretStore port in memory; ``available = False`` acts like a missing keychain."""

    def __init__(self) -> None:
        self.password: str | None = None
        self.available = True

    def _check(self) -> None:
        if not self.available:
            raise SecretsUnavailable(reason="no_keyring")

    def smtp_password(self) -> str | None:
        self._check()
        return self.password

    def set_smtp_password(self, password: str) -> None:
        self._check()
        self.password = password

    def forget_smtp_password(self) -> None:
        self._check()
        self.password = None
