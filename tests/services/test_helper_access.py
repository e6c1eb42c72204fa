"""Helper mode: a PIN kept only as a scrypt hash, a growing wait after wrong tries that survives
closing the app and clock changes, and closing by itself after ten idle minutes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from lonely_bridge.domain.errors import HelperLocked, PinInvalid
from lonely_bridge.domain.pin import PinHash
from lonely_bridge.domain.settings import HELPER_PIN, PIN_LAST_WRONG, PIN_WRONG_TRIES
from lonely_bridge.services.helper_access import (
    IDLE_LIMIT,
    LONGEST_WAIT,
    HelperAccess,
    Outcome,
    Unlocking,
    wait_after,
)
from lonely_bridge.services.settings import read
from lonely_bridge.storage.migrate import database_path, open_database
from lonely_bridge.storage.stores import Stores, open_stores
from tests.doubles import FixedClock

PIN = "4821"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    place = tmp_path / "helper-data"
    place.mkdir()
    return place


@pytest.fixture
def reopen(folder: Path, clock: FixedClock) -> Iterator[object]:
    """``reopen()`` opens the data folder afresh, as a new start of the app does."""
    opened: list[Stores] = []

    def open_() -> Stores:
        stores = open_stores(open_database(folder, now=clock.now()))
        opened.append(stores)
        return stores

    yield open_
    for stores in opened:
        stores.close()


@pytest.fixture
def stores(reopen: object) -> Stores:
    return reopen()  # type: ignore[operator,no-any-return]


@pytest.fixture
def access(stores: Stores, clock: FixedClock) -> HelperAccess:
    return HelperAccess(stores.settings, clock)


def saved_rows(folder: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(database_path(folder))) as connection:
        return connection.execute("SELECT key, value_json FROM settings").fetchall()


def wrong_tries(access: HelperAccess, count: int) -> None:
    for _ in range(count):
        access.unlock("0000")


def test_the_pin_is_kept_as_a_salted_scrypt_hash_never_as_typed(
    access: HelperAccess, stores: Stores, folder: Path
) -> None:
    access.set_pin(PIN)

    stored = read(stores.settings, HELPER_PIN)
    assert stored is not None
    assert stored.text.startswith("scrypt$16384$8$1$")
    assert stored.matches(PIN)
    rows = saved_rows(folder)
    pin_rows = [value for key, value in rows if key == HELPER_PIN.key]
    assert len(pin_rows) == 1
    assert "scrypt$" in pin_rows[0]
    assert all(PIN not in value for _key, value in rows)


def test_each_pin_gets_its_own_salt(access: HelperAccess, stores: Stores) -> None:
    access.set_pin(PIN)
    first = read(stores.settings, HELPER_PIN)
    access.set_pin(PIN)
    second = read(stores.settings, HELPER_PIN)
    assert first is not None
    assert second is not None
    assert first.salt != second.salt
    assert first.digest != second.digest


def test_with_no_pin_set_the_first_one_may_be_set_and_opens_helper_mode(
    access: HelperAccess,
) -> None:
    assert not access.has_pin()
    assert access.unlock(PIN).outcome is Outcome.NO_PIN
    access.set_pin(PIN)
    assert access.has_pin()
    assert access.is_open()


def test_a_new_pin_needs_helper_mode_open(access: HelperAccess, stores: Stores) -> None:
    access.set_pin(PIN)
    access.lock()
    with pytest.raises(HelperLocked):
        access.set_pin("1111")
    assert access.unlock("1111").outcome is Outcome.WRONG
    assert access.unlock(PIN).outcome is Outcome.OPENED
    access.set_pin("12345678")
    access.lock()
    assert access.unlock(PIN).outcome is Outcome.WRONG
    assert access.unlock("12345678").outcome is Outcome.OPENED


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", ""])
def test_a_pin_of_the_wrong_shape_is_refused_and_nothing_saved(
    access: HelperAccess, pin: str
) -> None:
    with pytest.raises(PinInvalid):
        access.set_pin(pin)
    assert not access.has_pin()


def test_the_wait_grows_after_three_free_tries_and_stops_at_an_hour() -> None:
    waits = [wait_after(tries) for tries in range(12)]
    assert waits[:4] == [timedelta(0)] * 4
    assert waits[4:9] == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480)]
    assert wait_after(11) == LONGEST_WAIT
    assert wait_after(10**9) == LONGEST_WAIT


def test_wrong_tries_make_the_next_one_wait_and_the_right_pin_waits_too(
    access: HelperAccess, clock: FixedClock
) -> None:
    access.set_pin(PIN)
    access.lock()
    wrong_tries(access, 3)
    result = access.unlock("9999")
    assert result == Unlocking(Outcome.WRONG, timedelta(seconds=30))
    clock.advance(seconds=10)
    waiting = access.unlock(PIN)
    assert waiting.outcome is Outcome.WAIT
    assert waiting.wait == timedelta(seconds=20)
    assert not access.is_open()
    clock.advance(seconds=20)
    assert access.unlock(PIN).outcome is Outcome.OPENED
    assert access.wrong_tries() == 0
    assert access.wait_left() == timedelta(0)


def test_the_wait_survives_closing_and_opening_the_app(
    reopen: object, stores: Stores, clock: FixedClock, folder: Path
) -> None:
    first = HelperAccess(stores.settings, clock)
    first.set_pin(PIN)
    first.lock()
    wrong_tries(first, 4)  # the fourth wrong try asks for 30 seconds
    clock.advance(seconds=10)
    stores.close()

    again = reopen()  # type: ignore[operator]
    restarted = HelperAccess(again.settings, clock)
    assert restarted.wrong_tries() == 4
    assert restarted.wait_left() == timedelta(seconds=20)
    assert restarted.unlock(PIN).outcome is Outcome.WAIT
    clock.advance(seconds=20)
    assert restarted.unlock("0000").wait == timedelta(minutes=1)  # the count went on
    assert restarted.wait_left() == timedelta(minutes=1)


def test_a_clock_set_back_does_not_make_the_wait_endless(
    access: HelperAccess, clock: FixedClock, stores: Stores
) -> None:
    access.set_pin(PIN)
    access.lock()
    wrong_tries(access, 4)  # 30 seconds
    clock.set(clock.now() - timedelta(days=400))
    assert access.wait_left() == timedelta(seconds=30)
    clock.advance(seconds=30)
    assert access.wait_left() == timedelta(0)
    assert access.unlock(PIN).outcome is Outcome.OPENED


def test_a_clock_set_back_a_little_never_makes_the_wait_longer_than_the_full_wait(
    reopen: object, stores: Stores, clock: FixedClock
) -> None:
    access = HelperAccess(stores.settings, clock)
    access.set_pin(PIN)
    access.lock()
    wrong_tries(access, 4)
    clock.set(clock.now() - timedelta(seconds=5))
    restarted = HelperAccess(stores.settings, clock)
    assert timedelta(0) <= restarted.wait_left() <= timedelta(seconds=30)


def test_a_clock_set_forward_does_not_end_the_wait_while_the_app_runs(
    access: HelperAccess, clock: FixedClock
) -> None:
    access.set_pin(PIN)
    access.lock()
    wrong_tries(access, 4)
    clock.set(clock.now() + timedelta(days=1))
    assert access.wait_left() == timedelta(seconds=30)
    assert access.unlock(PIN).outcome is Outcome.WAIT


def test_a_saved_last_wrong_try_in_the_future_is_never_a_negative_wait(
    access: HelperAccess, stores: Stores, clock: FixedClock
) -> None:
    access.set_pin(PIN)
    access.lock()
    stores.settings.set_setting(PIN_WRONG_TRIES.key, 4, now=clock.now())
    stores.settings.set_setting(PIN_LAST_WRONG.key, "2999-01-01T00:00:00+00:00", now=clock.now())
    left = access.wait_left()
    assert timedelta(0) < left <= timedelta(seconds=30)


def test_helper_mode_closes_after_ten_idle_minutes(access: HelperAccess, clock: FixedClock) -> None:
    access.set_pin(PIN)
    clock.advance(minutes=9)
    access.touch()
    clock.advance(minutes=9)
    assert access.is_open()
    assert access.idle_left() == timedelta(minutes=1)
    clock.advance(seconds=IDLE_LIMIT.total_seconds() - 9 * 60)
    assert not access.is_open()
    access.touch()  # activity after it closed does not open it again
    assert not access.is_open()


def test_idle_time_ignores_the_date_being_changed(access: HelperAccess, clock: FixedClock) -> None:
    access.set_pin(PIN)
    clock.set(clock.now() + timedelta(hours=3))
    assert access.is_open()


def test_done_closes_helper_mode(access: HelperAccess) -> None:
    access.set_pin(PIN)
    access.lock()
    assert not access.is_open()
    with pytest.raises(HelperLocked):
        access.set_pin("1234")


def test_a_pin_hash_written_by_a_care_worker_opens_helper_mode(
    access: HelperAccess, stores: Stores, clock: FixedClock
) -> None:
    # What ``lonely-bridge provision`` saves: the hash, with the wrong tries cleared.
    stores.settings.set_setting(PIN_WRONG_TRIES.key, 9, now=clock.now())
    stores.settings.set_setting(HELPER_PIN.key, PinHash.of("7531").text, now=clock.now())
    stores.settings.set_setting(PIN_WRONG_TRIES.key, 0, now=clock.now())
    assert access.unlock("7531").outcome is Outcome.OPENED


def test_confirming_with_the_pin_counts_wrong_tries_but_opens_nothing(
    access: HelperAccess, clock: FixedClock
) -> None:
    access.set_pin(PIN)
    access.lock()
    assert access.confirm(PIN).outcome is Outcome.OPENED
    assert not access.is_open()
    for _ in range(4):
        access.confirm("1111")
    assert access.confirm(PIN) == Unlocking(Outcome.WAIT, timedelta(seconds=30))
    assert access.unlock(PIN).outcome is Outcome.WAIT  # the same wait, whichever asks
    clock.advance(seconds=30)
    assert access.confirm(PIN).outcome is Outcome.OPENED
    assert access.wrong_tries() == 0
    assert not access.is_open()
