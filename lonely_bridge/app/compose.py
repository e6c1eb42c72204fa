"""The composition root: the one place that builds the app's objects and wires them together.

What the first screen needs (Today, its services, the theme) is built at once; everything else
is built, and its modules imported, when first asked for or after the first paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import DatabaseDamaged, DatabaseMissing, LonelyBridgeError
from lonely_bridge.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PySide6.QtWidgets import QWidget

    from lonely_bridge.domain.people import Person
    from lonely_bridge.domain.profile import Profile
    from lonely_bridge.services.alerts import AlertService
    from lonely_bridge.services.app_services import AppServices
    from lonely_bridge.services.calls import CallService
    from lonely_bridge.services.contacts import ContactService
    from lonely_bridge.services.helper_access import HelperAccess
    from lonely_bridge.services.importing import ContactImporter
    from lonely_bridge.services.insight import InsightService
    from lonely_bridge.services.learning import LearningService
    from lonely_bridge.services.my_information import MyInformationService
    from lonely_bridge.services.overview import OverviewService
    from lonely_bridge.services.people import PeopleService
    from lonely_bridge.services.plans import PlanService
    from lonely_bridge.services.ports import LoginStart, Mailer, SecretStore, UrlOpener
    from lonely_bridge.services.provisioning import ProvisioningService
    from lonely_bridge.services.set_up import SetUpService
    from lonely_bridge.services.settings import SettingsService
    from lonely_bridge.services.sharing_rounds import SharingRounds
    from lonely_bridge.storage.stores import Stores
    from lonely_bridge.system.speech import Speaker as SystemSpeaker
    from lonely_bridge.ui.actions import Actions
    from lonely_bridge.ui.dialogs.delete_everything import PinCheck
    from lonely_bridge.ui.dialogs.my_information import MyInformationDialog
    from lonely_bridge.ui.file_choosers import FileChooser, PhotoChooser, SaveChooser
    from lonely_bridge.ui.first_run import FirstRun
    from lonely_bridge.ui.household_file import HouseholdFileActions
    from lonely_bridge.ui.main_window import MainWindow
    from lonely_bridge.ui.messages import Messenger
    from lonely_bridge.ui.pages.helper import HelperPage
    from lonely_bridge.ui.pages.learn import LearnPage
    from lonely_bridge.ui.pages.my_week import MyWeekPage
    from lonely_bridge.ui.pages.people import PeoplePage
    from lonely_bridge.ui.pages.settings import SettingsPage
    from lonely_bridge.ui.pages.today import TodayPage
    from lonely_bridge.ui.ports import Chime, Machine, Speaker
    from lonely_bridge.ui.reminders_controller import RemindersController

log = logging.getLogger(__name__)


# The database ---------------------------------------------------------------------------------
def open_store(
    data_dir: Path, clock: Clock, *, messenger: Messenger, demo: bool, thorough: bool = True
) -> Stores:
    """Open the database; a damaged or missing one is replaced only with the person's agreement.

    ``thorough=False`` leaves SQLite's page-by-page check for after the first paint
    (FileCheck), unless an earlier check asked for it (migrate.request_check).
    """
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.stores import open_stores

    thorough = thorough or migrate.check_requested(data_dir)
    try:
        opened = migrate.open_database(data_dir, now=clock.now(), thorough=thorough)
    except (DatabaseDamaged, DatabaseMissing) as problem:
        if problem.params.get("problem") == "link_target_missing":
            raise
        offer_newest_copy(problem, data_dir, clock, messenger=messenger)
        opened = migrate.open_database(data_dir, now=clock.now())
    stores = open_stores(opened)
    if demo and opened.created:
        from lonely_bridge.services.demo import build_demo_household

        count = build_demo_household(
            people=stores.people,
            plans=stores.plans,
            contacts=stores.contacts,
            settings=stores.settings,
            clock=clock,
        )
        log.info("Built the demo household with %d contact events", count)
    return stores


def open_for_command(data_dir: Path, clock: Clock) -> Stores:
    """The database for a command: opened and upgraded, with no questions asked."""
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.stores import open_stores

    return open_stores(migrate.open_database(data_dir, now=clock.now()))


def offer_newest_copy(
    problem: LonelyBridgeError, data_dir: Path, clock: Clock, *, messenger: Messenger
) -> None:
    """Ask to put the newest good copy back; raises ``problem`` when there is none or no."""
    from lonely_bridge.storage import backup, migrate
    from lonely_bridge.wording.problems import explain

    newest = backup.newest_healthy_backup(migrate.backups_dir(data_dir))
    if newest is None:
        raise problem
    explanation = explain(problem)
    damaged = isinstance(problem, DatabaseDamaged)
    question = (
        f"{explanation.text}\n\nLonely Bridge has a good copy from "
        f"{newest.taken_at:%A %d %B at %H:%M}. Use it?"
        + (" The damaged file will be kept aside, unchanged." if damaged else "")
    )
    if not messenger.ask(
        None,
        explanation.title,
        question,
        yes="Use the copy",
        no="Close for now",
        topic="use-good-copy",
    ):
        raise problem
    restored = backup.restore_backup(
        migrate.database_path(data_dir),
        newest,
        now=clock.now(),
        reason="damaged" if damaged else "replaced",
    )
    migrate.clear_check_request(data_dir)
    log.warning("Put back the copy %s; the file it replaced is at %s", newest.path, restored.kept)


# The services -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Edges:
    """What the app does not own: the clock, the home zone, and the machine's services.

    Left as ``None``, each is the real one; tests put stand-ins here.
    """

    clock: Clock
    home_zone: str = "UTC"
    opener: UrlOpener | None = None
    mailer: Mailer | None = None
    secrets: SecretStore | None = None
    speech_engine: str | None = None
    login_start: LoginStart | None = None
    # The computer's own zone, when the home zone was set to another; None: the same.
    computer_zone: str | None = None


def saved_home_zone(stores: Stores, computer_zone: str) -> str:
    """The home zone set in the welcome or Settings, or else the computer's."""
    from lonely_bridge.domain.settings import HOME_ZONE
    from lonely_bridge.services.settings import read

    return read(stores.settings, HOME_ZONE) or computer_zone


