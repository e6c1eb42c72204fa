"""Kinds of contact and how much each counts: being there in person counts most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ContactKind(StrEnum):
    VISIT = "visit"
    VIDEO_CALL = "video_call"
    PHONE_CALL = "phone_call"
    GROUP_ACTIVITY = "group_activity"
    MESSAGE = "message"


# Weights follow EVIDENCE.md section 1: in-person contact predicts wellbeing most
# (Teo et al. 2015), video calls clearly help (Teo et al. 2018), written messages
# showed no measurable effect, so they count least.
CONTACT_WEIGHT: dict[ContactKind, float] = {
    ContactKind.VISIT: 3.0,
    ContactKind.VIDEO_CALL: 2.0,
    ContactKind.GROUP_ACTIVITY: 2.0,
    ContactKind.PHONE_CALL: 1.5,
    ContactKind.MESSAGE: 0.5,
}


class ContactSource(StrEnum):
    """How an event came to be recorded."""

    CALL_BUTTON = "call_button"
    REMINDER = "reminder"
    BY_HAND = "by_hand"
    DEMO = "demo"


@dataclass(frozen=True, slots=True)
class ContactEvent:
    id: int | None
    person_id: int
    kind: ContactKind
    happened_at: datetime
    source: ContactSource
    duration_minutes: int | None = None
    note: str = ""
