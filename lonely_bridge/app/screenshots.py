"""Saves a picture of every main screen at each text size, from the demo household."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.domain.clock import SystemClock
from lonely_bridge.domain.errors import OutputNotWritable
from lonely_bridge.domain.settings import TextSize

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from lonely_bridge.app.compose import Composition

WINDOW_SIZE = (1280, 800)
DIALOG_SIZE = (1000, 760)
# The demo household lives in London; a fixed zone keeps the pictures the same anywhere.
HOME_ZONE = "Europe/London"


def _save(picture: QPixmap, path: Path) -> None:
    if not picture.save(str(path)):
        raise OutputNotWritable(path=str(path), reason="the picture could not be saved")


def _welcome_screens(composition: Composition, output: Path, size: TextSize) -> list[Path]:
    """Each screen of the first-run welcome, over the window."""
    from PySide6.QtWidgets import QApplication

    from lonely_bridge.domain.settings import SetUpStep

    welcome = composition.open_set_up()
    written = []
    for number, step in enumerate(SetUpStep, start=1):
        welcome.show_step(step)
        QApplication.processEvents()
        path = output / f"welcome-{number}-{step.value}-{size.value}.png"
        _save(welcome.grab(), path)
        written.append(path)
    welcome.reject()
    return written


def take_screenshots(output: Path, *, data_dir: Path | None = None) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from lonely_bridge.app.compose import Composition, Edges, build_services, open_store
    from lonely_bridge.system.paths import prepare_data_dir
    from lonely_bridge.ui.messages import Messenger
    from lonely_bridge.ui.theme import load_fonts

    app = QApplication.instance() or QApplication(["lonely-bridge-screenshots"])
    assert isinstance(app, QApplication)
    load_fonts()
    folder = prepare_data_dir(data_dir or Path(tempfile.mkdtemp(prefix="lonely-bridge-shots-")))
    edges = Edges(SystemClock(), home_zone=HOME_ZONE)
    messenger = Messenger(windows=False)
    store = open_store(folder, edges.clock, messenger=messenger, demo=True)
    composition = Composition(build_services(store, edges, folder), folder, edges, messenger)
    window = composition.window
    window.resize(*WINDOW_SIZE)
    window.show()
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputNotWritable(path=str(output), reason=exc.strerror or str(exc)) from exc
    written = []
    for size in TextSize:
        window.apply_text_size(size, save=False)
        for index, nav in enumerate(window.nav_buttons):
            window.show_page(index)
            app.processEvents()
            page_name = nav.objectName().removeprefix("nav").removesuffix("Page").lower()
            path = output / f"{page_name}-{size.value}.png"
            _save(window.grab(), path)
            written.append(path)
        for name, dialog in composition.gallery(window):
            dialog.resize(DIALOG_SIZE[0], DIALOG_SIZE[1])
            dialog.show()
            app.processEvents()
            path = output / f"{name}-{size.value}.png"
            _save(dialog.grab(), path)
            written.append(path)
            dialog.close()
            dialog.deleteLater()
        if data_dir is None:
            # Moving through the welcome writes where it stands: only in a folder of its own.
            written += _welcome_screens(composition, output, size)
    window.close()
    store.close()
    return written
