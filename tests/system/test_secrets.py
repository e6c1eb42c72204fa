"""The SMTP password lives in the password keeper; a missing keeper is explained, not a crash."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked

from lonely_bridge.domain.errors import SecretsUnavailable
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.sharing import MailKind, ShareableSummary, TrustedPerson
from lonely_bridge.services.alerts import AlertService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.stores import open_stores
from lonely_bridge.system.mailer import SmtpMailer
from lonely_bridge.system.secrets import SERVICE_NAME, SMTP_ACCOUNT, KeyringSecretStore
from lonely_bridge.wording.problems import explain
from tests.doubles import FixedClock

from .conftest import FileKeyring

SERVER = SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "margaret",
                      "margaret@example.org")  # fmt: skip


class LockedKeyring(fail.Keyring):
    def get_password(self, service: str, username: str, password: str | None = None) -> None:
        raise KeyringLocked("locked")


def test_round_trip_under_the_apps_own_name(file_keyring: FileKeyring) -> None:
    secrets = KeyringSecretStore()
    assert secrets.smtp_password() is None
    secrets.set_smtp_password("Lantern-44")
    assert secrets.smtp_password() == "Lantern-44"
    assert file_keyring.get_password(SERVICE_NAME, SMTP_ACCOUNT) == "Lantern-44"
    assert SERVICE_NAME == "lonely-bridge"
    secrets.forget_smtp_password()
    secrets.forget_smtp_password()  # forgetting twice is fine
    assert secrets.smtp_password() is None
    with pytest.raises(ValueError, match="empty"):
        secrets.set_smtp_password("")


def test_the_test_keyring_is_never_chosen_by_itself() -> None:
    assert not FileKeyring.viable
    assert isinstance(keyring.get_keyring(), FileKeyring)


@pytest.mark.allow_log("lonely_bridge.system.secrets", "WARNING")
def test_no_keyring_backend_is_a_clear_problem_not_a_crash() -> None:
    keyring.set_keyring(fail.Keyring())
    secrets = KeyringSecretStore()
    for action in (
        secrets.smtp_password,
        lambda: secrets.set_smtp_password("Lantern-44"),
        secrets.forget_smtp_password,
    ):
        with pytest.raises(SecretsUnavailable) as error:
            action()
        assert error.value.params["reason"] == "no_keyring"
        assert error.value.__cause__ is None
    explanation = explain(error.value)
    assert "no password keeper" in explanation.text
    assert "carry on without e-mail alerts" in explanation.next_step
    assert "can stay off" in explanation.next_step


@pytest.mark.allow_log("lonely_bridge.system.secrets", "WARNING")
def test_a_locked_keyring_is_named_as_such() -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(SecretsUnavailable) as error:
        KeyringSecretStore().smtp_password()
    assert error.value.params["reason"] == "locked"
    assert "locked" in explain(error.value).text


@pytest.mark.allow_log("lonely_bridge.system.secrets", "WARNING")
@pytest.mark.allow_log("lonely_bridge.services.alerts", "WARNING")
def test_without_a_keyring_email_setup_saves_nothing_and_the_rest_goes_on(
    tmp_path: Path,
) -> None:
    keyring.set_keyring(fail.Keyring())
    clock = FixedClock(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))
    store = open_stores(open_database(tmp_path, now=clock.now()))
    try:
        alerts = AlertService(
            store.sharing,
            store.sharing,
            store.settings,
            SmtpMailer(timeout=2),
            KeyringSecretStore(),
            clock,
        )
        with pytest.raises(SecretsUnavailable):
            alerts.save_smtp_settings(SERVER, password="Lantern-44")
        assert alerts.smtp_settings() is None
        # A helper chose to carry on without e-mail: the app still works, nothing queues.
        anna = alerts.save_person(TrustedPerson(None, "Anna", "anna@example.org"))
        assert not alerts.queue(ShareableSummary("A quiet week"), anna, MailKind.LEVEL)
        assert alerts.deliver_due().problem is None

        # Settings saved earlier, keychain gone since: messages wait, untouched.
        store.settings.set_setting("smtp_settings", SERVER.to_json(), now=clock.now())
        store.settings.set_setting("owner_name", "Margaret", now=clock.now())
        assert alerts.queue(ShareableSummary("A quiet week"), anna, MailKind.LEVEL)
        report = alerts.deliver_due()
        assert isinstance(report.problem, SecretsUnavailable)
        assert alerts.waiting()[0].attempts == 0
    finally:
        store.close()


def test_keyring_loads_only_when_a_password_is_first_asked_for() -> None:
    # Its search for a backend costs start-up memory a household without e-mail never needs.
    program = (
        "import sys\n"
        "from lonely_bridge.system.secrets import KeyringSecretStore\n"
        "store = KeyringSecretStore()\n"
        "print('keyring' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False"]
