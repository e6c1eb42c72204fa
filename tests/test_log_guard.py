"""The log guard itself: an undeclared warning fails the test; a declared one does not."""

from __future__ import annotations

from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
INI = """
[pytest]
markers =
    allow_log(logger, level): the test expects records from this logger up to this level
"""

TESTS = """
import logging
import threading

import pytest

log = logging.getLogger("lonely_bridge.storage.backup")


def test_quiet():
    log.info("Backed up")


def test_undeclared_warning():
    log.warning("The copy could not be made")


def test_undeclared_error_from_another_thread():
    worker = threading.Thread(target=lambda: log.error("Disk full"))
    worker.start()
    worker.join()


@pytest.mark.allow_log("lonely_bridge.storage", "WARNING")
def test_declared_warning_below_the_named_logger():
    log.warning("The copy could not be made")


@pytest.mark.allow_log("lonely_bridge.storage.backup", "WARNING")
def test_an_error_above_the_declared_level():
    log.error("Disk full")


@pytest.mark.allow_log("lonely_bridge.storage.backup", "ERROR")
def test_another_logger_is_not_declared_by_it():
    logging.getLogger("lonely_bridge.ui").warning("Something else")
"""


def test_only_declared_warnings_pass(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(test_logging=TESTS)
    # A process of its own, so the records it makes on purpose stay out of this test's log.
    monkeypatch.setenv("PYTHONPATH", str(CHECKOUT))

    result = pytester.runpytest_subprocess("-p", "tests.log_guard", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=6, errors=4)
    errored = {
        line.split("::")[1].split(" ")[0]
        for line in result.outlines
        if line.startswith("ERROR test_logging.py::")
    }
    assert errored == {
        "test_undeclared_warning",
        "test_undeclared_error_from_another_thread",
        "test_an_error_above_the_declared_level",
        "test_another_logger_is_not_declared_by_it",
    }
    result.stdout.fnmatch_lines(
        ["*unexpected log records*", "*WARNING lonely_bridge.ui: Something else*"]
    )
