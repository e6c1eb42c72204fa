"""The main window: four big destinations on the left, the chosen page on the right."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLayout,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lonely_bridge import APP_NAME
from lonely_bridge.domain.settings import TEXT_SIZE, TextSize
from lonely_bridge.i18n import _
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.ui.pages.base import Page
from lonely_bridge.ui.theme import apply_theme
from lonely_bridge.ui.widgets.choices import ChoiceGroup
from lonely_bridge.ui.widgets.controls import button, label
from lonely_bridge.ui.widgets.undo_bar import UndoBar
from lonely_bridge.wording.settings import words_for

# Fits a 1024x600 netbook screen, less a panel: every page and the welcome scroll.
MIN_WINDOW_SIZE = (1000, 560)
NAV_WIDTH_CHARS = 9


@dataclass(frozen=True)
class PageEntry:
    """A destination in the navigation; its page is built the first time it is shown."""

    title: str
    name: str  # the page's object name, such as "peoplePage"
    build: Callable[[], Page]
    # Read out and shown as a tip, when the title alone would be too short to be clear.
    description: str = ""


class NavigationScroll(QScrollArea):
    """The navigation column. At the largest text on a small screen not every destination
    fits in its height: the column then scrolls (by wheel, or by Tab, which follows the
    focus), with no scroll bar, whose width the pages cannot spare."""

    def __init__(self, navigation: QWidget) -> None:
        super().__init__()
        self._navigation = navigation
        self.setObjectName("navigationScroll")
        self.setWidget(navigation)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # A new text size changes the buttons' widths: take the new width with them.
        navigation.installEventFilter(self)

    def sizeHint(self) -> QSize:
        return self._navigation.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._navigation.sizeHint().width(), 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)


class MainWindow(QMainWindow):
    closing = Signal()
    page_built = Signal(object)  # a Page, the first time it is shown

    def __init__(self, entries: Sequence[PageEntry], settings: SettingsService) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(*MIN_WINDOW_SIZE)
        self._settings = settings
        self._entries = list(entries)
        self._built: dict[int, Page] = {}
        self._scale = 1.0
        self._point_size = TextSize.LARGE.points

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
        # Each button keeps the height its words need; the column scrolls instead.
        nav_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        nav_layout.setSpacing(12)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.nav_choices = ChoiceGroup(self)
        self.nav_choices.chosen.connect(self.show_page)
        self.nav_buttons = []
        for index, entry in enumerate(self._entries):
            nav = button(
                entry.title,
                name=f"nav{entry.name[0].upper()}{entry.name[1:]}",
                role="nav",
                description=entry.description or _("Go to {page}").format(page=entry.title),
                checkable=True,
            )
            nav.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            nav.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
            self.nav_choices.add(nav, index)
            self.nav_buttons.append(nav)
            nav_layout.addWidget(nav)
            # Stands in for the page until it is first shown (People, Learn and My week
            # need not be built, or even imported, before Today is on the screen).
            placeholder = QWidget()
            placeholder.setAccessibleName(entry.title)
            self.stack.addWidget(placeholder)
        nav_layout.addStretch(1)
        self.nav_scroll = NavigationScroll(navigation)
        row.addWidget(self.nav_scroll)
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
        for size, word in words_for(TEXT_SIZE).choices.items():
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
        return self.page(self.stack.currentIndex())

    @property
    def built_pages(self) -> list[Page]:
        return [self._built[index] for index in sorted(self._built)]

    def page(self, index: int) -> Page:
        """The page at ``index``, built now if it has not been shown yet."""
        if index not in self._built:
            page = self._entries[index].build()
            page.scale = self._scale
            page.point_size = self._point_size
            placeholder = self.stack.widget(index)
            assert placeholder is not None
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[index] = page
            self.page_built.emit(page)
        return self._built[index]

    def show_page(self, index: int) -> None:
        page = self.page(index)
        self.nav_choices.set_checked(index)
        self.stack.setCurrentIndex(index)
        page.refresh()

    def refresh_current(self) -> None:
        self.current_page.refresh()

    def apply_text_size(self, size: TextSize, *, save: bool = True) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, size)
        self.size_choices.set_checked(list(TextSize).index(size))
        self._scale = size.points / TextSize.LARGE.points
        self._point_size = size.points
        for page in self._built.values():
            page.scale = self._scale
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
