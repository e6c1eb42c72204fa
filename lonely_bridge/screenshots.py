"""Saves a picture of every main screen at each text size, from the demo household."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lonely_bridge.domain.clock import SystemClock
from lonely_bridge.domain.settings import TextSize

WINDOW_SIZE = (1280, 800)


def take_screenshots(output: Path, *, data_dir: Path | None = None) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from lonely_bridge.app import build_services, open_store
    from lonely_bridge.system.paths import prepare_data_dir
    from lonely_bridge.ui.messages import Messenger
    from lonely_bridge.ui.theme import load_fonts
    from lonely_bridge.ui.window_factory import build_main_window

    app = QApplication.instance() or QApplication(["lonely-bridge-screenshots"])
    assert isinstance(app, QApplication)
    load_fonts()
    folder = prepare_data_dir(data_dir or Path(tempfile.mkdtemp(prefix="lonely-bridge-shots-")))
    clock = SystemClock()
    store = open_store(folder, clock, messenger=Messenger(windows=False), demo=True)
    messenger = Messenger(windows=False)
    window, _today = build_main_window(
        build_services(store, clock, folder), data_dir=folder, messenger=messenger
    )
    window.resize(*WINDOW_SIZE)
    window.show()
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for size in TextSize:
        window.apply_text_size(size, save=False)
        for index, nav in enumerate(window.nav_buttons):
            window.show_page(index)
            app.processEvents()
            page_name = nav.objectName().removeprefix("nav").removesuffix("Page").lower()
            path = output / f"{page_name}-{size.value}.png"
            window.grab().save(str(path))
            written.append(path)
    window.close()
    store.close()
    return written
