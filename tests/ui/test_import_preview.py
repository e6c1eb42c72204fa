"""The import preview shows who is in the file, and every card it skipped or shortened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from lonely_bridge.services.importing import ContactImporter
from lonely_bridge.storage.store import AppStore
from lonely_bridge.ui.dialogs.import_preview import ImportPreviewDialog
from tests.doubles import FixedClock


def vcard(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", ""])


def test_shortened_and_skipped_cards_are_listed(
    qtbot: QtBot, app_store: AppStore, clock: FixedClock, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        vcard("FN:" + "Bartholomew " * 30, "TEL;TYPE=CELL:+44 7700 900123")
        + vcard("N:;;;;")
        + vcard("FN:Ann", "TEL:+44 " + "7" * 3000),
        encoding="utf-8",
    )
    preview = ContactImporter(app_store, clock, photos_dir=tmp_path / "photos").preview(path)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    dialog.show()

    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    assert "These could not be read and will be left out:" in shown
    assert "card 2: Card 2 (line 6) has no name we could read, so it was skipped." in shown
    assert "These will be added, with something left out:" in shown
    assert any("its name is very long" in text for text in shown)
    assert any(text.startswith("Ann: ") and "phone numbers" in text for text in shown)
    boxes = dialog.findChildren(QCheckBox)
    assert [box.isChecked() for box in boxes] == [True, True]
    assert dialog.chosen() == [entry.contact for entry in preview.entries]


def test_an_extension_is_shown_with_its_number(
    qtbot: QtBot, app_store: AppStore, clock: FixedClock, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(vcard("FN:Surgery", "TEL;TYPE=work:tel:+441234567890;ext=12"), "utf-8")
    preview = ContactImporter(app_store, clock, photos_dir=tmp_path / "photos").preview(path)
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert "work +441234567890, extension 12" in shown
