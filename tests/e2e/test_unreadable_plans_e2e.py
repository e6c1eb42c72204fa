"""One plan this version cannot read never stops the app, `report` or `export-calendar`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from lonely_bridge.services.demo import build_demo_household
from lonely_bridge.storage.migrate import database_path, open_database
from lonely_bridge.storage.store import AppStore
from lonely_bridge.system.logs import LOG_FILE_NAME
from lonely_bridge.system.paths import logs_dir
from tests.doubles import FixedClock
from tests.raw_rows import insert_plan

pytestmark = pytest.mark.slow

RUN_TIMEOUT_S = 90
DEMO_NAMES = ("Anna", "Tom", "Lily", "Rose", "Harold", "Priya", "Thursday Book Club")
DEMO_PLANS = 4


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lonely_bridge", "--data-dir", str(data_dir), "--no-err-windows",
         *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False,
    )  # fmt: skip


@pytest.fixture
def damaged_plans(data_dir: Path, clock: FixedClock) -> tuple[int, int]:
    """The demo household, plus a plan in an unknown zone and one with a rule from a newer
    version, written straight into the database file; returns their ids."""
    store = AppStore(open_database(data_dir, now=clock.now()))
    try:
        build_demo_household(store, clock)
    finally:
        store.close()
    database = database_path(data_dir)
    mars = insert_plan(database, person_id=1, time_zone="Mars/Olympus")
    yearly = insert_plan(database, person_id=2, rule="FREQ=YEARLY;BYMONTH=12")
    return mars, yearly


def test_export_calendar_writes_the_other_plans(
    data_dir: Path, damaged_plans: tuple[int, int], tmp_path: Path
) -> None:
    target = tmp_path / "calls.ics"
    done = run(data_dir, "export-calendar", "-o", str(target))

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"Wrote {DEMO_PLANS} regular calls to " in done.stdout
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    uids = {str(event["UID"]) for event in events}
    assert len(uids) == DEMO_PLANS
    assert not {f"plan-{plan_id}@lonely-bridge.local" for plan_id in damaged_plans} & uids
    logged = (data_dir / "logs" / "lonely-bridge.log").read_text(encoding="utf-8")
    for plan_id in damaged_plans:
        assert f"Left out regular call {plan_id}: " in done.stdout
        assert f"Plan {plan_id} " in logged
    for name in DEMO_NAMES:
        assert name not in logged


def test_report_still_tells_how_things_stand(
    data_dir: Path, damaged_plans: tuple[int, int]
) -> None:
    done = run(data_dir, "report", "--json")
    assert done.returncode == 0, done.stderr
    assert {person["name"] for person in json.loads(done.stdout)["people"]} == set(DEMO_NAMES)


def test_the_app_draws_today_and_the_log_names_only_the_plan_ids(
    data_dir: Path, damaged_plans: tuple[int, int]
) -> None:
    done = run(data_dir, "--smoke-test")
    assert done.returncode == 0, done.stderr
    assert "Smoke test passed" in done.stdout
    log = (logs_dir(data_dir) / LOG_FILE_NAME).read_text(encoding="utf-8")
    for plan_id in damaged_plans:
        assert f"Plan {plan_id} is left out" in log
    for name in DEMO_NAMES:
        assert name not in log
