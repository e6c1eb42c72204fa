"""Plain words for a whole-household file: what it holds and when it was saved."""

from __future__ import annotations

from datetime import date, datetime

from lonely_bridge.domain.household import SUFFIX, HouseholdSummary
from lonely_bridge.i18n import _, ngettext


def household_contents(summary: HouseholdSummary) -> str:
    """For example "7 people, 4 regular calls and 2 photos"."""
    people = ngettext("{count} person", "{count} people", summary.people)
    plans = ngettext("{count} regular call", "{count} regular calls", summary.plans)
    photos = ngettext("{count} photo", "{count} photos", summary.photos)
    return _("{people}, {plans} and {photos}").format(
        people=people.format(count=summary.people),
        plans=plans.format(count=summary.plans),
        photos=photos.format(count=summary.photos),
    )


def saved_when(summary: HouseholdSummary, *, here: datetime | None = None) -> str:
    """When the file was saved, in this computer's time: "Thursday 26 November 2026 at 15:00"."""
    moment = summary.saved_at.astimezone(here.tzinfo if here is not None else None)
    return _("{day} at {time}").format(day=f"{moment:%A %d %B %Y}", time=f"{moment:%H:%M}")


def suggested_file_name(day: date) -> str:
    """The name a save window offers: "Lonely Bridge household 2026-11-26.lonelybridge"."""
    return _("Lonely Bridge household {day}").format(day=day.isoformat()) + SUFFIX
