"""The SMTP password in the computer's own password keeper (keyring), and nowhere else.

This is the only module that imports keyring. Frozen builds choose the keyring backend per
operating system; there is deliberately no plain-text fallback (keyrings.alt).
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, KeyringLocked, NoKeyringError, PasswordDeleteError

from lonely_bridge.domain.errors import SecretsUnavailable

SERVICE_NAME = "lonely-bridge"
SMTP_ACCOUNT = "smtp-password"

log = logging.getLogger(__name__)


def _unavailable(exc: Exception) -> SecretsUnavailable:
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
        try:
            return keyring.get_password(SERVICE_NAME, SMTP_ACCOUNT)
        except (KeyringError, RuntimeError) as exc:
            raise _unavailable(exc) from None

    def set_smtp_password(self, password: str) -> None:
        if not password:
            raise ValueError("an empty password is not stored")
        try:
            keyring.set_password(SERVICE_NAME, SMTP_ACCOUNT, password)
        except (KeyringError, RuntimeError) as exc:
            # "from None": the backend's exception (and its message) stays out of tracebacks.
            raise _unavailable(exc) from None

    def forget_smtp_password(self) -> None:
        try:
            keyring.delete_password(SERVICE_NAME, SMTP_ACCOUNT)
        except PasswordDeleteError:
            pass  # nothing was stored: already forgotten
        except (KeyringError, RuntimeError) as exc:
            raise _unavailable(exc) from None
