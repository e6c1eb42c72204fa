"""The main window: four big destinations on the left, the chosen page on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lonely_bridge import APP_NAME
from lonely_bridge.domain.settings import TextSize
from lonely_bridge.i18n import _
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.theme import apply_theme
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, label
from lonely_bridge.ui.widgets.undo_bar import UndoBar

if TYPE_CHECKING:
    from lonely_bridge.ui.actions import Actions

MIN_WINDOW_SIZE = (1000, 700)
NAV_WIDTH_CHARS = 9


class MainWindow(QMainWindow):
    closing = Signal()
    # Set by window_factory once the window exists (the actions need the window).
    commands: Actions

    def __init__(self, pages: list[tuple[str, Page]], settings: SettingsService) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(*MIN_WINDOW_SIZE)
        self._settings = settings
        self._pages = [page for _title, page in pages]

        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        row = QHBoxLayout()
        row.setSpacing(0)
        outer.addLayout(row, 1)

        navigation = QWidget()
        navigation.setObjectName("navigation")
        nav_layout = QVBoxLayout(navigation)
        nav_layout.setContentsMargins(16, 16, 16, 16)
        nav_layout.setSpacing(12)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.nav_choices = ChoiceGroup(self)
        self.nav_choices.chosen.connect(self.show_page)
        self.nav_buttons = []
        for index, (title, page) in enumerate(pages):
            nav = button(
                title,
                name=f"nav{page.objectName()[0].upper()}{page.objectName()[1:]}",
                role="nav",
                description=_("Go to {page}").format(page=title),
                checkable=True,
            )
            nav.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            self.nav_choices.add(nav, index)
            self.nav_buttons.append(nav)
            nav_layout.addWidget(nav)
            self.stack.addWidget(page)
        nav_layout.addStretch(1)
        row.addWidget(navigation)
        row.addWidget(self.stack, 1)
        self.undo_bar = UndoBar()
        outer.addWidget(self.undo_bar)
        self.setCentralWidget(central)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh_current)
        self.apply_text_size(settings.text_size(), save=False)
        self.show_page(0)

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(label(APP_NAME, role="heading", name="appName", wrap=False))
        layout.addStretch(1)
        layout.addWidget(label(_("Text size:"), name="textSizeLabel", wrap=False))
        self.size_choices = ChoiceGroup(self)
        self.size_choices.chosen.connect(lambda index: self.apply_text_size(list(TextSize)[index]))
        self.size_buttons: dict[TextSize, QPushButton] = {}
        names = {
            TextSize.LARGE: _("Large"),
            TextSize.LARGER: _("Larger"),
            TextSize.LARGEST: _("Largest"),
        }
        for size, word in names.items():
            size_button = button(
                word,
                name=f"textSize{size.value.capitalize()}",
                role="choice",
                description=_("Make the text {size}").format(size=word.lower()),
                checkable=True,
            )
            self.size_choices.add(size_button, list(TextSize).index(size))
            self.size_buttons[size] = size_button
            layout.addWidget(size_button)
        return header

    @property
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def show_page(self, index: int) -> None:
        self.nav_choices.set_checked(index)
        self.stack.setCurrentIndex(index)
        self.current_page.refresh()

    def refresh_current(self) -> None:
        self.current_page.refresh()

    def apply_text_size(self, size: TextSize, *, save: bool = True) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, size)
        self.size_choices.set_checked(list(TextSize).index(size))
        scale = size.points / TextSize.LARGE.points
        for page in self._pages:
            page.scale = scale
            page.point_size = size.points
        if save:
            self._settings.set_text_size(size)
            self.refresh_current()

    def bring_to_front(self) -> None:
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
