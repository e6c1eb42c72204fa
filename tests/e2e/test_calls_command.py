"""The calls command as a real subprocess: what will ring, in UTC, here and in the plan's zone."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from tests.e2e.driver import run_app

pytestmark = pytest.mark.slow

# Set, so the test reads the same hours anywhere; "here" is this zone.
HOME_ZONE = "Asia/Kolkata"
FIRST, LAST = date(2026, 12, 1), date(2027, 3, 31)  # across the spring clock change


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_app("--data-dir", str(data_dir), *args, env={"TZ": HOME_ZONE})


def calendar_calls(ics: bytes, start: datetime, end: datetime) -> dict[int, list[datetime]]:
    """Each plan's calls from ``start`` until ``end``, as recurring-ical-events expands the
    exported calendar."""
    found: dict[int, list[datetime]] = defaultdict(list)
    for event in recurring_ical_events.of(Calendar.from_ical(ics)).between(start, end):
        due = event["DTSTART"].dt.astimezone(UTC)
        if start <= due < end:
            plan_id = int(str(event["UID"]).removeprefix("plan-").split("@")[0])
            found[plan_id].append(due)
    return {plan: sorted(times) for plan, times in found.items()}


def test_calls_as_json_are_the_exported_calendar_expanded(demo_dir: Path, tmp_path: Path) -> None:
    exported = run(demo_dir, "export-calendar", "-o", str(tmp_path / "calls.ics"))
    assert exported.returncode == 0, exported.stderr
    done = run(demo_dir, "calls", "--from", str(FIRST), "--until", str(LAST), "--json")
    assert done.returncode == 0, done.stderr
    calls = json.loads(done.stdout)

    home = ZoneInfo(HOME_ZONE)
    start = datetime(FIRST.year, FIRST.month, FIRST.day, tzinfo=home)
    end = datetime(LAST.year, LAST.month, LAST.day, tzinfo=home) + timedelta(days=1)
    listed: dict[int, list[datetime]] = defaultdict(list)
    for call in calls:
        listed[call["plan"]].append(datetime.fromisoformat(call["utc"]))
    expected = calendar_calls((tmp_path / "calls.ics").read_bytes(), start, end)
    assert len(expected) == 4
    assert dict(listed) == expected
    for call in calls:
        due = datetime.fromisoformat(call["utc"])
        # The same instant, told on three clocks.
        assert datetime.fromisoformat(call["here"]) == due
        assert datetime.fromisoformat(call["here"]).utcoffset() == due.astimezone(home).utcoffset()
        assert call["home_zone"] == HOME_ZONE
        theirs = datetime.fromisoformat(call["plan_time"])
        assert theirs == due
        assert theirs.utcoffset() == due.astimezone(ZoneInfo(call["plan_zone"])).utcoffset()
    assert [call["utc"] for call in calls] == sorted(call["utc"] for call in calls)


def test_calls_as_text_tell_each_call_on_three_clocks(demo_dir: Path) -> None:
    done = run(demo_dir, "calls", "--from", "2026-12-05", "--until", "2026-12-05")
    assert done.returncode == 0, done.stderr
    # Lily's Saturday call is at 11:00 in New York: 16:00 UTC, 21:30 in Kolkata.
    assert done.stdout.splitlines() == [
        "Sat 05 Dec 2026 21:30 here (Asia/Kolkata)   16:00 UTC   11:00 in America/New_York   Lily"
    ]


def test_a_stretch_without_calls_says_so(demo_dir: Path) -> None:
    # Years before the demo household's plans begin.
    done = run(demo_dir, "calls", "--from", "2001-11-01", "--until", "2001-11-02")
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.strip()
        == "No planned calls from Thursday 01 November 2001 to Friday 02 November 2001."
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--from", "tomorrow"), "is not a date: please write it as YYYY-MM-DD"),
        (("--from", "2027-02-30"), "is not a date: please write it as YYYY-MM-DD"),
        (("--from", "2027-01-10", "--until", "2027-01-03"), "comes before the first"),
        (("--from", "2027-01-01", "--until", "2207-01-01"), "at most 400 days at a time"),
    ],
)
def test_a_stretch_that_makes_no_sense_is_refused_plainly(
    demo_dir: Path, args: tuple[str, ...], words: str
) -> None:
    done = run(demo_dir, "calls", *args)
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_here_is_the_household_home_not_the_computer_clock(tmp_path: Path) -> None:
    # A laptop still set to Kolkata, set up for Margaret in London.
    profile = tmp_path / "margaret.toml"
    profile.write_text(
        "version = 1\n"
        "[owner]\n"
        'name = "Margaret"\n'
        'time_zone = "Europe/London"\n'
        "[[people]]\n"
        'name = "Lily"\n'
        'links = ["https://zoom.us/j/85512345678"]\n'
        "[[plans]]\n"
        'person = "Lily"\n'
        'rule = "FREQ=WEEKLY;BYDAY=SA"\n'
        'time = "11:00"\n'
        'time_zone = "America/New_York"\n'
        "starts_on = 2026-12-01\n",
        encoding="utf-8",
    )
    data_dir = tmp_path / "margaret"
    provisioned = run(data_dir, "provision", str(profile))
    assert provisioned.returncode == 0, provisioned.stderr
    done = run(data_dir, "calls", "--from", "2026-12-05", "--until", "2026-12-05")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Sat 05 Dec 2026 16:00 here (Europe/London)   16:00 UTC   11:00 in America/New_York   Lily"
    ]
