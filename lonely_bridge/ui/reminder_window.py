"""The calm, large reminder: "It's time to call Anna", one big Join button, and no timeout."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lonely_bridge.domain.people import Person
from lonely_bridge.i18n import _
from lonely_bridge.ui.widgets.controls import button, label, window_title
from lonely_bridge.ui.widgets.flow_layout import FlowLayout
from lonely_bridge.ui.widgets.portrait import Portrait

PORTRAIT_PX = 160


class ReminderMode(Enum):
    HEADS_UP = "heads_up"  # a few minutes before: one "OK" button
    START = "start"  # the time has come: Join, Remind me later, Not today
    MISSED = "missed"  # it passed while the computer was off: Call now, Not now


MIN_SIZE = (720, 520)


class ReminderWindow(QWidget):
    """Shown on top and focused; it stays until the person chooses (there is no timer)."""

    join = Signal()
    snooze = Signal()
    not_today = Signal()
    dismissed = Signal()  # closed with the window's own close button: counts as "seen"

    def __init__(
        self,
        person: Person,
        *,
        headline: str,
        detail: str,
        photos_dir: Path | None,
        mode: ReminderMode,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        # A closed reminder is never shown again; left alive, each one kept its pixels and
        # widgets (about 1.8 MiB) for as long as the app ran.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("reminderWindow")
        self.setWindowTitle(window_title(headline))
        self.setAccessibleName(headline)
        self.setMinimumSize(*MIN_SIZE)
        self._answered = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.setSpacing(24)
        # The words scroll if the largest text needs more room than the screen has; the
        # buttons below them always stay in view.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        top = QHBoxLayout(content)
        top.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        photo = Path(photos_dir) / person.photo_file if photos_dir and person.photo_file else None
        top.addWidget(
            Portrait(person.name, photo, diameter=PORTRAIT_PX), 0, Qt.AlignmentFlag.AlignTop
        )
        words = QVBoxLayout()
        self.headline = label(headline, role="title", name="reminderHeadline")
        words.addWidget(self.headline)
        words.addWidget(label(detail, name="reminderDetail"))
        words.addStretch(1)
        top.addLayout(words, 1)
        scroll.setWidget(content)
        layout.addWidget(scroll, 1)
        if mode is ReminderMode.HEADS_UP:
            ok = button(_("OK, thank you"), name="reminderOk", role="primary")
            ok.clicked.connect(self._answer(self.dismissed))
            layout.addWidget(ok)
            ok.setFocus()
            return
        missed = mode is ReminderMode.MISSED
        join_words = _("Call now") if missed else _("Join the call")
        self.join_button = button(join_words, name="reminderJoin", role="primary")
        self.join_button.clicked.connect(self._answer(self.join))
        layout.addWidget(self.join_button)
        row_box = QWidget()
        row = FlowLayout(row_box)
        if not missed:
            later = button(_("Remind me in 10 minutes"), name="reminderSnooze")
            later.clicked.connect(self._answer(self.snooze))
            row.addWidget(later)
        skip = button(_("Not now") if missed else _("Not today"), name="reminderNotToday")
        skip.clicked.connect(self._answer(self.not_today))
        row.addWidget(skip)
        layout.addWidget(row_box)
        self.join_button.setFocus()

    def _answer(self, signal: SignalInstance) -> Callable[[], None]:
        def answered() -> None:
            self._answered = True
            signal.emit()
            self.close()

        return answered

    def present(self) -> None:
        """Come to the front and take the focus, even over other programs."""
        self.show()
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._answered:
            self._answered = True
            self.dismissed.emit()
        super().closeEvent(event)
