"""What the big buttons do: call, ask how it went, record contact, and undo."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from lonely_bridge.domain.contact import ContactEvent
from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.wording.contacts import kind_name

if TYPE_CHECKING:
    from lonely_bridge.domain.people import Person
    from lonely_bridge.domain.reframes import Hesitation
    from lonely_bridge.domain.tutorials import Action
    from lonely_bridge.services.app_services import AppServices
    from lonely_bridge.ui.file_choosers import FileChooser, PhotoChooser, SaveChooser
    from lonely_bridge.ui.ports import Machine

log = logging.getLogger(__name__)


class Actions(QObject):
    plans_changed = Signal()  # the reminders must be rebuilt
    delivery_wanted = Signal()  # a message was written by hand: try to send it now

    def __init__(
        self,
        window: MainWindow,
        *,
        services: AppServices,
        machine: Machine,
        messenger: Messenger,
        photos_dir: Path,
        home_zone: str,
        choose_photo: PhotoChooser,
        choose_contacts_file: FileChooser,
        choose_calendar_file: SaveChooser,
    ) -> None:
        super().__init__(window)
        self._window = window
        # Importing, lessons, insight and e-mail load on first use (see AppServices).
        self._services = services
        self._machine = machine
        self._messenger = messenger
        self._photos_dir = photos_dir
        self._choose_photo = choose_photo
        self._choose_contacts_file = choose_contacts_file
        self._choose_calendar_file = choose_calendar_file
        self._home_zone = home_zone
        self._asking = False

    def call(self, person_id: int, link_id: int | None = None) -> None:
        try:
            attempt = self._services.calls.call(person_id, link_id=link_id)
        except LonelyBridgeError as error:
            self._messenger.problem(self._window, error)
            return
        name = self._services.overview.person_name(attempt.person_id)
        self._window.undo_bar.offer(
            _("Opening your call with {name}. Enjoy your chat!").format(name=name), None
        )

    def check_follow_up(self) -> None:
        """Ask about the last call, once; called whenever Lonely Bridge comes to the front."""
        from lonely_bridge.ui.dialogs.follow_up import FollowUpDialog

        if self._asking or not self._messenger.windows:
            return
        follow_up = self._services.calls.pending_follow_up()
        if follow_up is None:
            return
        self._asking = True
        try:
            dialog = FollowUpDialog(follow_up.person.name, self._window)
            dialog.exec()
            # Closing the window without answering still counts as asked: never nag twice.
            event = self._services.calls.answer_follow_up(follow_up, talked=bool(dialog.talked))
        finally:
            self._asking = False
        if event is not None:
            self._offer_undo(event, follow_up.person.name)
        self._window.refresh_current()

    def record_contact(self, person_id: int | None = None) -> None:
        from lonely_bridge.ui.dialogs.record_contact import RecordContactDialog

        dialog = RecordContactDialog(
            self._services.overview.people(), chosen=person_id, parent=self._window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        event = self._services.contacts.record(
            dialog.person_id(), dialog.kind(), when=dialog.when(self._services.overview.now())
        )
        self._offer_undo(event, self._services.overview.person_name(event.person_id))
        self._window.refresh_current()

    def _offer_undo(self, event: ContactEvent, name: str) -> None:
        message = _("Saved: {what} with {name}.").format(what=kind_name(event.kind), name=name)

        def undo() -> None:
            self._services.contacts.undo(event)
            self._window.undo_bar.offer(_("Removed that record."), None)
            self._window.refresh_current()

        self._window.undo_bar.offer(message, undo)

    def other_ways(self, person_id: int) -> None:
        from lonely_bridge.ui.dialogs.choose_link import ChooseLinkDialog

        person = self._services.overview.person(person_id)
        dialog = ChooseLinkDialog(person, self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.link_id is not None:
            self.call(person_id, dialog.link_id)

    def add_person(self) -> None:
        self._edit(None)

    def edit_person(self, person_id: int) -> None:
        self._edit(person_id)

    def _edit(self, person_id: int | None) -> None:
        from lonely_bridge.ui.dialogs.person_editor import PersonEditor

        person = self._services.overview.person(person_id) if person_id is not None else None
        editor = PersonEditor(
            person,
            people=self._services.people,
            photos_dir=self._photos_dir,
            import_photo=self._machine.import_photo,
            choose_photo=self._choose_photo,
            parent=self._window,
        )
        result = editor.exec()
        if result == PersonEditor.ARCHIVE and person is not None and person.id is not None:
            self.archive(person.id, person.name)
        elif result == QDialog.DialogCode.Accepted and editor.saved is not None:
            words = _("Saved {name}'s details.") if person else _("Added {name}.")
            self._window.undo_bar.offer(words.format(name=editor.saved.name), None)
            self._window.refresh_current()

    def archive(self, person_id: int, name: str) -> None:
        self._services.people.archive(person_id)

        def undo() -> None:
            self._services.people.restore(person_id)
            self._window.undo_bar.offer(_("{name} is back.").format(name=name), None)
            self._window.refresh_current()

        self._window.undo_bar.offer(
            _("{name} is put away. Their history is kept.").format(name=name), undo
        )
        self._window.refresh_current()

    def restore(self, person_id: int) -> None:
        self._services.people.restore(person_id)
        name = self._services.overview.person_name(person_id)
        self._window.undo_bar.offer(_("{name} is back.").format(name=name), None)
        self._window.refresh_current()

    def delete_forever(self, person_id: int) -> None:
        name = self._services.overview.person_name(person_id)
        if not self._messenger.ask(
            self._window,
            _("Delete {name} for good?").format(name=name),
            _(
                "{name} and all of their history will be removed from this computer. "
                "This cannot be undone."
            ).format(name=name),
            yes=_("Delete for good"),
            no=_("Keep {name}").format(name=name),
            topic="delete-person",
        ):
            return
        self._services.people.delete_forever(person_id)
        self._window.undo_bar.offer(_("{name} was deleted.").format(name=name), None)
        self._window.refresh_current()

    def import_contacts(self) -> None:
        added = self.import_contacts_for(self._window)
        if not added:
            return
        self._window.undo_bar.offer(
            _("Added {names}.").format(names=", ".join(person.name for person in added)), None
        )
        self._window.refresh_current()

    def import_contacts_for(self, parent: QWidget) -> list[Person]:
        """Choose a contacts file, show who is in it, and add those ticked (over ``parent``)."""
        from lonely_bridge.ui.dialogs.import_preview import ImportPreviewDialog

        path = self._choose_contacts_file(parent)
        if path is None:
            return []
        try:
            preview = self._services.importer.preview(path)
        except LonelyBridgeError as error:
            self._messenger.problem(parent, error)
            return []
        except OSError as error:
            self._messenger.error(
                parent,
                _("That file could not be opened"),
                _("{file}: {reason}. Nothing was added.").format(
                    file=path.name, reason=error.strerror
                ),
                topic="contacts-file-unreadable",
            )
            return []
        dialog = ImportPreviewDialog(preview, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return list(self._services.importer.add(dialog.chosen()))

    def add_plan(self) -> None:
        self._edit_plan(None)

    def edit_plan(self, plan_id: int) -> None:
        self._edit_plan(plan_id)

    def _edit_plan(self, plan_id: int | None) -> None:
        from lonely_bridge.ui.dialogs.plan_editor import PlanEditor

        people = self._services.overview.people()
        if not people:
            self._messenger.inform(
                self._window,
                _("Add someone first"),
                _("A regular call needs a person. Add them with “Add someone” first."),
                topic="plan-needs-a-person",
            )
            return
        plan = self._services.plans.plan(plan_id) if plan_id is not None else None
        editor = PlanEditor(
            plan,
            people=people,
            plans=self._services.plans,
            home_zone=self._home_zone,
            today=self._services.overview.now().date(),
            parent=self._window,
        )
        if editor.exec() != QDialog.DialogCode.Accepted or editor.saved is None:
            return
        name = self._services.overview.person_name(editor.saved.person_id)
        self._window.undo_bar.offer(
            _("Saved the regular call with {name}.").format(name=name), None
        )
        self.plans_changed.emit()
        self._window.refresh_current()

    def stop_plan(self, plan_id: int) -> None:
        plan = self._services.plans.plan(plan_id)
        name = self._services.overview.person_name(plan.person_id)
        if not self._messenger.ask(
            self._window,
            _("Stop the regular calls with {name}?").format(name=name),
            _(
                "There will be no more reminders for these calls. The calls that already "
                "happened stay in the history."
            ),
            yes=_("Stop these calls"),
            no=_("Keep them"),
            topic="stop-plan",
        ):
            return
        self._services.plans.delete(plan_id)
        self._window.undo_bar.offer(
            _("The regular calls with {name} are stopped.").format(name=name), None
        )
        self.plans_changed.emit()
        self._window.refresh_current()

    def export_calendar(self) -> None:
        from lonely_bridge.services.calendar_export import calendar_file_name

        path = self._choose_calendar_file(self._window, calendar_file_name(None))
        if path is None:
            return
        exported = self._services.plans.calendar()
        try:
            path.write_bytes(exported.content)
        except OSError as error:
            self._messenger.error(
                self._window,
                _("The calendar file could not be saved"),
                _("{file}: {reason}. Please choose another folder.").format(
                    file=path.name, reason=error.strerror
                ),
                topic="calendar-not-saved",
            )
            return
        saved = _("Saved the calls to {file}. Family can open it with their calendar.").format(
            file=path.name
        )
        if exported.left_out:
            names = _(" and ").join(dict.fromkeys(left.person_name for left in exported.left_out))
            saved += " " + ngettext(
                "The link for the calls with {names} was left out, because Lonely Bridge would "
                "not open it now. A helper can save it again under “For family and helpers”.",
                "The links for the calls with {names} were left out, because Lonely Bridge "
                "would not open them now. A helper can save them again under “For family and "
                "helpers”.",
                len(exported.left_out),
            ).format(names=names)
        self._window.undo_bar.offer(saved, None)

    # Learning ----------------------------------------------------------------------------
    def open_tutorial(self, tutorial_id: str) -> None:
        from lonely_bridge.ui.dialogs.tutorial_viewer import TutorialViewer

        tutorial = self._services.learning.tutorial(tutorial_id)
        if tutorial is None:
            return
        viewer = TutorialViewer(
            tutorial,
            learning=self._services.learning,
            speaker=self._machine.speaker,
            parent=self._window,
        )
        viewer.try_it.connect(lambda action: self.try_it(action, viewer))
        viewer.exec()
        if not viewer.finished_lesson():
            from lonely_bridge.domain.reframes import Hesitation

            self.offer_reframe(Hesitation.LEFT_TUTORIAL)
        self._window.refresh_current()

    def try_it(self, action: Action, viewer: QWidget | None = None) -> None:
        """What a tutorial's "Try it now" button does."""
        from lonely_bridge.domain.tutorials import Action

        if action in (Action.OPEN_TODAY, Action.OPEN_PEOPLE):
            if viewer is not None:
                viewer.close()
            self._window.show_page(0 if action is Action.OPEN_TODAY else 1)
        elif action is Action.RECORD_CONTACT:
            self.record_contact()
        elif action in (Action.OPEN_CAMERA_CHECK, Action.OPEN_MICROPHONE_CHECK):
            from lonely_bridge.ui.dialogs.device_check import DeviceCheckDialog

            DeviceCheckDialog(self._machine.devices(), parent=viewer or self._window).exec()
        elif action is Action.PRACTICE_CALL:
            from lonely_bridge.ui.dialogs.practice_call import PracticeCallDialog

            PracticeCallDialog(
                self._services.calls.opener,
                network=self._machine.network(),
                parent=viewer or self._window,
            ).exec()

    def offer_reframe(self, moment: Hesitation) -> None:
        """A kind word at a moment of hesitation: at most once a day, never in a pop-up."""
        words = self._services.learning.reframe_for(moment)
        if words:
            self._window.undo_bar.offer(words, None)

    # How things are -------------------------------------------------------------------------
    def check_in(self) -> None:
        from lonely_bridge.ui.dialogs.check_in import CheckInDialog

        dialog = CheckInDialog(parent=self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._services.insight.save_check_in(dialog.scale, tuple(dialog.answers))
        self._window.undo_bar.offer(_("Thank you. Your answers are kept on this computer."), None)
        self._window.refresh_current()

    def open_sharing(self) -> None:
        from lonely_bridge.ui.dialogs.sharing import SharingDialog

        dialog = SharingDialog(
            self._services,
            messenger=self._messenger,
            home_zone=self._home_zone,
            parent=self._window,
        )
        dialog.message_queued.connect(self.delivery_wanted)
        dialog.exec()
        self._window.refresh_current()

    def open_email_settings(self) -> None:
        from lonely_bridge.ui.dialogs.email_settings import EmailSettingsDialog

        EmailSettingsDialog(
            self._services.alerts, messenger=self._messenger, parent=self._window
        ).exec()
        self._window.refresh_current()
