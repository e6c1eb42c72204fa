"""The export-calendar command run as a real subprocess on a demo data folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from lonely_bridge.services.demo import build_demo_household
from lonely_bridge.services.people import PeopleService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore
from tests.doubles import FixedClock

pytestmark = pytest.mark.slow

RUN_TIMEOUT_S = 60
DEMO_NAMES = ("Anna", "Tom", "Lily", "Rose", "Harold", "Priya", "Thursday Book Club")
DEMO_ZONES = {"Europe/London", "America/New_York"}


def export(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    app = [sys.executable, "-m", "lonely_bridge", "--data-dir", str(data_dir)]
    return subprocess.run(
        [*app, "export-calendar", *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


@pytest.fixture
def demo_dir(data_dir: Path, clock: FixedClock) -> Path:
    """A data folder holding the demo household (four plans), closed."""
    store = AppStore(open_database(data_dir, now=clock.now()))
    try:
        build_demo_household(store, clock)
    finally:
        store.close()
    return data_dir


def read_calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def start_zones(calendar: Calendar) -> list[str]:
    return [str(event["DTSTART"].params["TZID"]) for event in calendar.walk("VEVENT")]


def timezone_ids(calendar: Calendar) -> list[str]:
    return [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]


def test_export_writes_every_plan_with_its_zones(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "calls.ics"
    done = export(demo_dir, "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert re.search(r"\bWrote 4 regular calls to ", done.stdout), done.stdout
    calendar = read_calendar(target)
    assert len(calendar.walk("VEVENT")) == 4
    assert set(start_zones(calendar)) == DEMO_ZONES
    zones = timezone_ids(calendar)
    assert sorted(zones) == sorted(DEMO_ZONES)  # one VTIMEZONE per zone used, no more


def test_export_for_one_person(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "lily.ics"
    done = export(demo_dir, "--person", "Lily", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "Wrote 1 regular call to " in done.stdout
    calendar = read_calendar(target)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert "Lily" in str(events[0]["SUMMARY"])
    assert start_zones(calendar) == ["America/New_York"]
    assert timezone_ids(calendar) == ["America/New_York"]


REDIRECT_LINK = "https://meet.google.com/linkredirect?dest=https%3A%2F%2Fevil.example%2F"
SELF_HOSTED_JITSI = "https://jitsi.example.org/TomAndMargaret"


def _change_default_link(store: AppStore, name: str, url: str, *, now: datetime) -> None:
    """As a hand edit or an older, laxer version would have saved it: no checks on the way."""
    [person] = [person for person in store.list_people() if person.name == name]
    links = tuple(replace(link, url=url) if link.is_default else link for link in person.links)
    store.update_person(replace(person, links=links), now=now)


def test_export_leaves_out_links_that_fail_the_check_and_says_so(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    store = AppStore(open_database(data_dir, now=clock.now()))
    try:
        build_demo_household(store, clock)
        _change_default_link(store, "Anna", REDIRECT_LINK, now=clock.now())
        _change_default_link(store, "Tom", SELF_HOSTED_JITSI, now=clock.now())
        PeopleService(store, clock).trust_jitsi_host("jitsi.example.org")
    finally:
        store.close()
    target = tmp_path / "calls.ics"

    done = export(data_dir, "-o", str(target))

    assert done.returncode == 0, done.stderr
    assert re.search(r"\bWrote 4 regular calls to ", done.stdout), done.stdout
    left_out = [line for line in done.stdout.splitlines() if line.startswith("Left out")]
    assert left_out == [
        "Left out the link for Anna: This link to meet.google.com would pass you on to another "
        "address instead of opening a call, a trick used to disguise where a link goes, so "
        "Lonely Bridge won't open it. Please copy the call link itself from the invitation."
    ]
    events = {str(event["SUMMARY"]): event for event in read_calendar(target).walk("VEVENT")}
    assert len(events) == 4  # Anna's calls are still there, only without the link
    assert not {"URL", "DESCRIPTION", "LOCATION"} & set(events["Call with Anna"])
    assert "evil.example" not in target.read_text()
    assert str(events["Call with Tom"]["URL"]) == SELF_HOSTED_JITSI  # confirmed: kept
    assert str(events["Call with Tom"]["LOCATION"]) == "Jitsi"


def test_export_for_an_unknown_person_names_the_people(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "nobody.ics"
    done = export(demo_dir, "--person", "Zebedee", "-o", str(target))
    assert done.returncode == 2
    assert "Zebedee" in done.stderr
    for name in DEMO_NAMES:
        assert name in done.stderr
    assert "Traceback" not in done.stderr
    assert not target.exists()


def test_export_to_an_unwritable_path_says_so_plainly(demo_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    done = export(demo_dir, "-o", str(folder))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"could not write there: {folder} could not be written" in done.stderr
    assert done.stdout == ""
    assert list(folder.iterdir()) == []
