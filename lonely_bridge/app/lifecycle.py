"""Around the window: a clean close on SIGTERM, the file check, the storage warm-up and the
e-mail rounds."""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier, QTimer, Signal, Slot

from lonely_bridge.storage.sqlite_files import Examination, FileState, examine

if TYPE_CHECKING:
    from lonely_bridge.services.sharing_rounds import SharingRounds

log = logging.getLogger(__name__)

# Consented e-mail: a first round a minute after start, then every ten minutes.
SHARING_FIRST_ROUND_MS = 60_000
SHARING_ROUND_MS = 600_000
# On closing, how long to let a file check or daily copy under way finish before the database
# closes under it; a stalled disk must not keep the app from closing.
FILE_CHECK_FINISH_S = 30.0

# SIGTERM: the session ending (logout, shutdown) or a service manager; SIGINT: Ctrl+C.
QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class QuitOnSignals(QObject):
    """Turns SIGTERM and SIGINT into a normal close, so the usual shutdown runs.

    Python runs signal handlers only when it has control, and Qt's event loop runs in C++;
    a socket pair (signal.set_wakeup_fd) wakes the loop so the handler runs at once.
    """

    def __init__(self, quit_app: Callable[[], None]) -> None:
        super().__init__()
        self._quit_app = quit_app
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, self._on_signal) for number in QUIT_SIGNALS}

    def _on_signal(self, number: int, _frame: object) -> None:
        log.info("Closing on %s", signal.Signals(number).name)
        self._quit_app()

    @Slot()
    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._reader.recv(64)

    def uninstall(self) -> None:
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


class FileCheck(QObject):
    """SQLite's page-by-page check, then the daily copy, on a worker thread.

    The check reads the whole file, so it runs after the first paint, never before it; a
    damaged file is never copied over the good copies. ``finished`` arrives on the GUI
    thread with what the check found.
    """

    finished = Signal(object)
    _done = Signal(object)

    def __init__(self, db_path: Path, backups_dir: Path, *, today: date, back_up: bool) -> None:
        super().__init__()
        self._db_path = db_path
        self._backups_dir = backups_dir
        self._today = today
        self._back_up = back_up
        # Emitted from the worker thread; a queued connection brings it to this object's thread.
        self._done.connect(self.finished.emit)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="file-check", daemon=True)
        self._thread.start()

    def finish(self, timeout_s: float = FILE_CHECK_FINISH_S) -> bool:
        """Wait for the check and the copy; False when they are still running after
        ``timeout_s``. Called before the database closes: the copy reads it to the end."""
        if self._thread is None:
            return True
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _run(self) -> None:
        # Imported here, on the worker thread: the copies need not load before the first paint.
        from lonely_bridge.storage import backup

        try:
            found = examine(self._db_path, thorough=True)
        except Exception as exc:
            log.exception("The information file could not be checked")
            found = Examination(FileState.UNREADABLE, detail=type(exc).__name__)
        if found.state is FileState.GOOD and self._back_up:
            try:
                backup.take_daily_backup(self._db_path, self._backups_dir, today=self._today)
            except Exception:
                log.exception("The daily backup could not be written")
        self._done.emit(found)


class WarmUpOnFirstTouch(QObject):
    """Runs ``warm_up`` on a worker thread the first time the person moves the mouse over the
    app, touches it or types: a hand reaches for a button well before it presses one, and
    most presses write, which needs SQLAlchemy. An app left open only for its reminders
    loads it when a reminder is answered instead (bench/startup.py measures the memory)."""

    TOUCHES = frozenset(
        {
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.Wheel,
        }
    )

    def __init__(self, warm_up: Callable[[], None], app: QCoreApplication) -> None:
        super().__init__()
        self._warm_up = warm_up
        self._app = app
        self.started = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.started and event.type() in self.TOUCHES:
            self.start()
        return False

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        self._app.removeEventFilter(self)
        threading.Thread(target=self._warm_up, name="load-storage", daemon=True).start()

    def stop(self) -> None:
        self._app.removeEventFilter(self)


class SharingTimer(QObject):
    """Runs a sharing round now and then, each on a worker thread: e-mail waits on the
    network, so it never runs on the window's thread. One round at a time."""

    def __init__(self, make_rounds: Callable[[], SharingRounds], parent: QObject) -> None:
        super().__init__(parent)
        self._make_rounds = make_rounds
        self._rounds: SharingRounds | None = None
        self._prepared = threading.Lock()
        self._busy = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setInterval(SHARING_ROUND_MS)
        self._timer.timeout.connect(self.round_now)

    def start(self) -> None:
        """The first round comes a minute from now; ``prepare`` may load its modules sooner."""
        QTimer.singleShot(SHARING_FIRST_ROUND_MS, self, self._first_round)

    def _first_round(self) -> None:
        self._timer.start()
        self.round_now()

    def round_now(self) -> None:
        if self._busy.acquire(blocking=False):
            threading.Thread(target=self._run, name="sharing", daemon=True).start()

    def stop(self) -> None:
        self._timer.stop()

    def prepare(self) -> SharingRounds:
        """Build the rounds (and load their modules) now; call it off the window's thread."""
        with self._prepared:
            if self._rounds is None:
                self._rounds = self._make_rounds()
            return self._rounds

    def _run(self) -> None:
        try:
            self.prepare().run_once()
        except Exception:
            log.exception("A sharing round failed; it will be tried again")
        finally:
            self._busy.release()
