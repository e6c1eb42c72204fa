"""The e-mail to a trusted person: warm words, only the allowed parts, no labels or grades."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from lonely_bridge.domain.sharing import (
    ALL_TOPICS,
    MailKind,
    OutboxStatus,
    ShareableSummary,
    Topic,
    shareable,
)
from lonely_bridge.wording.mail import compose, mail_kind_words, outbox_status_words, topic_words

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


def test_every_kind_status_and_topic_has_gentle_words() -> None:
    for words in [
        *map(mail_kind_words, MailKind),
        *map(outbox_status_words, OutboxStatus),
        *map(topic_words, Topic),
    ]:
        assert words
        assert not FORBIDDEN.search(words.replace("Lonely Bridge", ""))
