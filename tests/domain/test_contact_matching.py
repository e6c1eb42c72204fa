"""Tests for finding people we probably have already: by normalised name and by phone key."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.contact_matching import (
    MAX_NAMED_DUPLICATES,
    DuplicateIndex,
    normalise_name,
    phone_match_key,
)

ANNA_NUMBERS = ["07700 900123"]


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ([("Anna Smith", [])], ["Anna Smith"]),
        ([("Smith, Anna", [])], ["Smith, Anna"]),
        ([("  ANNA   smith ", [])], ["  ANNA   smith "]),
        ([("Ánna Smíth", [])], ["Ánna Smíth"]),
        ([("Anna Smithson", [])], []),
        ([("Granny", ["+44 7700 900123"])], ["Granny"]),
        ([("Granny", ["(0)7700-900-123"])], ["Granny"]),
        ([("Granny", ["900123"])], []),
        ([("Bob", ["01632 960000"]), ("Anna Smith", ["1"]), ("Anna Smith", [])], ["Anna Smith"]),
        ([("Granny", ["+44 7700 900123"]), ("Anna Smith", [])], ["Granny", "Anna Smith"]),
        ([("Anna Smith", []), ("Granny", ["+44 7700 900123"])], ["Anna Smith", "Granny"]),
        ([("Anna Smith", ["+44 7700 900123"])], ["Anna Smith"]),
    ],
)
def test_likely_duplicates(existing: list[tuple[str, list[str]]], expected: list[str]) -> None:
    assert DuplicateIndex(existing).matches("Anna Smith", ANNA_NUMBERS) == expected


def test_people_added_later_are_found_too() -> None:
    index = DuplicateIndex()
    assert index.matches("Anna Smith", ANNA_NUMBERS) == []
    index.add("Anna Smith", ANNA_NUMBERS)
    assert index.matches("SMITH, Anna", []) == ["Anna Smith"]
    assert index.matches("Granny", ["+44 7700 900123"]) == ["Anna Smith"]
    assert index.matches("Bob", ["+44 7700 900999"]) == []
    assert index.match_and_add("Nan", ["07700 900123"]) == ["Anna Smith"]
    assert index.matches("Gran", ["+44 7700 900123"]) == ["Anna Smith", "Nan"]
    assert index.matches("Nan", []) == ["Nan"]


def test_a_name_without_letters_matches_nobody() -> None:
    index = DuplicateIndex([("!!!", []), ("😀", [])])
    assert index.matches("!!!", []) == []


def test_only_the_first_few_names_are_given_in_the_order_they_came() -> None:
    people = [(f"Anna Smith ({n})", ["+44 7700 900123"]) for n in range(10)]
    index = DuplicateIndex(people)
    found = index.matches("Granny", ["07700 900123"])
    assert found == [name for name, _numbers in people[:MAX_NAMED_DUPLICATES]]


def test_earliest_matches_win_across_name_and_number() -> None:
    index = DuplicateIndex(
        [
            ("Number A", ["07700 900123"]),
            ("Anna Smith", []),
            ("Number B", ["07700 900123"]),
            ("Smith Anna", []),
            ("Number C", ["07700 900123"]),
        ]
    )
    assert index.matches("Anna Smith", ["07700 900123"]) == ["Number A", "Anna Smith", "Number B"]


def test_thousands_sharing_one_name_and_number_keep_each_answer_short() -> None:
    # A hostile or broken file: every card the same. Each lookup stays a few names long, so
    # the preview's work grows with the number of cards, not with its square.
    index = DuplicateIndex()
    for n in range(5_000):
        assert len(index.matches("Anna Smith", ["07700 900123"])) <= MAX_NAMED_DUPLICATES
        index.add("Anna Smith", ["07700 900123"])
        index.add(f"Caller {n}", ["07700 900123"])
    assert index.matches("Anna Smith", []) == ["Anna Smith"]
    assert index.matches("Bob", ["07700 900123"]) == ["Anna Smith", "Caller 0", "Caller 1"]


@pytest.mark.parametrize(
    ("left", "right"),
    [("Søren Kierkegaard", "soren kierkegaard"), ("Zoë Müller", "Muller, Zoe"), ("José", "JOSE")],
)
def test_normalise_name(left: str, right: str) -> None:
    assert normalise_name(left) == normalise_name(right)


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("+44 7700 900123", "700900123"),
        ("07700 900123", "700900123"),
        ("999", None),
        ("٠٧٧٠٠٩٠٠١٢٣", "700900123"),
    ],
)
def test_phone_match_key(number: str, key: str | None) -> None:
    assert phone_match_key(number) == key
