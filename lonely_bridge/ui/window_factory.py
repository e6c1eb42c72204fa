"""Builds the main window and its pages from the services the composition root made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lonely_bridge.i18n import _
from lonely_bridge.services.calls import CallService
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.services.tutorials import TutorialService
from lonely_bridge.ui.actions import Actions
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.pages.learn import LearnPage
from lonely_bridge.ui.pages.my_week import MyWeekPage
from lonely_bridge.ui.pages.people import PeoplePage
from lonely_bridge.ui.pages.today import TodayPage

PHOTOS_DIR_NAME = "photos"


@dataclass(frozen=True, slots=True)
class AppServices:
    overview: OverviewService
    settings: SettingsService
    tutorials: TutorialService
    calls: CallService
    contacts: ContactService


def build_main_window(
    services: AppServices, *, data_dir: Path, messenger: Messenger
) -> tuple[MainWindow, TodayPage]:
    photos = data_dir / PHOTOS_DIR_NAME
    today = TodayPage(services.overview, services.settings, photos_dir=photos)
    people = PeoplePage(services.overview, photos_dir=photos)
    learn = LearnPage(services.tutorials.tutorials)
    week = MyWeekPage(services.overview)
    window = MainWindow(
        [(_("Today"), today), (_("People"), people), (_("Learn"), learn), (_("My week"), week)],
        services.settings,
    )
    window.commands = Actions(
        window,
        calls=services.calls,
        contacts=services.contacts,
        overview=services.overview,
        messenger=messenger,
    )
    today.call_requested.connect(window.commands.call)
    people.call_requested.connect(window.commands.call)
    today.record_requested.connect(window.commands.record_contact)
    return window, today