def command_edges(stores: Stores, clock: Clock) -> Edges:
    """The edges for a command: the real machine, and the household's home zone."""
    from lonely_bridge.system.timezone import local_zone_name

    return Edges(clock, home_zone=saved_home_zone(stores, local_zone_name()))


class ServiceFactory:
    """Builds each service from the stores it needs and the edges; AppServices asks on first
    use."""

    def __init__(self, stores: Stores, edges: Edges, data_dir: Path) -> None:
        self._stores = stores
        self._edges = edges
        self._data_dir = data_dir

    def overview(self) -> OverviewService:
        from lonely_bridge.services.overview import OverviewService

        stores = self._stores
        return OverviewService(stores.today, stores.people, stores.contacts, self._edges.clock)

    def settings(self) -> SettingsService:
        from lonely_bridge.services.settings import SettingsService

        return SettingsService(self._stores.settings, self._edges.clock)

    def plans(self) -> PlanService:
        from lonely_bridge.services.plans import PlanService

        stores = self._stores
        return PlanService(
            stores.plans, stores.today, stores.people, stores.settings, self._edges.clock
        )

    def calls(self) -> CallService:
        from lonely_bridge.services.calls import CallService

        opener = self._edges.opener
        if opener is None:
            from lonely_bridge.system.opener import DesktopUrlOpener

            opener = DesktopUrlOpener()
        stores = self._stores
        return CallService(
            stores.people, stores.contacts, stores.settings, opener, self._edges.clock
        )

    def contacts(self) -> ContactService:
        from lonely_bridge.services.contacts import ContactService

        return ContactService(self._stores.contacts, self._edges.clock)

    def people(self) -> PeopleService:
        from lonely_bridge.services.people import PeopleService

        stores = self._stores
        return PeopleService(stores.people, stores.today, stores.settings, self._edges.clock)

    def importer(self) -> ContactImporter:
        from lonely_bridge.services.importing import ContactImporter
        from lonely_bridge.system.paths import photos_dir

        return ContactImporter(
            self._stores.people,
            self._stores.today,
            self._edges.clock,
            photos_dir=photos_dir(self._data_dir),
        )

    def learning(self) -> LearningService:
        from lonely_bridge.services.learning import LearningService
        from lonely_bridge.services.tutorials import TutorialService

        tutorials = TutorialService(data_dir=self._data_dir)
        return LearningService(
            self._stores.learning,
            self._stores.settings,
            self._edges.clock,
            tutorials,
            data_dir=self._data_dir,
        )

    def insight(self) -> InsightService:
        from lonely_bridge.services.insight import InsightService

        stores = self._stores
        return InsightService(
            stores.today, stores.contacts, stores.contacts, stores.settings, self._edges.clock
        )

    def helper_access(self) -> HelperAccess:
        from lonely_bridge.services.helper_access import HelperAccess

        return HelperAccess(self._stores.settings, self._edges.clock)

    def provisioning(self) -> ProvisioningService:
        from lonely_bridge.services.provisioning import ProvisioningService

        stores = self._stores
        return ProvisioningService(
            stores.today,
            stores.sharing,
            stores.settings,
            stores.provisioning,
            self._edges.clock,
            lessons=self._lesson_ids,
        )

    def _lesson_ids(self) -> set[str]:
        from lonely_bridge.services.tutorials import TutorialService

        return {lesson.id for lesson in TutorialService(data_dir=self._data_dir).tutorials()}

    def alerts(self) -> AlertService:
        from zoneinfo import ZoneInfo

        from lonely_bridge.services.alerts import AlertService

        mailer, secrets = self._edges.mailer, self._edges.secrets
        if mailer is None:
            from lonely_bridge.system.mailer import SmtpMailer

            mailer = SmtpMailer()
        if secrets is None:
            from lonely_bridge.system.secrets import KeyringSecretStore

            secrets = KeyringSecretStore()
        stores = self._stores
        return AlertService(
            stores.sharing,
            stores.sharing,
            stores.settings,
            mailer,
            secrets,
            self._edges.clock,
            zone=ZoneInfo(self._edges.home_zone),
        )

    def my_information(self) -> MyInformationService:
        from lonely_bridge.services.my_information import (
            InformationStores,
            MyInformationService,
        )
        from lonely_bridge.storage.household_eraser import HouseholdEraser
        from lonely_bridge.storage.information_file import write_information_file
        from lonely_bridge.system.paths import photos_dir

        secrets = self._edges.secrets
        if secrets is None:
            from lonely_bridge.system.secrets import KeyringSecretStore

            secrets = KeyringSecretStore()
        stores = self._stores
        photos = photos_dir(self._data_dir)
        return MyInformationService(
            InformationStores(
                today=stores.today,
                contacts=stores.contacts,
                check_ins=stores.contacts,
                learning=stores.learning,
                trusted=stores.sharing,
                outbox=stores.sharing,
                settings=stores.settings,
            ),
            self._edges.clock,
            secrets=secrets,
            photos_dir=photos,
            writer=write_information_file,
            eraser=HouseholdEraser(stores.writes, data_dir=self._data_dir, photos_dir=photos),
        )


