"""Putting a household file in place: the current data kept aside, never lost, even half-way."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from lonely_bridge.domain.errors import DiskFull, HouseholdFileUnusable
from lonely_bridge.storage import migrate
from lonely_bridge.storage.household_file import UNPACKING_PREFIX, save_household
from lonely_bridge.storage.household_names import KEPT_PREFIX, staged_file
from lonely_bridge.storage.household_restore import (
    restore_household,
    restore_staged,
    stage_for_next_start,
)
from lonely_bridge.system.paths import photos_dir, prepare_data_dir
from tests.doubles import FixedClock
from tests.e2e.driver import folder_state
from tests.household_files import add_household_with_photos, household_view, png_bytes

Places = tuple[Path, Path]


def _places(data_dir: Path) -> Places:
    return migrate.database_path(data_dir), photos_dir(data_dir)


def _fail_moving_in(monkeypatch: pytest.MonkeyPatch, target: Path, error: BaseException) -> None:
    """os.replace raises ``error`` as an unpacked file is about to move to ``target``; every
    other move (putting files back too) goes ahead."""
    real_replace = os.replace

    def replace(source: str | Path, destination: str | Path) -> None:
        if Path(destination) == target and UNPACKING_PREFIX in str(source):
            raise error
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)


@pytest.fixture
def household_file(tmp_path: Path, clock: FixedClock) -> Path:
    """Margaret's household, saved on her old computer in a folder named like a care file."""
    old = prepare_data_dir(tmp_path / "Client #12" / "old computer")
    add_household_with_photos(old, clock)
    target = tmp_path / "Client #12" / "Margaret's household.lonelybridge"
    save_household(*_places(old), target, now=clock.now())
    return target


@pytest.fixture
def other_household(tmp_path: Path, clock: FixedClock) -> Path:
    """A data folder already holding someone (a computer used before), with a photo."""
    folder = prepare_data_dir(tmp_path / "Client #12" / "new computer")
    add_household_with_photos(folder, clock)
    (photos_dir(folder) / "only0123here.png").write_bytes(png_bytes(shade=1))
    return folder


def test_a_new_computer_gets_the_whole_household(
    household_file: Path, tmp_path: Path, clock: FixedClock
) -> None:
    new = prepare_data_dir(tmp_path / "Client #12" / "brand new")

    restored = restore_household(household_file, *_places(new), now=clock.now())

    old = tmp_path / "Client #12" / "old computer"
    assert household_view(new, clock) == household_view(old, clock)
    assert restored.kept is None
    assert (restored.summary.people, restored.summary.plans) == (7, 4)
    assert sorted(p.name for p in new.iterdir()) == [migrate.DB_FILE_NAME, "photos"]


def test_what_was_there_is_kept_aside_unchanged(
    household_file: Path, other_household: Path, clock: FixedClock
) -> None:
    before = folder_state(other_household)

    restored = restore_household(household_file, *_places(other_household), now=clock.now())

    assert restored.kept == other_household / f"{KEPT_PREFIX}20261126T150000"
    kept = dict(folder_state(restored.kept).items())
    assert kept == before
    assert "only0123here.png" not in {p.name for p in photos_dir(other_household).iterdir()}
    old = household_file.parent / "old computer"
    assert household_view(other_household, clock) == household_view(old, clock)


def test_a_second_restore_in_the_same_second_keeps_both(
    household_file: Path, other_household: Path, clock: FixedClock
) -> None:
    first = restore_household(household_file, *_places(other_household), now=clock.now())
    second = restore_household(household_file, *_places(other_household), now=clock.now())
    assert first.kept is not None
    assert second.kept is not None
    assert first.kept != second.kept
    assert first.kept.is_dir()
    assert second.kept.is_dir()


def test_a_failure_half_way_puts_every_file_back(
    household_file: Path,
    other_household: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fails as the new photos move in, after the old ones moved aside."""
    before = folder_state(other_household)
    _fail_moving_in(
        monkeypatch,
        photos_dir(other_household),
        OSError(errno.ENOSPC, "No space left on device"),
    )

    with pytest.raises(DiskFull):
        restore_household(household_file, *_places(other_household), now=clock.now())

    assert folder_state(other_household) == before
    assert not list(other_household.glob(f"{KEPT_PREFIX}*"))
    assert not list(other_household.glob(f"{UNPACKING_PREFIX}*"))


def test_ctrl_c_between_two_moves_puts_every_file_back(
    household_file: Path,
    other_household: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = folder_state(other_household)
    # Ctrl+C as the new database is about to move in.
    _fail_moving_in(monkeypatch, migrate.database_path(other_household), KeyboardInterrupt())

    with pytest.raises(KeyboardInterrupt):
        restore_household(household_file, *_places(other_household), now=clock.now())

    assert folder_state(other_household) == before
    assert not list(other_household.glob(f"{KEPT_PREFIX}*"))


def test_a_staged_file_is_put_in_place_at_the_next_start(
    household_file: Path, other_household: Path, clock: FixedClock
) -> None:
    db, photos = _places(other_household)
    stage_for_next_start(household_file, db)
    assert staged_file(other_household).is_file()

    restored = restore_staged(db, photos, now=clock.now())

    assert restored is not None
    assert restored.kept is not None
    assert not staged_file(other_household).exists()
    old = household_file.parent / "old computer"
    assert household_view(other_household, clock) == household_view(old, clock)


def test_without_a_staged_file_the_start_changes_nothing(
    other_household: Path, clock: FixedClock
) -> None:
    before = folder_state(other_household)
    assert restore_staged(*_places(other_household), now=clock.now()) is None
    assert folder_state(other_household) == before


def test_a_staged_file_that_fails_its_check_is_set_aside_and_changes_nothing(
    other_household: Path, clock: FixedClock
) -> None:
    staged_file(other_household).write_bytes(b"not a household file")
    before = {
        k: v for k, v in folder_state(other_household).items() if not k.startswith("restore-")
    }

    with pytest.raises(HouseholdFileUnusable):
        restore_staged(*_places(other_household), now=clock.now())

    after = folder_state(other_household)
    assert not staged_file(other_household).exists()
    assert "not-restored-20261126T150000.lonelybridge" in after
    del after["not-restored-20261126T150000.lonelybridge"]
    assert after == before
