"""PeopleService: a person is checked before saving (the same limits the importer cuts to),
links are made safe with one usual way to call, and people can be archived and restored."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lonely_bridge.domain.contact import ContactKind
from lonely_bridge.domain.errors import LinkRefused
from lonely_bridge.domain.people import (
    DEFAULT_RHYTHMS,
    MAX_LINK_LABEL_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTES_CHARS,
    MAX_RELATIONSHIP_CHARS,
    CallLink,
    Circle,
    Person,
)
from lonely_bridge.services.contacts import ContactService
from lonely_bridge.services.errors import PersonInvalid
from lonely_bridge.services.overview import OverviewService
from lonely_bridge.services.people import PeopleService, PersonProblem
from lonely_bridge.wording.problems import explain
from tests.doubles import FixedClock


def person(**changes: object) -> Person:
    fields: dict[str, object] = {
        "id": None,
        "name": "Anna Smith",
        "relationship": "Daughter",
        "circle": Circle.FAMILY,
        "rhythm": DEFAULT_RHYTHMS[Circle.FAMILY],
    }
    fields.update(changes)
    return Person(**fields)  # type: ignore[arg-type]


def phone(label: str) -> CallLink:
    return CallLink(None, None, label, "+44 7700 900123", "", True)


@pytest.fixture
def people(people_service: PeopleService) -> PeopleService:
    return people_service


@pytest.mark.parametrize(
    ("changes", "problem", "words"),
    [
        ({"name": "A" * (MAX_NAME_CHARS + 1)}, PersonProblem.NAME_TOO_LONG, "That name"),
        (
            {"relationship": "D" * (MAX_RELATIONSHIP_CHARS + 1)},
            PersonProblem.RELATIONSHIP_TOO_LONG,
            "How they are related",
        ),
        (
            {"notes": "n" * (MAX_NOTES_CHARS + 1)},
            PersonProblem.NOTES_TOO_LONG,
            "more than 10,000 letters",
        ),
        (
            {"links": (phone("L" * (MAX_LINK_LABEL_CHARS + 1)),)},
            PersonProblem.LINK_LABEL_TOO_LONG,
            "A name for a way to call",
        ),
    ],
)
def test_text_beyond_a_limit_is_refused_in_plain_words(
    people: PeopleService, changes: dict[str, object], problem: PersonProblem, words: str
) -> None:
    with pytest.raises(PersonInvalid) as caught:
        people.checked(person(**changes))
    assert caught.value.params["problem"] == problem
    assert words in explain(caught.value).text


def test_text_at_each_limit_is_kept(people: PeopleService) -> None:
    full = person(
        name="A" * MAX_NAME_CHARS,
        relationship="D" * MAX_RELATIONSHIP_CHARS,
        notes="n" * MAX_NOTES_CHARS,
        links=(phone("L" * MAX_LINK_LABEL_CHARS),),
    )
    checked = people.checked(full)
    assert (checked.name, checked.relationship, checked.notes) == (
        full.name,
        full.relationship,
        full.notes,
    )
    assert checked.links[0].label == full.links[0].label


def test_a_label_made_from_a_long_name_fits(people: PeopleService) -> None:
    saved = people.save(person(name="A" * MAX_NAME_CHARS, links=(phone(""),)))
    [link] = saved.links
    assert len(link.label) <= MAX_LINK_LABEL_CHARS
    assert link.label.endswith("…")


# A right-to-left override inside a name turns our own sentences around it backwards:
# "Did you get to talk with \u202eBen?" shows as "Did you get to talk with ?neB".
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_never_reach_a_saved_name_or_label(people: PeopleService) -> None:
    saved = people.save(
        person(
            name=f"\u202eBen{BIDI} Okafor",
            relationship=f"Son\u2067in-law{BIDI}",
            links=(phone(f"\u202eMobile{BIDI}"),),
        )
    )
    assert saved.name == "Ben Okafor"
    assert saved.relationship == "Sonin-law"
    assert saved.links[0].label == "Mobile"


def test_right_to_left_letters_are_kept(people: PeopleService) -> None:
    saved = people.save(person(name="  سارة   Cohen  שרה "))
    assert saved.name == "سارة Cohen שרה"


def link(url: str, *, default: bool = False) -> CallLink:
    return CallLink(None, None, "", url, "", default)


def test_a_person_without_a_name_is_refused(people: PeopleService) -> None:
    with pytest.raises(PersonInvalid) as caught:
        people.save(person(name=" \n "))
    assert caught.value.params["problem"] == PersonProblem.NO_NAME


def test_a_link_that_is_not_a_call_is_refused_and_nothing_is_saved(
    people: PeopleService, overview: OverviewService
) -> None:
    with pytest.raises(LinkRefused):
        people.save(person(links=(link("file:///home/anna/photo.jpg"),)))
    assert overview.people() == []


def test_the_first_link_becomes_the_usual_one_and_there_is_only_one(
    people: PeopleService,
) -> None:
    zoom, phone_link, meet = (
        link("https://zoom.us/j/85512345678"),
        link("tel:+447700900123", default=True),
        link("https://meet.google.com/abc-defg-hij", default=True),
    )

    none_chosen = people.save(person(links=(zoom, replace(phone_link, is_default=False))))
    two_chosen = people.save(person(links=(zoom, phone_link, meet)))

    assert [saved.is_default for saved in none_chosen.links] == [True, False]
    assert [saved.is_default for saved in two_chosen.links] == [False, True, False]
    assert [saved.service for saved in two_chosen.links] == ["zoom", "phone", "google_meet"]
    assert two_chosen.links[0].label == "Anna Smith on Zoom"


def test_saving_again_changes_the_same_person(
    people: PeopleService, overview: OverviewService
) -> None:
    anna = people.save(person())

    people.save(replace(anna, relationship="Eldest daughter"))

    [kept] = overview.people()
    assert (kept.id, kept.relationship) == (anna.id, "Eldest daughter")


def test_a_self_hosted_jitsi_server_is_refused_until_a_helper_confirms_it(
    people: PeopleService,
) -> None:
    own_server = person(links=(link("https://Jitsi.Example.org/family"),))
    with pytest.raises(LinkRefused):
        people.checked(own_server)

    people.trust_jitsi_host(" JITSI.example.org. ")
    people.trust_jitsi_host("jitsi.example.org")

    assert people.trusted_jitsi_hosts() == frozenset({"jitsi.example.org"})
    assert people.checked(own_server).links[0].service == "jitsi"


def test_archived_people_rest_aside_until_restored(
    people: PeopleService, overview: OverviewService, clock: FixedClock
) -> None:
    anna = people.save(person())
    assert anna.id is not None

    people.archive(anna.id)

    assert overview.people() == []
    [resting] = people.archived()
    assert resting.archived_at == clock.now()
    people.restore(anna.id)
    assert people.archived() == []
    assert [kept.id for kept in overview.people()] == [anna.id]


def test_deleting_forever_leaves_no_trace(
    people: PeopleService,
    overview: OverviewService,
    contacts: ContactService,
) -> None:
    anna = people.save(person())
    assert anna.id is not None
    contacts.record(anna.id, ContactKind.VISIT)
    people.archive(anna.id)

    people.delete_forever(anna.id)

    assert people.archived() == []
    assert overview.people() == []
    assert overview.recent_events() == []