def build_services(
    stores: Stores, edges: Edges, data_dir: Path, *, helper_access: HelperAccess | None = None
) -> AppServices:
    """Today's services now; the others are built the first time they are used.

    ``helper_access`` carries helper mode (open or not) into services built again.
    """
    from lonely_bridge.services.app_services import AppServices

    factory = ServiceFactory(stores, edges, data_dir)
    return AppServices(
        overview=factory.overview(),
        settings=factory.settings(),
        plans=factory.plans(),
        calls=factory.calls,
        contacts=factory.contacts,
        people=factory.people,
        importer=factory.importer,
        learning=factory.learning,
        insight=factory.insight,
        alerts=factory.alerts,
        helper_access=factory.helper_access if helper_access is None else lambda: helper_access,
        my_information=factory.my_information,
        provisioning=factory.provisioning,
    )


# The window and what runs beside it ---------------------------------------------------------
@dataclass(frozen=True)
class Choosers:
    """The file windows; tests answer them instead of a person."""

    photo: PhotoChooser | None = None
    contacts_file: FileChooser | None = None
    calendar_file: SaveChooser | None = None
    household_save: SaveChooser | None = None
    household_open: FileChooser | None = None
    information_file: SaveChooser | None = None
    profile_save: SaveChooser | None = None


