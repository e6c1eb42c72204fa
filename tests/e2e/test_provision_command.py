"""provision and export-profile as real subprocesses: a new computer set up, a dry run that
changes nothing, hostile files refused, a household carried across, and the calls it plans."""

from __future__ import annotations

import json
import stat
import subprocess
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lonely_bridge.storage import migrate
from tests.e2e.driver import folder_state, names, run_app
from tests.e2e.test_calls_command import calendar_calls
from tests.profiles import EXAMPLE_FILE, MARGARET

pytestmark = pytest.mark.slow

HOME_ZONE = "Asia/Kolkata"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_app("--data-dir", str(data_dir), *args, env={"TZ": HOME_ZONE})


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "margaret.toml"
    path.write_text(MARGARET, encoding="utf-8")
    return path


def test_a_profile_sets_up_a_new_computer_once(tmp_path: Path, profile: Path) -> None:
    data_dir = tmp_path / "new"
    done = run(data_dir, "provision", str(profile))
    assert done.returncode == 0, done.stderr
    assert "Add Anna" in done.stdout
    assert done.stdout.rstrip().endswith("changes saved.")
    assert names(migrate.database_path(data_dir)) == {"Anna"}
    before = folder_state(data_dir)

    again = run(data_dir, "provision", str(profile))

    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "Nothing to change: this computer already matches the profile."
    assert folder_state(data_dir) == before


def test_a_dry_run_says_what_would_change_and_changes_nothing(
    tmp_path: Path, profile: Path
) -> None:
    data_dir = tmp_path / "home"
    first = tmp_path / "first.toml"
    first.write_text('version = 1\n[owner]\nname = "Margaret"\n', encoding="utf-8")
    assert run(data_dir, "provision", str(first)).returncode == 0
    before = folder_state(data_dir)

    done = run(data_dir, "provision", str(profile), "--dry-run")

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Applying this profile would:"
    assert "  Add Anna" in done.stdout.splitlines()
    assert done.stdout.rstrip().endswith("Nothing was changed (--dry-run).")
    assert folder_state(data_dir) == before


def test_the_packaged_example_passes_a_dry_run(tmp_path: Path) -> None:
    data_dir = tmp_path / "example"
    done = run(data_dir, "provision", str(EXAMPLE_FILE), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "Add Thursday Book Club" in done.stdout
    assert (
        not migrate.database_path(data_dir).exists()
        or names(migrate.database_path(data_dir)) == set()
    )


def test_a_hostile_profile_lists_every_problem_and_changes_nothing(
    tmp_path: Path, profile: Path
) -> None:
    data_dir = tmp_path / "home"
    assert run(data_dir, "provision", str(profile)).returncode == 0
    before = folder_state(data_dir)
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(
        MARGARET.replace('time_zone = "America/New_York"', 'time_zone = "America/Gotham"')
        + '[[people]]\nname = "ANNA"\nlinks = ["javascript:alert(1)"]\n',
        encoding="utf-8",
    )

    done = run(data_dir, "provision", str(hostile))

    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == (
        "The profile was not applied: 3 problems were found. Nothing on this computer was changed."
    )
    assert lines[1].startswith('  Line 17, plans #1, time_zone: "America/Gotham" is not')
    assert lines[2].startswith('  Line 21, people #2, name: "ANNA" is the same person as "Anna"')
    assert lines[3].startswith("  Line 22, people #2, links #1: ")
    assert folder_state(data_dir) == before


def test_a_50_mb_file_is_refused_and_a_new_folder_stays_empty(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    data_dir = tmp_path / "new"

    done = run(data_dir, "provision", str(huge))

    assert done.returncode == 2
    assert "The file is 52428800 bytes; a profile may be at most 1048576 bytes." in done.stderr
    assert not migrate.database_path(data_dir).exists()


def test_a_bad_profile_leaves_no_database_in_a_new_folder(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[helper]\npin = "12"\n', encoding="utf-8")
    data_dir = tmp_path / "new"
    done = run(data_dir, "provision", str(bad))
    assert done.returncode == 2
    assert "Line 3, helper, pin: A PIN is 4 to 8 digits" in done.stderr
    assert not migrate.database_path(data_dir).exists()


def test_export_then_provision_carries_the_household(demo_dir: Path, tmp_path: Path) -> None:
    exported = tmp_path / "demo.toml"
    done = run(demo_dir, "export-profile", "-o", str(exported))
    assert done.returncode == 0, done.stderr
    assert "Wrote 7 people and 4 regular calls" in done.stdout
    # Names, addresses and the PIN's hash: for this user's eyes only.
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600

    new_dir = tmp_path / "new-computer"
    applied = run(new_dir, "provision", str(exported))
    assert applied.returncode == 0, applied.stderr
    again = tmp_path / "again.toml"
    assert run(new_dir, "export-profile", "-o", str(again)).returncode == 0
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
    assert names(migrate.database_path(new_dir)) == names(migrate.database_path(demo_dir))


FIRST, LAST = date(2027, 1, 1), date(2027, 4, 30)  # across both spring clock changes


def test_calls_of_a_provisioned_plan_are_the_calendar_export_expanded(
    tmp_path: Path, profile: Path
) -> None:
    data_dir = tmp_path / "home"
    assert run(data_dir, "provision", str(profile)).returncode == 0
    exported = run(data_dir, "export-calendar", "-o", str(tmp_path / "calls.ics"))
    assert exported.returncode == 0, exported.stderr
    done = run(data_dir, "calls", "--from", str(FIRST), "--until", str(LAST), "--json")
    assert done.returncode == 0, done.stderr

    home = ZoneInfo(HOME_ZONE)
    start = datetime(FIRST.year, FIRST.month, FIRST.day, tzinfo=home)
    end = datetime(LAST.year, LAST.month, LAST.day, tzinfo=home) + timedelta(days=1)
    listed: dict[int, list[datetime]] = defaultdict(list)
    for call in json.loads(done.stdout):
        assert call["person"] == "Anna"
        assert call["plan_zone"] == "America/New_York"
        assert datetime.fromisoformat(call["plan_time"]).strftime("%a %H:%M") == "Sun 16:00"
        listed[call["plan"]].append(datetime.fromisoformat(call["utc"]))
    expected = calendar_calls((tmp_path / "calls.ics").read_bytes(), start, end)
    assert dict(listed) == expected
    assert len(next(iter(expected.values()))) == 17  # every Sunday from 3 January to 25 April
