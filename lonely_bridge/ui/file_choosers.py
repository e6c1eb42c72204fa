"""The file dialogs the app opens; passed in as parameters, so tests can stand in for them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from lonely_bridge.i18n import _

PhotoChooser = Callable[[QWidget], Path | None]
FileChooser = Callable[[QWidget], Path | None]
SaveChooser = Callable[[QWidget, str], Path | None]


def choose_calendar_file_with_dialog(parent: QWidget, suggested: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the calls for a calendar"), str(Path.home() / suggested),
        _("Calendar files (*.ics)"),
    )  # fmt: skip
    return Path(chosen) if chosen else None


def choose_information_file_with_dialog(parent: QWidget, suggested: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save all my information"), str(Path.home() / suggested),
        _("Zip files (*.zip)"),
    )  # fmt: skip
    return Path(chosen) if chosen else None


def choose_contacts_file_with_dialog(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose a contacts file"), str(Path.home()), _("Contacts (*.vcf *.vcard)")
    )
    return Path(chosen) if chosen else None


def choose_photo_with_dialog(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose a photo"), str(Path.home()), f"{_('Pictures')} ({_image_patterns()})"
    )
    return Path(chosen) if chosen else None


def _image_patterns() -> str:
    """A file-dialog filter listing every image format Qt can read here."""
    from PySide6.QtGui import QImageReader

    formats = sorted(
        {bytes(f.data()).decode().lower() for f in QImageReader.supportedImageFormats()}
    )
    return " ".join(f"*.{fmt}" for fmt in formats)