@dataclass
class Composition:
    """The window, its pages and actions, the reminders and the sharing rounds, each built
    the first time it is needed."""

    services: AppServices
    data_dir: Path
    edges: Edges
    messenger: Messenger
    choosers: Choosers = field(default_factory=Choosers)
    # Told when the welcome closes (finished or put off), to follow what it changed.
    set_up_ended: Callable[[], None] | None = None
    # Told when Settings or helper mode has saved a setting (the Setting), to follow it.
    setting_changed: Callable[[object], None] | None = None

    @property
    def photos_dir(self) -> Path:
        from lonely_bridge.system.paths import photos_dir

        return photos_dir(self.data_dir)

    @cached_property
    def today(self) -> TodayPage:
        from lonely_bridge.ui.pages.today import TodayPage

        services = self.services
        today = TodayPage(
            services.overview,
            services.settings,
            services.plans,
            photos_dir=self.photos_dir,
            home_zone=self.edges.home_zone,
        )
        # Today is on screen before the actions exist; its buttons build them on first press.
        today.call_requested.connect(self._call)
        today.other_ways_requested.connect(self._other_ways)
        today.record_requested.connect(self._record_contact)
        today.set_up_requested.connect(self.open_set_up)
        return today

    @cached_property
    def window(self) -> MainWindow:
        from lonely_bridge.ui.main_window import MainWindow, PageEntry

        today = self.today
        entries = [
            PageEntry(_("Today"), "todayPage", lambda: today),
            PageEntry(_("People"), "peoplePage", self._people_page),
            PageEntry(_("Learn"), "learnPage", self._learn_page),
            PageEntry(_("My week"), "myWeekPage", self._week_page),
            PageEntry(_("Settings"), "settingsPage", self._settings_page),
            # A short word in the column, which must leave the pages their width at the
            # largest text; the page itself is titled "For family and helpers".
            PageEntry(
                _("Helpers"),
                "helperPage",
                self._helper_page,
                description=_("For family and helpers: asks for the helper's PIN"),
            ),
        ]
        return MainWindow(entries, self.services.settings)

    @cached_property
    def machine(self) -> Machine:
        from lonely_bridge.system.devices import DeviceFinder, NetworkChecker
        from lonely_bridge.system.photos import import_photo
        from lonely_bridge.ui.ports import Machine

        # The speaker loads QtTextToSpeech only when first asked to speak.
        return Machine(
            speaker=system_speaker(self.services.settings, self.edges.speech_engine),
            devices=DeviceFinder,
            network=NetworkChecker,
            import_photo=import_photo,
        )

    @cached_property
    def actions(self) -> Actions:
        from lonely_bridge.ui import file_choosers
        from lonely_bridge.ui.actions import Actions

        choosers = self.choosers
        return Actions(
            self.window,
            services=self.services,
            machine=self.machine,
            messenger=self.messenger,
            photos_dir=self.photos_dir,
            home_zone=self.edges.home_zone,
            choose_photo=choosers.photo or file_choosers.choose_photo_with_dialog,
            choose_contacts_file=choosers.contacts_file
            or file_choosers.choose_contacts_file_with_dialog,
            choose_calendar_file=choosers.calendar_file
            or file_choosers.choose_calendar_file_with_dialog,
        )

    # The first-run welcome -------------------------------------------------------------------
    def welcome_waiting(self) -> bool:
        """Whether the welcome opens by itself: nobody here yet, and it was neither finished
        nor put off. Read without loading the welcome, which an existing household never needs.
        """
        from lonely_bridge.domain.settings import SET_UP_STATE

        state = self.services.settings.get(SET_UP_STATE)
        return state.opens_by_itself and not self.services.overview.people()

    @cached_property
    def set_up(self) -> SetUpService:
        from lonely_bridge.services.set_up import SetUpService

        services, edges = self.services, self.edges
        return SetUpService(
            services.settings,
            services.overview,
            people=services.people,
            plans=services.plans,
            computer_zone=edges.computer_zone or edges.home_zone,
        )

    def open_set_up(self) -> FirstRun:
        """The welcome over the window, at the screen where it was left. Opened with open(),
        not exec(): nothing waits for it."""
        from PySide6.QtCore import Qt

        from lonely_bridge.ui.first_run import FirstRun

        window = self.window
        for shown in window.findChildren(FirstRun):
            if shown.isVisible():
                shown.raise_()
                shown.activateWindow()
                return shown
        actions = self.actions
        welcome = FirstRun(
            self.set_up,
            trusted_hosts=self.services.people.trusted_jitsi_hosts,
            import_contacts=self._import_for_set_up,
            parent=window,
        )
        welcome.text_size_chosen.connect(window.apply_text_size)
        welcome.plan_saved.connect(actions.plans_changed)
        welcome.finished.connect(lambda _result: self._set_up_ended(welcome))
        welcome.setWindowModality(Qt.WindowModality.WindowModal)
        welcome.resize(window.size())
        welcome.open()
        return welcome

    def _import_for_set_up(self, parent: QWidget) -> list[Person]:
        return self.actions.import_contacts_for(parent)

    def _set_up_ended(self, welcome: FirstRun) -> None:
        welcome.deleteLater()
        window = self.window
        window.refresh_current()
        # The keyboard's place was in the welcome: it comes back to Today's own button.
        window.activateWindow()
        window.nav_buttons[0].setFocus()
        if self.set_up_ended is not None:
            self.set_up_ended()

    @cached_property
    def household_file(self) -> HouseholdFileActions:
        """Helper mode's "save the household to a file" and "restore it from a file"."""
        from PySide6.QtCore import QCoreApplication

        from lonely_bridge.app.household import DataFolderHouseholdFiles
        from lonely_bridge.ui import household_file
        from lonely_bridge.wording.household import suggested_file_name

        choosers, clock = self.choosers, self.edges.clock
        return household_file.HouseholdFileActions(
            DataFolderHouseholdFiles(self.data_dir, clock),
            messenger=self.messenger,
            choose_save=choosers.household_save or household_file.choose_file_to_save_with_dialog,
            choose_open=choosers.household_open
            or household_file.choose_file_to_restore_with_dialog,
            suggested_name=lambda: suggested_file_name(clock.now().date()),
            # The database is open: the restore waits for the next start (app/household.py).
            close_app=QCoreApplication.quit,
        )

    def save_profile(self, parent: QWidget) -> Path | None:
        """Helper mode's "Save a profile for other computers", written as export-profile
        writes it; returns the file written (None: nothing was)."""
        from lonely_bridge.app.outputs import write_profile_file
        from lonely_bridge.ui import profile_file

        services, data_dir = self.services, self.data_dir

        def write(target: Path) -> tuple[Path, Profile]:
            profile = services.provisioning.export()
            return write_profile_file(profile, target, data_dir), profile

        return profile_file.save_profile(
            parent,
            write=write,
            messenger=self.messenger,
            choose_save=self.choosers.profile_save or profile_file.choose_profile_file_with_dialog,
            suggested_name=profile_file.suggested_profile_name(self.edges.clock.now().date()),
        )

    def _call(self, person_id: int, link_id: int | None = None) -> None:
        self.actions.call(person_id, link_id)

    def _other_ways(self, person_id: int) -> None:
        self.actions.other_ways(person_id)

    def _record_contact(self, person_id: int | None = None) -> None:
        self.actions.record_contact(person_id)

    def _people_page(self) -> PeoplePage:
        from lonely_bridge.ui.pages.people import PeoplePage

        services, actions = self.services, self.actions
        page = PeoplePage(
            services.overview,
            services.people,
            services.plans,
            services.settings,
            photos_dir=self.photos_dir,
        )
        page.call_requested.connect(actions.call)
        page.other_ways_requested.connect(actions.other_ways)
        return page

    def _learn_page(self) -> LearnPage:
        from lonely_bridge.ui.pages.learn import LearnPage

        page = LearnPage(self.services.learning)
        page.open_requested.connect(self.actions.open_tutorial)
        return page

    def _week_page(self) -> MyWeekPage:
        from lonely_bridge.ui.pages.my_week import MyWeekPage

        services, actions = self.services, self.actions
        page = MyWeekPage(
            services.overview, services.plans, services.insight, home_zone=self.edges.home_zone
        )
        page.call_requested.connect(actions.call)
        page.check_in_requested.connect(actions.check_in)
        # Sharing is a helper's tool: it opens once the helper's PIN has been typed.
        page.sharing_requested.connect(lambda: self.behind_pin(actions.open_sharing))
        return page

    @property
    def helper_page_index(self) -> int:
        return next(
            index
            for index, button in enumerate(self.window.nav_buttons)
            if button.objectName() == "navHelperPage"
        )

    def behind_pin(self, action: Callable[[], None]) -> None:
        """Run ``action`` at once in helper mode; otherwise after the PIN is typed."""
        from lonely_bridge.ui.pages.helper import HelperPage

        page = self.window.page(self.helper_page_index)
        assert isinstance(page, HelperPage)
        if not page.is_open:
            self.window.show_page(self.helper_page_index)
        page.then(action)

    def _settings_page(self) -> SettingsPage:
        from lonely_bridge.ui.pages.settings import SettingsPage

        # The voices are asked for, and the speech engine loaded, when the page is first shown.
        page = SettingsPage(
            self.services.settings, messenger=self.messenger, speaker=self.machine.speaker
        )
        page.setting_changed.connect(self._setting_changed)
        page.my_information_requested.connect(self._open_my_information)
        return page

    def _open_my_information(self) -> None:
        from lonely_bridge.services.helper_access import Outcome

        access = self.services.helper_access

        def helper_pin_matches(pin: str) -> bool:
            # Wrong PINs count here too, and wait as they do for helper mode.
            return access.confirm(pin).outcome is Outcome.OPENED

        self.my_information_dialog(
            self.window, check_pin=helper_pin_matches if access.has_pin() else None
        ).exec()
        self.window.refresh_current()

    def _helper_page(self) -> HelperPage:
        from lonely_bridge.ui.pages.helper import HelperPage

        services, actions = self.services, self.actions
        page = HelperPage(
            services.helper_access,
            overview=services.overview,
            people=lambda: services.people,
            plans=services.plans,
            settings=services.settings,
            messenger=self.messenger,
        )
        page.edit_requested.connect(actions.edit_person)
        page.add_requested.connect(actions.add_person)
        page.import_requested.connect(actions.import_contacts)
        page.restore_requested.connect(actions.restore)
        page.delete_requested.connect(actions.delete_forever)
        page.plan_requested.connect(actions.add_plan)
        page.plan_edit_requested.connect(actions.edit_plan)
        page.plan_stop_requested.connect(actions.stop_plan)
        page.calendar_requested.connect(actions.export_calendar)
        page.sharing_requested.connect(actions.open_sharing)
        page.email_settings_requested.connect(actions.open_email_settings)
        page.setting_changed.connect(self._setting_changed)
        page.locked.connect(self._helper_locked)
        page.save_household_requested.connect(lambda: self.household_file.save(self.window))
        page.restore_household_requested.connect(lambda: self.household_file.restore(self.window))
        page.save_profile_requested.connect(lambda: self.save_profile(self.window))
        return page

    def _helper_locked(self) -> None:
        # Left idle or closed with "Done": back to Today, where nothing can be changed.
        if self.window.stack.currentIndex() == self.helper_page_index:
            self.window.show_page(0)

    def _setting_changed(self, setting: object) -> None:
        from lonely_bridge.domain.settings import TEXT_SIZE

        if setting is TEXT_SIZE:
            self.window.apply_text_size(self.services.settings.text_size(), save=False)
        if self.setting_changed is not None:
            self.setting_changed(setting)

    def my_information_dialog(
        self, parent: QWidget | None = None, *, check_pin: PinCheck | None = None
    ) -> MyInformationDialog:
        """The "Your information" dialog Settings opens; ``check_pin`` lets a helper's PIN
        stand for the second step of "Delete everything"."""
        from lonely_bridge.ui import file_choosers
        from lonely_bridge.ui.dialogs.my_information import MyInformationDialog

        services = self.services
        dialog = MyInformationDialog(
            services.my_information,
            services.insight,
            settings=services.settings,
            messenger=self.messenger,
            choose_file=self.choosers.information_file
            or file_choosers.choose_information_file_with_dialog,
            check_pin=check_pin,
            home_zone=self.edges.home_zone,
            parent=parent,
        )
        dialog.everything_deleted.connect(self.window.refresh_current)
        return dialog

    def reminders(self) -> RemindersController:
        """The reminders, joined to the window (after the first paint: APScheduler, speech
        and sound load here)."""
        from lonely_bridge.domain.reframes import Hesitation

        controller = create_reminders(
            self.services,
            clock=self.edges.clock,
            messenger=self.messenger,
            data_dir=self.data_dir,
            home_zone=self.edges.home_zone,
            speaker=self.machine.speaker,
        )
        actions = self.actions
        actions.plans_changed.connect(controller.rebuild)
        controller.changed.connect(self.window.refresh_current)
        controller.declined.connect(lambda: actions.offer_reframe(Hesitation.DECLINED_CALL))
        return controller

    def apply_login_start(self) -> bool:
        """Make starting at login match its setting; returns whether it is now on.

        Called after the first paint, and by Settings when the setting changes. Raises
        LoginStartNotChanged (its words are in wording/problems.py).
        """
        from lonely_bridge.services.login_start import sync_login_start
        from lonely_bridge.system.autostart import for_this_computer, login_command
        from lonely_bridge.system.paths import default_data_dir

        login_start = self.edges.login_start or for_this_computer()
        # The usual folder is left unnamed, so the entry follows it wherever this system puts it.
        usual = self.data_dir == default_data_dir().resolve()
        program = login_command(None if usual else self.data_dir)
        return sync_login_start(self.services.settings, login_start, program=program)

    def sharing_rounds(self) -> SharingRounds:
        from zoneinfo import ZoneInfo

        from lonely_bridge.services.sharing_rounds import SharingRounds

        services = self.services
        return SharingRounds(
            alerts=services.alerts,
            insight=services.insight,
            overview=services.overview,
            plans=services.plans,
            settings=services.settings,
            zone=ZoneInfo(self.edges.home_zone),
        )

    def gallery(self, parent: QWidget) -> Iterator[tuple[str, QWidget]]:
        """Every dialog, filled in from the demo household (for screenshots and tests)."""
        from lonely_bridge.system.devices import ListedDevices
        from lonely_bridge.ui.gallery import dialogs

        # With no devices listed, screenshots never switch on a real camera.
        return dialogs(
            self.services,
            speaker=self.machine.speaker,
            devices=ListedDevices(),
            photos_dir=self.photos_dir,
            parent=parent,
            home_zone=self.edges.home_zone,
        )


