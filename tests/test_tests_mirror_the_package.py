"""The tests mirror the package: each service's behaviour has one obvious place to look."""

from __future__ import annotations

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
# Declarations only, with no behaviour of their own to test.
NOTHING_TO_RUN = {"__init__", "errors", "ports"}


def test_every_service_module_has_its_own_test_module() -> None:
    services = {path.stem for path in (CHECKOUT / "lonely_bridge" / "services").glob("*.py")}
    tested = {
        path.stem.removeprefix("test_") for path in (CHECKOUT / "tests" / "services").glob("*.py")
    }

    assert sorted(services - NOTHING_TO_RUN - tested) == []
