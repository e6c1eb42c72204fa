"""UI fixtures: the demo window, a clean app look, a clipped-text finder and a dialog presser."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import Choosers, Composition, Edges, build_services, open_store
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.actions import Actions
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.messages import Messenger
from lonely_bridge.ui.pages.helper import HelperPage
from lonely_bridge.ui.theme import load_fonts
from tests.doubles import FixedClock, RecordingOpener

WINDOW_SIZE = (1280, 800)
# Rounding allowed between a widget's size and the size its text asks for.
TOLERANCE_PX = 1


class RefusingOpener:
    """Stands in for the system's link opener: UI tests must never start a real call."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        return False


@pytest.fixture(autouse=True)
def _restore_app_look(qapp: QApplication) -> Iterator[None]:
    """The main window restyles the whole application; put the look back after each test."""
    style_sheet, font, palette = qapp.styleSheet(), qapp.font(), qapp.palette()
    yield
    qapp.setStyleSheet(style_sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)


@pytest.fixture
def open_app_store(data_dir: Path, clock: FixedClock) -> Iterator[Callable[..., Stores]]:
    """``open_app_store(demo=...)`` opens the data folder exactly as the app does."""
    stores: list[Stores] = []

    def open_(*, demo: bool) -> Stores:
        store = open_store(data_dir, clock, messenger=Messenger(windows=False), demo=demo)
        stores.append(store)
        return store

    yield open_
    for store in stores:
        store.close()


@pytest.fixture
def app_store(open_app_store: Callable[..., Stores]) -> Stores:
    """An empty store, opened as the app opens it."""
    return open_app_store(demo=False)


@pytest.fixture
def recording_opener() -> RecordingOpener:
    return RecordingOpener()


ANNA_ZOOM = "https://zoom.us/j/85512345678"
ANNA_PHONE = "tel:+447700900123"


@pytest.fixture
def anna(app_store: Stores, clock: FixedClock) -> Person:
    """Anna, with Zoom as her usual way to call and her phone one step away."""
    return app_store.people.add_person(
        Person(
            None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY],
            links=(
                CallLink(None, None, "Anna on Zoom", ANNA_ZOOM, "zoom", is_default=True),
                CallLink(None, None, "Anna's phone", ANNA_PHONE, "phone"),
            ),
        ),
        now=clock.now() - timedelta(days=40),
    )  # fmt: skip


@pytest.fixture
def press(qtbot: QtBot) -> Callable[[QWidget, str], None]:
    """``press(root, name)``: click the shown button with that objectName under ``root``."""

    def click(root: QWidget, name: str) -> None:
        # Widgets added to a shown page appear on the event loop's next turn.
        QApplication.processEvents()
        shown = [b for b in root.findChildren(QPushButton, name) if not b.isHidden()]
        assert shown, f"no button {name}"
        qtbot.mouseClick(shown[-1], Qt.MouseButton.LeftButton)

    return click


@pytest.fixture
def demo_store(open_app_store: Callable[..., Stores]) -> Stores:
    """Margaret's demo household: six people, the book club and a year of contact."""
    return open_app_store(demo=True)


@pytest.fixture(scope="session")
def bundled_fonts() -> bool:
    """Registers the bundled font once, as the app does at start-up."""
    return load_fonts()


@pytest.fixture
def build_window(
    qtbot: QtBot, data_dir: Path, clock: FixedClock, bundled_fonts: bool
) -> Callable[..., MainWindow]:
    """``build_window(store, **options)``: the main window as the app builds it, 1280x800.

    ``opener`` stands in for the system's link opener; ``messenger``, ``home_zone``,
    ``speech_engine``, ``mailer``, ``secrets`` and the file choosers (``choose_photo``...) go
    to the composition root.
    """
    assert bundled_fonts, "the bundled Atkinson Hyperlegible font could not be loaded"

    def build(
        store: Stores,
        *,
        opener: Any = None,
        messenger: Messenger | None = None,
        home_zone: str = "UTC",
        speech_engine: str | None = None,
        choose_photo: Any = None,
        choose_contacts_file: Any = None,
        choose_calendar_file: Any = None,
        mailer: Any = None,
        secrets: Any = None,
    ) -> MainWindow:
        edges = Edges(
            clock,
            home_zone=home_zone,
            opener=opener or RefusingOpener(),
            mailer=mailer,
            secrets=secrets,
            speech_engine=speech_engine,
        )
        composition = Composition(
            build_services(store, edges, data_dir),
            data_dir,
            edges,
            messenger or Messenger(windows=False),
            Choosers(choose_photo, choose_contacts_file, choose_calendar_file),
        )
        window = composition.window
        _ = composition.actions  # made after the first paint in the app
        qtbot.addWidget(window)
        window.resize(*WINDOW_SIZE)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(10)
        return window

    return build


@pytest.fixture
def demo_window(
    qtbot: QtBot,
    data_dir: Path,
    clock: FixedClock,
    demo_store: Stores,
    build_window: Callable[[Stores], MainWindow],
) -> MainWindow:
    """The main window over the demo household, 1280x800, shown offscreen on Today."""
    return build_window(demo_store)


