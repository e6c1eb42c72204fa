"""Every dialog and window, filled in as a person would see it: for screenshots and tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from lonely_bridge.domain.devices import NetworkState
from lonely_bridge.domain.imported_contacts import ImportedContact, PhoneKind, PhoneNumber
from lonely_bridge.i18n import _
from lonely_bridge.services.importing import ImportPreview, PreviewEntry
from lonely_bridge.ui.dialogs.choose_link import ChooseLinkDialog
from lonely_bridge.ui.dialogs.crash import CrashDialog
from lonely_bridge.ui.dialogs.device_check import DeviceCheckDialog
from lonely_bridge.ui.dialogs.follow_up import FollowUpDialog
from lonely_bridge.ui.dialogs.import_preview import ImportPreviewDialog
from lonely_bridge.ui.dialogs.person_editor import PersonEditor
from lonely_bridge.ui.dialogs.plan_editor import PlanEditor
from lonely_bridge.ui.dialogs.practice_call import PracticeCallDialog
from lonely_bridge.ui.dialogs.record_contact import RecordContactDialog
from lonely_bridge.ui.dialogs.tutorial_viewer import TutorialViewer
from lonely_bridge.ui.reminder_window import ReminderMode, ReminderWindow

if TYPE_CHECKING:
    from lonely_bridge.services.app_services import AppServices
    from lonely_bridge.ui.ports import DeviceFinder, Speaker

_SAMPLE_IMPORT = ImportPreview(
    entries=(
        PreviewEntry(
            ImportedContact(
                "Anna Smith", phones=(PhoneNumber("+44 7700 900123", PhoneKind.MOBILE, True),)
            ),
            ("Anna",),
        ),
        PreviewEntry(
            ImportedContact(
                "Dr Eleanor Okonkwo-Whitfield",
                phones=(PhoneNumber("020 7946 0958", PhoneKind.WORK, extension="214"),),
            ),
            (),
            (
                "Card 2 (line 9, “Dr Eleanor Okonkwo-Whitfield”): its photo could not be read, "
                "so it is left out.",
            ),
        ),
    ),
    unreadable=(("card 3", "Card 3 (line 21) has no name, so it was skipped."),),
)


class _NoBrowser:
    """The gallery only shows dialogs: nothing in it may open a link."""

    def open_url(self, url: str) -> bool:
        return False


class _Offline:
    """Nor may it ask the network anything."""

    def state(self) -> NetworkState:
        return NetworkState.UNKNOWN


def _no_photo(source: Path, photos_dir: Path) -> str:
    raise AssertionError("the gallery never stores a photo")


def dialogs(
    services: AppServices,
    *,
    speaker: Speaker,
    devices: DeviceFinder,
    photos_dir: Path,
    parent: QWidget,
    home_zone: str,
) -> Iterator[tuple[str, QWidget]]:
    """Yields (name, window) one at a time; the caller shows, measures and closes each."""
    people = services.overview.people()
    service = services.people
    with_links = max(people, key=lambda person: len(person.links))
    yield "record-contact", RecordContactDialog(people, parent=parent)
    yield "follow-up", FollowUpDialog(with_links.name, parent)
    yield "choose-link", ChooseLinkDialog(with_links, parent)
    yield (
        "person-editor",
        PersonEditor(
            with_links, people=service, photos_dir=photos_dir, import_photo=_no_photo, parent=parent
        ),
    )
    yield (
        "add-person",
        PersonEditor(
            None, people=service, photos_dir=photos_dir, import_photo=_no_photo, parent=parent
        ),
    )
    yield "import-preview", ImportPreviewDialog(_SAMPLE_IMPORT, parent)
    yield "crash", CrashDialog("Traceback (most recent call last): …", parent)
    # Given no devices, screenshots never switch on a real camera, and the longest words
    # (what to do when there is no camera or microphone) are the ones measured.
    yield "device-check", DeviceCheckDialog(devices, parent)
    yield "practice-call", PracticeCallDialog(_NoBrowser(), network=_Offline(), parent=parent)
    plans = services.plans.plans()
    yield (
        "plan-editor",
        PlanEditor(
            plans[0][0] if plans else None,
            people=people,
            plans=services.plans,
            home_zone=home_zone,
            today=services.plans.now().date(),
            parent=parent,
        ),
    )
    lesson = services.learning.tutorial("joining-zoom") or services.learning.tutorials()[0]
    viewer = TutorialViewer(lesson, learning=services.learning, speaker=speaker, parent=parent)
    viewer.next()  # past the question, onto the first step
    yield "tutorial-step", viewer
    yield (
        "reminder",
        ReminderWindow(
            with_links,
            headline=_("It's time to call {name}").format(name=with_links.name),
            detail=_("4 pm here, 11 am for {name}").format(name=with_links.name),
            photos_dir=photos_dir,
            mode=ReminderMode.START,
        ),
    )
