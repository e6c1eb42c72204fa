"""The icon beside the clock while Lonely Bridge waits quietly after the computer starts."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from lonely_bridge import APP_ID, APP_NAME
from lonely_bridge.i18n import _
from lonely_bridge.resources import resource_path
from lonely_bridge.ui.widgets.controls import set_tooltip

# A click, a double click or a middle click on the icon opens the window; the right button
# (Context) shows the menu.
_OPENING_CLICKS = frozenset(
    {
        QSystemTrayIcon.ActivationReason.Trigger,
        QSystemTrayIcon.ActivationReason.DoubleClick,
        QSystemTrayIcon.ActivationReason.MiddleClick,
    }
)


def tray_available() -> bool:
    """Whether this desktop shows icons beside the clock (many Linux desktops do not).

    Asked only once the QApplication exists: Qt cannot tell before, and crashes.
    """
    return QSystemTrayIcon.isSystemTrayAvailable()


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", f"{APP_ID}.svg")))


class Tray(QObject):
    """The icon and its menu: "Open Lonely Bridge" and "Close"."""

    open_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setObjectName("trayIcon")
        set_tooltip(
            self.icon,
            _("{app} is ready: your reminders will come. Click to open it.").format(app=APP_NAME),
        )
        # The menu has no parent widget (the icon is not one), so this object keeps it.
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.open_action = self.menu.addAction(_("Open Lonely Bridge"))
        self.open_action.setObjectName("trayOpen")
        self.open_action.triggered.connect(self.open_requested)
        self.close_action = self.menu.addAction(_("Close"))
        self.close_action.setObjectName("trayClose")
        self.close_action.triggered.connect(self.close_requested)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in _OPENING_CLICKS:
            self.open_requested.emit()
