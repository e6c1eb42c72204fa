"""Reminders in the real app: one instance reminds, snoozes survive, missed calls come once."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lonely_bridge.domain.clock import SystemClock
from lonely_bridge.domain.recurrence import occurrences_between
from lonely_bridge.domain.reminders import STILL_CURRENT, Outcome, recurrence_of
from lonely_bridge.domain.settings import LAST_SEEN
from lonely_bridge.services.plans import PlanService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore
from tests.e2e.driver import APP_ENV, POLL_S, WAIT_S, Apps, RunningApp, app_command

pytestmark = pytest.mark.slow

PREPARE_TIMEOUT_S = 60
SHOWN = "Reminder shown for plan"
MISSED_LINE = re.compile(r"Reminder shown for plan (\d+) \(missed\)")
# Logged (with --verbose) each time the scheduler looks at the clock for due reminders.
LOOKED = "Looked for due reminders"
VERBOSE = ("--no-err-windows", "--verbose")


def assert_no_traceback(app: RunningApp) -> None:
    errors = app.stderr.read_text(errors="replace")
    assert "Traceback" not in errors, errors


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A data folder with the demo household, made by the app itself (no reminders run)."""
    folder = tmp_path / "data"
    made = subprocess.run(
        app_command(folder, "--demo", "--no-err-windows", "--smoke-test"),
        env=APP_ENV,
        capture_output=True,
        text=True,
        timeout=PREPARE_TIMEOUT_S,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert "Smoke test passed" in made.stdout
    return folder


@dataclass(frozen=True)
class Snoozed:
    plan_id: int
    due_at: datetime
    until: datetime


def open_plans(data_dir: Path) -> tuple[AppStore, PlanService]:
    clock = SystemClock()
    store = AppStore(open_database(data_dir, now=clock.now()))
    return store, PlanService(store, clock)


def snooze_next_call(data_dir: Path, seconds: float) -> Snoozed:
    """Snooze the soonest call, so its reminder comes ``seconds`` from now."""
    store, plans = open_plans(data_dir)
    try:
        call = plans.upcoming(within=timedelta(days=62), limit=1)[0]
        assert call.plan.id is not None
        stored = plans.snooze(call.plan.id, call.due_at, for_=timedelta(seconds=seconds))
    finally:
        store.close()
    assert stored.snoozed_until is not None
    return Snoozed(call.plan.id, call.due_at, stored.snoozed_until)


def wait_for_a_look_after(apps: Apps, app: RunningApp, needle: str) -> None:
    """Wait until the scheduler has looked at the clock again after the last ``needle``:
    anything that look found due is in the log before its line."""
    deadline = time.monotonic() + WAIT_S
    while True:
        text = apps.log.text(app.log_offset)
        if LOOKED in text[text.rindex(needle) :]:
            return
        if time.monotonic() > deadline or app.process.poll() is not None:
            pytest.fail(f"the scheduler did not look again after {needle!r}:\n{text}")
        time.sleep(POLL_S)


def test_two_app_instances_never_both_remind(apps: Apps) -> None:
    snoozed = snooze_next_call(apps.data_dir, 4)
    first = apps.start_painted("first", *VERBOSE)

    second = subprocess.run(
        app_command(apps.data_dir, "--no-err-windows"),
        env=APP_ENV,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert "already open" in second.stdout

    apps.log.wait_for(f"{SHOWN} {snoozed.plan_id} ", first)
    # The look that follows the reminder would bring a second one; it must not come.
    wait_for_a_look_after(apps, first, f"{SHOWN} {snoozed.plan_id} ")
    assert apps.stop(first) in (0, -signal.SIGTERM)
    assert_no_traceback(first)

    log = apps.log.text()
    assert log.count(f"{SHOWN} {snoozed.plan_id} (start)") == 1, log
    assert log.count(f"{SHOWN} {snoozed.plan_id} ") == 1, log


def test_a_snooze_survives_a_restart(apps: Apps) -> None:
    snoozed = snooze_next_call(apps.data_dir, 6)
    first = apps.start_painted("first")
    assert apps.stop(first) in (0, -signal.SIGTERM)
    assert datetime.now(UTC) < snoozed.until, "the first run lasted past the snooze"
    assert SHOWN not in apps.log.text(first.log_offset)

    store, plans = open_plans(apps.data_dir)
    try:
        kept = plans.occurrence(snoozed.plan_id, snoozed.due_at)
    finally:
        store.close()
    assert kept.snoozed_until == snoozed.until
    assert kept.reminded_at is None

    again = apps.start("again")
    apps.log.wait_for(f"{SHOWN} {snoozed.plan_id} (start)", again)
    assert apps.stop(again) in (0, -signal.SIGTERM)
    assert_no_traceback(first)
    assert_no_traceback(again)


def missed_lines(text: str) -> list[int]:
    return [int(plan_id) for plan_id in MISSED_LINE.findall(text)]


def test_calls_missed_while_away_are_offered_once(apps: Apps) -> None:
    store, plans = open_plans(apps.data_dir)
    try:
        now = plans.now()
        last_seen = now - timedelta(days=22)
        store.set_setting(LAST_SEEN.key, LAST_SEEN.stored(last_seen), now=now)
        missed: dict[int, list[datetime]] = {}
        for plan, _person in plans.plans():
            assert plan.id is not None
            dues = occurrences_between(recurrence_of(plan), last_seen, now - STILL_CURRENT)
            if dues:
                missed[plan.id] = dues
    finally:
        store.close()
    # The weekly plans (Anna on Sundays, the book club on Thursdays) missed three or more.
    assert sum(len(dues) >= 3 for dues in missed.values()) >= 2, missed

    first = apps.start_painted("first", *VERBOSE)
    deadline = time.monotonic() + WAIT_S
    while len(missed_lines(apps.log.text(first.log_offset))) < len(missed):
        if time.monotonic() > deadline or first.process.poll() is not None:
            pytest.fail(f"missed calls not all offered:\n{apps.log.text(first.log_offset)}")
        time.sleep(POLL_S)
    # A second offer would come from a look at the clock after the first ones.
    wait_for_a_look_after(apps, first, "(missed)")
    assert apps.stop(first) in (0, -signal.SIGTERM)
    offered = missed_lines(apps.log.text(first.log_offset))
    assert sorted(offered) == sorted(missed), apps.log.text(first.log_offset)

    again = apps.start_painted("again", *VERBOSE)
    # Calls missed are offered at start, before the scheduler's first look at the clock.
    apps.log.wait_for(LOOKED, again)
    assert apps.stop(again) in (0, -signal.SIGTERM)
    assert missed_lines(apps.log.text(again.log_offset)) == []
    assert_no_traceback(first)
    assert_no_traceback(again)

    store, _plans = open_plans(apps.data_dir)
    try:
        outcomes = {(o.plan_id, o.due_at): o for o in store.occurrences_since(last_seen)}
    finally:
        store.close()
    for plan_id, dues in missed.items():
        *older, newest = dues
        for due in older:
            occurrence = outcomes.get((plan_id, due))
            assert occurrence is not None, (plan_id, due)
            assert occurrence.outcome == Outcome.MISSED, occurrence
        offered_occurrence = outcomes.get((plan_id, newest))
        assert offered_occurrence is not None, (plan_id, newest)
        assert offered_occurrence.reminded_at is not None, offered_occurrence
