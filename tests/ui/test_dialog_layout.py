"""Every dialog and window, at every text size, smaller than the screen: no words cut off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Composition, Edges, build_services
from lonely_bridge.domain.settings import TextSize
from lonely_bridge.storage.store import AppStore
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock

DIALOG_SIZE = (900, 700)  # a little less than a small laptop's 1280x800 screen


@pytest.mark.parametrize("size", list(TextSize), ids=[size.value for size in TextSize])
def test_dialogs_fit_their_words(
    qtbot: QtBot,
    demo_window: MainWindow,
    demo_store: AppStore,
    clock: FixedClock,
    data_dir: Path,
    clipped_widgets: Callable[[QWidget], list[str]],
    size: TextSize,
) -> None:
    demo_window.apply_text_size(size, save=False)
    edges = Edges(clock, home_zone="Europe/London")
    composition = Composition(
        build_services(demo_store, edges, data_dir), data_dir, edges, Messenger(windows=False)
    )
    seen = []
    for name, dialog in composition.gallery(demo_window):
        qtbot.addWidget(dialog)
        dialog.resize(*DIALOG_SIZE)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert clipped_widgets(dialog) == [], name
        # Nothing hides beyond the right edge: these dialogs never scroll sideways.
        for scroll in dialog.findChildren(QScrollArea):
            if scroll.isVisibleTo(dialog) and scroll.widget() is not None:
                assert scroll.widget().width() <= scroll.viewport().width(), name
        # Every button stays inside the dialog: none pushed off its bottom or right edge.
        for button in dialog.findChildren(QPushButton):
            if button.isVisibleTo(dialog) and button.window() is dialog:
                corner = button.mapTo(dialog, button.rect().bottomRight())
                inside_scroll = button.parent() is not None and _in_scroll_area(button)
                assert inside_scroll or dialog.rect().contains(corner), (name, button.text())
        seen.append(name)
        dialog.close()
    assert len(seen) == 12


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False
