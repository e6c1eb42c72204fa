"""Starting on a lost or damaged file: a calm question, and the newest good copy put back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lonely_bridge.app.compose import open_store
from lonely_bridge.domain.errors import DatabaseDamaged, DatabaseMissing
from lonely_bridge.storage import migrate
from lonely_bridge.ui.messages import Messenger
from tests.doubles import FixedClock
from tests.e2e.driver import DEMO_NAMES, daily_backup, damage, names


@pytest.fixture
def household(open_app_store: Callable[..., object], data_dir: Path) -> Path:
    """A demo household, closed, with one daily copy."""
    store = open_app_store(demo=True)
    store.close()  # type: ignore[attr-defined]
    daily_backup(data_dir)
    return data_dir


def _lose(data_dir: Path, how: str) -> None:
    db = migrate.database_path(data_dir)
    if how == "deleted":
        db.unlink()
    elif how == "emptied":
        db.write_bytes(b"")
    else:
        damage(db)
        migrate.request_check(data_dir)  # as a check after an earlier first paint asks


@pytest.mark.parametrize("how", ["deleted", "emptied", "damaged"])
@pytest.mark.allow_log("lonely_bridge.app", "WARNING")
def test_the_person_is_asked_and_the_copy_is_put_back(
    qtbot: QtBot, household: Path, clock: FixedClock, press_in_modal, click_worded, how: str
) -> None:
    _lose(household, how)
    presser = press_in_modal(click_worded("Use the copy"))
    store = open_store(household, clock, messenger=Messenger(windows=True), demo=False)
    try:
        assert len(presser.seen) == 1
        assert {p.name for p in store.list_people()} == DEMO_NAMES
    finally:
        store.close()
    assert names(migrate.database_path(household)) == DEMO_NAMES
    assert not migrate.check_requested(household)


@pytest.mark.parametrize("how", ["deleted", "emptied", "damaged"])
def test_closing_for_now_changes_nothing(
    qtbot: QtBot, household: Path, clock: FixedClock, press_in_modal, click_worded, how: str
) -> None:
    _lose(household, how)
    before = sorted(p.name for p in household.rglob("*"))
    press_in_modal(click_worded("Close for now"))
    with pytest.raises((DatabaseMissing, DatabaseDamaged)):
        open_store(household, clock, messenger=Messenger(windows=True), demo=False)
    assert sorted(p.name for p in household.rglob("*")) == before
