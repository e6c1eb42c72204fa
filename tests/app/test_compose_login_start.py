"""What the Settings screen calls when "Start at login" changes: the entry follows the setting,
and names the data folder only when it is not the usual one."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lonely_bridge import APP_ID
from lonely_bridge.app.compose import Composition, Edges, build_services, open_store
from lonely_bridge.domain.settings import START_AT_LOGIN
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.autostart import AT_LOGIN_OPTION, XdgLoginStart
from lonely_bridge.system.paths import prepare_data_dir
from lonely_bridge.ui.messages import Messenger
from tests.desktop_entry import exec_program, parse_entry
from tests.doubles import FixedClock

PROGRAM = [sys.executable, "-m", "lonely_bridge"]


@pytest.fixture
def entry(tmp_path: Path) -> XdgLoginStart:
    return XdgLoginStart(tmp_path / "home", config_home=tmp_path / "config")


@contextmanager
def composition_for(
    data_dir: Path, clock: FixedClock, entry: XdgLoginStart
) -> Iterator[Composition]:
    stores: Stores = open_store(data_dir, clock, messenger=Messenger(windows=False), demo=False)
    edges = Edges(clock, login_start=entry)
    try:
        yield Composition(
            build_services(stores, edges, data_dir), data_dir, edges, Messenger(windows=False)
        )
    finally:
        stores.close()


def runs(entry: XdgLoginStart) -> list[str]:
    return exec_program(parse_entry(entry.path.read_text(encoding="utf-8")))


def test_another_folder_is_named_in_the_entry(
    data_dir: Path, clock: FixedClock, entry: XdgLoginStart
) -> None:
    with composition_for(data_dir, clock, entry) as composition:
        assert composition.apply_login_start() is True
    assert runs(entry) == [*PROGRAM, "--data-dir", str(data_dir), AT_LOGIN_OPTION]


def test_the_usual_folder_is_left_unnamed(
    tmp_path: Path, clock: FixedClock, entry: XdgLoginStart, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data home"))
    usual = prepare_data_dir(tmp_path / "data home" / APP_ID)
    with composition_for(usual, clock, entry) as composition:
        composition.apply_login_start()
    assert runs(entry) == [*PROGRAM, AT_LOGIN_OPTION]


def test_turned_off_in_settings_the_entry_goes(
    data_dir: Path, clock: FixedClock, entry: XdgLoginStart
) -> None:
    with composition_for(data_dir, clock, entry) as composition:
        composition.apply_login_start()
        composition.services.settings.set(START_AT_LOGIN, False)
        assert composition.apply_login_start() is False
    assert not entry.path.exists()
