"""What the big buttons do: call, ask how it went, record contact, and undo."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from lonely_bridge.domain.contact import ContactEvent
from lonely_bridge.domain.contact_words import kind_name
from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.i18n import _
from lonely_bridge.services.calls import CallService
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.problems import explain
from lonely_bridge.ui.dialogs.follow_up import FollowUpDialog
from lonely_bridge.ui.dialogs.record_contact import RecordContactDialog
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger

log = logging.getLogger(__name__)


class Actions(QObject):
    def __init__(
        self,
        window: MainWindow,
        *,
        calls: CallService,
        contacts: ContactService,
        overview: OverviewService,
        messenger: Messenger,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._calls = calls
        self._contacts = contacts
        self._overview = overview
        self._messenger = messenger
        self._asking = False

    def call(self, person_id: int) -> None:
        try:
            attempt = self._calls.call(person_id)
        except LonelyBridgeError as error:
            text = explain(error)
            self._messenger.error(self._window, text.title, f"{text.text}\n\n{text.next_step}")
            return
        name = self._overview.person_name(attempt.person_id)
        self._window.undo_bar.offer(
            _("Opening your call with {name}. Enjoy your chat!").format(name=name), None
        )

    def check_follow_up(self) -> None:
        """Ask about the last call, once; called whenever Lonely Bridge comes to the front."""
        if self._asking or not self._messenger.windows:
            return
        follow_up = self._calls.pending_follow_up()
        if follow_up is None:
            return
        self._asking = True
        try:
            dialog = FollowUpDialog(follow_up.person.name, self._window)
            dialog.exec()
            # Closing the window without answering still counts as asked: never nag twice.
            event = self._calls.answer_follow_up(follow_up, talked=bool(dialog.talked))
        finally:
            self._asking = False
        if event is not None:
            self._offer_undo(event, follow_up.person.name)
        self._window.refresh_current()

    def record_contact(self, person_id: int | None = None) -> None:
        dialog = RecordContactDialog(self._overview.people(), chosen=person_id, parent=self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        event = self._contacts.record(
            dialog.person_id(), dialog.kind(), when=dialog.when(self._overview.now())
        )
        self._offer_undo(event, self._overview.person_name(event.person_id))
        self._window.refresh_current()

    def _offer_undo(self, event: ContactEvent, name: str) -> None:
        message = _("Saved: {what} with {name}.").format(what=kind_name(event.kind), name=name)

        def undo() -> None:
            self._contacts.undo(event)
            self._window.undo_bar.offer(_("Removed that record."), None)
            self._window.refresh_current()

        self._window.undo_bar.offer(message, undo)
