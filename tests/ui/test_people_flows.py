"""A helper adds, changes, puts away, brings back and imports people, through the real dialogs."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.ui.conftest import open_helper_tools

Press = Callable[[QWidget, str], None]
PEOPLE_PAGE = 1
VCARDS = Path(__file__).resolve().parents[1] / "formats" / "data" / "vcards"


def png_bytes(width: int, height: int) -> bytes:
    """A real, tiny PNG image, made without any image library."""
    row = b"\x00" + b"\x30\x60\x90" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


@pytest.fixture
def chosen_files() -> dict[str, Path | None]:
    """What the stand-in file dialogs return next."""
    return {"photo": None, "contacts": None}


@pytest.fixture
def window(
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    recording_opener: Any,
    chosen_files: dict[str, Path | None],
) -> MainWindow:
    main = build_window(
        app_store,
        opener=recording_opener,
        messenger=Messenger(windows=True),
        choose_photo=lambda _parent: chosen_files["photo"],
        choose_contacts_file=lambda _parent: chosen_files["contacts"],
    )
    open_helper_tools(main)
    return main


def type_into(root: QWidget, name: str, text: str) -> None:
    edit = root.findChild(QLineEdit, name)
    assert edit is not None, f"no field {name}"
    edit.setText(text)


def shown_texts(root: QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QLabel) if not label.isHidden()]


def test_add_someone_with_a_photo_and_two_ways_to_call(
    qtbot: QtBot,
    press_in_modal: Callable[..., Any],
    press: Press,
    window: MainWindow,
    app_store: Stores,
    tmp_path: Path,
    chosen_files: dict[str, Path | None],
    data_dir: Path,
) -> None:
    photo = tmp_path / "anna.png"
    photo.write_bytes(png_bytes(900, 600))
    chosen_files["photo"] = photo
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        type_into(dialog, "personNameEdit", "  Anna   Smith ")
        type_into(dialog, "relationshipEdit", "Daughter")
        press(dialog, "choosePhoto")
        press(dialog, "addLink")
        type_into(dialog, "linkUrl0", "file:///home/anna/notes.txt")
        seen.extend(shown_texts(dialog))
        type_into(dialog, "linkUrl0", "zoom.us/j/85512345678?pwd=abc")
        seen.extend(shown_texts(dialog))
        press(dialog, "addLink")
        type_into(dialog, "linkLabel1", "Anna's phone")
        type_into(dialog, "linkUrl1", "+44 7700 900123")
        press(dialog, "editorSave")

    press_in_modal(fill)
    press(window, "addPerson")

    assert any("open a file on this computer" in text for text in seen)
    assert "✓ A Zoom link" in seen
    [anna] = app_store.today.list_people()
    assert anna.name == "Anna Smith"
    assert anna.rhythm == DEFAULT_RHYTHMS[Circle.FAMILY]
    assert [(link.url, link.is_default) for link in anna.links] == [
        ("https://zoom.us/j/85512345678?pwd=abc", True),
        ("tel:+447700900123", False),
    ]
    assert anna.links[0].label == "Anna Smith on Zoom"
    assert anna.photo_file is not None
    stored = data_dir / "photos" / anna.photo_file
    assert stored.is_file()
    assert stored.read_bytes() != photo.read_bytes()  # scaled down to portrait size
    assert "Added Anna Smith." in window.undo_bar.message.text()
    window.show_page(PEOPLE_PAGE)
    assert any(b.text() == "Call Anna Smith" for b in window.findChildren(QPushButton))


def test_a_name_is_needed_and_nothing_is_lost(
    qtbot: QtBot,
    press_in_modal: Callable[..., Any],
    press: Press,
    window: MainWindow,
    app_store: Stores,
) -> None:
    problems: list[str] = []

    def fill(dialog: QWidget) -> None:
        type_into(dialog, "relationshipEdit", "Neighbour")
        press(dialog, "editorSave")
        problems.extend(shown_texts(dialog))
        assert dialog.isVisible()  # still open, typing kept
        type_into(dialog, "personNameEdit", "Harold")
        press(dialog, "editorSave")

    press_in_modal(fill)
    press(window, "addPerson")
    assert any("Please type a name" in text for text in problems)
    assert [(p.name, p.relationship) for p in app_store.today.list_people()] == [
        ("Harold", "Neighbour")
    ]


def test_change_details_keeps_link_ids(
    qtbot: QtBot,
    press_in_modal: Callable[..., Any],
    press: Press,
    window: MainWindow,
    app_store: Stores,
    anna: Person,
) -> None:
    window.refresh_current()

    def change(dialog: QWidget) -> None:
        type_into(dialog, "relationshipEdit", "Eldest daughter")
        dialog.findChild(QWidget, "linkDefault1").setChecked(True)  # type: ignore[union-attr]
        press(dialog, "editorSave")

    press_in_modal(change)
    press(window, f"editPerson{anna.id}")
    changed = app_store.people.get_person(anna.id)  # type: ignore[arg-type]
    assert changed.relationship == "Eldest daughter"
    assert [link.id for link in changed.links] == [link.id for link in anna.links]
    assert changed.default_link is not None
    assert changed.default_link.url == "tel:+447700900123"


def test_put_away_undo_then_bring_back_and_delete_with_a_question(
    qtbot: QtBot,
    press_in_modal: Callable[..., Any],
    press: Press,
    window: MainWindow,
    app_store: Stores,
    anna: Person,
) -> None:
    window.refresh_current()
    press_in_modal(lambda dialog: press(dialog, "editorArchive"))
    press(window, f"editPerson{anna.id}")
    assert app_store.today.list_people() == []
    assert "Anna is put away" in window.undo_bar.message.text()

    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in app_store.today.list_people()] == ["Anna"]

    press_in_modal(lambda dialog: press(dialog, "editorArchive"))
    press(window, f"editPerson{anna.id}")
    press(window, f"restorePerson{anna.id}")
    assert [p.name for p in app_store.today.list_people()] == ["Anna"]

    press_in_modal(lambda dialog: press(dialog, "editorArchive"))
    press(window, f"editPerson{anna.id}")

    def keep(dialog: QWidget) -> None:
        assert "cannot be undone" in " ".join(shown_texts(dialog))
        keep_button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Keep Anna")
        qtbot.mouseClick(keep_button, Qt.MouseButton.LeftButton)

    press_in_modal(keep)
    press(window, f"deletePerson{anna.id}")
    assert len(app_store.today.list_people(include_archived=True)) == 1

    def delete(dialog: QWidget) -> None:
        yes = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Delete for good")
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)

    press_in_modal(delete)
    press(window, f"deletePerson{anna.id}")
    assert app_store.today.list_people(include_archived=True) == []


def test_other_ways_to_call_opens_the_chosen_link(
    qtbot: QtBot,
    press_in_modal: Callable[..., Any],
    press: Press,
    window: MainWindow,
    anna: Person,
    recording_opener: Any,
) -> None:
    window.show_page(PEOPLE_PAGE)  # calling is for everyone: no PIN on the way
    phone = anna.links[1]
    press_in_modal(lambda dialog: press(dialog, f"chooseLink{phone.id}"))
    press(window, f"otherWays{anna.id}")
    assert "Opening your call with Anna" in window.undo_bar.message.text()
    assert recording_opener.opened == ["tel:+447700900123"]


def test_import_preview_unticks_duplicates_and_adds_the_rest(
    qtbot: QtBot,
    press_in_modal: Callable[..., Any],
    press: Press,
    window: MainWindow,
    app_store: Stores,
    clock: FixedClock,
    chosen_files: dict[str, Path | None],
) -> None:
    app_store.people.add_person(
        Person(None, "Zoë Müller", "Friend", Circle.FRIEND, DEFAULT_RHYTHMS[Circle.FRIEND]),
        now=clock.now(),
    )
    chosen_files["contacts"] = VCARDS / "android_2_1_quoted_printable.vcf"
    seen: dict[str, bool] = {}

    def review(dialog: QWidget) -> None:
        from PySide6.QtWidgets import QCheckBox

        for box in dialog.findChildren(QCheckBox):
            seen[box.text()] = box.isChecked()
        press(dialog, "importAdd")

    press_in_modal(review)
    press(window, "importContacts")
    assert seen["Zoë Müller"] is False
    assert sum(seen.values()) == len(seen) - 1
    names = sorted(p.name for p in app_store.today.list_people())
    assert names.count("Zoë Müller") == 1
    assert len(names) == len(seen)


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_a_file_that_is_not_contacts_is_explained(
    qtbot: QtBot,
    press_in_modal: Callable[..., Any],
    press: Press,
    window: MainWindow,
    app_store: Stores,
    tmp_path: Path,
    chosen_files: dict[str, Path | None],
) -> None:
    bogus = tmp_path / "shopping.vcf"
    bogus.write_text("milk, eggs, bread\n", encoding="utf-8")
    chosen_files["contacts"] = bogus
    said: list[str] = []

    def close(dialog: QWidget) -> None:
        said.append(dialog.windowTitle())
        dialog.close()

    press_in_modal(close)
    press(window, "importContacts")
    assert said == ["That contacts file could not be read"]
    assert app_store.today.list_people() == []
