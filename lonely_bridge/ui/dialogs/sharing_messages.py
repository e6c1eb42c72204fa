"""Messages for family: the exact words before sending, and any message already written."""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from lonely_bridge.domain.errors import AlertsNotReady, LonelyBridgeError
from lonely_bridge.domain.sharing import (
    MailKind,
    OutboxEntry,
    OutboxStatus,
    ShareableSummary,
    TrustedPerson,
)
from lonely_bridge.i18n import _
from lonely_bridge.services.alerts import QueueOutcome
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, card, clear_layout, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.wording.problems import explain
from lonely_bridge.wording.time import date_and_time

if TYPE_CHECKING:
    from lonely_bridge.services.alerts import AlertService, Draft

log = logging.getLogger(__name__)

LOG_ENTRIES_SHOWN = 50
MESSAGE_GAP_PX = 16  # between the subject and the message, as in a mail program
# Names are shortened inside button words, which cannot wrap; the full name is spoken.
NAME_CHARS_ON_BUTTONS = 12
_UNSENT_WITHDRAWABLE = frozenset({OutboxStatus.WAITING, OutboxStatus.RETRYING})


def moment_words(when: datetime, zone: tzinfo) -> str:
    return date_and_time(when.astimezone(zone))


def set_words(widget: QLabel, text: str) -> None:
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


def problem_words(error: LonelyBridgeError) -> str:
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
            self.body.addWidget(button_row(*choices))
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
            set_words(self.about, problem_words(error))
            self.send_button.hide()
            return
        if kind is MailKind.BY_HAND:
            about = _("This is exactly what {name} would receive if you send it now.")
        else:
            about = _(
                "Lonely Bridge sends this one by itself, at most once a week. This is how it "
                "would read today; the words follow how things are on the day it is written."
            )
        set_words(self.about, about.format(name=self._person.name))
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
            self.show_note(problem_words(error))
            return
        if not outcome:
            self.show_note(problem_words(_not_queued_problem(outcome)))
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


def log_kind_words() -> dict[MailKind, str]:
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
