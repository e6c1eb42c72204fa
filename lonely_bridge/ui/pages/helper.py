"""For family and helpers: behind the helper's PIN, the tools that change the household."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.settings import MAIL_SERVER, Role
from lonely_bridge.i18n import _
from lonely_bridge.services.helper_access import HelperAccess, Outcome
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.pages.people import item_card, plan_words
from lonely_bridge.ui.pages.settings import SettingsForm
from lonely_bridge.ui.widgets.controls import button, label
from lonely_bridge.ui.widgets.flow_layout import button_row
from lonely_bridge.ui.widgets.pin_entry import pin_entry
from lonely_bridge.wording.helper import (
    forgot_pin_words,
    pin_rule_words,
    wait_over_words,
    waiting_words,
    wrong_pin_words,
)

if TYPE_CHECKING:
    from lonely_bridge.services.overview import OverviewService
    from lonely_bridge.services.people import PeopleService
    from lonely_bridge.services.plans import PlanService
    from lonely_bridge.services.settings import SettingsService

# How often the page looks whether helper mode was left idle too long (the limit itself is
# HelperAccess's, on its clock).
IDLE_CHECK_MS = 5_000
# How often the wait after wrong PINs is told again while it runs.
COUNTDOWN_MS = 1_000
ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class _ActivityWatch(QObject):
    """Tells helper mode someone is still there at every key press, click or scroll."""

    def __init__(self, access: HelperAccess, parent: QObject) -> None:
        super().__init__(parent)
        self._access = access

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self._access.touch()
        return False


class HelperPage(Page):
    """Asks for the PIN (or for a first one), then shows the helper's tools until "Done" or
    ten idle minutes."""

    edit_requested = Signal(int)
    add_requested = Signal()
    import_requested = Signal()
    restore_requested = Signal(int)
    delete_requested = Signal(int)
    plan_requested = Signal()
    plan_edit_requested = Signal(int)
    plan_stop_requested = Signal(int)
    calendar_requested = Signal()
    sharing_requested = Signal()
    email_settings_requested = Signal()
    setting_changed = Signal(object)  # a Setting just saved
    save_household_requested = Signal()
    restore_household_requested = Signal()
    save_profile_requested = Signal()
    locked = Signal()  # helper mode closed, by "Done" or when left idle

    def __init__(
        self,
        access: HelperAccess,
        *,
        overview: OverviewService,
        people: Callable[[], PeopleService],
        plans: PlanService,
        settings: SettingsService,
        messenger: Messenger,
    ) -> None:
        super().__init__(_("For family and helpers"), name="helperPage")
        self._access = access
        self._overview = overview
        self._people = people
        self._plans = plans
        self._settings = settings
        self._messenger = messenger
        self._then: Callable[[], None] | None = None
        self._was_open = False
        self._watch = _ActivityWatch(access, self)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self.message: QWidget | None = None
        self.helper_settings: SettingsForm | None = None
        self._done_button: QPushButton | None = None

    # Opening and closing -------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._access.is_open()

    def then(self, action: Callable[[], None]) -> None:
        """Run ``action`` now if helper mode is open, or once the PIN has opened it."""
        if self._access.is_open():
            action()
            return
        self._then = action
        self.refresh()

    def check_idle(self) -> None:
        """Close the tools when helper mode closed by itself (left idle)."""
        if self._was_open and not self._access.is_open():
            self._closed()

    def done(self) -> None:
        self._access.lock()
        self._closed()

    def _closed(self) -> None:
        self._was_open = False
        self._then = None
        self._idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._watch)
        self.refresh()
        self.locked.emit()

    def _opened(self) -> None:
        self.refresh()
        # The box typed into is gone: start at the top, on "Done", not wherever Qt's focus
        # chain lands (which scrolls the page to the middle).
        if self._done_button is not None:
            self._done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.verticalScrollBar().setValue(0)
        action, self._then = self._then, None
        if action is not None:
            action()

    # What the page shows -----------------------------------------------------------------
    def refresh(self) -> None:
        self.clear_body()
        self.message = None
        self.helper_settings = None
        self._done_button = None
        layout = self.body_layout()
        if self._access.is_open():
            self._tools(layout)
        elif self._access.has_pin():
            self._ask_pin(layout)
        else:
            self._first_pin(layout)

    def _ask_pin(self, layout: QVBoxLayout) -> None:
        layout.addWidget(
            label(
                _(
                    "These tools change who is in Lonely Bridge and how it works. "
                    "Please type the helper's PIN."
                ),
                name="helperIntro",
            )
        )
        entry = pin_entry(name="helperPinEntry", title=_("The helper's PIN"))
        layout.addWidget(entry)
        message = label("", name="helperPinMessage")
        message.setAccessibleName(_("What happened"))
        layout.addWidget(message)
        self.message = message
        wait = self._access.wait_left()
        message.setText(waiting_words(wait) if wait > timedelta(0) else pin_rule_words())
        countdown = self._countdown(message)
        if wait > timedelta(0):
            countdown.start()
        open_button = button(_("Open"), name="helperUnlock", role="primary")
        forgot = button(_("Forgot the PIN?"), name="helperForgotPin")
        layout.addWidget(button_row(open_button, forgot))

        def unlock() -> None:
            typed = entry.text()
            entry.clear()  # never left on screen, right or wrong
            result = self._access.unlock(typed)
            if result.outcome is Outcome.OPENED:
                self._opened()
            elif result.outcome is Outcome.WAIT:
                message.setText(waiting_words(result.wait))
                countdown.start()
            elif result.outcome is Outcome.NO_PIN:
                self.refresh()
            else:
                message.setText(wrong_pin_words(result.wait))
                if result.wait > timedelta(0):
                    countdown.start()
            message.setAccessibleName(message.text())

        entry.returnPressed.connect(unlock)
        open_button.clicked.connect(unlock)
        forgot.clicked.connect(
            lambda: self._messenger.inform(
                self.window(), _("Forgot the PIN?"), forgot_pin_words(), topic="forgot-pin"
            )
        )
        QTimer.singleShot(0, entry, lambda: entry.setFocus(Qt.FocusReason.OtherFocusReason))

    def _countdown(self, message: QLabel) -> QTimer:
        """A timer that keeps the wait on ``message`` up to date each second and says when it
        is over, so nobody has to guess when to try again (it goes with the message)."""
        timer = QTimer(message)
        timer.setInterval(COUNTDOWN_MS)

        def tick() -> None:
            wait = self._access.wait_left()
            if wait > timedelta(0):
                message.setText(waiting_words(wait))
                return
            timer.stop()
            message.setText(wait_over_words())
            # Said once when the wait ends, not at every second of it.
            message.setAccessibleName(message.text())

        timer.timeout.connect(tick)
        return timer

    def _first_pin(self, layout: QVBoxLayout) -> None:
        layout.addWidget(
            label(
                _(
                    "No helper's PIN has been set on this computer yet. Please choose one, so "
                    "only family and helpers can change who is in Lonely Bridge. The person "
                    "you help never needs it for anything of their own."
                ),
                name="helperFirstPinIntro",
            )
        )
        first = self._new_pin_form(layout, save_name="helperSetPin", save_words=_("Save the PIN"))
        QTimer.singleShot(0, first, lambda: first.setFocus(Qt.FocusReason.OtherFocusReason))

    def _new_pin_form(self, layout: QVBoxLayout, *, save_name: str, save_words: str) -> QLineEdit:
        """Two boxes for a new PIN and a button that keeps it; returns the first box."""
        layout.addWidget(label(pin_rule_words(), role="muted"))
        layout.addWidget(label(_("The new PIN"), name="newPinLabel"))
        first = pin_entry(name="newPinEntry", title=_("The new PIN"))
        layout.addWidget(first)
        layout.addWidget(label(_("The same PIN again"), name="newPinAgainLabel"))
        again = pin_entry(name="newPinAgainEntry", title=_("The same PIN again"))
        layout.addWidget(again)
        message = label("", name="newPinMessage")
        layout.addWidget(message)
        save = button(save_words, name=save_name, role="primary")
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)

        def keep() -> None:
            if first.text() != again.text():
                message.setText(_("The two PINs are not the same. Please type both again."))
                first.clear()
                again.clear()
                first.setFocus()
                return
            try:
                self._access.set_pin(first.text())
            except LonelyBridgeError as problem:
                self._messenger.problem(self.window(), problem)
                first.clear()
                again.clear()
                return
            self.window_undo_message(_("The helper's PIN is saved."))
            self._opened()

        first.returnPressed.connect(again.setFocus)
        again.returnPressed.connect(keep)
        save.clicked.connect(keep)
        return first

    def window_undo_message(self, text: str) -> None:
        bar = getattr(self.window(), "undo_bar", None)
        if bar is not None:
            bar.offer(text, None)

    def _watch_for_idle(self) -> None:
        """Count key presses and clicks anywhere in the app as activity, and look now and
        then whether helper mode was left idle (it may have been opened elsewhere, such as
        by setting the first PIN)."""
        if self._was_open:
            return
        self._was_open = True
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._watch)
        self._idle_timer.start()

    def _tools(self, layout: QVBoxLayout) -> None:
        self._watch_for_idle()
        done = button(
            _("Done"),
            name="helperDone",
            role="primary",
            description=_("Close the helper's tools; the PIN is asked for next time"),
        )
        done.clicked.connect(self.done)
        self._done_button = done
        layout.addWidget(done, 0, Qt.AlignmentFlag.AlignLeft)
        self._people_tools(layout)
        self._regular_calls(layout)
        self._sharing_tools(layout)
        layout.addWidget(label(_("Settings for helpers"), role="heading"))
        form = SettingsForm(self._settings, Role.HELPER, messenger=self._messenger)
        form.changed.connect(self.setting_changed)
        form.open_requested.connect(self._open_setting)
        layout.addWidget(form)
        self.helper_settings = form
        self._household_tools(layout)
        layout.addWidget(label(_("Change the helper's PIN"), role="heading"))
        self._new_pin_form(layout, save_name="helperChangePin", save_words=_("Change the PIN"))

    def _open_setting(self, setting: object) -> None:
        if setting is MAIL_SERVER:
            self.email_settings_requested.emit()

    def _people_tools(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("People"), role="heading"))
        add = button(_("Add someone"), name="addPerson")
        add.clicked.connect(self.add_requested)
        from_file = button(
            _("Add from a contacts file…"),
            name="importContacts",
            description=_("A .vcf file exported from a phone or an e-mail program"),
        )
        from_file.clicked.connect(self.import_requested)
        layout.addWidget(button_row(add, from_file))
        people = sorted(self._overview.people(), key=lambda person: person.name.lower())
        for person in people:
            assert person.id is not None
            edit = button(
                _("Change details"),
                name=f"editPerson{person.id}",
                description=_("Change {name}'s details, ways to call, or put them away").format(
                    name=person.name
                ),
            )
            edit.clicked.connect(lambda _c=False, i=person.id: self.edit_requested.emit(i))
            lines = [label(person.relationship, role="muted")] if person.relationship else []
            layout.addWidget(item_card(f"helperPerson{person.id}", person.name, lines, [edit]))
        archived = self._people().archived()
        if archived:
            layout.addWidget(label(_("Put away"), role="heading"))
        for person in archived:
            assert person.id is not None
            bring_back = button(
                _("Bring {name} back").format(name=person.name), name=f"restorePerson{person.id}"
            )
            bring_back.clicked.connect(lambda _c=False, i=person.id: self.restore_requested.emit(i))
            delete = button(
                _("Delete for good…"),
                name=f"deletePerson{person.id}",
                description=_("Asks first; removes {name} and their history").format(
                    name=person.name
                ),
            )
            delete.clicked.connect(lambda _c=False, i=person.id: self.delete_requested.emit(i))
            layout.addWidget(
                item_card(f"archived{person.id}", person.name, [], [bring_back, delete])
            )

    def _regular_calls(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("Regular calls"), role="heading"))
        # Plans this version cannot read are listed too, so a helper can change or stop them.
        for plan, person in self._plans.plans(include_unreadable=True):
            assert plan.id is not None
            change = button(_("Change"), name=f"changePlan{plan.id}")
            change.clicked.connect(lambda _c=False, i=plan.id: self.plan_edit_requested.emit(i))
            stop = button(_("Stop these calls…"), name=f"stopPlan{plan.id}")
            stop.clicked.connect(lambda _c=False, i=plan.id: self.plan_stop_requested.emit(i))
            words = label(plan_words(plan), name=f"planWords{plan.id}")
            layout.addWidget(item_card(f"plan{plan.id}", person.name, [words], [change, stop]))
        add_plan = button(_("Plan a regular call"), name="addPlan")
        add_plan.clicked.connect(self.plan_requested)
        calendar = button(
            _("Save the calls for a calendar…"),
            name="exportCalendar",
            description=_("A file family can add to their own calendars"),
        )
        calendar.clicked.connect(self.calendar_requested)
        layout.addWidget(button_row(add_plan, calendar))

    def _sharing_tools(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("Sharing with family"), role="heading"))
        sharing = button(
            _("Sharing with family…"),
            name="openSharing",
            description=_("Choose who may hear how things are, and see what was sent"),
        )
        sharing.clicked.connect(self.sharing_requested)
        # The e-mail server is among the helper's settings below.
        layout.addWidget(sharing, 0, Qt.AlignmentFlag.AlignLeft)

    def _household_tools(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(_("The whole household"), role="heading"))
        save = button(
            _("Save the whole household to a file…"),
            name="saveHousehold",
            description=_("Everything Lonely Bridge keeps, with photos, for a new computer"),
        )
        save.clicked.connect(self.save_household_requested)
        restore = button(
            _("Restore a household from a file…"),
            name="restoreHousehold",
            description=_("Checks the file first; what is here now is kept aside"),
        )
        restore.clicked.connect(self.restore_household_requested)
        profile = button(
            _("Save a profile for other computers…"),
            name="saveProfile",
            description=_("People, links, plans and settings, without passwords"),
        )
        profile.clicked.connect(self.save_profile_requested)
        layout.addWidget(button_row(save, restore, profile))


def pin_entries(root: QWidget) -> list[QLineEdit]:
    """The PIN boxes shown under ``root`` (for tests and screenshots)."""
    return [entry for entry in root.findChildren(QLineEdit) if entry.property("role") == "pin"]
