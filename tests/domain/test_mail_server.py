"""The mail server settings: which hosts may be reached in the clear, checks and storage."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.errors import SmtpSettingsInvalid
from lonely_bridge.domain.mail_server import (
    Security,
    SmtpSettings,
    check_smtp_settings,
    is_local_host,
)


@pytest.mark.parametrize(
    ("host", "local"),
    [("localhost", True), ("127.0.0.1", True), ("::1", True), ("[::1]", True),
     ("127.0.0.2", True), ("LOCALHOST", True), ("mail.example.org", False),
     ("192.168.1.2", False), ("localhost.example.org", False)],
)  # fmt: skip
def test_is_local_host(host: str, local: bool) -> None:
    assert is_local_host(host) is local


def _settings(host: str, security: Security = Security.NONE) -> SmtpSettings:
    return SmtpSettings(host, 25, security, "margaret", "margaret@example.org")


def test_plain_security_only_on_this_computer() -> None:
    assert check_smtp_settings(_settings(" LocalHost ")).host == "localhost"
    assert check_smtp_settings(_settings("[::1]")).host == "::1"
    for host in ("mail.example.org", "192.168.1.2", "10.0.0.1"):
        with pytest.raises(SmtpSettingsInvalid) as error:
            check_smtp_settings(_settings(host))
        assert error.value.params["problem"] == "plain_not_local"
        assert check_smtp_settings(_settings(host, Security.STARTTLS)).host == host


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        (SmtpSettings("", 587, Security.TLS, "", "m@example.org"), "bad_host"),
        (SmtpSettings("smtp example", 587, Security.TLS, "", "m@example.org"), "bad_host"),
        (SmtpSettings("a:b", 587, Security.TLS, "", "m@example.org"), "bad_host"),
        (SmtpSettings("smtp.example.org", 0, Security.TLS, "", "m@example.org"), "bad_port"),
        (SmtpSettings("smtp.example.org", 465, Security.TLS, "", "margaret"), "bad_from_address"),
    ],
)
def test_settings_problems(settings: SmtpSettings, problem: str) -> None:
    with pytest.raises(SmtpSettingsInvalid) as error:
        check_smtp_settings(settings)
    assert error.value.params["problem"] == problem


def test_settings_json_round_trip_has_no_password() -> None:
    settings = SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "m", "m@example.org")
    stored = settings.to_json()
    assert "password" not in stored
    assert SmtpSettings.from_json(stored) == settings
    assert SmtpSettings.from_json(None) is None
    assert SmtpSettings.from_json({"host": "x", "port": "?", "security": "tls"}) is None
    assert Security.STARTTLS.default_port == 587
    assert Security.TLS.default_port == 465
