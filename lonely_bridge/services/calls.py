"""Launching a call with one press, and asking once afterwards whether they got to talk."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lonely_bridge.domain.calls import CallAttempt, contact_kind_for_call, needs_follow_up
from lonely_bridge.domain.clock import Clock
from lonely_bridge.domain.contact import ContactEvent, ContactSource
from lonely_bridge.domain.people import CallLink, Person
from lonely_bridge.services.errors import CallDidNotOpen, NoCallLink
from lonely_bridge.services.people import confirmed_jitsi_hosts
from lonely_bridge.services.ports import (
    CallAttemptRepository,
    PeopleRepository,
    SettingsRepository,
    UrlOpener,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FollowUp:
    attempt: CallAttempt
    person: Person


class CallService:
    def __init__(
        self,
        people: PeopleRepository,
        attempts: CallAttemptRepository,
        settings: SettingsRepository,
        opener: UrlOpener,
        clock: Clock,
    ) -> None:
        self._people = people
        self._attempts = attempts
        self._settings = settings
        self._opener = opener
        self._clock = clock

    @property
    def opener(self) -> UrlOpener:
        return self._opener

    def call(
        self,
        person_id: int,
        *,
        link_id: int | None = None,
        from_reminder: bool = False,
        occurrence_id: int | None = None,
    ) -> CallAttempt:
        """Open the person's default (or chosen) link and remember that we did.

        Raises NoCallLink, LinkRefused (a saved link that is no longer safe to open)
        or CallDidNotOpen; nothing is recorded then.
        """
        from lonely_bridge.domain.links import parse_call_link

        person = self._people.get_person(person_id)
        link = self._choose_link(person, link_id)
        # Saved links were checked when saved; checking again means a link edited in the
        # database by hand, or saved by an older, laxer version, still cannot open a file.
        # The confirmed Jitsi servers are read now, so one confirmed a moment ago counts.
        parsed = parse_call_link(
            link.url, trusted_jitsi_hosts=confirmed_jitsi_hosts(self._settings)
        )
        if not self._opener.open_url(parsed.url):
            raise CallDidNotOpen(person=person.name, service=parsed.service)
        log.info("Opened a %s call with person %s", parsed.service.value, person_id)
        return self._attempts.add_attempt(
            CallAttempt(
                id=None,
                person_id=person_id,
                link_id=link.id,
                service=parsed.service.value,
                launched_at=self._clock.now(),
                from_reminder=from_reminder,
                occurrence_id=occurrence_id,
            )
        )

    @staticmethod
    def _choose_link(person: Person, link_id: int | None) -> CallLink:
        if link_id is not None:
            for link in person.links:
                if link.id == link_id:
                    return link
        default = person.default_link
        if default is None:
            raise NoCallLink(person=person.name)
        return default

    def pending_follow_up(self) -> FollowUp | None:
        """The call to ask about now, if any: the latest one not yet asked about."""
        attempt = self._attempts.latest_unasked_attempt()
        if attempt is None or not needs_follow_up(attempt, self._clock.now()):
            return None
        return FollowUp(attempt, self._people.get_person(attempt.person_id))

    def answer_follow_up(self, follow_up: FollowUp, *, talked: bool) -> ContactEvent | None:
        """Record the answer; a "yes" becomes contact in the history, dated when the call began."""
        attempt = follow_up.attempt
        assert attempt.id is not None
        event = None
        if talked:
            event = ContactEvent(
                id=None,
                person_id=attempt.person_id,
                kind=contact_kind_for_call(attempt.service, is_group=follow_up.person.is_group),
                happened_at=attempt.launched_at,
                source=ContactSource.REMINDER
                if attempt.from_reminder
                else ContactSource.CALL_BUTTON,
            )
        return self._attempts.answer_attempt(
            attempt.id, talked=talked, asked_at=self._clock.now(), event=event
        )
