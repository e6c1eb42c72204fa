"""The person editor keeps to the same limits as the service and the contact importer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.people import (
    MAX_LINK_LABEL_CHARS,
    MAX_NOTES_CHARS,
    MAX_RELATIONSHIP_CHARS,
)
from lonely_bridge.services.people import PeopleService
from lonely_bridge.storage.store import AppStore
from lonely_bridge.system.photos import import_photo
from lonely_bridge.ui.dialogs.person_editor import PersonEditor
from tests.doubles import FixedClock


def test_short_fields_stop_at_their_limit_and_long_notes_are_explained(
    qtbot: QtBot,
    app_store: AppStore,
    clock: FixedClock,
    tmp_path: Path,
    press: Callable[[QWidget, str], None],
) -> None:
    editor = PersonEditor(
        None, people=PeopleService(app_store, clock), photos_dir=tmp_path, import_photo=import_photo
    )
    qtbot.addWidget(editor)
    editor.show()
    editor.name_edit.setText("Anna Smith")
    editor.relationship_edit.setText("D" * (MAX_RELATIONSHIP_CHARS + 50))
    assert editor.relationship_edit.text() == "D" * MAX_RELATIONSHIP_CHARS
    press(editor, "addLink")
    label_edit = editor.findChild(QLineEdit, "linkLabel0")
    assert label_edit is not None
    label_edit.setText("L" * (MAX_LINK_LABEL_CHARS + 50))
    assert label_edit.text() == "L" * MAX_LINK_LABEL_CHARS
    url_edit = editor.findChild(QLineEdit, "linkUrl0")
    assert url_edit is not None
    url_edit.setText("+44 7700 900123")
    notes = editor.findChild(QPlainTextEdit, "notesEdit")
    assert notes is not None
    notes.setPlainText("n" * (MAX_NOTES_CHARS + 1))

    press(editor, "editorSave")
    assert editor.saved is None
    assert "more than 10,000 letters" in editor.note.text()
    notes.setPlainText("n" * MAX_NOTES_CHARS)
    press(editor, "editorSave")
    assert editor.saved is not None
    assert editor.saved.relationship == "D" * MAX_RELATIONSHIP_CHARS
