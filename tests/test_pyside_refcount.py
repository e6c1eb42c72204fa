"""Guards the PySide6 pin: 6.12.0 leaks a reference to None on every Qt call returning nothing."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

CALLS = 1000


def test_void_qt_calls_keep_their_reference_to_none() -> None:
    # With the leak, a long-running app aborts with "Fatal Python error: none_dealloc",
    # which no excepthook can catch; pyproject.toml excludes that release.
    widget = QObject()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.setObjectName("steady")
    assert sys.getrefcount(None) >= before - 10
