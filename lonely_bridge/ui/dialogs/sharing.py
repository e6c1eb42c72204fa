"""Sharing with family: who hears, exactly what they would read, what was sent, and e-mail setup."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from lonely_bridge.domain.errors import AlertsNotReady
from lonely_bridge.domain.sharing import (
    OutboxEntry,
    OutboxStatus,
    ShareableSummary,
    Topic,
    TrustedPerson,
)
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.services.sharing_rounds import family_summary
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.dialogs.email_settings import EmailSettingsDialog
from lonely_bridge.ui.dialogs.sharing_messages import (
    MessageDialog,
    PreviewDialog,
    log_kind_words,
    moment_words,
    set_words,
)
from lonely_bridge.ui.dialogs.trusted_person_editor import TrustedPersonEditor, hears_words
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.widgets.controls import button, card, clear_layout, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.wording.mail import outbox_status_words, topic_words
from lonely_bridge.wording.problems import explain

if TYPE_CHECKING:
    from lonely_bridge.services.app_services import AppServices

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


class SharingDialog(ScrollingDialog):
    """The older adult's trusted people, exact previews, the sent log and e-mail settings.

    ``message_queued`` tells the window a note is waiting, so it can try delivery soon.
    """

    message_queued = Signal()

    def __init__(
        self,
        services: AppServices,
        *,
        messenger: Messenger,
        home_zone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Sharing with family"), name="sharingDialog", parent=parent)
        self._services = services
        self._alerts = services.alerts
        self._messenger = messenger
        self._zone = ZoneInfo(home_zone)
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
        set_words(self.email_status, self._status_words())
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
        topics = [topic_words(topic) for topic in sorted(person.allowed, key=list(Topic).index)]
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
        inner.addWidget(button_row(change, preview, stop))
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
            when = _("Sent on {moment}").format(moment=moment_words(entry.sent_at, self._zone))
        else:
            when = _("Written on {moment}").format(
                moment=moment_words(entry.created_at, self._zone)
            )
        inner.addWidget(label(when, name=f"sentWhen{ident}"))
        if status is not OutboxStatus.SENT:  # "Sent on ..." says it already
            state = outbox_status_words(status)
            if status is OutboxStatus.RETRYING and entry.last_error:
                state += " " + _("(Last time: {problem})").format(problem=entry.last_error)
            inner.addWidget(label(state, name=f"sentStatus{ident}"))
        kind = log_kind_words()[entry.kind]
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
        inner.addWidget(button_row(*buttons))
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
            topic="stop-sharing",
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
            topic="withdraw-message",
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