def _describe(widget: QLabel | QAbstractButton) -> str:
    name = widget.objectName() or type(widget).__name__
    return f"{name} {widget.text().replace(chr(10), ' ')[:40]!r}"


def find_clipped_widgets(root: QWidget) -> list[str]:
    """Every visible label or button under ``root`` that is smaller than its text needs.

    A word-wrapped label needs ``heightForWidth(width)``; any other label, and every button,
    needs its ``sizeHint()``. Clipping is about a widget's own size, so widgets scrolled out of
    the viewport are measured too.
    """
    QApplication.processEvents()
    clipped = []
    for widget in root.findChildren(QWidget):
        # Buttons of every kind (push buttons and check boxes) cannot wrap their words.
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisibleTo(root):
            continue
        if not widget.text():
            continue
        width, height = widget.width(), widget.height()
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(width)
            if height + TOLERANCE_PX < needed:
                clipped.append(f"{_describe(widget)} is {width}x{height}, needs height {needed}")
            continue
        hint = widget.sizeHint()
        if width + TOLERANCE_PX < hint.width() or height + TOLERANCE_PX < hint.height():
            clipped.append(
                f"{_describe(widget)} is {width}x{height}, needs {hint.width()}x{hint.height()}"
            )
    return clipped


@pytest.fixture
def clipped_widgets() -> Callable[[QWidget], list[str]]:
    """``clipped_widgets(root)``: the labels and buttons under root whose text does not fit."""
    return find_clipped_widgets


Act = Callable[[QWidget], object]


class ModalPresser:
    """Acts on the next modal dialog as soon as it is shown (its exec() blocks the test).

    If the action fails, the dialog is closed anyway and the failure kept in ``problems``, so a
    broken dialog fails the test instead of hanging it.
    """

    def __init__(self, act: Act) -> None:
        self.seen: list[str] = []
        self.problems: list[str] = []
        self._act = act
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            return
        self._timer.stop()
        self.seen.append(f"{type(dialog).__name__}#{dialog.objectName()}")
        try:
            self._act(dialog)
        except Exception as error:
            self.problems.append(f"{type(error).__name__}: {error}")
            dialog.close()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def press_in_modal() -> Iterator[Callable[[Act], ModalPresser]]:
    """``press_in_modal(act)`` runs ``act(dialog)`` on the next modal dialog that is shown.

    Use ``click_named(name)`` or ``click_worded(text)`` as ``act``; the presser records the
    dialogs it saw (``seen``) and anything that went wrong (``problems``).
    """
    pressers: list[ModalPresser] = []

    def start(act: Act) -> ModalPresser:
        presser = ModalPresser(act)
        pressers.append(presser)
        return presser

    yield start
    for presser in pressers:
        presser.stop()
    # A failed step inside a dialog must fail the test even when the test did not look.
    assert [problem for presser in pressers for problem in presser.problems] == []


def _click(target: QAbstractButton | None, what: str) -> None:
    if target is None or not target.isVisible():
        raise LookupError(f"no visible button {what}")
    target.click()


@pytest.fixture
def click_named() -> Callable[[str], Act]:
    """``click_named(name)``: an act that clicks the dialog's button with that objectName."""
    return lambda name: lambda dialog: _click(dialog.findChild(QAbstractButton, name), name)


@pytest.fixture
def click_worded() -> Callable[[str], Act]:
    """``click_worded(text)``: an act that clicks the dialog's button showing that text."""

    def act(text: str) -> Act:
        def click(dialog: QWidget) -> None:
            buttons = dialog.findChildren(QAbstractButton)
            found = [b for b in buttons if b.text().replace("&", "") == text]
            _click(found[0] if found else None, repr(text))

        return click

    return act


def actions_of(window: MainWindow) -> Actions:
    """What the window's buttons do (the composition root makes it a child of the window)."""
    actions = window.findChild(Actions)
    assert actions is not None
    return actions


HELPER_PIN_TYPED = "4821"


def open_helper_tools(window: MainWindow, pin: str = HELPER_PIN_TYPED) -> HelperPage:
    """Show "For family and helpers" and open it as a helper would: setting the PIN when
    none was set yet, typing it otherwise."""
    names = [nav.objectName() for nav in window.nav_buttons]
    window.show_page(names.index("navHelperPage"))
    page = window.current_page
    assert isinstance(page, HelperPage)
    if not page.is_open:
        QApplication.processEvents()
        # A page just redrawn still holds its old widgets until the event loop deletes them.
        boxes = {e.objectName(): e for e in page.findChildren(QLineEdit) if e.isVisibleTo(page)}
        buttons = {b.objectName(): b for b in page.findChildren(QPushButton) if b.isVisibleTo(page)}
        if "newPinEntry" in boxes:
            boxes["newPinEntry"].setText(pin)
            boxes["newPinAgainEntry"].setText(pin)
            buttons["helperSetPin"].click()
        else:
            boxes["helperPinEntry"].setText(pin)
            buttons["helperUnlock"].click()
    assert page.is_open
    QApplication.processEvents()
    return page
