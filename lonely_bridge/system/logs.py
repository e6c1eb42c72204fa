"""A rotating log file in the data folder, so a helper can see what happened."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "lonely-bridge.log"
LOG_MAX_BYTES = 1_000_000
LOG_FILES_KEPT = 5
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(folder: Path | None, *, verbose: bool = False) -> Path | None:
    """Log to ``folder``/lonely-bridge.log (rotated) and to stderr for warnings."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # APScheduler logs every job it adds; only its warnings help a helper reading the log.
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbose else logging.WARNING)
    for handler in list(root.handlers):
        if getattr(handler, "_lonely_bridge", False):
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console._lonely_bridge = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / LOG_FILE_NAME
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("Cannot write the log file in %s: %s", folder, exc)
        return None
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler._lonely_bridge = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    return path


def close_logging() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_lonely_bridge", False):
            root.removeHandler(handler)
            handler.close()
