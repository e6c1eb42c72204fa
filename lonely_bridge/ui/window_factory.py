"""Builds the main window and its pages from the services the composition root made."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.i18n import _
from lonely_bridge.services.calls import CallService
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.system.paths import photos_dir
from lonely_bridge.system.speech import Speaker
from lonely_bridge.ui.actions import Actions
from lonely_bridge.ui.file_choosers import (
    FileChooser,
    PhotoChooser,
    SaveChooser,
    choose_calendar_file_with_dialog,
    choose_contacts_file_with_dialog,
    choose_photo_with_dialog,
)
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.pages.learn import LearnPage
from lonely_bridge.ui.pages.my_week import MyWeekPage
from lonely_bridge.ui.pages.people import PeoplePage
from lonely_bridge.ui.pages.today import TodayPage

if TYPE_CHECKING:
    from lonely_bridge.services.alerts import AlertService
    from lonely_bridge.services.importing import ContactImporter
    from lonely_bridge.services.insight import InsightService
    from lonely_bridge.services.learning import LearningService


class AppServices:
    """Everything the window needs. Importing, lessons, insight and e-mail load on first use:
    their modules are not needed for the first screen (bench/startup.py)."""

    def __init__(
        self,
        *,
        overview: OverviewService,
        settings: SettingsService,
        calls: CallService,
        contacts: ContactService,
        people: PeopleService,
        plans: PlanService,
        importer: Callable[[], ContactImporter],
        learning: Callable[[], LearningService],
        insight: Callable[[], InsightService],
        alerts: Callable[[], AlertService],
    ) -> None:
        self.overview = overview
        self.settings = settings
        self.calls = calls
        self.contacts = contacts
        self.people = people
        self.plans = plans
        self._make_importer = importer
        self._make_learning = learning
        self._make_insight = insight
        self._make_alerts = alerts

    @cached_property
    def importer(self) -> ContactImporter:
        return self._make_importer()

    @cached_property
    def learning(self) -> LearningService:
        return self._make_learning()

    @cached_property
    def insight(self) -> InsightService:
        return self._make_insight()

    @cached_property
    def alerts(self) -> AlertService:
        return self._make_alerts()


def build_main_window(
    services: AppServices,
    *,
    data_dir: Path,
    messenger: Messenger,
    home_zone: str = "UTC",
    choose_photo: PhotoChooser = choose_photo_with_dialog,
    choose_contacts_file: FileChooser = choose_contacts_file_with_dialog,
    choose_calendar_file: SaveChooser = choose_calendar_file_with_dialog,
    speech_engine: str | None = None,
) -> tuple[MainWindow, TodayPage]:
    photos = photos_dir(data_dir)
    # Created now but loads QtTextToSpeech only when first asked to speak.
    speaker = Speaker(engine=speech_engine)
    today = TodayPage(
        services.overview, services.settings, services.plans, photos_dir=photos, home_zone=home_zone
    )
    people = PeoplePage(services.overview, services.people, services.plans, photos_dir=photos)
    learn = LearnPage(lambda: services.learning)
    week = MyWeekPage(
        services.overview, services.plans, lambda: services.insight, home_zone=home_zone
    )
    window = MainWindow(
        [(_("Today"), today), (_("People"), people), (_("Learn"), learn), (_("My week"), week)],
        services.settings,
    )
    window.commands = Actions(
        window,
        calls=services.calls,
        contacts=services.contacts,
        overview=services.overview,
        people=services.people,
        services=services,
        plans=services.plans,
        speaker=speaker,
        messenger=messenger,
        photos_dir=photos,
        home_zone=home_zone,
        choose_photo=choose_photo,
        choose_contacts_file=choose_contacts_file,
        choose_calendar_file=choose_calendar_file,
    )
    commands = window.commands
    for page in (today, people):
        page.call_requested.connect(commands.call)
        page.other_ways_requested.connect(commands.other_ways)
    today.record_requested.connect(commands.record_contact)
    people.edit_requested.connect(commands.edit_person)
    people.add_requested.connect(commands.add_person)
    people.import_requested.connect(commands.import_contacts)
    people.restore_requested.connect(commands.restore)
    people.delete_requested.connect(commands.delete_forever)
    people.plan_requested.connect(commands.add_plan)
    people.plan_edit_requested.connect(commands.edit_plan)
    people.plan_stop_requested.connect(commands.stop_plan)
    people.calendar_requested.connect(commands.export_calendar)
    learn.open_requested.connect(commands.open_tutorial)
    week.call_requested.connect(commands.call)
    week.check_in_requested.connect(commands.check_in)
    week.sharing_requested.connect(commands.open_sharing)
    people.sharing_requested.connect(commands.open_sharing)
    return window, today
