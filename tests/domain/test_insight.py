"""The connection insight: signals, levels, reasons, next steps, settling, and speed."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lonely_bridge.domain.checkins import CheckIn, Scale
from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.insight import (
    Insight,
    Level,
    NextStep,
    Signals,
    settle,
    settle_level,
    settle_levels,
)
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.domain.reminders import Occurrence, Outcome
from lonely_bridge.wording.insight import level_words, next_step_words, reason_words
from tests.insight_from_events import evaluate, measure, raw_level

# A Thursday afternoon, as in tests/conftest.py.
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
YEAR = 365

VISIT = ContactKind.VISIT
VIDEO = ContactKind.VIDEO_CALL
PHONE = ContactKind.PHONE_CALL
GROUP = ContactKind.GROUP_ACTIVITY
MESSAGE = ContactKind.MESSAGE

FORBIDDEN = ("lonely", "depressed", "risk", "score", "test", "fail")


def person(person_id: int, name: str, circle: Circle, **changes: object) -> Person:
    made = Person(person_id, name, "", circle, DEFAULT_RHYTHMS[circle])
    return replace(made, **changes)  # type: ignore[arg-type]


ANNA = person(1, "Anna", Circle.FAMILY)
BEN = person(2, "Ben", Circle.CLOSE_FRIEND)
CLUB = person(3, "Thursday Club", Circle.GROUP, is_group=True)
EVERYONE = [ANNA, BEN, CLUB]


def event(person_id: int, kind: ContactKind, days_ago: float) -> ContactEvent:
    # Five hours earlier than "now" on the day, so "0 days ago" is this morning.
    when = NOW - timedelta(days=days_ago, hours=5)
    return ContactEvent(None, person_id, kind, when, ContactSource.BY_HAND)


def every(
    person_id: int, kind: ContactKind, step: int, *, latest: int = 0, earliest: int = YEAR
) -> list[ContactEvent]:
    """One contact every ``step`` days, the latest ``latest`` days ago, back to ``earliest``."""
    return [event(person_id, kind, day) for day in range(latest, earliest + 1, step)]


def occurrence(outcome: Outcome | None, days_ago: float) -> Occurrence:
    return Occurrence(None, 1, NOW - timedelta(days=days_ago), outcome)


def ucla(*answers: int | None, days_ago: float = 1) -> CheckIn:
    return CheckIn(None, Scale.UCLA3, tuple(answers), NOW - timedelta(days=days_ago))


def lsns(total_per_item: int, days_ago: float = 1) -> CheckIn:
    return CheckIn(None, Scale.LSNS6, (total_per_item,) * 6, NOW - timedelta(days=days_ago))


def run(
    events: Iterable[ContactEvent],
    people: list[Person] | None = None,
    occurrences: Iterable[Occurrence] = (),
    checkins: Iterable[CheckIn] = (),
) -> Insight:
    return evaluate(
        list(events), EVERYONE if people is None else people, occurrences, checkins, NOW
    )


def codes(insight: Insight) -> list[str]:
    return [reason.code for reason in insight.reasons]


def texts(insight: Insight) -> list[str]:
    return [reason_words(reason) for reason in insight.reasons]


def connected_life() -> list[ContactEvent]:
    """A year of a weekly call with Anna, a weekly visit from Ben and the Thursday group."""
    return every(1, PHONE, 7, latest=2) + every(2, VISIT, 7, latest=4) + every(3, GROUP, 7)


# --- typical situations -------------------------------------------------------------------


def test_a_brand_new_user_is_all_well_and_told_it_is_early_days() -> None:
    insight = run([], people=[])
    assert insight.level is Level.ALL_WELL
    assert codes(insight) == ["early_days"]
    assert "early days" in reason_words(insight.reasons[0])
    assert next_step_words(insight.next_step) == "Add someone you'd like to keep in touch with"
    assert insight.signals.baseline is None


def test_a_new_user_with_people_is_offered_a_first_call() -> None:
    insight = run([event(2, MESSAGE, 3)], people=[ANNA, BEN])
    assert insight.level is Level.ALL_WELL
    assert codes(insight)[0] == "early_days"
    assert next_step_words(insight.next_step) == "Call Anna now?"
    assert insight.next_person_id == 1


def test_ten_quiet_days_of_a_new_user_are_not_alarming() -> None:
    insight = run([event(1, MESSAGE, 10)], people=[ANNA])
    assert insight.level is Level.ALL_WELL
    assert insight.signals.days_of_history == 10


def test_a_busy_week_of_visits() -> None:
    events = every(1, PHONE, 7, latest=2) + every(2, VISIT, 14, latest=19)
    events += [event(1, VISIT, 1), event(2, VISIT, 3), event(2, VISIT, 5)]
    insight = run(events, people=[ANNA, BEN])
    assert insight.level is Level.ALL_WELL
    assert texts(insight) == [
        "You were with people in person 3 times this week.",
        "You were in touch with 2 different people in the last 30 days.",
        "This week had as much contact as a usual week for you, or more.",
    ]
    assert next_step_words(insight.next_step) == "Keep doing what you're doing."
    assert insight.signals.days_since_in_person == 1


def test_three_weeks_of_silence_from_anna_among_friends() -> None:
    events = every(1, PHONE, 7, latest=21) + every(2, VISIT, 7, latest=4) + every(3, GROUP, 7)
    insight = run(events)
    # One overdue person among a full week is a nudge, not a worry.
    assert insight.level is Level.ALL_WELL
    assert reason_words(insight.reasons[-1]) == "It's been 3 weeks since you talked with Anna."
    assert insight.reasons[-1].code == "overdue"
    assert insight.reasons[-1].params == {"way": "talk", "person_id": 1, "name": "Anna", "days": 21}
    assert next_step_words(insight.next_step) == "Call Anna now?"
    assert insight.next_person_id == 1


def test_the_insight_is_codes_and_values_not_words() -> None:
    """wording.insight says it; the domain hands over only codes and parameters."""
    events = every(1, PHONE, 7, latest=21) + every(2, VISIT, 7, latest=4) + every(3, GROUP, 7)
    insight = run(events)
    assert insight.next_step == NextStep("call_now", {"name": "Anna"})
    for reason in insight.reasons:
        assert set(vars(reason)) == {"code", "params"}
        assert all(isinstance(value, int | str) for value in reason.params.values())


def test_three_weeks_of_silence_from_anna_when_she_is_the_only_one() -> None:
    insight = run(every(1, PHONE, 7, latest=21), people=[ANNA])
    assert insight.signals.weeks_below_usual == 3
    assert insight.level is Level.TELL_SOMEONE
    assert texts(insight) == [
        "No visits or get-togethers have been noted in 12 months.",
        "The last 3 weeks have been quieter than usual for you.",
        "In the last 30 days, Anna is the only one you've been in touch with.",
    ]
    assert next_step_words(insight.next_step) == "Tell Anna how the last few weeks have been?"
    # The level to show rises slowly: the first such week shows nothing new.
    assert settle(insight, []).level is Level.ALL_WELL
    assert settle(insight, [Level.TELL_SOMEONE]).level is Level.QUIET_SPELL


def test_anna_past_too_long_is_a_quiet_spell() -> None:
    events = every(1, PHONE, 7, latest=35) + every(2, VISIT, 7, latest=4) + every(3, GROUP, 7)
    insight = run(events)
    assert insight.level is Level.QUIET_SPELL
    assert codes(insight)[0] == "too_long"
    assert reason_words(insight.reasons[0]) == "It's been 5 weeks since you talked with Anna."
    assert len(insight.reasons) == 2  # a good fact beside a lone concern
    assert next_step_words(insight.next_step) == "Call Anna now?"


def test_a_group_every_thursday() -> None:
    insight = run(every(3, GROUP, 7), people=[CLUB])
    assert insight.level is Level.ALL_WELL
    assert insight.signals.days_since_in_person == 0  # a group is being with people
    assert insight.signals.group_last_30_days  # a group is many people: not "few people"
    assert texts(insight)[0] == "You were with people in person once this week."
    assert next_step_words(insight.next_step) == "Keep doing what you're doing."


def test_a_group_that_stopped_two_months_ago() -> None:
    insight = run(every(3, GROUP, 7, latest=63), people=[CLUB])
    assert insight.level is Level.TELL_SOMEONE  # no one in person AND far below usual
    assert codes(insight)[:2] == ["in_person_gap", "below_usual"]
    assert (
        reason_words(insight.reasons[0])
        == "It's been 2 months since you last saw someone in person."
    )


def test_visits_long_ago_while_calls_go_on() -> None:
    events = every(1, PHONE, 7, latest=2) + every(2, VIDEO, 7, latest=3)
    events += every(2, VISIT, 28, latest=60)
    insight = run(events, people=[ANNA, BEN])
    assert insight.signals.weeks_below_usual == 0
    assert insight.level is Level.REACH_OUT
    assert (
        reason_words(insight.reasons[0])
        == "It's been 8 weeks since you last saw someone in person."
    )
    assert next_step_words(insight.next_step) == "Visit a friend or a group this week"
    assert insight.next_person_id is None


def test_nobody_for_a_month_after_a_sparse_year_is_reach_out_not_more() -> None:
    # A call a month: the usual week is empty, so no drop can be seen and only absences
    # speak, which may just mean nothing was noted. They never go above REACH_OUT.
    events = every(1, PHONE, 30, latest=40)
    insight = run(events, people=[ANNA])
    assert insight.signals.baseline == 0.0
    assert insight.level is Level.REACH_OUT
    assert "No calls, visits or messages have been noted in the last 30 days." in texts(insight)


@pytest.mark.parametrize(
    ("outcomes", "streak"),
    [
        ([], 0),
        ([Outcome.MISSED], 1),
        ([Outcome.MISSED, Outcome.SKIPPED, Outcome.JOINED, Outcome.MISSED], 2),
        ([Outcome.JOINED, Outcome.MISSED, Outcome.MISSED], 0),
        ([None, Outcome.MISSED, Outcome.MISSED, Outcome.MISSED], 3),  # open ones are ignored
        ([Outcome.SKIPPED] * 5 + [Outcome.JOINED], 5),
    ],
)
def test_missed_call_streak(outcomes: list[Outcome | None], streak: int) -> None:
    newest_first = [occurrence(outcome, 7 * week + 1) for week, outcome in enumerate(outcomes)]
    future = occurrence(Outcome.MISSED, -3)  # settled early for a call still to come
    found = measure([], [], [future, *reversed(newest_first)], [], NOW)
    assert found.missed_call_streak == streak


@pytest.mark.parametrize(
    ("missed", "level"),
    [(1, Level.ALL_WELL), (2, Level.QUIET_SPELL), (3, Level.REACH_OUT), (6, Level.REACH_OUT)],
)
def test_missed_calls_among_friends(missed: int, level: Level) -> None:
    calls = [occurrence(Outcome.JOINED, 7 * missed + 1)]
    calls += [occurrence(Outcome.MISSED, 7 * week + 1) for week in range(missed)]
    insight = run(connected_life(), occurrences=calls)
    assert insight.level is level
    if missed >= 2:
        assert (
            reason_words(insight.reasons[0])
            == f"The last {missed} planned calls didn't take place."
        )
        assert (
            next_step_words(insight.next_step)
            == "Would another day or time suit your planned calls better?"
        )


@pytest.mark.parametrize(
    ("answers", "level", "text"),
    [
        ((1, 1, 2), Level.ALL_WELL, None),
        ((2, 2, 2), Level.QUIET_SPELL, "you miss company some of the time"),
        ((3, 2, 2), Level.REACH_OUT, "you often miss company"),
        ((3, 3, 3), Level.REACH_OUT, "you often miss company"),  # one signal: never more
        ((3, None, 3), Level.ALL_WELL, None),  # skipped: no total, nothing guessed
    ],
)
def test_ucla_check_in_among_friends(
    answers: tuple[int | None, ...], level: Level, text: str | None
) -> None:
    insight = run(connected_life(), checkins=[ucla(*answers)])
    assert insight.level is level
    if text is not None:
        assert text in reason_words(insight.reasons[0])
        assert next_step_words(insight.next_step).startswith("Call ")


def test_ucla_high_with_low_contact_is_tell_someone() -> None:
    events = every(1, PHONE, 7, latest=2) + every(2, VISIT, 28, latest=60)
    insight = run(events, people=[ANNA, BEN], checkins=[ucla(3, 3, 2)])
    assert insight.level is Level.TELL_SOMEONE
    assert codes(insight)[:2] == ["in_person_gap", "feeling"]
    assert next_step_words(insight.next_step) == "Tell Anna how the last few weeks have been?"


def test_a_rising_ucla_total_is_a_gentle_signal() -> None:
    checkins = [ucla(1, 1, 1, days_ago=40), ucla(2, 2, 1, days_ago=5)]
    insight = run(connected_life(), checkins=checkins)
    assert insight.level is Level.QUIET_SPELL
    assert insight.reasons[0].params == {"total": 5, "previous": 3}


def test_old_check_ins_stop_counting() -> None:
    found = measure([], [], [], [ucla(3, 3, 3, days_ago=92), lsns(1, days_ago=366)], NOW)
    assert (found.ucla3, found.lsns6) == (None, None)
    found = measure([], [], [], [ucla(3, 3, 3, days_ago=90), lsns(1, days_ago=300)], NOW)
    assert (found.ucla3, found.lsns6) == (9, 6)


def test_a_partly_skipped_check_in_leaves_the_last_full_one_in_place() -> None:
    found = measure([], [], [], [ucla(3, 3, 3, days_ago=20), ucla(1, None, 1, days_ago=2)], NOW)
    assert found.ucla3 == 9


def test_a_small_network_suggests_a_group() -> None:
    insight = run(connected_life(), checkins=[lsns(1)])
    assert insight.level is Level.QUIET_SPELL
    assert codes(insight)[0] == "network"
    assert next_step_words(insight.next_step) == "Is there a group or class nearby you might enjoy?"


def test_archived_people_and_future_events_are_left_out() -> None:
    gone = person(4, "Derek", Circle.FRIEND, archived_at=NOW - timedelta(days=30))
    future = event(1, VISIT, -3)
    found = measure([future, event(1, PHONE, 2)], [ANNA, gone], [], [], NOW)
    assert [status.person.name for status in found.statuses] == ["Anna"]
    assert found.days_since_in_person is None
    assert found.statuses[0].since == timedelta(days=2, hours=5)


# --- signals ------------------------------------------------------------------------------


def test_weekly_contact_is_weighted_and_oldest_first() -> None:
    events = [event(1, VISIT, 1), event(1, MESSAGE, 2), event(1, PHONE, 8), event(3, GROUP, 83)]
    found = measure(events, EVERYONE, [], [], NOW)
    assert len(found.weekly) == 12
    assert found.weekly[-1] == 3.5  # visit 3 + message 0.5: visits weigh most
    assert found.weekly[-2] == 1.5
    assert found.weekly[0] == 2.0  # 83 days and 5 hours ago: the 12th week back
    assert found.in_person_this_week == 1
    assert found.people_last_30_days == {1}


@pytest.mark.parametrize(
    ("weeks_of_calls", "baseline"),
    [
        (18, None),  # weeks 13–18 before now: 7 weeks with contact, not enough
        (19, 1.5),  # 8 weeks: enough
        (52, 1.5),
    ],
)
def test_baseline_needs_eight_weeks_with_contact(weeks_of_calls: int, baseline: float) -> None:
    events = [
        ContactEvent(None, 1, PHONE, NOW - timedelta(weeks=week), ContactSource.BY_HAND)
        for week in range(weeks_of_calls + 1)
    ]
    assert measure(events, [ANNA], [], [], NOW).baseline == baseline


def test_quiet_weeks_after_the_first_record_count_as_zero() -> None:
    # 10 busy weeks out of the 40 that make up the baseline: the usual week is 0.
    events = every(1, VISIT, 7, latest=12 * 7 + 1, earliest=21 * 7)
    events.append(event(1, MESSAGE, 51 * 7))
    found = measure(events, [ANNA], [], [], NOW)
    assert found.baseline == 0.0
    assert found.weeks_below_usual == 0  # nothing is below a usual week of nothing


def test_weeks_below_usual_counts_the_recent_run_only() -> None:
    events = every(1, VISIT, 7, latest=5 * 7)  # a visit a week until 5 weeks ago
    events += [event(1, MESSAGE, 8)]  # 0.5 is still under half of the usual 3.0
    found = measure(events, [ANNA], [], [], NOW)
    assert found.baseline == 3.0
    assert found.weeks_below_usual == 5


# --- the level table ----------------------------------------------------------------------

WELL = Signals(
    weekly=(5.0,) * 12,
    baseline=5.0,
    weeks_below_usual=0,
    people_last_30_days=frozenset({1, 2}),
    group_last_30_days=False,
    in_person_this_week=1,
    days_since_in_person=3,
    days_of_history=400,
    statuses=(),
    missed_call_streak=0,
    ucla3=None,
    ucla3_previous=None,
    lsns6=None,
)


@pytest.mark.parametrize(
    ("changes", "level"),
    [
        ({}, Level.ALL_WELL),
        # in-person gap (Teo 2015): monthly lost is mild, 8 weeks strong
        ({"days_since_in_person": 29}, Level.ALL_WELL),
        ({"days_since_in_person": 30}, Level.QUIET_SPELL),
        ({"days_since_in_person": 56}, Level.REACH_OUT),
        ({"days_since_in_person": None, "days_of_history": 100}, Level.REACH_OUT),
        # below the person's own usual
        ({"weeks_below_usual": 1}, Level.ALL_WELL),
        ({"weeks_below_usual": 2}, Level.QUIET_SPELL),
        ({"weeks_below_usual": 3}, Level.REACH_OUT),
        ({"weeks_below_usual": 12}, Level.REACH_OUT),
        # UCLA-3: a trend signal
        ({"ucla3": 5}, Level.ALL_WELL),
        ({"ucla3": 6}, Level.QUIET_SPELL),
        ({"ucla3": 7}, Level.REACH_OUT),
        ({"ucla3": 9}, Level.REACH_OUT),
        ({"ucla3": 5, "ucla3_previous": 3}, Level.QUIET_SPELL),
        ({"ucla3": 5, "ucla3_previous": 4}, Level.ALL_WELL),
        # breadth of contact over a month
        ({"people_last_30_days": frozenset({1})}, Level.QUIET_SPELL),
        ({"people_last_30_days": frozenset()}, Level.REACH_OUT),
        ({"people_last_30_days": frozenset(), "group_last_30_days": True}, Level.ALL_WELL),
        # planned calls not held
        ({"missed_call_streak": 2}, Level.QUIET_SPELL),
        ({"missed_call_streak": 3}, Level.REACH_OUT),
        # LSNS-6
        ({"lsns6": 11}, Level.QUIET_SPELL),
        ({"lsns6": 12}, Level.ALL_WELL),
        # several strong signals together, one of them a change or their own words
        ({"days_since_in_person": 56, "weeks_below_usual": 3}, Level.TELL_SOMEONE),
        ({"ucla3": 7, "days_since_in_person": 60}, Level.TELL_SOMEONE),
        ({"ucla3": 7, "weeks_below_usual": 3}, Level.TELL_SOMEONE),
        ({"ucla3": 8, "people_last_30_days": frozenset()}, Level.TELL_SOMEONE),
        ({"ucla3": 8, "missed_call_streak": 4}, Level.TELL_SOMEONE),
        # strong absences alone may only mean nothing was noted: no higher than REACH_OUT
        ({"days_since_in_person": 90, "people_last_30_days": frozenset()}, Level.REACH_OUT),
        ({"days_since_in_person": 90, "missed_call_streak": 5}, Level.REACH_OUT),
        ({"weeks_below_usual": 2, "ucla3": 7}, Level.REACH_OUT),
        # mild signals: two are a quiet spell, three a reason to reach out
        ({"days_since_in_person": 30, "weeks_below_usual": 2}, Level.QUIET_SPELL),
        (
            {"days_since_in_person": 30, "weeks_below_usual": 2, "lsns6": 9},
            Level.REACH_OUT,
        ),
        # too little history silences absences
        (
            {
                "days_of_history": 20,
                "days_since_in_person": None,
                "people_last_30_days": frozenset(),
            },
            Level.ALL_WELL,
        ),
        ({"days_of_history": 20, "ucla3": 9}, Level.REACH_OUT),
    ],
)
def test_level_table(changes: dict[str, object], level: Level) -> None:
    assert raw_level(replace(WELL, **changes)) is level  # type: ignore[arg-type]


def test_level_words() -> None:
    assert [level_words(level) for level in Level] == [
        "All is well",
        "A quiet spell",
        "Time to reach out",
        "Let's tell someone you trust",
    ]


# --- settling: rise slowly, fall quickly --------------------------------------------------

A, Q, R, T = Level.ALL_WELL, Level.QUIET_SPELL, Level.REACH_OUT, Level.TELL_SOMEONE


@pytest.mark.parametrize(
    ("raws", "shown"),
    [
        ([A, A, A], [A, A, A]),
        ([Q], [A]),  # the first quiet week never raises it
        ([Q, Q], [A, Q]),
        ([Q, A, Q, A, Q], [A, A, A, A, A]),  # single quiet weeks never add up
        ([T, T, T, T, T], [A, Q, R, T, T]),  # one step at a time
        ([Q, R, T], [A, Q, R]),
        ([T, T, A], [A, Q, A]),  # falls at once
        ([R, R, R, Q, Q], [A, Q, R, Q, Q]),
        ([T, T, T, T, Q, T, T], [A, Q, R, T, Q, Q, R]),  # after a fall it climbs slowly again
        ([R, Q, R, Q, R], [A, Q, Q, Q, Q]),
        ([R, R, A, R, R], [A, Q, A, A, Q]),
    ],
)
def test_settle_levels(raws: list[Level], shown: list[Level]) -> None:
    assert settle_levels(raws) == shown
    for week in range(len(raws)):
        assert settle_level(raws[week], raws[:week]) is shown[week]


def test_settling_replaces_the_next_step_to_fit() -> None:
    raw = run(every(1, PHONE, 7, latest=21), people=[ANNA])
    assert raw.level is Level.TELL_SOMEONE
    shown = settle(raw, [Level.TELL_SOMEONE, Level.TELL_SOMEONE])
    assert shown.level is Level.REACH_OUT
    assert shown.reasons == raw.reasons
    assert not next_step_words(shown.next_step).startswith("Tell")
    assert settle(raw, [Level.TELL_SOMEONE] * 3) == raw


@given(st.lists(st.sampled_from(list(Level)), max_size=40))
def test_settled_levels_rise_one_step_and_never_stay_above_the_raw_level(
    raws: list[Level],
) -> None:
    shown = settle_levels(raws)
    assert len(shown) == len(raws)
    before = Level.ALL_WELL
    for week, (raw, level) in enumerate(zip(raws, shown, strict=True)):
        assert level <= raw
        assert level <= before + 1
        if raw < before:
            assert level == raw  # fall quickly
        if level > before:
            assert week > 0
            assert raws[week - 1] >= level
        before = level


# --- many generated situations ------------------------------------------------------------

NAMES = ["Anna", "Ben", "Chloe", "Dev", "Evelyn", "Frank", "Knitting Circle", "Walking Group"]


@st.composite
def situations(
    draw: st.DrawFn,
) -> tuple[list[ContactEvent], list[Person], list[Occurrence], list[CheckIn]]:
    people = [
        person(
            index + 1,
            name,
            draw(st.sampled_from(list(Circle))),
            is_group=draw(st.booleans()),
            archived_at=draw(st.sampled_from([None, NOW - timedelta(days=9)])),
        )
        for index, name in enumerate(NAMES[: draw(st.integers(0, len(NAMES)))])
    ]
    seconds = st.integers(-30 * 86400, 3 * YEAR * 86400)
    events = [
        ContactEvent(None, person_id, kind, NOW - timedelta(seconds=ago), ContactSource.BY_HAND)
        for person_id, kind, ago in draw(
            st.lists(
                st.tuples(st.integers(1, 10), st.sampled_from(list(ContactKind)), seconds),
                max_size=150,
            )
        )
    ]
    occurrences = [
        Occurrence(None, 1, NOW - timedelta(seconds=ago), outcome)
        for outcome, ago in draw(
            st.lists(st.tuples(st.sampled_from([None, *Outcome]), seconds), max_size=12)
        )
    ]
    ucla_answer = st.one_of(st.none(), st.integers(1, 3))
    lsns_answer = st.one_of(st.none(), st.integers(0, 5))
    checkins = [
        CheckIn(None, Scale.UCLA3, tuple(answers), NOW - timedelta(seconds=ago))
        for answers, ago in draw(
            st.lists(st.tuples(st.lists(ucla_answer, min_size=3, max_size=3), seconds), max_size=4)
        )
    ] + [
        CheckIn(None, Scale.LSNS6, tuple(answers), NOW - timedelta(seconds=ago))
        for answers, ago in draw(
            st.lists(st.tuples(st.lists(lsns_answer, min_size=6, max_size=6), seconds), max_size=3)
        )
    ]
    return events, people, occurrences, checkins


def _assert_gentle(words: str) -> None:
    lowered = words.lower()
    for word in FORBIDDEN:
        assert word not in lowered, words


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations(), st.lists(st.sampled_from(list(Level)), max_size=6))
def test_evaluate_never_raises_and_always_speaks_gently(
    situation: tuple[list[ContactEvent], list[Person], list[Occurrence], list[CheckIn]],
    history: list[Level],
) -> None:
    events, people, occurrences, checkins = situation
    insight = evaluate(events, people, occurrences, checkins, NOW)
    assert insight.level in Level
    assert insight.level is raw_level(insight.signals)
    assert 1 <= len(insight.reasons) <= 3
    assert len(set(codes(insight))) == len(insight.reasons)
    shown = settle(insight, history)
    assert shown.level <= insight.level
    for found in (insight, shown):
        for words in [level_words(found.level), next_step_words(found.next_step), *texts(found)]:
            assert words
            assert words == words.strip()
            _assert_gentle(words)
    if insight.next_person_id is not None:
        assert insight.next_person_id in {p.id for p in people if p.archived_at is None}


@pytest.mark.parametrize("level", list(Level))
def test_every_level_words_are_gentle(level: Level) -> None:
    _assert_gentle(level_words(level))


# --- a large household --------------------------------------------------------------------


def test_ten_years_for_two_hundred_people_give_a_whole_insight() -> None:
    # How fast this is, is measured by bench/insight_scale.py, not here.
    rng = random.Random(20261126)
    circles = list(Circle)
    people = [
        person(number, f"Friend {number}", circles[number % len(circles)])
        for number in range(1, 201)
    ]
    kinds = list(ContactKind)
    ten_years = 10 * YEAR * 86400
    events = [
        ContactEvent(
            None,
            rng.randint(1, 200),
            rng.choice(kinds),
            NOW - timedelta(seconds=rng.randrange(ten_years)),
            ContactSource.BY_HAND,
        )
        for _ in range(100_000)
    ]
    calls = [occurrence(rng.choice(list(Outcome)), 7 * week) for week in range(520)]
    insight = evaluate(events, people, calls, [ucla(2, 2, 1)], NOW)
    assert insight.level in Level
    assert len(insight.signals.statuses) == 200
    assert sum(insight.signals.weekly) > 0
