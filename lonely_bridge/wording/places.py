"""Time zones as the places people know: "London", not "Europe/London" or "Etc/UTC"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lonely_bridge.i18n import _

# The tz database's zones with no place in them, which all keep universal time.
UNIVERSAL_ZONES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu"}
)


@dataclass(frozen=True, slots=True)
class Place:
    zone: str  # the IANA name, as it is saved
    name: str  # "London"
    country: str  # "Britain (UK)", as the tz database names it; "" when it names none


def _rows(file_name: str) -> list[list[str]]:
    # The tzdata package, bundled with the app, carries the tz database's own tables (every
    # computer, Windows too, then has the same list).
    text = resources.files("tzdata.zoneinfo").joinpath(file_name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@cache
def _countries_by_zone() -> dict[str, str]:
    countries = {row[0]: row[1] for row in _rows("iso3166.tab") if len(row) >= 2}
    return {row[2]: countries.get(row[0], "") for row in _rows("zone.tab") if len(row) >= 3}


@cache
def _shared_names() -> frozenset[str]:
    counts = Counter(_city(zone) for zone in _countries_by_zone())
    return frozenset(name for name, count in counts.items() if count > 1)


def place_name(zone: str) -> str:
    """The place a zone is named after: "Europe/London" is "London", and
    "America/Argentina/Buenos_Aires" "Buenos Aires"; with its country when two places share
    a name."""
    if zone in UNIVERSAL_ZONES:
        return _("Universal time (the same all year)")
    name = _city(zone)
    if name in _shared_names():
        country = _countries_by_zone().get(zone, "")
        if country:
            return _("{place}, {country}").format(place=name, country=country)
    return name


@cache
def places() -> tuple[Place, ...]:
    """Every place the tz database names one zone after, by name."""
    found = [
        Place(zone, place_name(zone), country) for zone, country in _countries_by_zone().items()
    ]
    return tuple(sorted(found, key=lambda place: (place.name.casefold(), place.country)))


def place_line(place: Place) -> str:
    """A place as the chooser lists it: "London, Britain (UK)"."""
    if not place.country or place.country in place.name:
        return place.name
    return _("{place}, {country}").format(place=place.name, country=place.country)


def matching_places(typed: str, *, extra: tuple[str, ...] = ()) -> list[Place]:
    """The places whose name or country holds ``typed`` (any case), the names that begin with
    it first; ``extra`` zones (the computer's own, if the table lacks it) are offered too."""
    known = {place.zone for place in places()}
    every = list(places()) + [
        Place(zone, place_name(zone), "") for zone in extra if zone not in known
    ]
    words = " ".join(typed.casefold().replace("_", " ").split())
    if not words:
        return every
    found = [
        place
        for place in every
        if words in place.name.casefold()
        or words in place.country.casefold()
        or words in place.zone.casefold().replace("_", " ")
    ]
    return sorted(found, key=lambda place: not place.name.casefold().startswith(words))
