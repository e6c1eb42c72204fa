"""Settings are read and written through the table, against a real database on disk."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.errors import SettingInvalid
from lonely_bridge.domain.insight import Level
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.pin import PinHash
from lonely_bridge.domain.settings import (
    CHECK_IN_EVERY_DAYS,
    CHECK_IN_PUT_OFF_ON,
    HELPER_PIN,
    HOME_ZONE,
    INSIGHT_COUNTS_FROM,
    INSIGHT_PAUSED,
    LAST_SEEN,
    MAIL_SERVER,
    OWNER_NAME,
    PIN_LAST_WRONG,
    PIN_WRONG_TRIES,
    RECOMMENDED_LESSONS,
    REFRAME_LAST_SHOWN,
    REFRAMES_SHOWN,
    SET_UP_STATE,
    SET_UP_STEP,
    SETTINGS,
    SOUNDS_ON,
    SPEECH_SPEED,
    SPEECH_VOICE,
    START_AT_LOGIN,
    TEXT_SIZE,
    TRUSTED_JITSI_HOSTS,
    WEEKLY_LEVELS,
    Setting,
    SettingProblem,
    SetUpState,
    SetUpStep,
    SpeechSpeed,
    TextSize,
)
from lonely_bridge.services.insight import InsightService, week_start
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService, read, write
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.stores import Stores, open_stores
from lonely_bridge.wording.problems import explain

SERVER = SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "margaret", "m@example.org")

SAVED: list[tuple[Setting[Any], Any]] = [
    (TEXT_SIZE, TextSize.LARGEST),
    (OWNER_NAME, "Margaret"),
    (CHECK_IN_EVERY_DAYS, 14),
    (TRUSTED_JITSI_HOSTS, frozenset({"jitsi.example.org"})),
    (MAIL_SERVER, SERVER),
    (WEEKLY_LEVELS, {date(2026, 11, 23): Level.QUIET_SPELL}),
    (CHECK_IN_PUT_OFF_ON, date(2026, 11, 26)),
    (REFRAME_LAST_SHOWN, date(2026, 11, 25)),
    (REFRAMES_SHOWN, 3),
    (LAST_SEEN, datetime(2026, 11, 26, 14, 0, tzinfo=UTC)),
    (SOUNDS_ON, False),
    (SPEECH_SPEED, SpeechSpeed.USUAL),
    (SPEECH_VOICE, "Daniel"),
    (INSIGHT_PAUSED, True),
    (HOME_ZONE, "America/New_York"),
    (START_AT_LOGIN, False),
    (HELPER_PIN, PinHash.of("4821")),
    (INSIGHT_COUNTS_FROM, datetime(2026, 11, 26, 14, 0, tzinfo=UTC)),
    (PIN_WRONG_TRIES, 2),
    (PIN_LAST_WRONG, datetime(2026, 11, 26, 14, 5, tzinfo=UTC)),
    (SET_UP_STATE, SetUpState.UNDER_WAY),
    (SET_UP_STEP, SetUpStep.PERSON),
    (RECOMMENDED_LESSONS, ("practice-call", "joining-zoom")),
]


def _reopened(data_dir: Path, clock: Clock) -> Stores:
    return open_stores(open_database(data_dir, now=clock.now()))


def test_the_table_is_covered() -> None:
    assert {setting for setting, _value in SAVED} == set(SETTINGS)


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.key)
def test_nothing_saved_reads_as_the_default(
    app_store: Stores, setting: Setting[Any], caplog: pytest.LogCaptureFixture
) -> None:
    assert read(app_store.settings, setting) == setting.default
    assert caplog.records == []


@pytest.mark.parametrize(("setting", "value"), SAVED, ids=lambda v: str(v)[:30])
def test_a_saved_value_is_read_back_after_a_restart(
    tmp_path: Path, clock: Clock, setting: Setting[Any], value: Any
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = _reopened(data_dir, clock)
    try:
        write(store.settings, setting, value, now=clock.now())
    finally:
        store.close()
    # A fresh store reads through the first screen's reader, as the app does at start.
    again = _reopened(data_dir, clock)
    try:
        assert read(again.settings, setting) == value
    finally:
        again.close()


UNUSABLE: list[tuple[Setting[Any], Any]] = [
    (TEXT_SIZE, "enormous"),
    (TEXT_SIZE, None),
    (OWNER_NAME, ["Margaret"]),
    (CHECK_IN_EVERY_DAYS, 0),
    (CHECK_IN_EVERY_DAYS, "30"),
    (TRUSTED_JITSI_HOSTS, "jitsi.example.org"),
    (TRUSTED_JITSI_HOSTS, ["192.168.1.5"]),
    (MAIL_SERVER, {"host": "smtp.example.org"}),
    (MAIL_SERVER, {**SERVER.to_json(), "security": "none"}),
    (WEEKLY_LEVELS, {"2026-11-23": 7}),
    (CHECK_IN_PUT_OFF_ON, "Thursday"),
    (REFRAME_LAST_SHOWN, 5),
    (REFRAMES_SHOWN, "three"),
    (LAST_SEEN, "2026-11-26T14:00:00"),
]


@pytest.mark.allow_log("lonely_bridge.services.settings", "WARNING")
@pytest.mark.parametrize(("setting", "raw"), UNUSABLE, ids=lambda v: str(v)[:30])
def test_an_unusable_saved_value_reads_as_the_default_and_is_logged(
    app_store: Stores,
    clock: Clock,
    setting: Setting[Any],
    raw: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app_store.settings.set_setting(setting.key, raw, now=clock.now())
    with caplog.at_level(logging.WARNING, logger="lonely_bridge.services.settings"):
        assert read(app_store.settings, setting) == setting.default
    assert [record.levelno for record in caplog.records] == [logging.WARNING]
    assert setting.key in caplog.text
    # What was saved stays for a person to look at; the next change replaces it.
    assert app_store.settings.get_setting(setting.key) == raw


@pytest.mark.allow_log("lonely_bridge.services.settings", "WARNING")
def test_the_log_never_holds_the_saved_value(
    app_store: Stores, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    app_store.settings.set_setting(OWNER_NAME.key, "Margaret Hopkins " * 20, now=clock.now())
    with caplog.at_level(logging.WARNING):
        assert read(app_store.settings, OWNER_NAME) == ""
    assert "too_long" in caplog.text
    assert "Hopkins" not in caplog.text


def test_e_mail_turned_off_is_a_value_not_a_problem(
    app_store: Stores, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    write(app_store.settings, MAIL_SERVER, SERVER, now=clock.now())
    write(app_store.settings, MAIL_SERVER, None, now=clock.now())
    assert app_store.settings.get_setting(MAIL_SERVER.key, "absent") is None
    assert read(app_store.settings, MAIL_SERVER) is None
    assert caplog.records == []


def test_a_bad_value_is_refused_and_the_saved_one_kept(app_store: Stores, clock: Clock) -> None:
    write(app_store.settings, CHECK_IN_EVERY_DAYS, 14, now=clock.now())
    with pytest.raises(SettingInvalid) as refused:
        write(app_store.settings, CHECK_IN_EVERY_DAYS, 0, now=clock.now())
    assert refused.value.params["problem"] == SettingProblem.TOO_SMALL
    assert read(app_store.settings, CHECK_IN_EVERY_DAYS) == 14
    words = explain(refused.value)
    assert "at least 1" in words.text
    assert "Nothing has been changed" in words.next_step


def test_the_settings_service_tidies_the_owner_name(app_store: Stores, clock: Clock) -> None:
    service = SettingsService(app_store.settings, clock)
    assert service.owner_name() == ""
    service.set(OWNER_NAME, "  Margaret\n Hopkins ")
    assert service.owner_name() == "Margaret Hopkins"
    service.set_text_size(TextSize.LARGER)
    assert service.text_size() is TextSize.LARGER
    assert service.get(TEXT_SIZE) is TextSize.LARGER
    assert service.set(REFRAMES_SHOWN, 2) == 2


def test_a_check_in_rhythm_outside_its_range_is_refused(app_store: Stores, clock: Clock) -> None:
    settings = SettingsService(app_store.settings, clock)
    insight = InsightService(
        app_store.today, app_store.contacts, app_store.contacts, app_store.settings, clock
    )
    settings.set(CHECK_IN_EVERY_DAYS, 14)
    for days in (0, -7, 366):
        with pytest.raises(SettingInvalid):
            settings.set(CHECK_IN_EVERY_DAYS, days)
    assert insight.check_in_every() == timedelta(days=14)


def test_a_check_in_put_off_today_only(app_store: Stores, clock: Clock) -> None:
    insight = InsightService(
        app_store.today, app_store.contacts, app_store.contacts, app_store.settings, clock
    )
    assert not insight.check_in_put_off()
    yesterday = clock.now().date() - timedelta(days=1)
    write(app_store.settings, CHECK_IN_PUT_OFF_ON, yesterday, now=clock.now())
    assert not insight.check_in_put_off()
    insight.put_off_check_in()
    assert insight.check_in_put_off()
    assert read(app_store.settings, CHECK_IN_PUT_OFF_ON) == clock.now().date()


def test_weekly_levels_are_kept_by_week(app_store: Stores, clock: Clock) -> None:
    insight = InsightService(
        app_store.today, app_store.contacts, app_store.contacts, app_store.settings, clock
    )
    shown = insight.current()
    this_week = week_start(clock.now().date())
    assert dict(read(app_store.settings, WEEKLY_LEVELS)) == {this_week: shown.level}
    assert app_store.settings.get_setting(WEEKLY_LEVELS.key) == {
        this_week.isoformat(): int(shown.level)
    }


def test_only_server_names_are_trusted_for_jitsi(app_store: Stores, clock: Clock) -> None:
    people = PeopleService(app_store.people, app_store.today, app_store.settings, clock)
    people.trust_jitsi_host("Jitsi.Family.Example.")
    with pytest.raises(SettingInvalid):
        people.trust_jitsi_host("jitsi.family.example/evil path")
    assert people.trusted_jitsi_hosts() == {"jitsi.family.example"}


def test_last_seen_round_trips_through_plans(app_store: Stores, clock: Clock) -> None:
    plans = PlanService(
        app_store.plans, app_store.today, app_store.people, app_store.settings, clock
    )
    assert plans.last_seen() is None
    plans.touch()
    assert plans.last_seen() == clock.now()
