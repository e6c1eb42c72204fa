"""Sharing with family: who hears, exactly what they would read, what was sent, and e-mail setup."""

from __future__ import annotations

import logging
import threading
from contextlib import suppress
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.sharing import (
    AlertsNotReady,
    MailKind,
    OutboxEntry,
    OutboxStatus,
    SecretsUnavailable,
    Security,
    ShareableSummary,
    SmtpSettings,
    Topic,
    TrustedPerson,
)
from lonely_bridge.domain.time_words import clock_time, long_date
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.services.alerts import QueueOutcome
from lonely_bridge.services.problems import explain
from lonely_bridge.services.sharing_rounds import family_summary
from lonely_bridge.system.timezone import local_zone_name
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.dialogs.trusted_person_editor import TrustedPersonEditor, hears_words
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, card, clear_layout, label
from lonely_bridge.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from lonely_bridge.services.alerts import AlertService, Draft
    from lonely_bridge.ui.window_factory import AppServices

log = logging.getLogger(__name__)

LOG_ENTRIES_SHOWN = 50
MESSAGE_GAP_PX = 16  # between the subject and the message, as in a mail program
# Names are shortened inside button words, which cannot wrap; the full name is spoken.
NAME_CHARS_ON_BUTTONS = 12
_UNSENT_WITHDRAWABLE = frozenset({OutboxStatus.WAITING, OutboxStatus.RETRYING})


