"""The login entry follows the START_AT_LOGIN setting both ways, over a real store and a real
XDG autostart folder in a temporary home."""

from __future__ import annotations

from pathlib import Path

import pytest

from lonely_bridge.domain.errors import LoginStartNotChanged
from lonely_bridge.domain.settings import START_AT_LOGIN
from lonely_bridge.services.login_start import sync_login_start
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.storage.stores import Stores
from lonely_bridge.system.autostart import XdgLoginStart
from tests.doubles import FixedClock

PROGRAM = ("/usr/bin/python3", "-m", "lonely_bridge", "--at-login")


@pytest.fixture
def settings(app_store: Stores, clock: FixedClock) -> SettingsService:
    return SettingsService(app_store.settings, clock)


@pytest.fixture
def entry(tmp_path: Path) -> XdgLoginStart:
    return XdgLoginStart(tmp_path / "home", config_home=tmp_path / "config")


def test_by_default_the_app_starts_at_login(
    settings: SettingsService, entry: XdgLoginStart
) -> None:
    assert sync_login_start(settings, entry, program=PROGRAM) is True
    assert entry.is_enabled()


def test_the_entry_follows_the_setting_off_and_on_again(
    settings: SettingsService, entry: XdgLoginStart
) -> None:
    sync_login_start(settings, entry, program=PROGRAM)

    settings.set(START_AT_LOGIN, False)
    assert sync_login_start(settings, entry, program=PROGRAM) is False
    assert not entry.is_enabled()
    assert not entry.path.exists()

    settings.set(START_AT_LOGIN, True)
    assert sync_login_start(settings, entry, program=PROGRAM) is True
    assert entry.is_enabled()
    assert sorted(p.name for p in entry.path.parent.iterdir()) == [entry.path.name]


def test_off_with_no_entry_writes_nothing(
    settings: SettingsService, entry: XdgLoginStart, tmp_path: Path
) -> None:
    settings.set(START_AT_LOGIN, False)

    assert sync_login_start(settings, entry, program=PROGRAM) is False
    assert not (tmp_path / "config").exists()


class RefusingLoginStart:
    """A computer that refuses every change (the real refusals are in tests/system)."""

    def __init__(self) -> None:
        self.enabled = True

    def enable(self, program: object) -> None:
        raise LoginStartNotChanged(problem="read_only", place="/nowhere", turning_on=True)

    def disable(self) -> None:
        raise LoginStartNotChanged(problem="read_only", place="/nowhere", turning_on=False)

    def is_enabled(self) -> bool:
        return self.enabled


def test_a_refusal_leaves_the_setting_as_the_helper_chose(settings: SettingsService) -> None:
    settings.set(START_AT_LOGIN, False)

    with pytest.raises(LoginStartNotChanged):
        sync_login_start(settings, RefusingLoginStart(), program=PROGRAM)

    assert settings.get(START_AT_LOGIN) is False
