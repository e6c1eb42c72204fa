"""The settings table: every setting declared once, with a default that passes its own rules."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from lonely_bridge.domain import settings as table
from lonely_bridge.domain.checkins import DEFAULT_EVERY, Scale
from lonely_bridge.domain.errors import (
    LinkRefused,
    RefusalReason,
    SettingInvalid,
    SmtpSettingsInvalid,
)
from lonely_bridge.domain.insight import Level
from lonely_bridge.domain.links import parse_call_link
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
    SETTINGS_BY_KEY,
    SOUNDS_ON,
    SPEECH_SPEED,
    SPEECH_VOICE,
    START_AT_LOGIN,
    TEXT_SIZE,
    TRUSTED_JITSI_HOSTS,
    WEEKLY_LEVELS,
    Choice,
    Role,
    Setting,
    SettingProblem,
    SetUpState,
    SetUpStep,
    SpeechSpeed,
    TextSize,
)

SERVER = SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "margaret", "m@example.org")


def _name(setting: Setting[Any]) -> str:
    return setting.key


def test_every_declared_setting_is_in_the_table_once() -> None:
    declared = [value for value in vars(table).values() if isinstance(value, Setting)]
    assert set(declared) == set(SETTINGS)
    assert len(SETTINGS_BY_KEY) == len(SETTINGS)
    assert all(SETTINGS_BY_KEY[setting.key] is setting for setting in SETTINGS)


@pytest.mark.parametrize("setting", SETTINGS, ids=_name)
def test_every_default_passes_its_own_rules(setting: Setting[Any]) -> None:
    assert setting.checked(setting.default) == setting.default
    # ... and survives being stored as JSON and read back.
    stored = json.loads(json.dumps(setting.stored(setting.default)))
    assert setting.parse(stored) == setting.default


def test_internal_state_is_never_on_the_settings_screen() -> None:
    internal = {s for s in SETTINGS if s.changed_by is Role.APP}
    assert internal == {
        WEEKLY_LEVELS,
        CHECK_IN_PUT_OFF_ON,
        REFRAME_LAST_SHOWN,
        REFRAMES_SHOWN,
        LAST_SEEN,
        PIN_WRONG_TRIES,
        PIN_LAST_WRONG,
        SET_UP_STATE,
        SET_UP_STEP,
        INSIGHT_COUNTS_FROM,
    }
    assert not any(setting.shown for setting in internal)


def test_who_changes_what() -> None:
    # The older adult changes their own things openly; the helper sets up the rest.
    older_adult = {s for s in SETTINGS if s.changed_by is Role.OLDER_ADULT}
    helper = {s for s in SETTINGS if s.changed_by is Role.HELPER}
    assert older_adult == {
        TEXT_SIZE,
        OWNER_NAME,
        SOUNDS_ON,
        SPEECH_SPEED,
        SPEECH_VOICE,
        INSIGHT_PAUSED,
    }
    assert helper == {
        CHECK_IN_EVERY_DAYS,
        TRUSTED_JITSI_HOSTS,
        MAIL_SERVER,
        HOME_ZONE,
        START_AT_LOGIN,
        HELPER_PIN,
        RECOMMENDED_LESSONS,
    }
    # The PIN is typed twice on its own screen, never shown as a field; recommended lessons
    # come with a care worker's profile.
    assert all(
        setting.shown for setting in older_adult | helper - {HELPER_PIN, RECOMMENDED_LESSONS}
    )
    assert not HELPER_PIN.shown
    assert not RECOMMENDED_LESSONS.shown


def test_the_check_in_rhythm_starts_where_the_domain_does() -> None:
    assert CHECK_IN_EVERY_DAYS.default == DEFAULT_EVERY[Scale.UCLA3].days


def test_choices_are_offered_for_the_screen() -> None:
    assert isinstance(TEXT_SIZE.kind, Choice)
    assert TEXT_SIZE.kind.choices == (TextSize.LARGE, TextSize.LARGER, TextSize.LARGEST)


GOOD_VALUES: list[tuple[Setting[Any], Any]] = [
    (TEXT_SIZE, TextSize.LARGEST),
    (OWNER_NAME, "Margaret"),
    (CHECK_IN_EVERY_DAYS, 1),
    (CHECK_IN_EVERY_DAYS, 365),
    (TRUSTED_JITSI_HOSTS, frozenset({"jitsi.example.org", "meet.family.example"})),
    (MAIL_SERVER, SERVER),
    (WEEKLY_LEVELS, {date(2026, 11, 16): Level.ALL_WELL, date(2026, 11, 23): Level.REACH_OUT}),
    (CHECK_IN_PUT_OFF_ON, date(2026, 11, 26)),
    (REFRAME_LAST_SHOWN, date(2026, 2, 28)),
    (REFRAMES_SHOWN, 12),
    (LAST_SEEN, datetime(2026, 11, 26, 15, 0, tzinfo=UTC)),
    (SOUNDS_ON, False),
    (SPEECH_SPEED, SpeechSpeed.SLOWER),
    (SPEECH_VOICE, "Daniel"),
    (INSIGHT_PAUSED, True),
    (HOME_ZONE, "Europe/London"),
    (HOME_ZONE, "Pacific/Apia"),
    (START_AT_LOGIN, False),
    (HELPER_PIN, PinHash.of("4821", salt=b"s" * 16)),
    (PIN_WRONG_TRIES, 3),
    (PIN_LAST_WRONG, datetime(2026, 11, 26, 15, 0, tzinfo=UTC)),
    (SET_UP_STATE, SetUpState.SKIPPED),
    (SET_UP_STEP, SetUpStep.PIN),
    (RECOMMENDED_LESSONS, ("joining-zoom", "practice-call")),
    (RECOMMENDED_LESSONS, ()),
    (INSIGHT_COUNTS_FROM, datetime(2026, 11, 26, 15, 0, tzinfo=UTC)),
]


@pytest.mark.parametrize(("setting", "value"), GOOD_VALUES, ids=lambda v: str(v)[:30])
def test_values_round_trip_through_json(setting: Setting[Any], value: Any) -> None:
    stored = json.loads(json.dumps(setting.stored(value)))
    assert setting.parse(stored) == value


def test_values_are_tidied_as_they_are_kept() -> None:
    assert OWNER_NAME.checked("  Margaret \n  Smith ") == "Margaret Smith"
    assert TEXT_SIZE.checked("larger") is TextSize.LARGER  # type: ignore[arg-type]
    assert TRUSTED_JITSI_HOSTS.checked(frozenset({" Jitsi.Example.ORG. "})) == {"jitsi.example.org"}
    assert TRUSTED_JITSI_HOSTS.stored(frozenset({"b.example", "a.example"})) == [
        "a.example",
        "b.example",
    ]


BAD_VALUES: list[tuple[Setting[Any], Any, SettingProblem]] = [
    (TEXT_SIZE, "huge", SettingProblem.NOT_A_CHOICE),
    (TEXT_SIZE, None, SettingProblem.NOT_A_CHOICE),
    (TEXT_SIZE, True, SettingProblem.WRONG_TYPE),
    (OWNER_NAME, "M" * 201, SettingProblem.TOO_LONG),
    (OWNER_NAME, 7, SettingProblem.WRONG_TYPE),
    (CHECK_IN_EVERY_DAYS, 0, SettingProblem.TOO_SMALL),
    (CHECK_IN_EVERY_DAYS, -30, SettingProblem.TOO_SMALL),
    (CHECK_IN_EVERY_DAYS, 366, SettingProblem.TOO_LARGE),
    (CHECK_IN_EVERY_DAYS, "30", SettingProblem.WRONG_TYPE),
    (CHECK_IN_EVERY_DAYS, 30.0, SettingProblem.WRONG_TYPE),
    (CHECK_IN_EVERY_DAYS, True, SettingProblem.WRONG_TYPE),
    (TRUSTED_JITSI_HOSTS, "jitsi.example.org", SettingProblem.WRONG_TYPE),
    (TRUSTED_JITSI_HOSTS, [3], SettingProblem.WRONG_TYPE),
    (TRUSTED_JITSI_HOSTS, {"jitsi.example.org": 1}, SettingProblem.WRONG_TYPE),
    (TRUSTED_JITSI_HOSTS, ["127.0.0.1"], SettingProblem.NOT_A_HOST_NAME),
    (TRUSTED_JITSI_HOSTS, ["jitsi example.org"], SettingProblem.NOT_A_HOST_NAME),
    (TRUSTED_JITSI_HOSTS, ["javascript:alert(1)"], SettingProblem.NOT_A_HOST_NAME),
    (TRUSTED_JITSI_HOSTS, [""], SettingProblem.NOT_A_HOST_NAME),
    (TRUSTED_JITSI_HOSTS, ["-jitsi.example.org"], SettingProblem.NOT_A_HOST_NAME),
    (TRUSTED_JITSI_HOSTS, ["jitsi.exämple.org"], SettingProblem.NOT_A_HOST_NAME),
    (MAIL_SERVER, {"host": "smtp.example.org"}, SettingProblem.WRONG_TYPE),
    (MAIL_SERVER, "smtp.example.org", SettingProblem.WRONG_TYPE),
    (WEEKLY_LEVELS, [1, 2], SettingProblem.WRONG_TYPE),
    (WEEKLY_LEVELS, {"2026-11-23": 9}, SettingProblem.NOT_A_CHOICE),
    (WEEKLY_LEVELS, {"2026-11-23": "1"}, SettingProblem.WRONG_TYPE),
    (WEEKLY_LEVELS, {"last week": 1}, SettingProblem.WRONG_TYPE),
    (CHECK_IN_PUT_OFF_ON, "today", SettingProblem.WRONG_TYPE),
    (CHECK_IN_PUT_OFF_ON, 20261126, SettingProblem.WRONG_TYPE),
    (REFRAME_LAST_SHOWN, "2026-02-30", SettingProblem.WRONG_TYPE),
    (REFRAMES_SHOWN, -1, SettingProblem.TOO_SMALL),
    (LAST_SEEN, "2026-11-26T15:00:00", SettingProblem.NO_TIME_ZONE),
    (LAST_SEEN, "a while ago", SettingProblem.WRONG_TYPE),
    (SOUNDS_ON, 1, SettingProblem.WRONG_TYPE),
    (SOUNDS_ON, "yes", SettingProblem.WRONG_TYPE),
    (SPEECH_SPEED, "fast", SettingProblem.NOT_A_CHOICE),
    (HOME_ZONE, "Etc/Nowhere", SettingProblem.UNKNOWN_TIME_ZONE),
    (HOME_ZONE, "Europe", SettingProblem.UNKNOWN_TIME_ZONE),
    (HOME_ZONE, "../../etc/passwd", SettingProblem.UNKNOWN_TIME_ZONE),
    (HOME_ZONE, 0, SettingProblem.WRONG_TYPE),
    (HELPER_PIN, "4821", SettingProblem.NOT_A_PIN_HASH),
    (HELPER_PIN, "scrypt$16384$8$1$abcd$abcd", SettingProblem.NOT_A_PIN_HASH),
    (HELPER_PIN, 4821, SettingProblem.WRONG_TYPE),
    (RECOMMENDED_LESSONS, "joining-zoom", SettingProblem.WRONG_TYPE),
    (RECOMMENDED_LESSONS, ["joining-zoom", 3], SettingProblem.WRONG_TYPE),
    (RECOMMENDED_LESSONS, ["Joining Zoom"], SettingProblem.NOT_A_LESSON_ID),
    (RECOMMENDED_LESSONS, ["../secrets"], SettingProblem.NOT_A_LESSON_ID),
]


@pytest.mark.parametrize(("setting", "raw", "problem"), BAD_VALUES, ids=lambda v: str(v)[:30])
def test_stored_values_that_break_the_rules_are_refused(
    setting: Setting[Any], raw: Any, problem: SettingProblem
) -> None:
    with pytest.raises(SettingInvalid) as refused:
        setting.parse(raw)
    assert refused.value.params["setting"] == setting.key
    assert refused.value.params["problem"] == problem


@pytest.mark.parametrize(
    ("setting", "value", "problem"),
    [
        (CHECK_IN_EVERY_DAYS, 0, SettingProblem.TOO_SMALL),
        (OWNER_NAME, "M" * 201, SettingProblem.TOO_LONG),
        (TRUSTED_JITSI_HOSTS, frozenset({"10.0.0.1"}), SettingProblem.NOT_A_HOST_NAME),
        (LAST_SEEN, datetime(2026, 11, 26, 15, 0), SettingProblem.NO_TIME_ZONE),
        (REFRAME_LAST_SHOWN, datetime(2026, 11, 26, 15, 0, tzinfo=UTC), SettingProblem.WRONG_TYPE),
    ],
    ids=lambda v: str(v)[:30],
)
def test_values_that_break_the_rules_are_not_kept(
    setting: Setting[Any], value: Any, problem: SettingProblem
) -> None:
    with pytest.raises(SettingInvalid) as refused:
        setting.stored(value)
    assert refused.value.params == {"setting": setting.key, "problem": problem, **_limits(setting)}


def _limits(setting: Setting[Any]) -> dict[str, int]:
    return {CHECK_IN_EVERY_DAYS: {"minimum": 1}, OWNER_NAME: {"maximum": 200}}.get(setting, {})


def test_a_refusal_names_the_limit_but_never_the_value() -> None:
    # Refusals are logged; a name or address must not reach the log through them.
    with pytest.raises(SettingInvalid) as refused:
        OWNER_NAME.checked("Margaret " * 40)
    assert "Margaret" not in str(refused.value)
    assert refused.value.params["maximum"] == 200


def test_the_mail_server_is_checked_as_the_e_mail_form_checks_it() -> None:
    plain = SmtpSettings("mail.example.org", 25, Security.NONE, "m", "m@example.org")
    with pytest.raises(SmtpSettingsInvalid) as refused:
        MAIL_SERVER.stored(plain)
    assert refused.value.params["problem"] == "plain_not_local"
    assert MAIL_SERVER.checked(
        SmtpSettings(" SMTP.Example.org ", 465, Security.TLS, "margaret", "m@example.org")
    ) == SmtpSettings("smtp.example.org", 465, Security.TLS, "margaret", "m@example.org")
    assert MAIL_SERVER.stored(None) is None


def test_the_table_loads_nothing_the_first_screen_does_not_need() -> None:
    # The text size is read before the first paint; insight and e-mail come later.
    code = (
        "import sys, lonely_bridge.domain.settings; "
        "print(sorted(m for m in ('lonely_bridge.domain.insight', 'lonely_bridge.domain.sharing')"
        " if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"


_LABELS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789-_", min_size=1, max_size=64)


def _host_to_confirm(link: str) -> str | None:
    try:
        parse_call_link(link)
    except LinkRefused as refused:
        if refused.params["reason"] == RefusalReason.UNCONFIRMED_JITSI_HOST:
            return str(refused.params["host"])
    return None


@given(st.lists(_LABELS, min_size=1, max_size=5).map(lambda labels: "jitsi." + ".".join(labels)))
@example("jitsi." + ".".join(["a" * 63] * 4))  # longer than DNS allows, yet a link's host
@example("Jitsi.Family-Home.Example")
def test_every_server_a_helper_is_asked_to_confirm_can_be_trusted(host: str) -> None:
    """The editor offers "this is our own Jitsi server" for these hosts; saving must not fail."""
    link = f"https://{host}/FamilyRoom"
    to_confirm = _host_to_confirm(link)
    assume(to_confirm is not None)
    assert to_confirm is not None
    trusted = TRUSTED_JITSI_HOSTS.checked(frozenset({to_confirm}))
    assert parse_call_link(link, trusted_jitsi_hosts=trusted).host == to_confirm