def _short(name: str) -> str:
    """The name cut to fit a button, at a word break where there is one."""
    if len(name) <= NAME_CHARS_ON_BUTTONS:
        return name
    cut = name[:NAME_CHARS_ON_BUTTONS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def _button_row(*buttons: QPushButton) -> QWidget:
    """Buttons side by side, wrapping onto a new row when the text is large."""
    box = QWidget()
    row = FlowLayout(box)
    for each in buttons:
        row.addWidget(each)
    return box


def _moment(when: datetime, zone: tzinfo) -> str:
    local = when.astimezone(zone)
    return _("{date} at {time}").format(date=long_date(local.date()), time=clock_time(local))


def _set_words(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(text)


def _message_card(*, to_name: str, to_address: str, subject: str, body: str) -> QFrame:
    """A message as its reader gets it: to whom, the subject, then every word of the body."""
    box = card(name="messageCard")
    inner = QVBoxLayout(box)
    to = _("To: {name} ({address})").format(name=to_name, address=to_address)
    inner.addWidget(label(to, name="messageTo"))
    inner.addWidget(label(_("Subject: {subject}").format(subject=subject), name="messageSubject"))
    words = label(body, name="messageBody")
    words.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    words.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable by keyboard and screen reader
    inner.addSpacing(MESSAGE_GAP_PX)
    inner.addWidget(words)
    return box


def _problem_words(error: LonelyBridgeError) -> str:
    words = explain(error)
    return f"{words.title}. {words.text} {words.next_step}"


class MessageDialog(ScrollingDialog):
    """One message from the log, read-only, in exactly the words that were sent."""

    def __init__(self, entry: OutboxEntry, *, parent: QWidget | None = None) -> None:
        super().__init__(
            _("The message to {name}").format(name=entry.to_name),
            name="messageDialog",
            parent=parent,
        )
        self.body.addWidget(
            _message_card(
                to_name=entry.to_name,
                to_address=entry.to_address,
                subject=entry.subject,
                body=entry.body,
            )
        )
        close = button(_("Close"), name="messageClose", role="primary")
        close.clicked.connect(self.accept)
        self.footer.addWidget(close)


class PreviewDialog(ScrollingDialog):
    """What one person would receive, word for word; a note by hand can be sent from here."""

    def __init__(
        self,
        alerts: AlertService,
        person: TrustedPerson,
        summary: ShareableSummary,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Exactly what would be sent"),
            name="previewDialog",
            parent=parent,
        )
        self._alerts = alerts
        self._person = person
        self._summary = summary
        self.queued = False
        self.draft: Draft | None = None
        kinds = [MailKind.BY_HAND] + [kind for kind in _AUTOMATIC if person.chose(kind)]
        self.kinds = ChoiceGroup(self)
        if len(kinds) > 1:
            self.body.addWidget(label(_("Which message?"), role="heading"))
            choices = []
            for index, kind in enumerate(kinds):
                choice = button(_kind_choice_words()[kind], name=f"previewKind_{kind.value}")
                choice.setProperty("role", "choice")
                self.kinds.add(choice, index)
                choices.append(choice)
            self.body.addWidget(_button_row(*choices))
            self.kinds.set_checked(0)
            self.kinds.chosen.connect(lambda index: self._show(kinds[index]))
        self.about = label("", name="previewAbout")
        self.body.addWidget(self.about)
        self.message_slot = QVBoxLayout()
        self.body.addLayout(self.message_slot)

        close = button(_("Close"), name="previewClose")
        close.clicked.connect(self.accept)
        self.send_button = button(
            _("Send it now"),
            name="previewSend",
            role="primary",
            description=_("Sends exactly this message to {name}").format(name=person.name),
        )
        self.send_button.clicked.connect(self.send)
        self.footer.addWidget(close)
        self.footer.addWidget(self.send_button)
        self._show(MailKind.BY_HAND)

    def _show(self, kind: MailKind) -> None:
        clear_layout(self.message_slot)
        self.draft = None
        try:
            self.draft = self._alerts.preview(self._summary, self._person, kind)
        except LonelyBridgeError as error:
            _set_words(self.about, _problem_words(error))
            self.send_button.hide()
            return
        if kind is MailKind.BY_HAND:
            about = _("This is exactly what {name} would receive if you send it now.")
        else:
            about = _(
                "Lonely Bridge sends this one by itself, at most once a week. This is how it "
                "would read today; the words follow how things are on the day it is written."
            )
        _set_words(self.about, about.format(name=self._person.name))
        self.message_slot.addWidget(
            _message_card(
                to_name=self.draft.to_name,
                to_address=self.draft.to_address,
                subject=self.draft.subject,
                body=self.draft.body,
            )
        )
        self.send_button.setVisible(kind is MailKind.BY_HAND and not self.queued)

    def send(self) -> None:
        """Put exactly the shown words in the outbox; they go when the computer is online."""
        if self.draft is None or self.draft.kind is not MailKind.BY_HAND:
            return
        try:
            outcome = self._alerts.queue(
                self._summary, self._person, MailKind.BY_HAND, draft=self.draft
            )
        except LonelyBridgeError as error:
            self.show_note(_problem_words(error))
            return
        if not outcome:
            self.show_note(_problem_words(_not_queued_problem(outcome)))
            return
        self.queued = True
        self.send_button.setEnabled(False)
        self.show_note(
            _(
                "Your note to {name} is ready to go. It will be sent when this computer is "
                "online; you can see it under “What was sent”."
            ).format(name=self._person.name)
        )


_AUTOMATIC = (MailKind.LEVEL, MailKind.WEEKLY)


def _kind_choice_words() -> dict[MailKind, str]:
    return {
        MailKind.BY_HAND: _("A note from you"),
        MailKind.LEVEL: _("When things get quiet"),
        MailKind.WEEKLY: _("The weekly note"),
    }


def _log_kind_words() -> dict[MailKind, str]:
    return {
        MailKind.BY_HAND: _("A note you chose to send"),
        MailKind.LEVEL: _("A note because things got quiet"),
        MailKind.WEEKLY: _("The weekly note"),
    }


def _not_queued_problem(outcome: QueueOutcome) -> LonelyBridgeError:
    if outcome is QueueOutcome.NO_SENDER_NAME:
        return AlertsNotReady(problem="no_owner_name")
    if outcome is QueueOutcome.EMAIL_NOT_SET_UP:
        return AlertsNotReady(problem="no_email_settings")
    return AlertsNotReady(problem=str(outcome))


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
        self.body.addWidget(_button_row(self.check_button, self.turn_off_button))
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
        _set_words(self.secrets_title, words.title)
        _set_words(self.secrets_text, words.text)
        _set_words(self.secrets_next, words.next_step)
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
            self.show_note(_problem_words(error))
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


class SharingDialog(ScrollingDialog):
    """The older adult's trusted people, exact previews, the sent log and e-mail settings.

    ``message_queued`` tells the window a note is waiting, so it can try delivery soon.
    """

    message_queued = Signal()

    def __init__(
        self, services: AppServices, *, messenger: Messenger, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Sharing with family"), name="sharingDialog", parent=parent)
        self._services = services
        self._alerts = services.alerts
        self._messenger = messenger
        self._zone = ZoneInfo(local_zone_name())
        self.body.addWidget(
            label(
                _(
                    "The people below get a short, warm e-mail from Lonely Bridge when things "
                    "get quiet, or every week if you chose that. They see only what you agreed "
                    "to share, and every message is kept here for you to read."
                ),
                name="sharingIntro",
            )
        )
        self.email_status = label("", name="sharingEmailStatus")
        self.body.addWidget(self.email_status)
        self.body.addWidget(label(_("Who hears from Lonely Bridge"), role="heading"))
        self.people_box = QVBoxLayout()
        self.body.addLayout(self.people_box)
        add = button(_("Add someone to tell"), name="sharingAdd", role="primary")
        add.clicked.connect(lambda: self.edit(None))
        self.body.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(label(_("What was sent"), role="heading"))
        self.log_box = QVBoxLayout()
        self.body.addLayout(self.log_box)

        settings = button(_("E-mail settings (for a helper)"), name="sharingEmailSettings")
        settings.clicked.connect(self.email_settings)
        close = button(_("Close"), name="sharingClose")
        close.clicked.connect(self.accept)
        self.footer.addWidget(settings)
        self.footer.addWidget(close)
        self.refresh()

    # What is shown ------------------------------------------------------------------------
    def refresh(self) -> None:
        _set_words(self.email_status, self._status_words())
        clear_layout(self.people_box)
        people = self._alerts.trusted_people()
        if not people:
            self.people_box.addWidget(
                label(
                    _("Nobody yet. Nothing is shared until you add someone."), name="sharingNobody"
                )
            )
        for person in people:
            self.people_box.addWidget(self._person_card(person))
        clear_layout(self.log_box)
        self._fill_log()

    def _status_words(self) -> str:
        if not self._services.settings.owner_name():
            return explain(AlertsNotReady(problem="no_owner_name")).text
        server = self._alerts.smtp_settings()
        if server is None:
            return _(
                "E-mail is not set up on this computer yet, so no message can go out. "
                "A helper can set it up with “E-mail settings (for a helper)”."
            )
        return _("E-mail is set up: messages go out from {address}.").format(
            address=server.from_address
        )

    def _person_card(self, person: TrustedPerson) -> QFrame:
        ident = person.id
        box = card(name=f"trustedCard{ident}")
        inner = QVBoxLayout(box)
        inner.addWidget(label(person.name, role="heading", name=f"trustedName{ident}"))
        inner.addWidget(label(person.email, name=f"trustedEmail{ident}"))
        topics = [topic.words for topic in sorted(person.allowed, key=list(Topic).index)]
        if topics:
            sees = "\n".join([_("They may see:"), *(f"• {words}" for words in topics)])
        else:
            sees = _("They may see: only a short greeting, with no details.")
        inner.addWidget(label(sees, name=f"trustedSees{ident}"))
        inner.addWidget(
            label(
                _("They hear: {when}").format(when=hears_words(person)), name=f"trustedHears{ident}"
            )
        )
        change = button(
            _("Change"),
            name=f"trustedChange{ident}",
            description=_("Change what {name} hears").format(name=person.name),
        )
        change.clicked.connect(lambda: self.edit(person))
        preview = button(
            _("See exactly what would be sent"),
            name=f"trustedPreview{ident}",
            description=_("The message to {name}, word for word").format(name=person.name),
        )
        preview.clicked.connect(lambda: self.preview(person))
        stop_words = _("Stop sharing with {name}…")
        stop = button(stop_words.format(name=_short(person.name)), name=f"trustedStop{ident}")
        stop.setAccessibleName(stop_words.format(name=person.name))
        stop.clicked.connect(lambda: self.stop_sharing(person))
        inner.addWidget(_button_row(change, preview, stop))
        return box

    def _fill_log(self) -> None:
        unsent = self._alerts.waiting()
        sent = self._alerts.sent_log()
        entries = [*reversed(unsent), *sent][:LOG_ENTRIES_SHOWN]
        if not entries:
            self.log_box.addWidget(label(_("Nothing has been sent yet."), name="sentLogEmpty"))
            return
        for entry in entries:
            self.log_box.addWidget(self._log_card(entry))
        hidden = len(unsent) + len(sent) - len(entries)
        if hidden:
            more = ngettext(
                "The oldest message is not shown here.",
                "The {n} oldest messages are not shown here.",
                hidden,
            ).format(n=hidden)
            self.log_box.addWidget(label(more, name="sentLogMore"))

    def _log_card(self, entry: OutboxEntry) -> QFrame:
        ident = entry.id
        status = self._alerts.status(entry)
        box = card(name=f"sentEntry{ident}")
        inner = QVBoxLayout(box)
        inner.addWidget(label(entry.subject, role="heading", name=f"sentSubject{ident}"))
        to = _("To {name} ({address})").format(name=entry.to_name, address=entry.to_address)
        inner.addWidget(label(to, name=f"sentTo{ident}"))
        if entry.sent_at is not None:
            when = _("Sent on {moment}").format(moment=_moment(entry.sent_at, self._zone))
        else:
            when = _("Written on {moment}").format(moment=_moment(entry.created_at, self._zone))
        inner.addWidget(label(when, name=f"sentWhen{ident}"))
        if status is not OutboxStatus.SENT:  # "Sent on ..." says it already
            state = status.words
            if status is OutboxStatus.RETRYING and entry.last_error:
                state += " " + _("(Last time: {problem})").format(problem=entry.last_error)
            inner.addWidget(label(state, name=f"sentStatus{ident}"))
        kind = _log_kind_words()[entry.kind]
        inner.addWidget(label(kind, role="muted", name=f"sentKind{ident}"))
        read = button(
            _("Read it"), name=f"sentRead{ident}", description=_("Every word of this message")
        )
        read.clicked.connect(lambda: self._open(MessageDialog(entry, parent=self)))
        buttons = [read]
        if status in _UNSENT_WITHDRAWABLE:
            withdraw = button(_("Don't send it"), name=f"sentWithdraw{ident}")
            withdraw.clicked.connect(lambda: self.withdraw(entry))
            buttons.append(withdraw)
        inner.addWidget(_button_row(*buttons))
        return box

    # What people do -----------------------------------------------------------------------
    def summary(self) -> ShareableSummary:
        """What may be shared right now, worded for the reader, exactly as the rounds word it."""
        services = self._services
        return family_summary(
            insight=services.insight,
            overview=services.overview,
            plans=services.plans,
            settings=services.settings,
            zone=self._zone,
        )

    def _open(self, dialog: ScrollingDialog) -> int:
        """Show ``dialog`` until it is closed, then let it go (it would stay as a child)."""
        result = dialog.exec()
        dialog.deleteLater()
        return result

    def edit(self, person: TrustedPerson | None) -> None:
        editor = TrustedPersonEditor(person, alerts=self._alerts, parent=self)
        if self._open(editor) and editor.saved is not None:
            words = _("Saved what {name} hears.") if person else _("Added {name}.")
            self.refresh()
            self.show_note(words.format(name=editor.saved.name))

    def preview(self, person: TrustedPerson) -> None:
        dialog = PreviewDialog(self._alerts, person, self.summary(), parent=self)
        self._open(dialog)
        if dialog.queued:
            self.refresh()
            self.message_queued.emit()

    def stop_sharing(self, person: TrustedPerson) -> None:
        assert person.id is not None
        if not self._messenger.ask(
            self,
            _("Stop sharing with {name}?").format(name=person.name),
            _(
                "{name} will get no more messages from Lonely Bridge, and any message to them "
                "that has not gone yet will not be sent. What was already sent stays listed "
                "here."
            ).format(name=person.name),
            yes=_("Stop sharing"),
            no=_("Keep sharing"),
        ):
            return
        withdrawn = self._alerts.remove_person(person.id)
        words = _("You stopped sharing with {name}.").format(name=person.name)
        if withdrawn:
            words += " " + ngettext(
                "A message that had not gone yet will not be sent.",
                "{n} messages that had not gone yet will not be sent.",
                withdrawn,
            ).format(n=withdrawn)
        self.refresh()
        self.show_note(words)

    def withdraw(self, entry: OutboxEntry) -> None:
        assert entry.id is not None
        if not self._messenger.ask(
            self,
            _("Don't send this message?"),
            _("The message “{subject}” to {name} will not be sent.").format(
                subject=entry.subject, name=entry.to_name
            ),
            yes=_("Don't send it"),
            no=_("Keep it"),
        ):
            return
        if self._alerts.withdraw(entry.id):
            words = _("The message to {name} will not be sent.")
        else:
            words = _("The message to {name} has already gone, so it could not be stopped.")
        self.refresh()
        self.show_note(words.format(name=entry.to_name))

    def email_settings(self) -> None:
        self._open(EmailSettingsDialog(self._alerts, messenger=self._messenger, parent=self))
        self.refresh()
