"""The person editor's limits, kept by the service: the same limits the importer cuts to."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.clock import FixedClock
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
from lonely_bridge.services.errors import PersonInvalid
from lonely_bridge.services.people import PeopleService, PersonProblem
from lonely_bridge.storage.store import AppStore
from lonely_bridge.wording.problems import explain


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
def people(app_store: AppStore, clock: FixedClock) -> PeopleService:
    return PeopleService(app_store, clock)


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
