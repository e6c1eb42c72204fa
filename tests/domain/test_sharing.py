"""What may be shared, the words of the message, the retry schedule and the weekly limit."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from lonely_bridge.domain.errors import SmtpSettingsInvalid, TrustedPersonInvalid
from lonely_bridge.domain.sharing import (
    ALL_TOPICS,
    LATER_RETRY_DELAY,
    MailKind,
    OutboxEntry,
    OutboxStatus,
    ShareableSummary,
    Topic,
    TrustedPerson,
    automatic_allowed,
    checked_person,
    compose,
    next_attempt,
    retry_delay,
    shareable,
    topics_from_json,
    topics_to_json,
)
from lonely_bridge.formats.smtp import Security, SmtpSettings, check_smtp_settings

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # a Thursday

SUMMARY = ShareableSummary(
    level_words="Margaret has had a quieter few weeks than usual.",
    reasons=("No calls with family since 2 November", "The Sunday call was missed twice"),
    people_in_touch=("Tom", "Sue"),
    next_call="Sunday at 4 pm, with Tom",
)

FORBIDDEN = re.compile(r"lonel|\brisk|\bscor", re.IGNORECASE)


def _body(allowed: frozenset[Topic], kind: MailKind = MailKind.LEVEL) -> tuple[str, str]:
    return compose(SUMMARY, to_name="Anna", from_name="Margaret", allowed=allowed, now=NOW,
                   kind=kind)  # fmt: skip


def test_everything_allowed_reads_warmly_from_the_older_adult() -> None:
    subject, body = _body(ALL_TOPICS)
    assert subject == "Margaret would love to hear from you"
    assert body.startswith("Dear Anna,\n\nMargaret asked Lonely Bridge to let you know")
    assert "How things are: Margaret has had a quieter few weeks than usual." in body
    assert "- No calls with family since 2 November" in body
    assert "Recently in touch with: Tom and Sue." in body
    assert "Next planned call: Sunday at 4 pm, with Tom" in body
    assert "Margaret chose to share this with you" in body
    assert len(body) < 1000


@pytest.mark.parametrize("kind", list(MailKind))
def test_never_the_words_lonely_risk_or_score(kind: MailKind) -> None:
    subject, body = _body(ALL_TOPICS, kind)
    assert not FORBIDDEN.search(subject)
    assert not FORBIDDEN.search(body.replace("Lonely Bridge", ""))


def test_only_the_allowed_topics_appear() -> None:
    _subject, nothing = _body(frozenset())
    for text in ("quieter", "No calls", "Tom", "Sunday at 4 pm"):
        assert text not in nothing
    assert "would be very welcome" in nothing  # the message itself still says why it came

    _subject, people_only = _body(frozenset({Topic.PEOPLE_IN_TOUCH}))
    assert "Tom and Sue" in people_only
    assert "quieter" not in people_only
    assert "No calls" not in people_only
    assert "Next planned call" not in people_only

    _subject, reasons_only = _body(frozenset({"reasons"}))  # type: ignore[arg-type]
    assert "The Sunday call was missed twice" in reasons_only
    assert "Tom and Sue" not in reasons_only


def test_grades_and_labels_are_left_out_even_when_allowed() -> None:
    labelled = ShareableSummary(
        level_words="Lonely: level 3 of 4",
        reasons=("UCLA score 8 of 9", "Has felt isolated", "Fewer calls this month"),
        people_in_touch=(),
        next_call="Risky hip; Friday at 10 am",
    )
    _subject, body = compose(labelled, to_name="Anna", from_name="Margaret",
                            allowed=ALL_TOPICS, now=NOW)  # fmt: skip
    assert "Fewer calls this month" in body
    for left_out in ("level 3", "UCLA", "isolated", "Risky", "How things are"):
        assert left_out not in body
    assert not FORBIDDEN.search(body.replace("Lonely Bridge", ""))
    assert shareable("A brisk walk with Lonely Bridge's help")


def test_subjects_by_kind() -> None:
    assert _body(ALL_TOPICS, MailKind.WEEKLY)[0] == "Margaret's week, to Thursday 26 November"
    assert _body(ALL_TOPICS, MailKind.BY_HAND)[0] == "A note from Margaret"
    assert "short note about the week" in _body(ALL_TOPICS, MailKind.WEEKLY)[1]


def test_names_cannot_break_a_header_and_lists_stay_short() -> None:
    many = ShareableSummary("", people_in_touch=tuple(f"Friend {n}" for n in range(9)))
    subject, body = compose(many, to_name="Anna\r\nBcc: x@y.z", from_name=" Margaret\n",
                            allowed=ALL_TOPICS, now=NOW)  # fmt: skip
    assert "\n" not in subject
    assert "\r" not in body
    assert body.startswith("Dear Anna Bcc: x@y.z,")
    assert "Friend 5 and 3 others." in body
    assert "How things are" not in body  # nothing to say, so no line


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


def test_every_kind_status_and_topic_has_gentle_words() -> None:
    for words in [item.words for item in (*MailKind, *OutboxStatus, *Topic)]:
        assert words
        assert not FORBIDDEN.search(words.replace("Lonely Bridge", ""))


def test_a_trusted_person_name_loses_its_bidi_controls() -> None:
    person = checked_person(TrustedPerson(None, "\u202eAnna\u2069 Smith", "anna@example.org"))
    assert person.name == "Anna Smith"
