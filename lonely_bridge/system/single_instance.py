"""One Lonely Bridge per data folder: a lock file, plus a local socket to raise the first window."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from lonely_bridge.domain.errors import AppIsOpen, DataFolderNotWritable
from lonely_bridge.system.paths import user_key

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "lonely-bridge.lock"
RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 2_000


def _lock_file(data_dir: Path) -> QLockFile:
    lock = QLockFile(str(data_dir / LOCK_FILE_NAME))
    # Only a dead owner makes a lock stale (QLockFile checks the PID); never a timer,
    # or a long-running app would lose its lock.
    lock.setStaleLockTime(0)
    return lock


@contextmanager
def data_folder_lock(data_dir: Path) -> Iterator[None]:
    """Hold the app's lock while a command swaps or copies the information.

    Raises AppIsOpen while Lonely Bridge (or another such command) uses the folder.
    """
    lock = _lock_file(data_dir)
    if not lock.tryLock(100):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise AppIsOpen(folder=str(data_dir))
        raise DataFolderNotWritable(folder=str(data_dir), reason="the lock file cannot be made")
    try:
        yield
    finally:
        lock.unlock()


def server_name(data_dir: Path) -> str:
    import hashlib  # after the first paint: the server starts then

    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"lonely-bridge-{user_key()}-{digest}"


class SingleInstance(QObject):
    """Holds the data folder's lock; ``activated`` fires when a second launch asks us to show."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = _lock_file(data_dir)
        self._data_dir = data_dir
        self._server: QLocalServer | None = None

    @cached_property
    def _name(self) -> str:
        return server_name(self._data_dir)

    def acquire(self) -> bool:
        """Take the lock; False when another instance holds it."""
        return bool(self._lock.tryLock(100))

    def listen(self) -> None:
        """Answer later launches (after the first paint: QtNetwork need not delay it)."""
        from PySide6.QtNetwork import QLocalServer

        # A crash leaves the socket file behind, which would make listen() fail.
        QLocalServer.removeServer(self._name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            log.warning("Cannot listen for other launches: %s", server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server

    def notify_running_instance(self) -> bool:
        """Ask the instance holding the lock to come to the front."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            log.warning("The running Lonely Bridge did not answer: %s", socket.errorString())
            return False
        socket.write(RAISE_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE_MESSAGE.strip()):
            log.info("Another launch asked to show the window")
            self.activated.emit()
