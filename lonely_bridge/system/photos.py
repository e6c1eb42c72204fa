"""Copies a chosen photo into the data folder, upright and small enough to draw quickly."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader

from lonely_bridge import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE
from lonely_bridge.domain.errors import PhotoUnreadable

PORTRAIT_MAX_PX = 512
JPEG_QUALITY = 90


def import_photo(source: Path, photos_dir: Path) -> str:
    """Store a copy of ``source``; returns its file name inside ``photos_dir``."""
    reader = QImageReader(str(source))
    # Phone photos are often stored sideways with an "orientation" note; honour it.
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise PhotoUnreadable(file=source.name, reason=reader.errorString())
    if max(image.width(), image.height()) > PORTRAIT_MAX_PX:
        image = image.scaled(
            PORTRAIT_MAX_PX,
            PORTRAIT_MAX_PX,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    photos_dir.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    suffix = ".png" if image.hasAlphaChannel() else ".jpg"
    name = f"{uuid.uuid4().hex}{suffix}"
    target = photos_dir / name
    if not image.save(str(target), quality=JPEG_QUALITY):
        target.unlink(missing_ok=True)
        raise PhotoUnreadable(file=source.name, reason="could not be saved")
    if sys.platform != "win32":
        target.chmod(PRIVATE_FILE_MODE)  # a face is personal: this user only, like the data
    return name