def create_reminders(
    services: AppServices,
    *,
    clock: Clock,
    messenger: Messenger,
    data_dir: Path,
    home_zone: str,
    speech_engine: str | None = None,
    speaker: Speaker | None = None,
    chime: Chime | None = None,
) -> RemindersController:
    """The scheduler, voice and chime, and the controller that joins them."""
    from lonely_bridge.scheduling.reminders import ReminderScheduler
    from lonely_bridge.system.paths import photos_dir
    from lonely_bridge.ui.reminders_controller import RemindersController

    settings = services.settings
    if chime is None:
        from lonely_bridge.domain.settings import SOUNDS_ON
        from lonely_bridge.system.sound import Chime as SystemChime

        chime = SystemChime(enabled=lambda: settings.get(SOUNDS_ON))
    if speaker is None:
        speaker = system_speaker(settings, speech_engine)
    scheduler = ReminderScheduler(clock)
    controller = RemindersController(
        plans=services.plans,
        calls=services.calls,
        scheduler=scheduler,
        messenger=messenger,
        photos_dir=photos_dir(data_dir),
        home_zone=home_zone,
        speaker=speaker,
        chime=chime,
    )
    scheduler.setParent(controller)
    return controller


def system_speaker(settings: SettingsService, engine: str | None) -> SystemSpeaker:
    """This computer's voice, reading at the pace and in the voice chosen in Settings."""
    from lonely_bridge.domain.settings import SPEECH_SPEED, SPEECH_VOICE
    from lonely_bridge.system.speech import Speaker

    return Speaker(
        engine=engine,
        rate=lambda: settings.get(SPEECH_SPEED).rate,
        voice=lambda: settings.get(SPEECH_VOICE),
    )
