"""Time zones named as places: the city, never the tz database's region or "Etc"."""

from __future__ import annotations

from zoneinfo import available_timezones

import pytest

from lonely_bridge.wording.places import matching_places, place_line, place_name, places


@pytest.mark.parametrize(
    ("zone", "name"),
    [
        ("Europe/London", "London"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires"),
        ("America/Buenos_Aires", "Buenos Aires"),  # the old name of the same place
        ("America/New_York", "New York"),
        ("Pacific/Auckland", "Auckland"),
    ],
)
def test_a_zone_is_named_by_its_place(zone: str, name: str) -> None:
    assert place_name(zone) == name


@pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "Etc/GMT"])
def test_universal_time_is_said_in_words_not_codes(zone: str) -> None:
    words = place_name(zone)
    assert "Etc" not in words
    assert "/" not in words
    assert words == "Universal time (the same all year)"


def test_every_listed_place_is_a_real_zone_with_a_name_of_its_own() -> None:
    listed = places()
    assert len(listed) > 300
    assert {place.zone for place in listed} <= available_timezones()
    lines = [place_line(place) for place in listed]
    assert len(set(lines)) == len(lines)  # two places never look the same
    assert not any("/" in place.name or "_" in place.name for place in listed)


def test_typing_finds_names_that_begin_with_it_first() -> None:
    found = matching_places("lond")
    assert found[0].zone == "Europe/London"
    assert place_line(found[0]) == "London, Britain (UK)"
    assert [p.zone for p in matching_places("BUENOS")] == ["America/Argentina/Buenos_Aires"]
    # A country finds its places too.
    assert "Pacific/Auckland" in {p.zone for p in matching_places("new zealand")}
    assert matching_places("no such place anywhere") == []


def test_the_computers_own_zone_is_offered_even_outside_the_table() -> None:
    assert [p.zone for p in matching_places("universal", extra=("UTC",))] == ["UTC"]
