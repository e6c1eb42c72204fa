"""Every dialog, filled in as a person would see it: for the screenshots and the layout tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from lonely_bridge.domain.people import Person
from lonely_bridge.domain.vcards import ImportedContact, PhoneKind, PhoneNumber
from lonely_bridge.services.importing import ImportPreview, PreviewEntry
from lonely_bridge.services.people import PeopleService
from lonely_bridge.system.devices import ListedDevices
from lonely_bridge.ui.dialogs.choose_link import ChooseLinkDialog
from lonely_bridge.ui.dialogs.crash import CrashDialog
from lonely_bridge.ui.dialogs.device_check import DeviceCheckDialog
from lonely_bridge.ui.dialogs.follow_up import FollowUpDialog
from lonely_bridge.ui.dialogs.import_preview import ImportPreviewDialog
from lonely_bridge.ui.dialogs.person_editor import PersonEditor
from lonely_bridge.ui.dialogs.practice_call import PracticeCallDialog
from lonely_bridge.ui.dialogs.record_contact import RecordContactDialog

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
                phones=(PhoneNumber("020 7946 0958", PhoneKind.WORK),),
            ),
            (),
        ),
    ),
    unreadable=(("card 3", "Card 3 (line 21) has no name, so it was skipped."),),
)


class _NoBrowser:
    """The gallery only shows dialogs: nothing in it may open a link."""

    def open_url(self, url: str) -> bool:
        return False


def dialogs(
    people: list[Person], service: PeopleService, *, photos_dir: Path, parent: QWidget
) -> Iterator[tuple[str, QDialog]]:
    """Yields (name, dialog) one at a time; the caller shows, measures and closes each."""
    with_links = max(people, key=lambda person: len(person.links))
    yield "record-contact", RecordContactDialog(people, parent=parent)
    yield "follow-up", FollowUpDialog(with_links.name, parent)
    yield "choose-link", ChooseLinkDialog(with_links, parent)
    yield (
        "person-editor",
        PersonEditor(with_links, people=service, photos_dir=photos_dir, parent=parent),
    )
    yield "add-person", PersonEditor(None, people=service, photos_dir=photos_dir, parent=parent)
    yield "import-preview", ImportPreviewDialog(_SAMPLE_IMPORT, parent)
    yield "crash", CrashDialog("Traceback (most recent call last): …", parent)
    # With no devices listed, screenshots never switch on a real camera, and the longest
    # words (what to do when there is no camera or microphone) are the ones measured.
    yield "device-check", DeviceCheckDialog(ListedDevices(), parent)
    yield "practice-call", PracticeCallDialog(_NoBrowser(), parent=parent)
