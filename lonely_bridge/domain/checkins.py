"""Two short, optional check-ins: how connected the person feels, and who is around them.

The questions, answers and totals follow EVIDENCE.md section 2 exactly:

* UCLA 3-item Loneliness Scale (Hughes, Waite, Hawkley & Cacioppo 2004): three items
  answered 1 Hardly ever / 2 Some of the time / 3 Often; total 3–9, higher means
  feeling more cut off. Totals of 6–9 are commonly read as "lonely", but the authors set
  no official cut-off, so the app uses it only as a trend signal, never a verdict.
* Lubben Social Network Scale, 6 items (LSNS-6, Lubben et al. 2006): three items about
  relatives and the same three about friends (including neighbours), answered 0 none,
  1 one, 2 two, 3 three or four, 4 five to eight, 5 nine or more; total 0–30, and below
  12 indicates a risk of social isolation.

Nothing here is a diagnosis, and no user-facing word calls a check-in anything but a
check-in. A check-in with a skipped question has no total: we never guess an answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Scale(StrEnum):
    UCLA3 = "ucla3"
    LSNS6 = "lsns6"


# Item ids are stable storage keys; the order is the published order of each scale.
ITEM_IDS: dict[Scale, tuple[str, ...]] = {
    Scale.UCLA3: ("ucla3.companionship", "ucla3.left_out", "ucla3.isolated"),
    Scale.LSNS6: (
        "lsns6.family_monthly",
        "lsns6.family_private",
        "lsns6.family_help",
        "lsns6.friends_monthly",
        "lsns6.friends_private",
        "lsns6.friends_help",
    ),
}

# Answer values per scale (EVIDENCE.md section 2): UCLA-3 1–3, LSNS-6 0–5.
ANSWER_RANGE: dict[Scale, range] = {Scale.UCLA3: range(1, 4), Scale.LSNS6: range(6)}

UCLA3_LOWEST, UCLA3_HIGHEST = 3, 9
LSNS6_LOWEST, LSNS6_HIGHEST = 0, 30
# "Scores of 6–9 are commonly treated as lonely" (no official cut-off: a trend signal).
UCLA3_COMMONLY_LONELY = 6
# "Below 12 indicates risk of social isolation" (Lubben et al. 2006).
LSNS6_ISOLATION_BELOW = 12

# How often to offer each check-in. UCLA-3: monthly by default, and the person may choose
# another interval. LSNS-6 describes a network that changes slowly: at set-up, then about
# twice a year (182 days = 26 weeks).
DEFAULT_EVERY: dict[Scale, timedelta] = {
    Scale.UCLA3: timedelta(days=30),
    Scale.LSNS6: timedelta(days=182),
}


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One check-in as answered; ``None`` marks a skipped question.

    Construction checks the number of answers and each answer's range, so a stored
    check-in can always be totalled safely.
    """

    id: int | None
    scale: Scale
    answers: tuple[int | None, ...]
    taken_at: datetime

    def __post_init__(self) -> None:
        _check_answers(self.scale, self.answers)


def _check_answers(scale: Scale, answers: tuple[int | None, ...]) -> None:
    expected = len(ITEM_IDS[scale])
    if len(answers) != expected:
        raise ValueError(f"{scale.value} needs {expected} answers, got {len(answers)}")
    allowed = ANSWER_RANGE[scale]
    for number, answer in enumerate(answers, start=1):
        if answer is None:
            continue
        # bool is an int subclass; True is not an answer.
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise ValueError(
                f"{scale.value} answer {number} must be {allowed.start}–{allowed.stop - 1},"
                f" got {answer!r}"
            )


def score(checkin: CheckIn) -> int | None:
    """The total when every question was answered, else None (a skipped answer is never guessed).

    Raises ValueError for an answer outside the scale's range.
    """
    # CheckIn checks itself too; checking again is cheap, and a total built on an
    # out-of-range answer would be silently wrong.
    _check_answers(checkin.scale, checkin.answers)
    total = 0
    for answer in checkin.answers:
        if answer is None:
            return None
        total += answer
    return total


def check_in_due(
    scale: Scale,
    last_taken: datetime | None,
    now: datetime,
    every: timedelta | None = None,
) -> bool:
    """Whether to offer this check-in now.

    Never taken: due (at set-up). Otherwise due once ``every`` has passed since the last
    one (``DEFAULT_EVERY`` when not given). A check-in with skipped questions still counts
    as taken: the person was asked, and asking again sooner would be nagging.
    """
    interval = DEFAULT_EVERY[scale] if every is None else every
    if interval <= timedelta(0):
        raise ValueError("a check-in interval must be positive")
    if last_taken is None:
        return True
    return now - last_taken >= interval


def last_taken(checkins: Iterable[CheckIn], scale: Scale) -> datetime | None:
    """When this check-in was last taken, answered fully or not."""
    times = [checkin.taken_at for checkin in checkins if checkin.scale == scale]
    return max(times) if times else None


def scored(checkins: Iterable[CheckIn], scale: Scale) -> list[tuple[CheckIn, int]]:
    """The fully answered check-ins of one scale with their totals, oldest first."""
    result = []
    for checkin in checkins:
        if checkin.scale != scale:
            continue
        total = score(checkin)
        if total is not None:
            result.append((checkin, total))
    return sorted(result, key=lambda pair: pair[0].taken_at)
