"""The yardstick: a bare PySide6 window that prints one line at its first paint, then exits.

With ``--stay`` it stays open until it is sent SIGTERM, for memory measured while running.
"""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Window(QMainWindow):
    def __init__(self, *, stay: bool) -> None:
        super().__init__()
        self.setCentralWidget(QLabel("Hello"))
        self._painted = False
        self._stay = stay

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            print("painted", flush=True)
            if not self._stay:
                QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv)
    # SIGTERM ends it at once, as the default would, without Qt swallowing it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    window = Window(stay="--stay" in sys.argv)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
