"""Calls launched from the app, and the kind of contact a finished call counts as."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from lonely_bridge.domain.contact import ContactKind

# The call app takes the screen; asking "did you talk?" sooner than this after pressing
# Call would interrupt a call that failed to start, or one that is still ringing.
FOLLOW_UP_AFTER = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class CallAttempt:
    id: int | None
    person_id: int
    link_id: int | None
    service: str
    launched_at: datetime
    from_reminder: bool = False
    talked: bool | None = None
    asked_at: datetime | None = None
    event_id: int | None = None
    occurrence_id: int | None = None


def contact_kind_for_call(service: str, *, is_group: bool) -> ContactKind:
    if is_group:
        return ContactKind.GROUP_ACTIVITY
    return ContactKind.PHONE_CALL if service == "phone" else ContactKind.VIDEO_CALL


def needs_follow_up(attempt: CallAttempt, now: datetime) -> bool:
    return attempt.asked_at is None and now - attempt.launched_at >= FOLLOW_UP_AFTER
