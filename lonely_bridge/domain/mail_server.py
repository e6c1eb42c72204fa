"""The outgoing mail server as the older adult's settings keep it: its record and its checks."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lonely_bridge.domain.email_addresses import email_problem, tidy_email
from lonely_bridge.domain.errors import SmtpSettingsInvalid

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class Security(StrEnum):
    STARTTLS = "starttls"  # connect plainly, then switch to TLS before anything private
    TLS = "tls"  # TLS from the first byte ("SSL", usually port 465)
    NONE = "none"  # no encryption: only for a test server on this computer

    @property
    def default_port(self) -> int:
        return {Security.STARTTLS: 587, Security.TLS: 465, Security.NONE: 25}[self]


def is_local_host(host: str) -> bool:
    """Whether ``host`` is this computer (where a plain connection crosses no network)."""
    name = host.strip().strip("[]").lower()
    if name in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """How to reach the older adult's outgoing mail server (the password is kept apart)."""

    host: str
    port: int
    security: Security
    username: str
    from_address: str

    def to_json(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "port": self.port,
            "security": str(self.security),
            "username": self.username,
            "from_address": self.from_address,
        }

    @classmethod
    def from_json(cls, value: Any) -> SmtpSettings | None:
        """Stored settings back; None when there are none or they cannot be read."""
        if not isinstance(value, dict):
            return None
        try:
            return cls(
                host=str(value["host"]),
                port=int(value["port"]),
                security=Security(value["security"]),
                username=str(value.get("username", "")),
                from_address=str(value["from_address"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _valid_host(host: str) -> bool:
    if not host or any(char.isspace() or char in "/@" for char in host):
        return False
    if ":" in host:  # only an IPv6 address has colons
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
    return True


def check_smtp_settings(settings: SmtpSettings) -> SmtpSettings:
    """The settings as they will be saved; raises SmtpSettingsInvalid."""
    host = settings.host.strip().strip("[]").lower()
    from_address = tidy_email(settings.from_address)
    if not _valid_host(host):
        raise SmtpSettingsInvalid(problem="bad_host", host=host)
    if not 0 < settings.port < 65536:
        raise SmtpSettingsInvalid(problem="bad_port", port=settings.port)
    if settings.security is Security.NONE and not is_local_host(host):
        # A password must never cross a network in the clear.
        raise SmtpSettingsInvalid(problem="plain_not_local", host=host)
    if (why := email_problem(from_address)) is not None:
        raise SmtpSettingsInvalid(problem="bad_from_address", email=from_address, why=why)
    return SmtpSettings(
        host=host,
        port=settings.port,
        security=Security(settings.security),
        username=settings.username.strip(),
        from_address=from_address,
    )
