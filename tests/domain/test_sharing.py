"""What may be shared, who may receive it, the retry schedule and the weekly limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lonely_bridge.domain.errors import SmtpSettingsInvalid, TrustedPersonInvalid
from lonely_bridge.domain.mail_server import Security, SmtpSettings, check_smtp_settings
from lonely_bridge.domain.sharing import (
    ALL_TOPICS,
    LATER_RETRY_DELAY,
    MailKind,
    OutboxEntry,
    OutboxStatus,
    Topic,
    TrustedPerson,
    automatic_allowed,
    checked_person,
    next_attempt,
    retry_delay,
    topics_from_json,
    topics_to_json,
)

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # a Thursday


def test_retry_schedule_never_gives_up() -> None:
    delays = [retry_delay(attempt) for attempt in range(1, 9)]
    assert delays[:5] == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=6),
    ]
    assert set(delays[4:]) == {LATER_RETRY_DELAY}
    assert next_attempt(1000, NOW) == NOW + timedelta(hours=6)
    with pytest.raises(ValueError, match="from 1"):
        retry_delay(0)


def test_one_automatic_message_a_week_by_hand_always() -> None:
    last = NOW - timedelta(days=6, hours=23)
    assert not automatic_allowed(MailKind.LEVEL, last, NOW)
    assert not automatic_allowed(MailKind.WEEKLY, last, NOW)
    assert automatic_allowed(MailKind.BY_HAND, last, NOW)
    assert automatic_allowed(MailKind.LEVEL, NOW - timedelta(days=7), NOW)
    assert automatic_allowed(MailKind.WEEKLY, None, NOW)


def test_consent_per_kind() -> None:
    person = TrustedPerson(1, "Anna", "anna@example.org", share_level_changes=False,
                           share_weekly=True)  # fmt: skip
    assert not person.chose(MailKind.LEVEL)
    assert person.chose(MailKind.WEEKLY)
    assert person.chose(MailKind.BY_HAND)


def test_checked_person() -> None:
    ready = checked_person(TrustedPerson(None, "  Anna   Smith ", " anna@example.org "))
    assert (ready.name, ready.email) == ("Anna Smith", "anna@example.org")
    with pytest.raises(TrustedPersonInvalid) as error:
        checked_person(TrustedPerson(None, " ", "anna@example.org"))
    assert error.value.params["problem"] == "no_name"
    with pytest.raises(TrustedPersonInvalid) as error:
        checked_person(TrustedPerson(None, "Anna", "anna.example.org"))
    assert error.value.params["problem"] == "bad_email"


@pytest.mark.parametrize(
    "address",
    ["anna@example.org.", "anna@example..org", "a..b@example.org", "anna@-example.org",
     "anna@exa_mple.org", "anna@127.0.0.1", "anna\x7f@example.org", "anna@example.org\u200b",
     "anna@[127.0.0.1]", '"anna"@example.org', "anna@straße.de"],
)  # fmt: skip
def test_addresses_that_could_go_astray_are_not_saved(address: str) -> None:
    with pytest.raises(TrustedPersonInvalid) as error:
        checked_person(TrustedPerson(None, "Anna", address))
    assert error.value.params["problem"] == "bad_email"
    with pytest.raises(SmtpSettingsInvalid) as settings_error:
        check_smtp_settings(SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "m", address))
    assert settings_error.value.params["problem"] == "bad_from_address"


def test_international_addresses_are_kept_in_one_spelling() -> None:
    typed = " zoe\u0308@bücher.de "  # "ë" as "e" and a combining diaeresis
    ready = checked_person(TrustedPerson(None, "Zoë", typed))
    assert ready.email == "zo\u00eb@bücher.de"
    settings = SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "m", typed)
    assert check_smtp_settings(settings).from_address == "zo\u00eb@bücher.de"


def test_topics_round_trip_and_unknown_ones_are_dropped() -> None:
    assert topics_from_json(topics_to_json(ALL_TOPICS)) == ALL_TOPICS
    assert topics_from_json(["level", "photos"]) == {Topic.LEVEL}
    assert topics_from_json("level") == frozenset()


def test_outbox_status() -> None:
    lease = timedelta(minutes=10)
    entry = OutboxEntry(1, 1, "Anna", "anna@example.org", MailKind.LEVEL, "s", "b", "<id@x>",
                        created_at=NOW, next_attempt_at=NOW)  # fmt: skip
    assert entry.status(NOW, lease=lease) is OutboxStatus.WAITING
    sending = OutboxEntry(**{**_fields(entry), "attempts": 1, "sending_since": NOW})
    assert sending.status(NOW + timedelta(minutes=1), lease=lease) is OutboxStatus.SENDING
    assert sending.status(NOW + lease, lease=lease) is OutboxStatus.INTERRUPTED
    retrying = OutboxEntry(**{**_fields(entry), "attempts": 2})
    assert retrying.status(NOW, lease=lease) is OutboxStatus.RETRYING
    sent = OutboxEntry(**{**_fields(entry), "sent_at": NOW})
    assert sent.status(NOW, lease=lease) is OutboxStatus.SENT


def _fields(entry: OutboxEntry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in OutboxEntry.__dataclass_fields__}


def test_a_trusted_person_name_loses_its_bidi_controls() -> None:
    person = checked_person(TrustedPerson(None, "\u202eAnna\u2069 Smith", "anna@example.org"))
    assert person.name == "Anna Smith"
