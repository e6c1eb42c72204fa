"""backup -o and restore as a care worker runs them: one file carries the household to another
computer, and every refusal leaves the information exactly as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from lonely_bridge.storage import migrate
from lonely_bridge.storage.household_names import KEPT_PREFIX, staged_file
from lonely_bridge.storage.household_restore import stage_for_next_start
from lonely_bridge.system.paths import photos_dir, prepare_data_dir
from tests.doubles import FixedClock
from tests.e2e.driver import Apps, folder_state, one_plain_line, run_app, sha256
from tests.household_files import (
    add_household_with_photos,
    add_member,
    household_view,
    png_bytes,
    rewritten,
)
from tests.small_disk import needs_namespaces, run_app_on_disk

pytestmark = pytest.mark.slow


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.rglob("*") if p.name.endswith((".partial", ".snapshot"))
        or p.name.startswith(".unpacking-household-")
    )  # fmt: skip


@pytest.fixture
def household(tmp_path: Path, clock: FixedClock) -> Path:
    """Margaret's household with photos, in a care worker's folder with spaces and a '#'."""
    folder = prepare_data_dir(tmp_path / "Client #12" / "Margaret's laptop")
    add_household_with_photos(folder, clock)
    return folder


@pytest.fixture
def saved(household: Path, tmp_path: Path) -> Path:
    target = tmp_path / "Client #12" / "Margaret"
    done = run_app("--data-dir", str(household), "backup", "-o", str(target))
    assert done.returncode == 0, done.stderr
    return target.with_name("Margaret.lonelybridge")


def test_backup_and_restore_move_the_household_to_a_new_computer(
    saved: Path, household: Path, tmp_path: Path, clock: FixedClock
) -> None:
    new = tmp_path / "Client #12" / "new laptop"

    done = run_app("--data-dir", str(new), "restore", str(saved), "--yes")

    assert done.returncode == 0, done.stderr
    assert "7 people, 4 regular calls and 2 photos" in done.stdout
    assert household_view(new, clock) == household_view(household, clock)
    assert sorted(p.name for p in photos_dir(new).iterdir()) == sorted(
        p.name for p in photos_dir(household).iterdir()
    )
    # A face and a household are private: readable by this user only, as the app keeps them.
    restored = [migrate.database_path(new), photos_dir(new), *photos_dir(new).iterdir()]
    assert [p.name for p in restored if p.stat().st_mode & 0o077] == []
    smoke = run_app("--data-dir", str(new), "--no-err-windows", "--smoke-test")
    assert smoke.returncode == 0, smoke.stderr


def test_backup_says_where_and_what_it_saved(household: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.lonelybridge"
    done = run_app("--data-dir", str(household), "backup", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    assert "7 people, 4 regular calls and 2 photos" in done.stdout
    assert zipfile.is_zipfile(target)
    assert _leftovers(tmp_path) == []


def test_backup_will_not_replace_a_file_unless_told(saved: Path, household: Path) -> None:
    before = sha256(saved)
    done = run_app("--data-dir", str(household), "backup", "-o", str(saved))
    assert done.returncode == 2
    one_plain_line(done.stderr)
    assert "already exists" in done.stderr
    assert "--yes" in done.stderr
    assert sha256(saved) == before

    again = run_app("--data-dir", str(household), "backup", "-o", str(saved), "--yes")
    assert again.returncode == 0, again.stderr


def test_backup_will_not_write_into_the_apps_own_folders(household: Path) -> None:
    before = folder_state(household)
    target = photos_dir(household) / "household.lonelybridge"
    done = run_app("--data-dir", str(household), "backup", "-o", str(target))
    assert done.returncode == 2
    one_plain_line(done.stderr)
    assert folder_state(household) == before


def test_restore_keeps_what_was_there_aside(saved: Path, tmp_path: Path, clock: FixedClock) -> None:
    other = prepare_data_dir(tmp_path / "used before")
    add_household_with_photos(other, clock)
    (photos_dir(other) / "only0123here.png").write_bytes(png_bytes(shade=3))
    before = folder_state(other)

    done = run_app("--data-dir", str(other), "restore", str(saved), "--yes")

    assert done.returncode == 0, done.stderr
    kept = [p for p in other.iterdir() if p.name.startswith(KEPT_PREFIX)]
    assert len(kept) == 1
    assert str(kept[0]) in done.stdout
    assert folder_state(kept[0]) == before
    assert not (photos_dir(other) / "only0123here.png").exists()


def test_restore_asks_first_and_no_changes_nothing(saved: Path, household: Path) -> None:
    before = folder_state(household)
    done = run_app("--data-dir", str(household), "restore", str(saved), stdin="n\n")
    assert done.returncode == 0, done.stderr
    assert "Nothing was changed." in done.stdout
    assert "kept aside" in done.stdout
    assert folder_state(household) == before
    assert _leftovers(household) == []


def test_restore_with_nobody_to_answer_changes_nothing(saved: Path, household: Path) -> None:
    before = folder_state(household)
    done = run_app("--data-dir", str(household), "restore", str(saved), stdin="")
    assert done.returncode == 2
    assert folder_state(household) == before
    assert _leftovers(household) == []


def test_restore_refuses_a_hostile_file_in_plain_words(
    saved: Path, household: Path, tmp_path: Path
) -> None:
    hostile = rewritten(
        saved,
        tmp_path / "hostile.lonelybridge",
        lambda members: add_member(members, "photos/../../escape.png", png_bytes()),
    )
    before = folder_state(household)

    done = run_app("--data-dir", str(household), "restore", str(hostile), "--yes")

    assert done.returncode == 2
    one_plain_line(done.stderr)
    assert "never puts in a household file" in done.stderr
    assert "Nothing was changed" in done.stderr
    assert folder_state(household) == before
    assert not (tmp_path / "escape.png").exists()
    assert _leftovers(household) == []


def test_restore_refuses_while_the_app_is_open(
    saved: Path, household: Path, tmp_path: Path
) -> None:
    apps = Apps(household, tmp_path)
    try:
        apps.start_painted("open")
        db = migrate.database_path(household)
        in_use = db.stat().st_ino
        done = run_app("--data-dir", str(household), "restore", str(saved), "--yes")
        assert done.returncode == 2
        one_plain_line(done.stderr)
        assert "Lonely Bridge is open; close it first" in done.stderr
        assert db.stat().st_ino == in_use
        assert not [p for p in household.iterdir() if p.name.startswith(KEPT_PREFIX)]
    finally:
        apps.stop_all()


@pytest.fixture
def disk(tmp_path: Path) -> Path:
    (tmp_path / "disk").mkdir()
    return tmp_path / "disk"


@needs_namespaces
def test_restore_on_a_full_disk_leaves_everything_as_it_was(
    saved: Path, household: Path, disk: Path
) -> None:
    before = folder_state(household)

    done = run_app_on_disk(household, disk, "restore", str(saved), "--yes", free=16 * 1024)

    assert done.returncode == 2, done.stdout
    one_plain_line(done.stderr)
    assert "run out of space" in done.stderr
    assert folder_state(done.after) == before
    assert _leftovers(done.after) == []


@needs_namespaces
def test_backup_on_a_full_disk_leaves_no_file_behind(household: Path, disk: Path) -> None:
    before = folder_state(household)
    target = "{DATA}/Margaret.lonelybridge"

    done = run_app_on_disk(household, disk, "backup", "-o", target, free=16 * 1024)

    assert done.returncode == 2, done.stdout
    one_plain_line(done.stderr)
    assert "run out of space" in done.stderr
    assert folder_state(done.after) == before
    assert _leftovers(done.after) == []


def test_a_restore_chosen_in_the_app_is_in_place_when_it_opens_again(
    saved: Path, household: Path, tmp_path: Path, clock: FixedClock
) -> None:
    """The app stages the file (the database is open); the next start puts it in place."""
    other = prepare_data_dir(tmp_path / "used before")
    add_household_with_photos(other, clock)
    (photos_dir(other) / "only0123here.png").write_bytes(png_bytes(shade=3))
    before = folder_state(other)
    stage_for_next_start(saved, migrate.database_path(other))

    done = run_app("--data-dir", str(other), "--no-err-windows", "--smoke-test")

    assert done.returncode == 0, done.stderr
    assert household_view(other, clock) == household_view(household, clock)
    assert not staged_file(other).exists()
    [kept] = [p for p in other.iterdir() if p.name.startswith(KEPT_PREFIX)]
    assert folder_state(kept) == before
