"""The insight retold for family: warm third-person words, private reasons left out."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from lonely_bridge.domain.insight import Insight, Level, Reason
from lonely_bridge.domain.sharing import ALL_TOPICS, MailKind, shareable
from lonely_bridge.wording.family import reason_for_family, summary_for_family
from lonely_bridge.wording.insight import level_words
from lonely_bridge.wording.mail import compose
from tests.insight_from_events import evaluate

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
# Real signals from an empty history; each test sets the level and reasons it needs.
SIGNALS = evaluate([], [], [], [], NOW).signals
# Every reason code the insight can give, with parameters as domain/insight.py sets them.
ALL_REASONS = (
    Reason("in_person_gap", {"days": 60}),
    Reason("below_usual", {"weeks": 3}),
    Reason("feeling", {"total": 8}),
    Reason("few_people", {"people": 0}),
    Reason("few_people", {"people": 1, "person_id": 4}),
    Reason("missed_calls", {"calls": 3}),
    Reason("too_long", {"person_id": 4, "name": "Anna", "days": 21}),
    Reason("overdue", {"person_id": 4, "name": "Anna", "days": 9}),
    Reason("network", {"total": 9}),
    Reason("early_days", {"days": 5}),
    Reason("in_person_week", {"visits": 2}),
    Reason("in_person_week", {"visits": 1}),
    Reason("people_month", {"people": 5}),
    Reason("as_usual", {}),
    Reason("steady", {}),
    Reason("something_new", {}),
)


def insight(level: Level, *reasons: Reason) -> Insight:
    return Insight(level, reasons, "Call Anna now?", SIGNALS)


def test_the_top_level_asks_warmly_for_a_call_or_visit() -> None:
    summary = summary_for_family(
        insight(Level.TELL_SOMEONE), owner_name="Margaret", people_in_touch=[], next_call=None
    )
    assert summary.level_words == (
        "Margaret has had a quieter few weeks and would welcome a call or a visit."
    )


def test_all_is_well_reads_as_keeping_in_touch_as_usual() -> None:
    summary = summary_for_family(
        insight(Level.ALL_WELL), owner_name=" Margaret ", people_in_touch=[], next_call=None
    )
    assert summary.level_words == "Margaret is keeping in touch as usual."


@pytest.mark.parametrize("level", list(Level))
def test_no_level_is_a_grade_and_none_speaks_to_the_older_adult(level: Level) -> None:
    words = summary_for_family(
        insight(level), owner_name="Margaret", people_in_touch=[], next_call=None
    ).level_words
    assert words.startswith("Margaret ")
    assert shareable(words)
    assert level_words(level) not in words  # the app's own label ("A quiet spell") is never sent
    assert not re.search(r"\b(lonel\w*|risk|score|level|you)\b", words.replace("from you", ""))


def test_reasons_are_retold_in_the_third_person() -> None:
    retold = [reason_for_family(reason, "Margaret") for reason in ALL_REASONS]
    assert retold == [
        "No visits or get-togethers have been noted for Margaret in 8 weeks.",
        "The last 3 weeks have been quieter than usual for Margaret.",
        None,  # her own check-in answers stay private
        "No calls, visits or messages have been noted for Margaret in the last 30 days.",
        "In the last 30 days, Margaret has been in touch with one person.",
        "Margaret's last 3 planned calls didn't take place.",
        None,  # names someone else: only "who they've been in touch with" may do that
        None,
        None,  # her own check-in answers stay private
        "Margaret has only just started using Lonely Bridge, so it is early days.",
        "Margaret was with people in person 2 times this week.",
        "Margaret was with people in person once this week.",
        "Margaret was in touch with 5 different people in the last 30 days.",
        "This week had as much contact as a usual week for Margaret, or more.",
        "Margaret's calls and visits look steady.",
        None,  # unknown codes are left out, never passed through in the second person
    ]
    for text in retold:
        if text is not None:
            assert shareable(text), text
            assert not re.search(r"\b(you|your)\b", text, re.IGNORECASE), text
            assert "Anna" not in text


def test_the_summary_keeps_only_retold_reasons_and_tidies_people_and_call() -> None:
    summary = summary_for_family(
        insight(Level.REACH_OUT, *ALL_REASONS[:3]),
        owner_name="Margaret",
        people_in_touch=["Tom", " Sue  Smith ", "Tom", "  "],
        next_call="  Sunday at 4 pm  with Tom ",
    )
    assert summary.reasons == (
        "No visits or get-togethers have been noted for Margaret in 8 weeks.",
        "The last 3 weeks have been quieter than usual for Margaret.",
    )
    assert summary.people_in_touch == ("Tom", "Sue Smith")
    assert summary.next_call == "Sunday at 4 pm with Tom"


def test_blank_next_call_and_name_braces_are_safe() -> None:
    summary = summary_for_family(
        insight(Level.QUIET_SPELL, ALL_REASONS[0]),
        owner_name="Peg {the} Smith",
        people_in_touch=[],
        next_call="   ",
    )
    assert summary.next_call is None
    assert summary.reasons == (
        "No visits or get-togethers have been noted for Peg {the} Smith in 8 weeks.",
    )
    assert summary.level_words.startswith("Peg {the} Smith ")


def test_the_family_message_reads_about_her_not_to_her() -> None:
    summary = summary_for_family(
        insight(Level.TELL_SOMEONE, *ALL_REASONS),
        owner_name="Margaret",
        people_in_touch=["Tom"],
        next_call="Sunday at 4 pm, with Tom",
    )
    _subject, body = compose(
        summary,
        to_name="Anna",
        from_name="Margaret",
        allowed=ALL_TOPICS,
        now=NOW,
        kind=MailKind.LEVEL,
    )
    assert "How things are: Margaret has had a quieter few weeks" in body
    assert "- The last 3 weeks have been quieter than usual for Margaret." in body
    assert "miss company" not in body
    assert "check-in" not in body
    assert "Recently in touch with: Tom." in body
