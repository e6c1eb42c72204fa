"""The UCLA-3 and LSNS-6 check-ins: totals, skipped answers, and when to ask."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lonely_bridge.domain.checkins import (
    DEFAULT_EVERY,
    CheckIn,
    Scale,
    check_in_due,
    last_taken,
    score,
    scored,
)

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


def checkin(scale: Scale, *answers: int | None, days_ago: float = 0) -> CheckIn:
    return CheckIn(None, scale, tuple(answers), NOW - timedelta(days=days_ago))


@pytest.mark.parametrize(
    ("scale", "answers", "expected"),
    [
        (Scale.UCLA3, (1, 1, 1), 3),
        (Scale.UCLA3, (2, 2, 2), 6),
        (Scale.UCLA3, (3, 2, 1), 6),
        (Scale.UCLA3, (3, 3, 3), 9),
        (Scale.UCLA3, (3, None, 3), None),  # a skipped answer is never guessed
        (Scale.UCLA3, (None, None, None), None),
        (Scale.LSNS6, (0, 0, 0, 0, 0, 0), 0),
        (Scale.LSNS6, (2, 2, 2, 2, 1, 2), 11),
        (Scale.LSNS6, (2, 2, 2, 2, 2, 2), 12),
        (Scale.LSNS6, (5, 5, 5, 5, 5, 5), 30),
        (Scale.LSNS6, (5, 5, 5, 5, 5, None), None),
        (Scale.LSNS6, (None, 0, 0, 0, 0, 0), None),
    ],
)
def test_score(scale: Scale, answers: tuple[int | None, ...], expected: int | None) -> None:
    assert score(checkin(scale, *answers)) == expected


@pytest.mark.parametrize(
    ("scale", "answers"),
    [
        (Scale.UCLA3, (0, 1, 1)),  # UCLA-3 answers start at 1
        (Scale.UCLA3, (1, 4, 1)),
        (Scale.UCLA3, (1, 1)),  # too few
        (Scale.UCLA3, (1, 1, 1, 1)),  # too many
        (Scale.UCLA3, (True, 1, 1)),  # a bool is not an answer
        (Scale.LSNS6, (0, 0, 0, 0, 0, 6)),
        (Scale.LSNS6, (-1, 0, 0, 0, 0, 0)),
        (Scale.LSNS6, (0, 0, 0)),
    ],
)
def test_answers_out_of_range_are_refused(scale: Scale, answers: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match=scale.value):
        CheckIn(None, scale, answers, NOW)


def test_score_checks_ranges_itself() -> None:
    sneaky = checkin(Scale.UCLA3, 1, 1, 1)
    object.__setattr__(sneaky, "answers", (1, 1, 7))
    with pytest.raises(ValueError, match="answer 3"):
        score(sneaky)


@pytest.mark.parametrize(
    ("scale", "days_ago", "every", "expected"),
    [
        (Scale.UCLA3, None, None, True),  # never asked: at set-up
        (Scale.LSNS6, None, None, True),
        (Scale.UCLA3, 29, None, False),
        (Scale.UCLA3, 30, None, True),  # monthly by default
        (Scale.UCLA3, 13, timedelta(days=14), False),  # the person chose fortnightly
        (Scale.UCLA3, 14, timedelta(days=14), True),
        (Scale.UCLA3, 45, timedelta(days=60), False),
        (Scale.LSNS6, 181, None, False),
        (Scale.LSNS6, 182, None, True),  # about twice a year
        (Scale.LSNS6, 0, None, False),
    ],
)
def test_check_in_due(
    scale: Scale, days_ago: int | None, every: timedelta | None, expected: bool
) -> None:
    last = None if days_ago is None else NOW - timedelta(days=days_ago)
    assert check_in_due(scale, last, NOW, every) is expected


def test_defaults_are_monthly_and_half_yearly() -> None:
    assert {Scale.UCLA3: timedelta(days=30), Scale.LSNS6: timedelta(days=182)} == DEFAULT_EVERY


@pytest.mark.parametrize("every", [timedelta(0), timedelta(days=-1)])
def test_an_interval_must_be_positive(every: timedelta) -> None:
    with pytest.raises(ValueError, match="positive"):
        check_in_due(Scale.UCLA3, None, NOW, every)


def test_a_partly_skipped_check_in_still_counts_as_taken_but_has_no_total() -> None:
    history = [
        checkin(Scale.UCLA3, 1, 2, 1, days_ago=60),
        checkin(Scale.UCLA3, 3, None, 3, days_ago=5),
        checkin(Scale.LSNS6, 1, 1, 1, 1, 1, 1, days_ago=1),
    ]
    assert last_taken(history, Scale.UCLA3) == NOW - timedelta(days=5)
    assert last_taken(history, Scale.LSNS6) == NOW - timedelta(days=1)
    assert last_taken([], Scale.UCLA3) is None
    assert [total for _, total in scored(history, Scale.UCLA3)] == [4]
    assert not check_in_due(Scale.UCLA3, last_taken(history, Scale.UCLA3), NOW)


def test_scored_is_oldest_first() -> None:
    history = [checkin(Scale.UCLA3, 3, 3, 3, days_ago=1), checkin(Scale.UCLA3, 1, 1, 1, days_ago=9)]
    assert [total for _, total in scored(history, Scale.UCLA3)] == [3, 9]


@given(st.sampled_from(list(Scale)), st.data())
def test_a_full_check_in_totals_its_answers(scale: Scale, data: st.DataObject) -> None:
    low, high = (1, 3) if scale is Scale.UCLA3 else (0, 5)
    size = 3 if scale is Scale.UCLA3 else 6
    full = data.draw(st.lists(st.integers(low, high), min_size=size, max_size=size))
    total = score(checkin(scale, *full))
    assert total == sum(full)
    bounds = (3, 9) if scale is Scale.UCLA3 else (0, 30)
    assert bounds[0] <= total <= bounds[1]
    partial: list[int | None] = list(full)
    partial[data.draw(st.integers(0, size - 1))] = None
    assert score(checkin(scale, *partial)) is None
