"""Consented sharing by e-mail: what may be shared, the warm message, retries and the weekly limit.

Pure rules only: no network, no database, no keychain. The services put them to work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from lonely_bridge.domain.email_addresses import email_problem, tidy_email
from lonely_bridge.domain.errors import TrustedPersonInvalid
from lonely_bridge.domain.people import one_line

APP_NAME = "Lonely Bridge"
MAX_NAME_CHARS = 200
MAX_REASONS_SHARED = 3
MAX_PEOPLE_SHARED = 6

# After the 1st, 2nd, 3rd and 4th failed try; then every LATER_RETRY_DELAY, for ever.
RETRY_DELAYS: tuple[timedelta, ...] = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
LATER_RETRY_DELAY = timedelta(hours=6)
# A try holds its message this long (far longer than the mailer's timeouts allow a try to
# take); a message whose try was cut short by a crash comes due again when it ends.
SENDING_LEASE = timedelta(minutes=10)
# At most one automatic message per person in this long; messages sent by hand don't count.
AUTOMATIC_LIMIT_PERIOD = timedelta(days=7)


class Topic(StrEnum):
    """A part of the summary someone may be allowed to see."""

    LEVEL = "level"  # how things are, in a few gentle words
    REASONS = "reasons"  # what the app noticed
    PEOPLE_IN_TOUCH = "people_in_touch"  # who they have been in touch with lately
    NEXT_CALL = "next_call"  # the next planned call


ALL_TOPICS = frozenset(Topic)


class MailKind(StrEnum):
    LEVEL = "level"  # the insight reached "Let's tell someone you trust"
    WEEKLY = "weekly"  # the weekly note the older adult chose
    BY_HAND = "by_hand"  # the older adult pressed "Send" themselves

    @property
    def automatic(self) -> bool:
        return self is not MailKind.BY_HAND


@dataclass(frozen=True, slots=True)
class ShareableSummary:
    """The insight's parts that may be shared, already in words meant for the reader.

    Built by whoever computes the insight; the texts speak about the older adult, not to them.
    """

    level_words: str
    reasons: tuple[str, ...] = ()
    people_in_touch: tuple[str, ...] = ()
    next_call: str | None = None


@dataclass(frozen=True, slots=True)
class TrustedPerson:
    """Someone the older adult named to receive news by e-mail, and what they may see."""

    id: int | None
    name: str
    email: str
    share_level_changes: bool = True
    share_weekly: bool = False
    allowed: frozenset[Topic] = field(default=frozenset({Topic.LEVEL}))
    created_at: datetime | None = None

    def chose(self, kind: MailKind) -> bool:
        """Whether the older adult agreed to send this person messages of ``kind``."""
        if kind is MailKind.LEVEL:
            return self.share_level_changes
        if kind is MailKind.WEEKLY:
            return self.share_weekly
        return True


class OutboxStatus(StrEnum):
    SENT = "sent"
    WAITING = "waiting"  # not tried yet
    RETRYING = "retrying"  # tried, will try again at next_attempt_at
    SENDING = "sending"  # being handed to the mail server right now
    INTERRUPTED = "interrupted"  # the app stopped mid-send; it may have gone, and will go again


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One message, from the moment it is approved until (and after) it is sent."""

    id: int | None
    recipient_id: int | None  # None once the person was removed (the record stays)
    to_name: str
    to_address: str
    kind: MailKind
    subject: str
    body: str
    message_id: str  # the same on every try, so a repeat is recognisably the same message
    created_at: datetime
    next_attempt_at: datetime
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None
    sending_since: datetime | None = None

    def status(self, now: datetime, *, lease: timedelta) -> OutboxStatus:
        if self.sent_at is not None:
            return OutboxStatus.SENT
        if self.sending_since is not None:
            fresh = now - self.sending_since < lease
            return OutboxStatus.SENDING if fresh else OutboxStatus.INTERRUPTED
        return OutboxStatus.RETRYING if self.attempts else OutboxStatus.WAITING


# Checking what a helper typed ------------------------------------------------------------
def tidy(text: str) -> str:
    """One line, single spaces, no bidi controls: names and subjects can never break an
    e-mail header or turn the words around them."""
    return one_line(text)


def checked_person(person: TrustedPerson) -> TrustedPerson:
    """The trusted person as they will be saved; raises TrustedPersonInvalid."""
    name = tidy(person.name)
    email = tidy_email(person.email)
    if not name:
        raise TrustedPersonInvalid(problem="no_name")
    if len(name) > MAX_NAME_CHARS:
        raise TrustedPersonInvalid(problem="name_too_long", limit=MAX_NAME_CHARS)
    if (why := email_problem(email)) is not None:
        raise TrustedPersonInvalid(problem="bad_email", email=email, why=why)
    return TrustedPerson(
        id=person.id,
        name=name,
        email=email,
        share_level_changes=person.share_level_changes,
        share_weekly=person.share_weekly,
        allowed=frozenset(Topic(topic) for topic in person.allowed),
        created_at=person.created_at,
    )


def topics_from_json(value: Any) -> frozenset[Topic]:
    """Stored topics back as a set; names this version does not know are left out."""
    if not isinstance(value, list):
        return frozenset()
    known = {topic.value for topic in Topic}
    return frozenset(Topic(item) for item in value if item in known)


def topics_to_json(topics: Iterable[Topic]) -> list[str]:
    return sorted(str(topic) for topic in topics)


# The message -----------------------------------------------------------------------------
# Grades, diagnoses and labels have no place in a message about someone; a text that
# contains one of these is left out. The app's own name is the only exception.
_UNSHAREABLE = re.compile(
    r"\b(?:lonel\w*|isolat\w*|risks?|risky|scores?|scored|scoring|scales?|depress\w*"
    r"|dementia|diagnos\w*|ucla|lsns|level \d)",
    re.IGNORECASE,
)


def shareable(text: str) -> bool:
    return _UNSHAREABLE.search(text.replace(APP_NAME, "")) is None


# Retries and limits ----------------------------------------------------------------------
def retry_delay(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failed tries (1 or more)."""
    if attempts < 1:
        raise ValueError("retry_delay counts failed tries, from 1")
    if attempts <= len(RETRY_DELAYS):
        return RETRY_DELAYS[attempts - 1]
    return LATER_RETRY_DELAY


def next_attempt(attempts: int, now: datetime) -> datetime:
    """When to try again after ``attempts`` failed tries: 1 min, 5 min, 30 min, 2 h, then 6 h.

    There is no last try: a message waits, however long, until it can be sent.
    """
    return now + retry_delay(attempts)


def automatic_allowed(kind: MailKind, last_automatic_at: datetime | None, now: datetime) -> bool:
    """At most one automatic message per person every 7 days; messages sent by hand always go."""
    if not kind.automatic or last_automatic_at is None:
        return True
    return now - last_automatic_at >= AUTOMATIC_LIMIT_PERIOD
