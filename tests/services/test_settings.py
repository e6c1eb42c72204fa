"""SettingsService: the text size and the owner's name, kept across restarts, never broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from lonely_bridge.domain.settings import DEFAULT_TEXT_SIZE, TEXT_SIZE_KEY, TextSize
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.store import AppStore
from tests.doubles import FixedClock


def test_a_new_household_reads_in_the_default_size_with_no_name(
    settings: SettingsService,
) -> None:
    assert settings.text_size() is DEFAULT_TEXT_SIZE
    assert settings.owner_name() == ""


@pytest.mark.parametrize("size", list(TextSize))
def test_the_chosen_size_is_kept_after_a_restart(
    settings: SettingsService, store_folder: Path, clock: FixedClock, size: TextSize
) -> None:
    settings.set_text_size(size)

    reopened = AppStore(open_database(store_folder, now=clock.now()))
    try:
        assert SettingsService(reopened, clock).text_size() is size
    finally:
        reopened.close()


@pytest.mark.parametrize("stored", ["enormous", 3, None, ["large"]])
def test_a_size_this_version_does_not_know_reads_as_the_default(
    settings: SettingsService, app_store: AppStore, clock: FixedClock, stored: object
) -> None:
    app_store.set_setting(TEXT_SIZE_KEY, stored, now=clock.now())

    assert settings.text_size() is DEFAULT_TEXT_SIZE


def test_the_owner_name_is_kept_without_stray_spaces(settings: SettingsService) -> None:
    settings.set_owner_name("  Margaret \n")

    assert settings.owner_name() == "Margaret"


def test_an_owner_name_that_is_not_text_reads_as_none(
    settings: SettingsService, app_store: AppStore, clock: FixedClock
) -> None:
    app_store.set_setting("owner_name", 42, now=clock.now())

    assert settings.owner_name() == ""
