"""Settings, made from the settings table: a control for every shown setting, the older
adult's openly and the helper's only in helper mode, each change saved and kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lonely_bridge.domain.settings import (
    CHECK_IN_EVERY_DAYS,
    HOME_ZONE,
    MAIL_SERVER,
    OWNER_NAME,
    SETTINGS,
    SOUNDS_ON,
    SPEECH_SPEED,
    TEXT_SIZE,
    TRUSTED_JITSI_HOSTS,
    Role,
    SpeechSpeed,
    TextSize,
)
from lonely_bridge.services.settings import read
from lonely_bridge.storage.stores import Stores
from lonely_bridge.ui.main_window import MainWindow
from lonely_bridge.ui.pages.settings import SettingsPage, control_name
from lonely_bridge.ui.widgets.place_chooser import PlaceChooser
from tests.doubles import FixedClock
from tests.ui.conftest import HELPER_PIN_TYPED, open_helper_tools

T = TypeVar("T", bound=QWidget)
SHOWN = [setting for setting in SETTINGS if setting.shown]
OLDER_ADULT = [s for s in SHOWN if s.changed_by is Role.OLDER_ADULT]
HELPER = [s for s in SHOWN if s.changed_by is Role.HELPER]


def settings_page(window: MainWindow) -> SettingsPage:
    names = [nav.objectName() for nav in window.nav_buttons]
    window.show_page(names.index("navSettingsPage"))
    page = window.current_page
    assert isinstance(page, SettingsPage)
    QApplication.processEvents()
    return page


def shown(root: QWidget, kind: type[T], name: str) -> T:
    QApplication.processEvents()
    [found] = [w for w in root.findChildren(kind, name) if w.isVisibleTo(root)]
    return found


def shown_names(root: QWidget) -> set[str]:
    QApplication.processEvents()
    return {w.objectName() for w in root.findChildren(QWidget) if w.isVisibleTo(root)}


@pytest.fixture
def window(app_store: Stores, build_window: Callable[..., MainWindow]) -> MainWindow:
    return build_window(app_store)


def test_the_table_has_settings_for_both_people() -> None:
    assert OLDER_ADULT
    assert HELPER


def test_every_older_adult_setting_has_a_control_shown_without_a_pin(window: MainWindow) -> None:
    page = settings_page(window)
    assert page.form is not None
    assert set(page.form.controls) == set(OLDER_ADULT)
    names = shown_names(page)
    for setting in OLDER_ADULT:
        assert control_name(setting) in names, setting.key
    assert not {control_name(setting) for setting in HELPER} & names


def test_helper_settings_show_only_in_helper_mode(window: MainWindow) -> None:
    helper_names = {control_name(setting) for setting in HELPER}
    names = [nav.objectName() for nav in window.nav_buttons]
    window.show_page(names.index("navHelperPage"))
    assert not helper_names & shown_names(window.current_page)  # no PIN set yet
    page = open_helper_tools(window)
    assert page.helper_settings is not None
    assert set(page.helper_settings.controls) == set(HELPER)
    assert helper_names <= shown_names(page)
    page.done()
    window.show_page(names.index("navHelperPage"))
    assert not helper_names & shown_names(window.current_page)


def test_changes_are_saved_and_read_back_after_reopening(
    qtbot: QtBot,
    app_store: Stores,
    build_window: Callable[..., MainWindow],
    open_app_store: Callable[..., Stores],
) -> None:
    window = build_window(app_store)
    page = settings_page(window)
    qtbot.mouseClick(
        shown(page, QPushButton, f"{control_name(SOUNDS_ON)}False"), Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(
        shown(page, QPushButton, f"{control_name(SPEECH_SPEED)}Slower"),
        Qt.MouseButton.LeftButton,
    )
    name = shown(page, QLineEdit, control_name(OWNER_NAME))
    name.setText("  Margaret   Jones ")
    name.editingFinished.emit()
    assert name.text() == "Margaret Jones"  # as kept

    helper = open_helper_tools(window)
    days = shown(helper, QSpinBox, control_name(CHECK_IN_EVERY_DAYS))
    assert (days.minimum(), days.maximum()) == (1, 365)
    days.setValue(14)
    chooser = shown(helper, PlaceChooser, f"{control_name(HOME_ZONE)}Places")
    chooser.search.setFocus()
    qtbot.keyClicks(chooser.search, "Lond")
    qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    assert chooser.zone == "Europe/London"
    assert chooser.search.text() == "London"
    assert shown(helper, QLabel, f"{control_name(HOME_ZONE)}Now").text() == "Now: London"
    window.close()
    app_store.close()

    again = open_app_store(demo=False)
    assert read(again.settings, SOUNDS_ON) is False
    assert read(again.settings, SPEECH_SPEED) is SpeechSpeed.SLOWER
    assert read(again.settings, OWNER_NAME) == "Margaret Jones"
    assert read(again.settings, CHECK_IN_EVERY_DAYS) == 14
    assert read(again.settings, HOME_ZONE) == "Europe/London"
    reopened = settings_page(build_window(again))
    off = shown(reopened, QPushButton, f"{control_name(SOUNDS_ON)}False")
    assert off.isChecked()
    assert shown(reopened, QLineEdit, control_name(OWNER_NAME)).text() == "Margaret Jones"


def test_the_text_size_chosen_on_the_page_is_applied_at_once(
    qtbot: QtBot, window: MainWindow, app_store: Stores
) -> None:
    page = settings_page(window)
    qtbot.mouseClick(
        shown(page, QPushButton, f"{control_name(TEXT_SIZE)}Largest"), Qt.MouseButton.LeftButton
    )
    assert read(app_store.settings, TEXT_SIZE) is TextSize.LARGEST
    assert QApplication.font().pointSize() == TextSize.LARGEST.points
    assert window.size_buttons[TextSize.LARGEST].isChecked()


@pytest.mark.allow_log("lonely_bridge.ui.messages", "ERROR")
def test_a_value_that_does_not_fit_is_explained_and_nothing_changes(
    window: MainWindow, app_store: Stores, caplog: pytest.LogCaptureFixture
) -> None:
    helper = open_helper_tools(window)
    hosts = shown(helper, QLineEdit, control_name(TRUSTED_JITSI_HOSTS))
    hosts.setText("meet.example.org, not a server!")
    hosts.editingFinished.emit()
    assert read(app_store.settings, TRUSTED_JITSI_HOSTS) == frozenset()
    assert hosts.text() == ""
    assert "Told of a problem: setting_invalid" in caplog.text
    hosts.setText("meet.example.org, Jitsi.Family.org")
    hosts.editingFinished.emit()
    assert read(app_store.settings, TRUSTED_JITSI_HOSTS) == {
        "meet.example.org",
        "jitsi.family.org",
    }


def test_your_information_opens_its_window_without_a_pin(
    qtbot: QtBot, window: MainWindow, press_in_modal: Callable[..., Any]
) -> None:
    page = settings_page(window)
    presser = press_in_modal(lambda dialog: dialog.reject())
    with qtbot.waitSignal(page.my_information_requested):
        qtbot.mouseClick(shown(page, QPushButton, "myInformation"), Qt.MouseButton.LeftButton)
    assert presser.seen == ["MyInformationDialog#myInformationDialog"]


def test_the_email_setting_opens_the_email_window(
    qtbot: QtBot, window: MainWindow, press_in_modal: Callable[..., Any]
) -> None:
    helper = open_helper_tools(window)
    presser = press_in_modal(lambda dialog: dialog.reject())
    qtbot.mouseClick(
        shown(helper, QPushButton, control_name(MAIL_SERVER)), Qt.MouseButton.LeftButton
    )
    assert presser.seen == ["EmailSettingsDialog#emailSettingsDialog"]


def test_your_information_takes_the_helpers_pin_as_helper_mode_does(
    qtbot: QtBot,
    window: MainWindow,
    app_store: Stores,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "Delete everything" accepts the helper's PIN: checked with the same wrong-try count
    and wait as helper mode, and without opening helper mode."""
    from lonely_bridge.app.compose import Composition
    from lonely_bridge.domain.settings import PIN_WRONG_TRIES

    checks: list[Callable[[str], bool] | None] = []

    class Shown:
        def exec(self) -> int:
            return 0

    def record(_self: Composition, _parent: object = None, *, check_pin: Any = None) -> Shown:
        checks.append(check_pin)
        return Shown()

    monkeypatch.setattr(Composition, "my_information_dialog", record)
    page = settings_page(window)
    qtbot.mouseClick(shown(page, QPushButton, "myInformation"), Qt.MouseButton.LeftButton)
    assert checks == [None]  # no PIN set: the PIN cannot stand in for anything

    helper = open_helper_tools(window)
    helper.done()
    page = settings_page(window)
    qtbot.mouseClick(shown(page, QPushButton, "myInformation"), Qt.MouseButton.LeftButton)
    check = checks[-1]
    assert check is not None
    assert check(HELPER_PIN_TYPED)
    assert not helper.is_open
    assert [check("0000") for _ in range(4)] == [False] * 4
    assert read(app_store.settings, PIN_WRONG_TRIES) == 4
    assert not check(HELPER_PIN_TYPED)  # waiting, as helper mode would
    clock.advance(seconds=30)
    assert check(HELPER_PIN_TYPED)
    assert not helper.is_open


def test_the_home_place_can_go_back_to_the_computers_own_time(
    qtbot: QtBot, window: MainWindow, app_store: Stores
) -> None:
    helper = open_helper_tools(window)
    chooser = shown(helper, PlaceChooser, f"{control_name(HOME_ZONE)}Places")
    qtbot.keyClicks(chooser.search, "Sydney")
    qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    assert read(app_store.settings, HOME_ZONE) == "Australia/Sydney"
    qtbot.mouseClick(
        shown(helper, QPushButton, f"{control_name(HOME_ZONE)}Own"), Qt.MouseButton.LeftButton
    )
    assert read(app_store.settings, HOME_ZONE) is None
    now = shown(helper, QLabel, f"{control_name(HOME_ZONE)}Now")
    assert now.text() == "Now: this computer's own time"
    assert chooser.zone is None
