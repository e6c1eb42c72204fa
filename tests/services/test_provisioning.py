"""Applying profiles to a real database: one transaction, idempotent, byte-identical when
refused, a PIN reset, and a household carried to an empty folder and back."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from lonely_bridge.domain.errors import NotFound, ProfileInvalid
from lonely_bridge.domain.mail_server import Security, SmtpSettings
from lonely_bridge.domain.people import CallLink, Circle, Person, Rhythm
from lonely_bridge.domain.pin import PinHash
from lonely_bridge.domain.plans import CallPlan
from lonely_bridge.domain.profile import ChangeKind, ProfileProblemKind, ProvisioningChanges
from lonely_bridge.domain.recurrence import Frequency, Recurrence
from lonely_bridge.domain.settings import (
    CHECK_IN_EVERY_DAYS,
    HELPER_PIN,
    HOME_ZONE,
    OWNER_NAME,
    PIN_LAST_WRONG,
    PIN_WRONG_TRIES,
    RECOMMENDED_LESSONS,
    SETTINGS,
    START_AT_LOGIN,
    TEXT_SIZE,
    TRUSTED_JITSI_HOSTS,
    Role,
    TextSize,
)
from lonely_bridge.domain.sharing import Topic, TrustedPerson
from lonely_bridge.formats.profile_writing import write_profile
from lonely_bridge.services.alerts import AlertService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.services.plans import PlanService
from lonely_bridge.services.provisioning import ProvisioningService
from lonely_bridge.services.settings import SettingsService
from lonely_bridge.services.tutorials import TutorialService
from lonely_bridge.storage import migrate
from lonely_bridge.storage.stores import Stores, open_stores
from tests.doubles import FixedClock, MemorySecrets, RecordingMailer
from tests.profiles import EXAMPLE_FILE, MARGARET

PROFILE = MARGARET.encode()


def _lesson_ids() -> set[str]:
    return {lesson.id for lesson in TutorialService().tutorials()}


class Household:
    """One data folder, opened as the app opens it, with the services a test needs."""

    def __init__(self, folder: Path, clock: FixedClock) -> None:
        self.folder = folder
        self.clock = clock
        self.stores: Stores | None = None

    def open(self) -> Stores:
        self.stores = open_stores(migrate.open_database(self.folder, now=self.clock.now()))
        return self.stores

    def close(self) -> None:
        if self.stores is not None:
            self.stores.close()
            self.stores = None

    @property
    def db(self) -> Path:
        return migrate.database_path(self.folder)

    def digest(self) -> str:
        self.close()
        return hashlib.sha256(self.db.read_bytes()).hexdigest()

    def _stores(self) -> Stores:
        return self.stores or self.open()

    def provisioning(self) -> ProvisioningService:
        s = self._stores()
        return ProvisioningService(
            s.today, s.sharing, s.settings, s.provisioning, self.clock, lessons=_lesson_ids
        )

    def people(self) -> PeopleService:
        s = self._stores()
        return PeopleService(s.people, s.today, s.settings, self.clock)

    def plans(self) -> PlanService:
        s = self._stores()
        return PlanService(s.plans, s.today, s.people, s.settings, self.clock)

    def everyone(self) -> list[Person]:
        return self._stores().today.list_people()

    def settings(self) -> SettingsService:
        return SettingsService(self._stores().settings, self.clock)

    def alerts(self) -> AlertService:
        s = self._stores()
        return AlertService(
            s.sharing, s.sharing, s.settings, RecordingMailer(), MemorySecrets(), self.clock
        )

    def provision(self, data: bytes, *, dry_run: bool = False) -> ProvisioningChanges:
        service = self.provisioning()
        changes = service.changes(service.check(data))
        if not dry_run:
            service.apply(changes)
        return changes


@pytest.fixture
def home(tmp_path: Path, clock: FixedClock) -> Iterator[Household]:
    household = Household(tmp_path / "home", clock)
    household.folder.mkdir()
    household.open()
    yield household
    household.close()


def test_a_profile_sets_up_an_empty_computer(home: Household) -> None:
    changes = home.provision(PROFILE)

    assert [change.kind for change in changes.described] == [
        ChangeKind.SETTING,
        ChangeKind.SETTING,
        ChangeKind.SETTING,
        ChangeKind.PIN,
        ChangeKind.PERSON_ADDED,
        ChangeKind.PLAN_ADDED,
    ]
    settings = home.settings()
    assert settings.get(OWNER_NAME) == "Margaret"
    assert settings.get(HOME_ZONE) == "Europe/London"
    assert settings.get(TEXT_SIZE) is TextSize.LARGEST
    pin = settings.get(HELPER_PIN)
    assert pin is not None
    assert pin.matches("4821")
    (anna,) = home.everyone()
    assert (anna.name, anna.relationship, anna.rhythm.ideal) == (
        "Anna",
        "Daughter",
        timedelta(days=7),
    )
    assert [(link.url, link.service, link.label, link.is_default) for link in anna.links] == [
        ("https://zoom.us/j/85512345678?pwd=abc", "zoom", "Anna on Zoom", True)
    ]
    ((plan, person),) = home.plans().plans()
    assert person.id == anna.id
    assert plan.link_id == anna.links[0].id
    assert plan.recurrence == Recurrence(
        Frequency.WEEKLY,
        weekdays=(6,),
        time_of_day=time(16, 0),
        zone="America/New_York",
        starts_on=date(2027, 1, 3),
        ends_on=date(2027, 12, 31),
    )


def test_the_same_profile_twice_changes_nothing_the_second_time(home: Household) -> None:
    home.provision(PROFILE)
    before = home.digest()

    again = home.provision(PROFILE)

    assert again.described == ()
    assert again.empty
    assert home.digest() == before


def test_the_packaged_example_applies_and_then_matches(home: Household) -> None:
    assert home.provision(EXAMPLE_FILE.read_bytes()).described
    before = home.digest()
    assert home.provision(EXAMPLE_FILE.read_bytes()).empty
    assert home.digest() == before


def test_a_dry_run_lists_the_changes_and_writes_nothing(home: Household) -> None:
    before = home.digest()
    changes = home.provision(PROFILE, dry_run=True)
    assert len(changes.described) == 6
    assert home.digest() == before


def test_people_already_here_are_found_by_name_and_only_given_fields_change(
    home: Household,
) -> None:
    people = home.people()
    people.save(
        Person(
            None,
            "ANNA",
            "Her daughter",
            Circle.FAMILY,
            Rhythm(timedelta(days=3), timedelta(days=9)),
            notes="Works Mondays",
            links=(CallLink(None, None, "", "tel:+447700900123", "phone"),),
        )
    )
    changes = home.provision(PROFILE)

    kinds = [(c.kind, c.subject) for c in changes.described if c.kind is not ChangeKind.SETTING]
    assert (ChangeKind.PERSON_ADDED, "Anna") not in kinds
    assert (ChangeKind.LINK_ADDED, "ANNA") in kinds
    (anna,) = home.everyone()
    assert anna.name == "ANNA"  # found, not renamed
    assert anna.relationship == "Daughter"
    assert anna.rhythm.ideal == timedelta(days=7)
    assert anna.notes == "Works Mondays"  # the profile gave none
    assert [link.url for link in anna.links] == [
        "tel:+447700900123",
        "https://zoom.us/j/85512345678?pwd=abc",
    ]
    assert anna.default_link is not None
    assert anna.default_link.url == "tel:+447700900123"


def test_a_plan_may_name_someone_already_on_this_computer(home: Household) -> None:
    home.people().save(
        Person(None, "Tom", "Son", Circle.FAMILY, Rhythm(timedelta(days=7), timedelta(days=14)))
    )
    home.provision(
        b'version = 1\n[[plans]]\nperson = "tom"\nrule = "FREQ=DAILY"\ntime = "09:00"\n'
        b'time_zone = "UTC"\nstarts_on = 2027-01-01\n'
    )
    ((plan, person),) = home.plans().plans()
    assert person.name == "Tom"
    assert plan.link_id is None


def test_a_plan_naming_a_link_its_person_here_lacks_is_refused(home: Household) -> None:
    home.people().save(
        Person(None, "Tom", "Son", Circle.FAMILY, Rhythm(timedelta(days=7), timedelta(days=14)))
    )
    before = home.digest()
    with pytest.raises(ProfileInvalid) as caught:
        home.provision(
            b'version = 1\n[[plans]]\nperson = "Tom"\nrule = "FREQ=DAILY"\ntime = "09:00"\n'
            b'time_zone = "UTC"\nstarts_on = 2027-01-01\nlink = "https://wa.me/447700900456"\n'
        )
    (problem,) = caught.value.problems
    assert problem.kind is ProfileProblemKind.UNKNOWN_LINK
    assert problem.path == ("plans", 1, "link")
    assert home.digest() == before


def test_a_profile_pin_resets_a_forgotten_one_and_its_wait(
    home: Household, clock: FixedClock
) -> None:
    settings = home.settings()
    settings.set(HELPER_PIN, PinHash.of("1111"))
    settings.set(PIN_WRONG_TRIES, 7)
    settings.set(PIN_LAST_WRONG, clock.now())

    changes = home.provision(b'version = 1\n[helper]\npin = "2468"\n')

    assert {change.kind for change in changes.described} == {
        ChangeKind.PIN,
        ChangeKind.PIN_TRIES_CLEARED,
    }
    settings = home.settings()
    pin = settings.get(HELPER_PIN)
    assert pin is not None
    assert pin.matches("2468")
    assert not pin.matches("1111")
    assert settings.get(PIN_WRONG_TRIES) == 0
    assert settings.get(PIN_LAST_WRONG) is None
    # The same PIN again: it matches, so nothing changes.
    assert home.provision(b'version = 1\n[helper]\npin = "2468"\n').empty


def test_a_pin_hash_from_export_is_kept_as_it_is(home: Household) -> None:
    pin_hash = PinHash.of("13579")
    home.provision(f'version = 1\n[helper]\npin_hash = "{pin_hash.text}"\n'.encode())
    assert home.settings().get(HELPER_PIN) == pin_hash


def test_everything_is_saved_in_one_transaction(home: Household) -> None:
    service = home.provisioning()
    good = service.changes(service.check(PROFILE))
    before = home.digest()
    ghost = Person(9999, "Ghost", "", Circle.OTHER, Rhythm(timedelta(days=7), timedelta(days=14)))
    # The settings, Anna and her plan come first; the last change fails.
    broken = ProvisioningChanges(
        people=(*good.people, ("ghost", ghost)),
        plans=good.plans,
        settings=good.settings,
    )
    with pytest.raises(NotFound):
        home.provisioning().apply(broken)
    assert home.digest() == before


HOSTILE = {
    "wrong type": b'version = 1\n[[people]]\nname = "Anna"\nkeep_in_touch_days = "7"\n',
    "unknown key": b'version = 1\n[owner]\nnmae = "Margaret"\n',
    "not toml": b'version = 1\n[owner\nname = "Margaret"\n',
    "not utf-8": b'version = 1\n[owner]\nname = "Ren\xe9e"\n',
    "no version": b'[owner]\nname = "Margaret"\n',
    "version 2": b'version = 2\n[owner]\nname = "Margaret"\n',
    "bad link": b'version = 1\n[[people]]\nname = "Anna"\nlinks = ["http://zoom.us/j/1"]\n',
    "unknown zone": PROFILE.replace(b"America/New_York", b"America/Gotham"),
    "rrule": PROFILE.replace(b"BYDAY=SU", b"BYDAY=SU;COUNT=4"),
    "duplicate names": b'version = 1\n[[people]]\nname = "Anna"\n[[people]]\nname = " ANNA"\n',
    "unknown person": PROFILE.replace(b'person = "Anna"', b'person = "Bob"'),
    "short pin": b'version = 1\n[helper]\npin = "482"\n',
    "letters pin": b'version = 1\n[helper]\npin = "abcd"\n',
    "html name": b'version = 1\n[[people]]\nname = "<b>Anna</b>"\n',
    "empty": b"",
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_profile_changes_nothing(home: Household, case: str) -> None:
    home.provision(b'version = 1\n[owner]\nname = "Margaret"\n')
    before = home.digest()
    with pytest.raises(ProfileInvalid) as caught:
        home.provision(HOSTILE[case])
    assert caught.value.problems
    assert home.digest() == before


# Round trip --------------------------------------------------------------------------------
def _build_household(home: Household) -> None:
    settings = home.settings()
    settings.set(OWNER_NAME, 'Margaret "Peggy" O\'Neill')
    settings.set(TEXT_SIZE, TextSize.LARGER)
    settings.set(HOME_ZONE, "Europe/Dublin")
    settings.set(CHECK_IN_EVERY_DAYS, 14)
    settings.set(START_AT_LOGIN, False)
    settings.set(TRUSTED_JITSI_HOSTS, frozenset({"jitsi.example.org"}))
    settings.set(HELPER_PIN, PinHash.of("2580"))
    settings.set(RECOMMENDED_LESSONS, ("practice-call", "joining-zoom"))
    home.alerts().save_smtp_settings(
        SmtpSettings("smtp.example.org", 465, Security.TLS, "peggy", "peggy@example.org"),
        password="never exported",
    )
    people = home.people()
    rhythm = Rhythm(timedelta(days=5), timedelta(days=12))
    anna = people.save(
        Person(
            None,
            "Anna \\ Smith",
            "Daughter",
            Circle.FAMILY,
            rhythm,
            notes="Works Mondays.\nLikes <b>bold</b> tea.",
            links=(
                CallLink(None, None, "", "https://zoom.us/j/85512345678?pwd=abc", "zoom"),
                CallLink(
                    None, None, "Anna's mobile", "tel:+447700900123", "phone", is_default=True
                ),
            ),
        )
    )
    club = people.save(
        Person(
            None,
            "Book Club 📚",
            "Group",
            Circle.GROUP,
            Rhythm(timedelta(days=7), timedelta(days=21)),
            is_group=True,
            links=(CallLink(None, None, "", "https://jitsi.example.org/Books", "jitsi"),),
        )
    )
    plans = home.plans()
    assert anna.id is not None
    assert club.id is not None
    plans.save(
        CallPlan(
            None,
            anna.id,
            anna.links[0].id,
            Recurrence(
                Frequency.WEEKLY,
                weekdays=(6,),
                time_of_day=time(16),
                zone="Europe/Dublin",
                starts_on=date(2027, 1, 3),
            ),
        )
    )
    plans.save(
        CallPlan(
            None,
            anna.id,
            anna.links[1].id,
            Recurrence(
                Frequency.MONTHLY_NTH_WEEKDAY,
                weekdays=(5,),
                nth=-1,
                time_of_day=time(11, 30),
                zone="America/New_York",
                starts_on=date(2027, 1, 1),
                ends_on=date(2027, 6, 30),
            ),
            reminder_lead=timedelta(minutes=25),
        )
    )
    plans.save(
        CallPlan(
            None,
            club.id,
            club.links[0].id,
            Recurrence(
                Frequency.DAILY,
                interval=3,
                time_of_day=time(9, 15),
                zone="Australia/Sydney",
                starts_on=date(2027, 2, 1),
            ),
        )
    )
    home.alerts().save_person(
        TrustedPerson(
            None,
            "Anna",
            "anna@example.org",
            share_weekly=True,
            allowed=frozenset({Topic.LEVEL, Topic.NEXT_CALL}),
        )
    )


def _snapshot(home: Household) -> dict[str, object]:
    settings = home.settings()
    people = home.everyone()
    by_id = {person.id: person for person in people}
    links = {link.id: link.url for person in people for link in person.links}
    return {
        "settings": {
            setting.key: settings.get(setting)
            for setting in SETTINGS
            if setting.changed_by is not Role.APP
        },
        "people": [
            (
                p.name,
                p.relationship,
                p.circle,
                p.is_group,
                p.rhythm,
                p.notes,
                [(link.url, link.label, link.service, link.is_default) for link in p.links],
            )
            for p in people
        ],
        "plans": sorted(
            [
                (
                    by_id[plan.person_id].name,
                    plan.schedule,
                    links.get(plan.link_id),
                    plan.reminder_lead,
                    plan.active,
                )
                for plan, _ in home.plans().plans()
            ],
            key=repr,
        ),
        "trusted": [
            (t.name, t.email, t.share_level_changes, t.share_weekly, t.allowed)
            for t in home.alerts().trusted_people()
        ],
    }


def test_export_then_provision_into_an_empty_folder_reproduces_the_household(
    home: Household, tmp_path: Path, clock: FixedClock
) -> None:
    _build_household(home)
    written = write_profile(home.provisioning().export())
    assert "2580" not in written
    assert "never exported" not in written

    elsewhere = Household(tmp_path / "new-computer", clock)
    elsewhere.folder.mkdir()
    try:
        elsewhere.provision(written.encode())
        assert _snapshot(elsewhere) == _snapshot(home)
        assert len(_snapshot(elsewhere)["plans"]) == 3  # type: ignore[arg-type]
        # And the new computer, exported again, says the same.
        assert write_profile(elsewhere.provisioning().export()) == written
    finally:
        elsewhere.close()


def test_nothing_is_exported_from_an_archived_person(home: Household) -> None:
    people = home.people()
    gone = people.save(
        Person(None, "Gone", "", Circle.OTHER, Rhythm(timedelta(days=7), timedelta(days=14)))
    )
    assert gone.id is not None
    people.archive(gone.id)
    assert home.provisioning().export().people == ()


def test_a_recommended_lesson_missing_here_is_refused(home: Household) -> None:
    before = home.digest()
    with pytest.raises(ProfileInvalid) as caught:
        home.provision(b'version = 1\n[settings]\nrecommended_lessons = ["no-such-lesson"]\n')
    assert [p.kind for p in caught.value.problems] == [ProfileProblemKind.UNKNOWN_LESSON]
    assert home.digest() == before


def test_jitsi_servers_confirmed_here_stay_confirmed(home: Household) -> None:
    home.settings().set(TRUSTED_JITSI_HOSTS, frozenset({"jitsi.family.example"}))
    home.provision(b'version = 1\n[settings]\ntrusted_jitsi_hosts = ["jitsi.example.org"]\n')
    assert home.settings().get(TRUSTED_JITSI_HOSTS) == {"jitsi.family.example", "jitsi.example.org"}
    assert home.provision(b"version = 1\n[settings]\ntrusted_jitsi_hosts = []\n").empty
