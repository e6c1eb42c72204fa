"""Fails any test that logs a warning or an error it did not declare, as qutebrowser's tests do.

A test that provokes one on purpose says so: ``@pytest.mark.allow_log(logger, level)`` lets
records from that logger (or those below it) through, up to that level. Tests that run the
app as a subprocess are not affected: the child's records never reach this process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


class _Recorder(logging.Handler):
    """Keeps every record at WARNING or above, whichever thread logged it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _declared(record: logging.LogRecord, marks: list[pytest.Mark]) -> bool:
    for mark in marks:
        logger, level = mark.args
        inside = record.name == logger or record.name.startswith(f"{logger}.")
        if inside and record.levelno <= logging.getLevelNamesMapping()[level]:
            return True
    return False


@pytest.fixture(autouse=True)
def fail_on_unexpected_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """A warning or error nobody expected is a problem the test would otherwise hide.

    A test that provokes one on purpose says so: ``@pytest.mark.allow_log(logger, level)``
    lets records from that logger (or those below it) up to that level through.
    """
    recorder = _Recorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    try:
        yield
    finally:
        root.removeHandler(recorder)
    marks = list(request.node.iter_markers("allow_log"))
    unexpected = [record for record in recorder.records if not _declared(record, marks)]
    if unexpected:
        lines = "\n".join(
            f"  {record.levelname} {record.name}: {record.getMessage()}" for record in unexpected
        )
        pytest.fail(f"unexpected log records (declare them with allow_log):\n{lines}")
