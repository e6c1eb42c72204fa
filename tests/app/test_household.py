"""A restore chosen in the app is put in place at the next start, before the database opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from lonely_bridge.app.household import DataFolderHouseholdFiles, restore_staged_household
from lonely_bridge.domain.errors import OutputRefused
from lonely_bridge.storage.household_names import KEPT_PREFIX, staged_file
from lonely_bridge.system.paths import photos_dir
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.e2e.driver import folder_state
from tests.household_files import (
    add_household_with_photos,
    household_on_another_computer,
    household_view,
)


class RecordingMessenger(Messenger):
    """Stands in for the message boxes: records what the person would be told."""

    def __init__(self) -> None:
        super().__init__(windows=False)
        self.told: list[str] = []

    def inform(self, parent: object, title: str, text: str, *, topic: str) -> None:
        self.told.append(f"{title}: {text}")

    def error(
        self, parent: object, title: str, text: str, *, topic: str, details: str = ""
    ) -> None:
        self.told.append(f"{title}: {text}")


@pytest.fixture
def old_computer(tmp_path: Path, clock: FixedClock) -> Path:
    return household_on_another_computer(tmp_path / "Client #12" / "old laptop", clock)


@pytest.fixture
def household(data_dir: Path, clock: FixedClock) -> Path:
    add_household_with_photos(data_dir, clock)
    return data_dir


def test_a_staged_household_is_in_place_when_the_app_opens_again(
    old_computer: Path, household: Path, clock: FixedClock, tmp_path: Path
) -> None:
    files = DataFolderHouseholdFiles(old_computer, clock)
    written, _summary = files.save(tmp_path / "Margaret")
    before = folder_state(household)
    DataFolderHouseholdFiles(household, clock).stage(written)
    messenger = RecordingMessenger()

    restore_staged_household(household, clock, messenger)

    assert household_view(household, clock) == household_view(old_computer, clock)
    assert not staged_file(household).exists()
    [kept] = [p for p in household.iterdir() if p.name.startswith(KEPT_PREFIX)]
    assert folder_state(kept) == before
    [told] = messenger.told
    assert told.startswith("The household is restored: Lonely Bridge now holds 8 people")
    assert str(kept) in told


def test_without_a_staged_household_the_start_changes_nothing(
    household: Path, clock: FixedClock
) -> None:
    before = folder_state(household)
    messenger = RecordingMessenger()
    restore_staged_household(household, clock, messenger)
    assert folder_state(household) == before
    assert messenger.told == []


@pytest.mark.allow_log("lonely_bridge.app.household", "WARNING")
def test_a_staged_file_that_fails_is_explained_and_the_household_opens_as_it_was(
    household: Path, clock: FixedClock
) -> None:
    staged_file(household).write_bytes(b"PK\x03\x04 half a zip")
    before = {k: v for k, v in folder_state(household).items() if not k.startswith("restore-")}
    messenger = RecordingMessenger()

    restore_staged_household(household, clock, messenger)

    after = folder_state(household)
    assert not staged_file(household).exists()
    assert [k for k in after if k.startswith("not-restored-")] != []
    assert {k: v for k, v in after.items() if not k.startswith("not-restored-")} == before
    [told] = messenger.told
    assert told.startswith("That household file can't be used")
    assert "Nothing was changed" in told


def test_the_app_never_saves_a_household_file_into_its_own_folders(
    household: Path, clock: FixedClock
) -> None:
    with pytest.raises(OutputRefused):
        DataFolderHouseholdFiles(household, clock).save(photos_dir(household) / "h")


@pytest.mark.parametrize(
    "where",
    ["kept-before-restore-20261126T150000/household", "restore-on-next-start.lonelybridge"],
)
def test_nothing_is_written_over_what_a_restore_kept_or_waits_to_use(
    household: Path, clock: FixedClock, where: str
) -> None:
    with pytest.raises(OutputRefused):
        DataFolderHouseholdFiles(household, clock).save(household / where)
