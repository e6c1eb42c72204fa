"""CallService: one press opens the saved link and is remembered; afterwards it asks, once."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from lonely_bridge.domain import links
from lonely_bridge.domain.calls import FOLLOW_UP_AFTER
from lonely_bridge.domain.contact import ContactKind, ContactSource
from lonely_bridge.domain.errors import LinkRefused
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, CallLink, Circle, Person
from lonely_bridge.services.calls import CallService
from lonely_bridge.services.errors import CallDidNotOpen, NoCallLink
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService
from lonely_bridge.storage.migrate import database_path
from lonely_bridge.wording.problems import explain
from tests.doubles import FixedClock, RecordingOpener

ZOOM = "https://zoom.us/j/85512345678"
PHONE = "tel:+447700900123"


def save(people: PeopleService, name: str, *links: CallLink, group: bool = False) -> Person:
    circle = Circle.GROUP if group else Circle.FAMILY
    return people.save(
        Person(None, name, "", circle, DEFAULT_RHYTHMS[circle], links=links, is_group=group)
    )


def link(url: str, *, default: bool = False) -> CallLink:
    return CallLink(None, None, "", url, "", default)


@pytest.fixture
def anna(people_service: PeopleService) -> Person:
    return save(people_service, "Anna", link(ZOOM, default=True), link(PHONE))


def test_a_call_opens_the_usual_link_and_is_remembered(
    calls: CallService, opener: RecordingOpener, anna: Person, clock: FixedClock
) -> None:
    assert anna.id is not None
    attempt = calls.call(anna.id)

    assert opener.opened == [ZOOM]
    assert attempt.id is not None
    assert (attempt.person_id, attempt.service, attempt.launched_at) == (
        anna.id,
        "zoom",
        clock.now(),
    )
    assert anna.default_link is not None
    assert attempt.link_id == anna.default_link.id
    assert not attempt.from_reminder


def test_a_chosen_link_is_the_one_opened(
    calls: CallService, opener: RecordingOpener, anna: Person
) -> None:
    assert anna.id is not None
    phone = next(saved for saved in anna.links if saved.url == PHONE)

    attempt = calls.call(anna.id, link_id=phone.id)

    assert opener.opened == [PHONE]
    assert (attempt.link_id, attempt.service) == (phone.id, "phone")


def test_someone_with_no_link_cannot_be_called_and_nothing_is_opened(
    calls: CallService, opener: RecordingOpener, people_service: PeopleService, clock: FixedClock
) -> None:
    tom = save(people_service, "Tom")
    assert tom.id is not None

    with pytest.raises(NoCallLink) as raised:
        calls.call(tom.id)

    assert raised.value.params == {"person": "Tom"}
    assert opener.opened == []
    clock.advance(minutes=5)
    assert calls.pending_follow_up() is None


def test_a_link_the_computer_cannot_open_is_not_remembered_as_a_call(
    calls: CallService, opener: RecordingOpener, anna: Person, clock: FixedClock
) -> None:
    assert anna.id is not None
    opener.works = False

    with pytest.raises(CallDidNotOpen) as raised:
        calls.call(anna.id)

    # The problem carries the service's code; its words name it as people know it.
    assert raised.value.params == {"person": "Anna", "service": links.CallService.ZOOM}
    assert "Zoom" in explain(raised.value).as_text()
    clock.advance(minutes=5)
    assert calls.pending_follow_up() is None


def test_a_saved_link_changed_behind_the_app_s_back_is_refused_before_opening(
    calls: CallService, opener: RecordingOpener, anna: Person, store_folder: Path
) -> None:
    assert anna.id is not None
    with closing(sqlite3.connect(database_path(store_folder))) as db, db:
        db.execute("UPDATE call_links SET url = 'file:///etc/passwd' WHERE url = ?", (ZOOM,))

    with pytest.raises(LinkRefused):
        calls.call(anna.id)

    assert opener.opened == []


def test_the_follow_up_waits_until_the_call_had_time_to_start(
    calls: CallService, anna: Person, clock: FixedClock
) -> None:
    assert anna.id is not None
    attempt = calls.call(anna.id)

    clock.advance(seconds=FOLLOW_UP_AFTER.total_seconds() - 1)
    assert calls.pending_follow_up() is None
    clock.advance(seconds=1)
    follow_up = calls.pending_follow_up()

    assert follow_up is not None
    assert follow_up.attempt.id == attempt.id
    assert follow_up.person.name == "Anna"


def test_yes_becomes_contact_dated_when_the_call_began_and_is_asked_once(
    calls: CallService, overview: OverviewService, anna: Person, clock: FixedClock
) -> None:
    assert anna.id is not None
    began = clock.now()
    calls.call(anna.id, from_reminder=True)
    clock.advance(minutes=30)
    follow_up = calls.pending_follow_up()
    assert follow_up is not None

    event = calls.answer_follow_up(follow_up, talked=True)

    assert event is not None
    assert (event.person_id, event.kind, event.happened_at) == (
        anna.id,
        ContactKind.VIDEO_CALL,
        began,
    )
    assert event.source is ContactSource.REMINDER
    assert overview.recent_events() == [event]
    assert calls.pending_follow_up() is None


def test_no_records_no_contact_and_is_not_asked_again(
    calls: CallService, overview: OverviewService, anna: Person, clock: FixedClock
) -> None:
    assert anna.id is not None
    calls.call(anna.id)
    clock.advance(minutes=30)
    follow_up = calls.pending_follow_up()
    assert follow_up is not None

    assert calls.answer_follow_up(follow_up, talked=False) is None

    assert overview.recent_events() == []
    assert calls.pending_follow_up() is None


@pytest.mark.parametrize(
    ("url", "group", "kind"),
    [
        (PHONE, False, ContactKind.PHONE_CALL),
        (ZOOM, True, ContactKind.GROUP_ACTIVITY),
    ],
)
def test_a_phone_call_or_a_group_counts_as_its_own_kind_of_contact(
    calls: CallService,
    people_service: PeopleService,
    clock: FixedClock,
    url: str,
    group: bool,
    kind: ContactKind,
) -> None:
    person = save(people_service, "Choir", link(url, default=True), group=group)
    assert person.id is not None
    calls.call(person.id)
    clock.advance(minutes=30)
    follow_up = calls.pending_follow_up()
    assert follow_up is not None

    event = calls.answer_follow_up(follow_up, talked=True)

    assert event is not None
    assert event.kind is kind
    assert event.source is ContactSource.CALL_BUTTON
