"""E-mail sharing on a household set up only through the welcome (no demo): a trusted person and
the mail server added as the app offers them, and a message reaching a real SMTP server
(aiosmtpd on 127.0.0.1, STARTTLS with a certificate made for the test) signed with the name
typed in the welcome."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Edges, build_services
from lonely_bridge.app.lifecycle import SharingTimer
from lonely_bridge.services.sharing_rounds import SharingRounds
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.mailer import SmtpMailer
from lonely_bridge.ui.main_window import MainWindow
from tests.doubles import FixedClock, MemorySecrets
from tests.system.conftest import AIOSMTPD_LOG, AIOSMTPD_NOTICE, free_port
from tests.ui.conftest import actions_of, open_helper_tools
from tests.ui.test_first_run import HOME, open_small, walk_to_today

SMTP_USER = "margaret.smith"
SMTP_PASSWORD = "Quince-Harbour-5821"
FROM_ADDRESS = "margaret@example.org"


class Collector:
    def __init__(self) -> None:
        self.messages: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def _authenticate(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
) -> AuthResult:
    if not isinstance(data, LoginPassword):
        return AuthResult(success=False, handled=False)
    given = (data.login.decode(), data.password.decode())
    return AuthResult(success=given == (SMTP_USER, SMTP_PASSWORD), handled=False)


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, which only this test's mailer trusts."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Controller, Collector]]:
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    collector = Collector()
    controller = Controller(
        collector,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=_authenticate,
    )
    AIOSMTPD_LOG.addFilter(AIOSMTPD_NOTICE)
    controller.start()
    yield controller, collector
    controller.stop()
    AIOSMTPD_LOG.removeFilter(AIOSMTPD_NOTICE)


def type_into(root: QWidget, name: str, text: str) -> None:
    edit = root.findChild(QLineEdit, name)
    assert edit is not None, f"no field {name}"
    edit.setText(text)


def test_email_sharing_works_on_a_household_set_up_only_through_the_welcome(
    qtbot: QtBot,
    app_store: Stores,
    data_dir: Path,
    clock: FixedClock,
    certificate: tuple[Path, Path],
    tls_server: tuple[Controller, Collector],
    build_window: Callable[..., MainWindow],
    press: Callable[[QWidget, str], None],
    press_in_modal: Callable[..., Any],
) -> None:
    controller, collector = tls_server
    mailer = SmtpMailer(tls_context=lambda: ssl.create_default_context(cafile=certificate[0]))
    secrets = MemorySecrets()
    window = open_small(build_window, app_store, mailer=mailer, secrets=secrets)
    walk_to_today(qtbot, window, owner="Margaret")

    # The sharing rounds, as the app runs them beside the window ("Send it now" asks for one).
    edges = Edges(clock, home_zone=HOME, mailer=mailer, secrets=secrets)
    services = build_services(app_store, edges, data_dir)

    def make_rounds() -> SharingRounds:
        from zoneinfo import ZoneInfo

        return SharingRounds(
            alerts=services.alerts,
            insight=services.insight,
            overview=services.overview,
            plans=services.plans,
            settings=services.settings,
            zone=ZoneInfo(HOME),
        )

    rounds = SharingTimer(make_rounds, parent=window)
    actions_of(window).delivery_wanted.connect(rounds.round_now)

    def fill_email(settings: QWidget) -> None:
        type_into(settings, "smtpHostEdit", "127.0.0.1")
        port = settings.findChild(QSpinBox, "smtpPortBox")
        assert port is not None
        port.setValue(controller.port)
        type_into(settings, "smtpUserEdit", SMTP_USER)
        type_into(settings, "smtpFromEdit", FROM_ADDRESS)
        type_into(settings, "smtpPasswordEdit", SMTP_PASSWORD)
        press(settings, "smtpSave")

    def add_anna(editor: QWidget) -> None:
        type_into(editor, "trustedNameEdit", "Anna")
        type_into(editor, "trustedEmailEdit", "anna@example.org")
        press(editor, "trustedSave")

    def send(preview: QWidget) -> None:
        press(preview, "previewSend")
        press(preview, "previewClose")

    def in_sharing(sharing: QWidget) -> None:
        press_in_modal(fill_email)
        press(sharing, "sharingEmailSettings")
        press_in_modal(add_anna)
        press(sharing, "sharingAdd")
        QApplication.processEvents()
        names = [
            b.objectName() for b in sharing.findChildren(QPushButton) if b.isVisibleTo(sharing)
        ]
        [preview] = [name for name in names if name.startswith("trustedPreview")] or [str(names)]
        press_in_modal(send)
        press(sharing, preview)
        press(sharing, "sharingClose")

    open_helper_tools(window)  # with the PIN chosen in the welcome
    press_in_modal(in_sharing)
    press(window.stack.currentWidget(), "openSharing")

    def received() -> list[EmailMessage]:
        parsed = [message_from_bytes(e.content, policy=default) for e in collector.messages]  # type: ignore[arg-type]
        assert all(isinstance(message, EmailMessage) for message in parsed)
        return parsed  # type: ignore[return-value]

    def by_hand() -> list[EmailMessage]:
        return [m for m in received() if m["Subject"] == "A note from Margaret"]

    qtbot.waitUntil(lambda: len(by_hand()) == 1, timeout=20_000)
    for message in received():
        [sender] = message["From"].addresses
        assert sender == Address("Margaret", addr_spec=FROM_ADDRESS)
        assert message["To"].addresses[0].addr_spec == "anna@example.org"
    assert "Dear Anna," in by_hand()[0].get_content()
    assert secrets.password == SMTP_PASSWORD
