"""The log file: private from the first line, and kept small once the window is up."""

from __future__ import annotations

import logging
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lonely_bridge import PRIVATE_FILE_MODE
from lonely_bridge.system.logs import (
    LOG_FILE_NAME,
    LOG_MAX_BYTES,
    close_logging,
    setup_logging,
    start_rotating,
)


@pytest.fixture(autouse=True)
def _close_logs() -> Iterator[None]:
    yield
    close_logging()


def _our_files() -> list[logging.Handler]:
    """Lonely Bridge's file handlers (pytest keeps one of its own)."""
    return [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.FileHandler) and getattr(handler, "_lonely_bridge", False)
    ]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _full_log(folder: Path) -> Path:
    folder.mkdir()
    path = folder / LOG_FILE_NAME
    path.write_text("x" * (LOG_MAX_BYTES + 10), encoding="utf-8")
    path.chmod(0o644)  # as an older version may have left it
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are a POSIX idea")
def test_the_start_up_log_is_private_and_not_yet_rotated(tmp_path: Path) -> None:
    path = _full_log(tmp_path / "logs")
    assert setup_logging(tmp_path / "logs", console=False, rotate=False) == path
    logging.getLogger("lonely_bridge.test").info("starting")
    assert _mode(path) == PRIVATE_FILE_MODE
    assert not (tmp_path / "logs" / f"{LOG_FILE_NAME}.1").exists()
    assert path.read_text(encoding="utf-8").endswith("starting\n")
    assert "logging.handlers" not in {
        type(handler).__module__ for handler in logging.getLogger().handlers
    }


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are a POSIX idea")
def test_after_start_rotating_a_full_log_moves_aside_and_both_stay_private(
    tmp_path: Path,
) -> None:
    path = _full_log(tmp_path / "logs")
    setup_logging(tmp_path / "logs", console=False, rotate=False)
    logging.getLogger("lonely_bridge.test").info("before")
    start_rotating()
    logging.getLogger("lonely_bridge.test").info("after")
    older = tmp_path / "logs" / f"{LOG_FILE_NAME}.1"
    assert older.exists()
    assert "before" in older.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").endswith("after\n")
    assert "before" not in path.read_text(encoding="utf-8")
    assert _mode(path) == PRIVATE_FILE_MODE
    # Exactly one file handler writes to the log: the start-up one was closed.
    assert len(_our_files()) == 1


def test_start_rotating_without_a_log_file_does_nothing(tmp_path: Path) -> None:
    setup_logging(None, console=False)
    start_rotating()
    assert _our_files() == []
