"""What a household file holds, in words: counted in the singular or plural as they come."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from lonely_bridge.domain.household import HouseholdSummary
from lonely_bridge.wording.household import household_contents, saved_when

SAVED = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


def _summary(people: int, plans: int, photos: int) -> HouseholdSummary:
    return HouseholdSummary(SAVED, "0.1.0", "0007", people, plans, 0, photos)


def test_counts_read_as_sentences() -> None:
    assert household_contents(_summary(7, 4, 2)) == "7 people, 4 regular calls and 2 photos"
    assert household_contents(_summary(1, 1, 1)) == "1 person, 1 regular call and 1 photo"
    assert household_contents(_summary(0, 0, 0)) == "0 people, 0 regular calls and 0 photos"


def test_the_time_saved_is_given_in_the_zone_asked_for() -> None:
    sydney = datetime(2026, 11, 27, tzinfo=ZoneInfo("Australia/Sydney"))
    assert saved_when(_summary(1, 1, 1), here=sydney) == "Friday 27 November 2026 at 02:00"
