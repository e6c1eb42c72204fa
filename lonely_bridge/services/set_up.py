"""The first-run welcome: what each screen saves, and the screen to come back to."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from zoneinfo import ZoneInfo

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.domain.pin import PinHash, check_pin_shape
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.recurrence import Frequency, Recurrence
from lonely_bridge.domain.settings import (
    HELPER_PIN,
    HOME_ZONE,
    OWNER_NAME,
    SET_UP_STATE,
    SET_UP_STEP,
    START_AT_LOGIN,
    TEXT_SIZE,
    SetUpState,
    SetUpStep,
    TextSize,
)
from lonely_bridge.services.errors import PinsDiffer, PlanInvalid
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.settings import SettingsService


class SetUpService:
    """Each answer is saved as soon as its screen is left, so nothing typed is lost."""

    def __init__(
        self,
        settings: SettingsService,
        overview: OverviewService,
        *,
        people: PeopleService,
        plans: PlanService,
        computer_zone: str,
    ) -> None:
        self._settings = settings
        self._overview = overview
        self._people = people
        self._plans = plans
        self._computer_zone = computer_zone

    # Where it stands -------------------------------------------------------------------------
    def state(self) -> SetUpState:
        return self._settings.get(SET_UP_STATE)

    def step(self) -> SetUpStep:
        """The screen to show next: where the welcome was left."""
        return self._settings.get(SET_UP_STEP)

    def needed(self) -> bool:
        """Whether to open the welcome by itself: nobody here yet, and it was neither
        finished nor put off."""
        return self.state().opens_by_itself and not self._overview.people()

    def go_to(self, step: SetUpStep) -> None:
        self._write_place(SetUpState.UNDER_WAY, step)

    def skip(self, step: SetUpStep) -> None:
        """ "Skip for now": Today's button comes back to ``step``."""
        self._write_place(SetUpState.SKIPPED, step)

    def finish(self) -> None:
        self._write_place(SetUpState.FINISHED, SetUpStep.NAME)

    def _write_place(self, state: SetUpState, step: SetUpStep) -> None:
        self._settings.set(SET_UP_STATE, state)
        self._settings.set(SET_UP_STEP, step)

    # The answers -------------------------------------------------------------------------------
    def owner_name(self) -> str:
        return self._settings.get(OWNER_NAME)

    def save_owner_name(self, name: str) -> str:
        """Raises SettingInvalid when the name is too long."""
        return self._settings.set(OWNER_NAME, name)

    def text_size(self) -> TextSize:
        return self._settings.get(TEXT_SIZE)

    def save_text_size(self, size: TextSize) -> None:
        self._settings.set(TEXT_SIZE, size)

    def computer_zone(self) -> str:
        return self._computer_zone

    def home_zone(self) -> str:
        """The zone saved, or else the computer's."""
        return self._settings.get(HOME_ZONE) or self._computer_zone

    def save_home_zone(self, zone: str) -> str:
        """Raises SettingInvalid for a zone this computer does not know."""
        kept = self._settings.set(HOME_ZONE, zone)
        return kept or self._computer_zone

    def start_at_login(self) -> bool:
        return self._settings.get(START_AT_LOGIN)

    def save_start_at_login(self, on: bool) -> None:
        self._settings.set(START_AT_LOGIN, on)

    def has_pin(self) -> bool:
        return self._settings.get(HELPER_PIN) is not None

    def save_pin(self, pin: str, again: str) -> None:
        """Raises PinInvalid for a PIN that is not 4 to 8 digits, PinsDiffer when the two
        differ; then nothing is saved."""
        check_pin_shape(pin)
        if pin != again:
            raise PinsDiffer()
        self._settings.set(HELPER_PIN, PinHash.of(pin))

    def first_person(self) -> Person | None:
        people = self._overview.people()
        return people[0] if people else None

    def save_first_person(
        self, name: str, relationship: str, link: str, *, person_id: int | None = None
    ) -> Person:
        """Add (or, coming back, change) the first person with one way to call.

        Raises PersonInvalid or LinkRefused (with the link check's reason); nothing is saved.
        """
        base = Person(None, "", "", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY])
        if person_id is not None:
            base = next((p for p in self._overview.people() if p.id == person_id), base)
        first = CallLink(None, None, "", link.strip(), "", is_default=True)
        if base.links:
            # Coming back (or after an import): the first way to call is the one typed here.
            kept = base.links[0]
            # A label made for another link ("Anna on Zoom") would mislead: it is made again.
            named = kept.label if kept.url == link.strip() else ""
            first = replace(kept, label=named, url=link.strip(), is_default=True)
        others = tuple(replace(other, is_default=False) for other in base.links[1:])
        person = replace(base, name=name, relationship=relationship, links=(first, *others))
        return self._people.save(person)

    def save_regular_call(self, person: Person, *, weekdays: tuple[int, ...], at: time) -> CallPlan:
        """A weekly call on ``weekdays`` at ``at``, home time, from today on.

        Raises PlanInvalid (no day chosen, for one) and saves nothing.
        """
        assert person.id is not None
        zone = self.home_zone()
        today = self._plans.now().astimezone(ZoneInfo(zone)).date()
        link_id = person.default_link.id if person.default_link else None
        try:
            schedule = Recurrence(
                Frequency.WEEKLY, weekdays=weekdays, time_of_day=at, zone=zone, starts_on=today
            )
        except ValueError as error:
            raise PlanInvalid(detail=str(error)) from error
        return self._plans.save(CallPlan(None, person.id, link_id, schedule))
