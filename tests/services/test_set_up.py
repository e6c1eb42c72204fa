"""The first-run welcome's answers, saved on a real database: where it stands, and each step."""

from __future__ import annotations

from datetime import time

import pytest

from lonely_bridge.domain.errors import LinkRefused, PinInvalid, SettingInvalid
from lonely_bridge.domain.settings import (
    HELPER_PIN,
    HOME_ZONE,
    OWNER_NAME,
    START_AT_LOGIN,
    TEXT_SIZE,
    SetUpState,
    SetUpStep,
    TextSize,
)
from lonely_bridge.services.errors import PersonInvalid, PinsDiffer, PlanInvalid
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.set_up import SetUpService
from lonely_bridge.services.settings import SettingsService, read
from lonely_bridge.storage.stores import Stores
from tests.doubles import FixedClock

ZOOM = "https://zoom.us/j/85512345678"


@pytest.fixture
def set_up(app_store: Stores, people_service: PeopleService, clock: FixedClock) -> SetUpService:
    stores = app_store
    plans = PlanService(stores.plans, stores.today, stores.people, stores.settings, clock)
    overview = OverviewService(stores.today, stores.people, stores.contacts, clock)
    return SetUpService(
        SettingsService(stores.settings, clock),
        overview,
        people=people_service,
        plans=plans,
        computer_zone="Europe/London",
    )


def test_an_empty_household_starts_at_the_first_screen(set_up: SetUpService) -> None:
    assert (set_up.state(), set_up.step(), set_up.needed()) == (
        SetUpState.NOT_STARTED,
        SetUpStep.NAME,
        True,
    )


def test_skipping_remembers_the_screen_and_stops_it_opening_by_itself(
    set_up: SetUpService,
) -> None:
    set_up.go_to(SetUpStep.ZONE)
    assert set_up.needed()
    set_up.skip(SetUpStep.ZONE)
    assert (set_up.state(), set_up.step(), set_up.needed()) == (
        SetUpState.SKIPPED,
        SetUpStep.ZONE,
        False,
    )
    set_up.finish()
    assert (set_up.state(), set_up.needed()) == (SetUpState.FINISHED, False)


def test_a_household_with_people_needs_no_welcome(set_up: SetUpService) -> None:
    set_up.save_first_person("Anna", "Daughter", ZOOM)
    assert not set_up.needed()


def test_each_answer_lands_in_its_setting(set_up: SetUpService, app_store: Stores) -> None:
    assert set_up.save_owner_name("  Margaret \n Smith ") == "Margaret Smith"
    set_up.save_text_size(TextSize.LARGEST)
    assert set_up.home_zone() == "Europe/London"  # nothing saved: the computer's zone
    assert set_up.computer_zone() == "Europe/London"
    assert set_up.save_home_zone("America/Argentina/Buenos_Aires") == (
        "America/Argentina/Buenos_Aires"
    )
    set_up.save_start_at_login(False)
    stored = app_store.settings
    assert read(stored, OWNER_NAME) == "Margaret Smith"
    assert read(stored, TEXT_SIZE) is TextSize.LARGEST
    assert read(stored, HOME_ZONE) == "America/Argentina/Buenos_Aires"
    assert read(stored, START_AT_LOGIN) is False


def test_an_unknown_zone_is_refused_and_nothing_saved(
    set_up: SetUpService, app_store: Stores
) -> None:
    with pytest.raises(SettingInvalid):
        set_up.save_home_zone("Atlantis/Capital")
    assert read(app_store.settings, HOME_ZONE) is None


def test_the_pin_is_kept_only_as_its_hash(set_up: SetUpService, app_store: Stores) -> None:
    set_up.save_pin("4821", "4821")
    kept = read(app_store.settings, HELPER_PIN)
    assert kept is not None
    assert kept.matches("4821")
    assert "4821" not in kept.text
    assert set_up.has_pin()


@pytest.mark.parametrize(
    ("pin", "again", "problem"),
    [
        ("123", "123", PinInvalid),
        ("123456789", "123456789", PinInvalid),
        ("12a4", "12a4", PinInvalid),
        ("4821", "4812", PinsDiffer),
    ],
)
def test_a_pin_that_cannot_be_used_saves_nothing(
    set_up: SetUpService, app_store: Stores, pin: str, again: str, problem: type[Exception]
) -> None:
    with pytest.raises(problem):
        set_up.save_pin(pin, again)
    assert read(app_store.settings, HELPER_PIN) is None


def test_the_first_person_with_one_link_then_changed_on_coming_back(
    set_up: SetUpService,
) -> None:
    anna = set_up.save_first_person("Anna", "Daughter", f"  {ZOOM} ")
    assert (anna.name, anna.relationship) == ("Anna", "Daughter")
    [link] = anna.links
    assert (link.url, link.is_default, link.label) == (ZOOM, True, "Anna on Zoom")
    again = set_up.save_first_person("Anna Smith", "Daughter", ZOOM, person_id=anna.id)
    assert again.id == anna.id
    assert set_up.first_person() == again
    assert again.links[0].id == link.id


def test_a_broken_link_or_no_name_saves_nobody(set_up: SetUpService) -> None:
    with pytest.raises(LinkRefused):
        set_up.save_first_person("Anna", "Daughter", "file:///etc/passwd")
    with pytest.raises(PersonInvalid):
        set_up.save_first_person("  ", "Daughter", ZOOM)
    assert set_up.first_person() is None


def test_a_regular_call_is_weekly_in_the_home_zone_from_today(
    set_up: SetUpService, clock: FixedClock
) -> None:
    set_up.save_home_zone("Pacific/Auckland")  # already Friday there
    anna = set_up.save_first_person("Anna", "Daughter", ZOOM)
    plan = set_up.save_regular_call(anna, weekdays=(6,), at=time(16, 0))
    assert plan.id is not None
    assert plan.recurrence is not None
    assert plan.recurrence.weekdays == (6,)
    assert plan.recurrence.time_of_day == time(16, 0)
    assert plan.time_zone == "Pacific/Auckland"
    assert plan.recurrence.starts_on.isoformat() == "2026-11-27"
    assert plan.link_id == anna.links[0].id
    with pytest.raises(PlanInvalid):
        set_up.save_regular_call(anna, weekdays=(), at=time(16, 0))
