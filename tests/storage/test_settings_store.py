"""The settings store: any JSON value by key, overwritten in place, with a default."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock


@pytest.mark.parametrize(
    "value", ["largest", 42, ["Anna", "Tom"], {"size": 2, "voice": None}, True, 2.5]
)
def test_settings_round_trip(store: Stores, clock: FixedClock, value: object) -> None:
    store.settings.set_setting("key", value, now=clock.now())
    assert store.settings.get_setting("key") == value
    assert type(store.settings.get_setting("key")) is type(value)


def test_settings_overwrite_and_default(store: Stores, clock: FixedClock) -> None:
    assert store.settings.get_setting("text_size") is None
    assert store.settings.get_setting("text_size", "large") == "large"
    store.settings.set_setting("text_size", "larger", now=clock.now())
    store.settings.set_setting("text_size", "largest", now=clock.now() + timedelta(minutes=1))
    store.settings.set_setting("other", 1, now=clock.now())
    assert store.settings.get_setting("text_size") == "largest"
    assert store.settings.get_setting("other") == 1


# Plans --------------------------------------------------------------------------------------


def test_a_setting_written_with_sqlite3_reads_back_through_the_orm_too(
    store: Stores, clock: FixedClock
) -> None:
    # Written without SQLAlchemy (it must not load for the first seconds' writes), the row is
    # the same one the ORM reads: its time in the stored form, and its value as JSON.
    store.settings.set_setting("text_size", "larger", now=clock.now())
    store.settings.set_setting("text_size", "largest", now=clock.now())
    with store.sessions() as session:
        from lonely_bridge.storage.orm import SettingRow

        row = session.get(SettingRow, "text_size")
        assert row is not None
        assert row.value_json == '"largest"'
        assert row.updated_at == clock.now()
