"""Catches unexpected errors: logs them, and shows a calm dialog instead of vanishing."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QApplication

from lonely_bridge import __version__
from lonely_bridge.ui.messages import Messenger

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def crash_details(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None, log_file: Path | None
) -> str:
    import platform  # only when something has gone wrong: it need not load at start

    lines = [
        f"Lonely Bridge {__version__}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}",
        f"Log file: {log_file or 'none'}",
        "",
        *traceback.format_exception(kind, error, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashHandler:
    """Installed as ``sys.excepthook`` while the window is up."""

    def __init__(self, messenger: Messenger, *, log_file: Path | None) -> None:
        self._messenger = messenger
        self._log_file = log_file
        self._showing = False
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.exit(130)
            return
        details = crash_details(kind, error, tb, self._log_file)
        log.critical("Unexpected error\n%s", details)
        if not self._messenger.windows or self._showing:
            return
        from lonely_bridge.ui.dialogs.crash import CrashDialog

        self._showing = True
        try:
            dialog = CrashDialog(details, QApplication.activeWindow())
            if dialog.exec() == CrashDialog.CLOSE_APP:
                QApplication.exit(1)
        finally:
            self._showing = False
