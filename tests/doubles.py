"""Stand-ins for the edges the tests do not own: clock, link opener, mail server, keychain,
and a chime that counts its plays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from lonely_bridge.domain.errors import SecretsUnavailable
from lonely_bridge.domain.mail_server import SmtpSettings
from lonely_bridge.formats.smtp import OutgoingMail

if TYPE_CHECKING:
    from lonely_bridge.ui.ports import Chime


class FixedClock:
    """A clock that stands still until moved.

    ``advance`` lets time pass (both readings move); ``set`` changes the date and time as a
    person or the network would, so the steady reading stays where it was.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._steady = 0.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._steady

    def advance(self, **delta: float) -> None:
        step = timedelta(**delta)
        self._now += step
        self._steady += step.total_seconds()

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)


class RecordingOpener:
    """Stands in for the system's link opener and remembers what it was asked to open."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.works = True

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        return self.works


class RecordingChime:
    """Counts the chimes and passes each on to the real one, so its sound path still runs."""

    def __init__(self, chime: Chime) -> None:
        self._chime = chime
        self.plays = 0

    def play(self) -> None:
        self.plays += 1
        self._chime.play()


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
