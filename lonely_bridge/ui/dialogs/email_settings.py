"""E-mail settings for a helper: the server, and a password kept only in the system keyring."""

from __future__ import annotations

import logging
import threading
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QSpinBox, QVBoxLayout, QWidget

from lonely_bridge.domain.errors import LonelyBridgeError, SecretsUnavailable
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.i18n import _
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.dialogs.sharing_messages import problem_words, set_words
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, card, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.wording.problems import explain

if TYPE_CHECKING:
    from lonely_bridge.services.alerts import AlertService

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a background result back to the GUI thread (a queued signal)."""

    finished = Signal(object)


class EmailSettingsDialog(ScrollingDialog):
    """For a helper: the mail server, the sending address and the password (kept apart)."""

    def __init__(
        self, alerts: AlertService, *, messenger: Messenger, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("E-mail settings"), name="emailSettingsDialog", parent=parent)
        self._alerts = alerts
        self._messenger = messenger
        self._relay = _Relay(self)
        self._relay.finished.connect(self._checked)
        saved = alerts.smtp_settings()
        form = self.body
        form.addWidget(
            label(
                _(
                    "For a helper: the details come from the e-mail provider. The password is "
                    "kept in this computer's password keeper, never in Lonely Bridge's own file."
                ),
                name="emailIntro",
            )
        )
        self.host_edit = self._line(_("Mail server"), "smtpHostEdit", saved.host if saved else "")
        self.host_edit.setPlaceholderText(_("for example: smtp.example.org"))
        form.addWidget(label(_("Security"), role="heading"))
        self._securities = [Security.STARTTLS, Security.TLS]
        if saved is not None and saved.security is Security.NONE:
            self._securities.append(Security.NONE)  # a test server on this computer
        self.security = ChoiceGroup(self)
        for index, security in enumerate(self._securities):
            choice = button(_security_words()[security], name=f"smtpSecurity_{security.value}")
            choice.setProperty("role", "choice")
            self.security.add(choice, index)
            form.addWidget(choice, 0, Qt.AlignmentFlag.AlignLeft)
        current = saved.security if saved else Security.STARTTLS
        self.security.set_checked(self._securities.index(current))
        self.security.chosen.connect(self._security_chosen)
        self.port_box = QSpinBox()
        self.port_box.setRange(1, 65535)
        self.port_box.setValue(saved.port if saved else current.default_port)
        self._field(_("Port"), self.port_box, "smtpPortBox")
        self.user_edit = self._line(_("User name"), "smtpUserEdit", saved.username if saved else "")
        self.from_edit = self._line(
            _("Send from this e-mail address"), "smtpFromEdit", saved.from_address if saved else ""
        )
        self.password_edit = self._line(_("Password"), "smtpPasswordEdit", "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._password_hint(saved is not None)

        self.check_button = button(
            _("Check the connection"),
            name="smtpCheck",
            description=_("Saves these settings, then tries them without sending anything"),
        )
        self.check_button.clicked.connect(self.check)
        self.turn_off_button = button(_("Turn off e-mail"), name="smtpTurnOff")
        self.turn_off_button.clicked.connect(self.turn_off)
        self.turn_off_button.setVisible(saved is not None)
        self.body.addWidget(button_row(self.check_button, self.turn_off_button))
        self._build_secrets_panel()

        cancel = button(_("Cancel"), name="smtpCancel")
        cancel.clicked.connect(self.reject)
        save = button(_("Save"), name="smtpSave", role="primary")
        save.clicked.connect(self.save)
        self.footer.addWidget(cancel)
        self.footer.addWidget(save)

    def _field(self, title: str, widget: QWidget, name: str) -> None:
        widget.setObjectName(name)
        widget.setAccessibleName(title)
        self.body.addWidget(label(title, role="heading"))
        self.body.addWidget(widget)

    def _line(self, title: str, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        self._field(title, edit, name)
        return edit

    def _password_hint(self, saved: bool) -> None:
        hint = _("Leave it empty to keep the saved password.") if saved else ""
        self.password_edit.setPlaceholderText(hint)
        self.password_edit.setAccessibleDescription(hint)

    def _build_secrets_panel(self) -> None:
        self.secrets_panel = card(role="attention", name="secretsPanel")
        inner = QVBoxLayout(self.secrets_panel)
        self.secrets_title = label("", role="heading", name="secretsTitle")
        self.secrets_text = label("", name="secretsText")
        self.secrets_next = label("", name="secretsNextStep")
        self.continue_button = button(_("Continue without e-mail"), name="smtpContinueWithout")
        self.continue_button.clicked.connect(self.reject)
        for each in (self.secrets_title, self.secrets_text, self.secrets_next):
            inner.addWidget(each)
        inner.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.secrets_panel.hide()
        self.body.addWidget(self.secrets_panel)

    def _security_chosen(self, index: int) -> None:
        chosen = self._securities[index]
        if self.port_box.value() in {security.default_port for security in Security}:
            self.port_box.setValue(chosen.default_port)

    def settings(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.host_edit.text(),
            port=self.port_box.value(),
            security=self._securities[self.security.checked_id() or 0],
            username=self.user_edit.text(),
            from_address=self.from_edit.text(),
        )

    def _show_secrets_problem(self, error: LonelyBridgeError) -> None:
        words = explain(error)
        set_words(self.secrets_title, words.title)
        set_words(self.secrets_text, words.text)
        set_words(self.secrets_next, words.next_step)
        self.secrets_panel.show()
        self.show_note("")
        self.continue_button.setFocus()
        self.scroll_area.ensureWidgetVisible(self.secrets_panel)

    def _save_form(self) -> SmtpSettings | None:
        self.secrets_panel.hide()
        try:
            saved = self._alerts.save_smtp_settings(
                self.settings(), password=self.password_edit.text() or None
            )
        except SecretsUnavailable as error:
            self._show_secrets_problem(error)
            return None
        except LonelyBridgeError as error:
            self.show_note(problem_words(error))
            return None
        self.password_edit.clear()
        self._password_hint(True)
        self.turn_off_button.show()
        return saved

    def save(self) -> None:
        if self._save_form() is not None:
            self.accept()

    def check(self) -> None:
        """Save, then connect and sign in without sending, away from the GUI thread."""
        saved = self._save_form()
        if saved is None:
            return
        self.check_button.setEnabled(False)
        self.show_note(
            _("Saved. Checking the connection to {host}… Nothing will be sent.").format(
                host=saved.host
            )
        )
        relay, alerts = self._relay, self._alerts

        def work() -> None:
            result: LonelyBridgeError | None = None
            try:
                alerts.check_connection()
            except LonelyBridgeError as error:
                result = error
            except Exception:
                log.exception("Unexpected problem checking the e-mail connection")
                result = LonelyBridgeError()
            with suppress(RuntimeError):  # the dialog was closed and deleted meanwhile
                relay.finished.emit(result)

        threading.Thread(target=work, name="check-mail-connection", daemon=True).start()

    def _checked(self, problem: LonelyBridgeError | None) -> None:
        self.check_button.setEnabled(True)
        if problem is None:
            self.show_note(
                _(
                    "It works: Lonely Bridge reached the mail server and signed in. "
                    "Nothing was sent."
                )
            )
        elif isinstance(problem, SecretsUnavailable):
            self._show_secrets_problem(problem)
        else:
            self.show_note(
                _("The check did not work.")
                + " "
                + explain(problem).text
                + " "
                + _("Please look at the details above and try again. Nothing was sent.")
            )

    def turn_off(self) -> None:
        if not self._messenger.ask(
            self,
            _("Turn off e-mail?"),
            _(
                "Lonely Bridge will forget these settings and the password, and send nothing. "
                "Messages that have not gone yet wait until e-mail is set up again."
            ),
            yes=_("Turn off e-mail"),
            no=_("Keep e-mail on"),
            topic="turn-off-e-mail",
        ):
            return
        self._alerts.turn_off_email()
        for edit in (self.host_edit, self.user_edit, self.from_edit, self.password_edit):
            edit.clear()
        self._password_hint(False)
        self.turn_off_button.hide()
        self.show_note(_("E-mail is turned off. Everything else in Lonely Bridge works as before."))


def _security_words() -> dict[Security, str]:
    return {
        Security.STARTTLS: _("STARTTLS (port 587)"),
        Security.TLS: _("TLS, or SSL (port 465)"),
        Security.NONE: _("None: a test server on this computer"),
    }
