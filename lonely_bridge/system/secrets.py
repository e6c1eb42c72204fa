"""The SMTP password in the computer's own password keeper (keyring), and nowhere else.

This is the only module that imports keyring, and only when a password is first asked for:
keyring's search for a backend takes time and memory that a household without e-mail never
needs. Frozen builds choose the keyring backend per operating system; there is deliberately
no plain-text fallback (keyrings.alt).
"""

from __future__ import annotations

import logging
from types import ModuleType

from lonely_bridge.domain.errors import SecretsUnavailable

SERVICE_NAME = "lonely-bridge"
SMTP_ACCOUNT = "smtp-password"

log = logging.getLogger(__name__)


def _keyring() -> tuple[ModuleType, tuple[type[Exception], ...]]:
    """keyring, and the exceptions that mean "the password keeper cannot help"."""
    import keyring
    from keyring.errors import KeyringError

    return keyring, (KeyringError, RuntimeError)


def _unavailable(exc: Exception) -> SecretsUnavailable:
    from keyring.errors import KeyringLocked, NoKeyringError

    if isinstance(exc, NoKeyringError):
        reason = "no_keyring"
    elif isinstance(exc, KeyringLocked):
        reason = "locked"
    else:
        reason = "failed"
    # Only the kind of problem is logged: a backend's message might quote what it was given.
    log.warning("The password keeper is not available (%s, %s)", reason, type(exc).__name__)
    return SecretsUnavailable(reason=reason)


class KeyringSecretStore:
    """Implements the SecretStore port with keyring; raises SecretsUnavailable, never crashes."""

    def smtp_password(self) -> str | None:
        keyring, unavailable = _keyring()
        try:
            password: str | None = keyring.get_password(SERVICE_NAME, SMTP_ACCOUNT)
        except unavailable as exc:
            raise _unavailable(exc) from None
        return password

    def set_smtp_password(self, password: str) -> None:
        if not password:
            raise ValueError("an empty password is not stored")
        keyring, unavailable = _keyring()
        try:
            keyring.set_password(SERVICE_NAME, SMTP_ACCOUNT, password)
        except unavailable as exc:
            # "from None": the backend's exception (and its message) stays out of tracebacks.
            raise _unavailable(exc) from None

    def forget_smtp_password(self) -> None:
        from keyring.errors import PasswordDeleteError

        keyring, unavailable = _keyring()
        try:
            keyring.delete_password(SERVICE_NAME, SMTP_ACCOUNT)
        except PasswordDeleteError:
            pass  # nothing was stored: already forgotten
        except unavailable as exc:
            raise _unavailable(exc) from None
