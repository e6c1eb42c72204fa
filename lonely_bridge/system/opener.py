"""Opens a checked call link with the computer's own app for it."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


class DesktopUrlOpener:
    """Hands the link to the system (the Zoom app, the browser, the phone app...)."""

    def open_url(self, url: str) -> bool:
        return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))
