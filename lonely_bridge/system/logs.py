"""A rotating log file in the data folder, so a helper can see what happened."""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

from lonely_bridge import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE

LOG_FILE_NAME = "lonely-bridge.log"
LOG_MAX_BYTES = 1_000_000
LOG_FILES_KEPT = 5
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def _open_private(path: str, encoding: str | None, errors: str | None) -> io.TextIOWrapper:
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    if sys.platform != "win32":
        os.fchmod(descriptor, PRIVATE_FILE_MODE)  # a log written by an older version
    return open(descriptor, "a", encoding=encoding, errors=errors)


class PrivateFileHandler(logging.FileHandler):
    """The log while the app starts: readable by this user only, not yet rotated."""

    def _open(self) -> io.TextIOWrapper:
        return _open_private(self.baseFilename, self.encoding, self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        # A full or read-only disk must not print tracebacks at the person; the problem
        # itself is told in plain words by whoever met it.
        pass


def _rotating_handler(path: Path) -> logging.Handler:
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """A rotating log whose every file is readable by this user only."""

        def _open(self) -> io.TextIOWrapper:
            return _open_private(self.baseFilename, self.encoding, self.errors)

        def handleError(self, record: logging.LogRecord) -> None:
            pass  # as PrivateFileHandler

    return PrivateRotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
    )


def setup_logging(
    folder: Path | None, *, verbose: bool = False, console: bool = True, rotate: bool = True
) -> Path | None:
    """Log to ``folder``/lonely-bridge.log and, with ``console``, warnings to stderr.

    Commands pass ``console=False``: they speak to people in plain lines of their own. The
    window passes ``rotate=False`` and calls ``start_rotating`` after its first paint, so
    logging.handlers (and what it imports) need not load before it.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # APScheduler logs every job it adds; only its warnings help a helper reading the log.
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbose else logging.WARNING)
    for handler in list(root.handlers):
        if getattr(handler, "_lonely_bridge", False):
            root.removeHandler(handler)
            handler.close()
    screen: logging.Handler = logging.StreamHandler() if console else logging.NullHandler()
    screen.setLevel(logging.DEBUG if verbose else logging.WARNING)
    screen.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    screen._lonely_bridge = True  # type: ignore[attr-defined]
    root.addHandler(screen)
    if folder is None:
        return None
    try:
        folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
        path = folder / LOG_FILE_NAME
        file_handler = (
            _rotating_handler(path) if rotate else PrivateFileHandler(path, encoding="utf-8")
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("Cannot write the log file in %s: %s", folder, exc)
        return None
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler._lonely_bridge = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    return path


def start_rotating() -> None:
    """Swap the start-up log file handler for one that keeps the log small."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, PrivateFileHandler) and getattr(handler, "_lonely_bridge", False):
            try:
                rotating = _rotating_handler(Path(handler.baseFilename))
            except OSError as exc:
                logging.getLogger(__name__).warning("Cannot rotate the log: %s", exc)
                return
            rotating.setFormatter(handler.formatter)
            rotating.setLevel(handler.level)
            rotating._lonely_bridge = True  # type: ignore[attr-defined]
            root.addHandler(rotating)
            root.removeHandler(handler)
            handler.close()


def close_logging() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_lonely_bridge", False):
            root.removeHandler(handler)
            handler.close()
