"""The connection insight: one gentle level, the few facts behind it, and one next step.

Everything here is a prompt to reach out, never a diagnosis or a grade (EVIDENCE.md
section 2: "use gently: trends and prompts, never diagnoses").

How the level is found
----------------------
``measure_summary`` reads a summary of the records once and produces ``Signals``. Each
signal is then judged *mild* or *strong*; the thresholds are the constants below, each
with its source:

===================  =====================================  ==============================
signal               mild                                   strong
===================  =====================================  ==============================
in-person gap        no visit or group for 30+ days         no visit or group for 56+ days
below usual          2 weeks in a row under half the        3+ weeks in a row (anchor)
                     person's own usual week
few people           one person in touch in 30 days         nobody in touch in 30 days
one person           someone past their "too long" gap      —
missed calls         2 planned calls in a row not held      3+ in a row
feeling (UCLA-3)     total 6, or up by 2+ since last time   total 7–9 (anchor)
network (LSNS-6)     total below 12                         —
===================  =====================================  ==============================

* no signal: ALL_WELL; any mild signal: QUIET_SPELL;
* any strong signal, or three mild ones together: REACH_OUT;
* TELL_SOMEONE only with two strong signals together, at least one of them an *anchor*:
  a drop against the person's own usual (not merely the absence of records, which may
  only mean nothing was noted) or their own words in a check-in. So a single signal never
  goes above REACH_OUT.

Too little history (under 30 days of records) silences the absence-based signals: a new
user is ALL_WELL, with a reason saying it is early days.

The level ``judge`` returns is the *raw* weekly level; ``settle_level`` smooths the
weekly levels so the insight rises slowly and falls quickly.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import IntEnum

from lonely_bridge.domain.checkins import (
    LSNS6_ISOLATION_BELOW,
    UCLA3_COMMONLY_LONELY,
    CheckIn,
    Scale,
    scored,
)
from lonely_bridge.domain.contact import CONTACT_WEIGHT, ContactEvent, ContactKind
from lonely_bridge.domain.keeping_in_touch import PersonStatus, RhythmState, statuses
from lonely_bridge.domain.people import Circle, Person
from lonely_bridge.domain.reminders import Occurrence, Outcome

WEEK = timedelta(weeks=1)

# The weekly chart and the "below usual" run look at the last 12 weeks (as the My week
# page does); the person's usual week is taken from weeks 13–52 before now, so a quiet
# spell does not drag down the very baseline it is measured against.
RECENT_WEEKS = 12
BASELINE_WEEKS = range(12, 52)  # 0-based week index: 0 is the last 7 days
# A baseline needs at least 8 of those weeks with some contact noted: fewer than that says
# more about how often things were noted than about the person's usual week. Weeks before
# the first record are left out (the app was not in use); empty weeks after it are real
# quiet weeks and count as zero, so sparse noting does not inflate the usual week.
BASELINE_MIN_WEEKS_WITH_CONTACT = 8
BELOW_USUAL_SHARE = 0.5  # "weekly contact under half the baseline"
BELOW_USUAL_MILD_WEEKS = 2  # one quiet week is ordinary life, never a signal
BELOW_USUAL_STRONG_WEEKS = 3

# Being with people in person: visits, and group get-togethers, which are in person by
# nature. Teo et al. 2015 (EVIDENCE.md section 1): in-person contact only every few months
# or less predicted later depressive symptoms (11.5%) against monthly (8.1%) and weekly
# (7.3%) contact; phone and written contact showed no such link. So losing monthly
# in-person contact (30 days) is mild, and 8 weeks, on the way to "every few months", strong.
IN_PERSON_KINDS = frozenset({ContactKind.VISIT, ContactKind.GROUP_ACTIVITY})
IN_PERSON_MILD_DAYS = 30
IN_PERSON_STRONG_DAYS = 56

# Breadth of contact over a month, echoing LSNS-6's "see or hear from at least once a
# month". A group is many people, so contact with a group silences this signal.
PEOPLE_WINDOW = timedelta(days=30)
FEW_PEOPLE_MILD = 1
FEW_PEOPLE_STRONG = 0

# Absence signals need this much history; before it, "nothing noted" means "new here".
ENOUGH_HISTORY_DAYS = 30

# Planned calls not held (missed or skipped), newest first; two in a row can be a busy
# fortnight, three of a weekly call is most of a month.
MISSED_CALLS_MILD = 2
MISSED_CALLS_STRONG = 3

# UCLA-3 (EVIDENCE.md section 2): 6–9 is commonly read as "lonely", with no official
# cut-off, so it is a trend signal: 6 is mild, 7 or more (at least one "Often") strong, and
# a rise of 2 or more since the previous check-in is mild at any total.
UCLA3_MILD = UCLA3_COMMONLY_LONELY
UCLA3_STRONG = 7
UCLA3_RISE = 2
# A check-in speaks for the present only for a while: UCLA-3 is offered monthly, so three
# intervals; LSNS-6 every 182 days, so two.
UCLA3_CURRENT = timedelta(days=91)
LSNS6_CURRENT = timedelta(days=365)

MILD_SIGNALS_FOR_REACH_OUT = 3

_MILD, _STRONG = 1, 2
_GROUP_CIRCLES = frozenset({Circle.GROUP})
_TRUSTED_CIRCLES = frozenset({Circle.FAMILY, Circle.CLOSE_FRIEND})
_NOT_HELD = frozenset({Outcome.MISSED, Outcome.SKIPPED})


class Level(IntEnum):
    """How things look, from "all is well" to "let's tell someone you trust"."""

    ALL_WELL = 0
    QUIET_SPELL = 1
    REACH_OUT = 2
    TELL_SOMEONE = 3


@dataclass(frozen=True, slots=True)
class Signals:
    """The plain measurements behind an insight, kept for the report."""

    weekly: tuple[float, ...]  # weighted contact per week, the last 12 weeks, oldest first
    baseline: float | None  # the person's usual week (weeks 13–52), None until known
    weeks_below_usual: int  # recent weeks in a row under half the usual week
    people_last_30_days: frozenset[int]  # who was in touch (person ids)
    group_last_30_days: bool  # any group get-together or contact with a group
    in_person_this_week: int  # visits and group get-togethers in the last 7 days
    days_since_in_person: int | None  # None: no visit or group ever noted
    days_of_history: int  # since the first record of any kind
    statuses: tuple[PersonStatus, ...]  # most in need of contact first
    missed_call_streak: int
    ucla3: int | None  # the latest full UCLA-3 total, if recent
    ucla3_previous: int | None  # the one before it
    lsns6: int | None  # the latest full LSNS-6 total, if recent

    @property
    def enough_history(self) -> bool:
        return self.days_of_history >= ENOUGH_HISTORY_DAYS

    @property
    def days_without_in_person(self) -> int:
        """Days since the last visit or group, or since records began when there was none."""
        if self.days_since_in_person is None:
            return self.days_of_history
        return min(self.days_since_in_person, self.days_of_history)


@dataclass(frozen=True)
class Reason:
    """One fact behind the level: a stable code and its parameters (wording.insight says it)."""

    code: str
    params: dict[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class NextStep:
    """One concrete suggestion: a stable code and its parameters (wording.insight says it)."""

    code: str
    params: dict[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Insight:
    level: Level
    reasons: tuple[Reason, ...]  # two or three facts behind the level, most important first
    next_step: NextStep  # one concrete suggestion
    signals: Signals
    next_person_id: int | None = None  # whom the next step names, for a Call button


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """What the rules need from the contact history, small whatever its length.

    The database can answer these directly (storage/contacts_store.py), so the insight's
    cost does not grow with years of history.
    """

    weekly_kinds: Mapping[tuple[int, ContactKind], int]  # (week index, kind) -> count
    latest: Mapping[int, ContactEvent]  # each person's latest contact
    in_touch_30_days: frozenset[int]
    group_activity_30_days: bool
    in_person_7_days: int
    last_in_person: datetime | None
    first: datetime | None  # the earliest contact ever recorded


def measure_summary(
    summary: ContactSummary,
    people: Sequence[Person],
    occurrences: Iterable[Occurrence],
    checkins: Iterable[CheckIn],
    now: datetime,
    *,
    known_since: datetime | None = None,
) -> Signals:
    """The signals from a contact summary. ``known_since`` (when the app was set up) may
    extend the history backwards."""
    weeks = [0.0] * (BASELINE_WEEKS.stop)
    for (index, kind), count in summary.weekly_kinds.items():
        if 0 <= index < len(weeks):
            weeks[index] += CONTACT_WEIGHT[kind] * count
    latest = dict(summary.latest)
    in_touch = set(summary.in_touch_30_days)
    group_recent = summary.group_activity_30_days
    in_person_week = summary.in_person_7_days
    last_in_person = summary.last_in_person
    first = summary.first
    if known_since is not None and (first is None or known_since < first):
        first = known_since

    held = sorted(
        (o for o in occurrences if o.outcome is not None and o.due_at <= now),
        key=lambda occurrence: occurrence.due_at,
        reverse=True,
    )
    streak = 0
    for occurrence in held:
        if occurrence.outcome not in _NOT_HELD:
            break
        streak += 1

    checkins = [checkin for checkin in checkins if checkin.taken_at <= now]
    ucla = scored(checkins, Scale.UCLA3)
    lsns = scored(checkins, Scale.LSNS6)
    for moment in [o.due_at for o in held[-1:]] + [c.taken_at for c in checkins]:
        if first is None or moment < first:
            first = moment

    days_of_history = 0 if first is None else max((now - first).days, 0)
    baseline = _baseline(weeks, first, now)
    below = 0
    if baseline is not None:
        for index in range(RECENT_WEEKS):
            if weeks[index] >= baseline * BELOW_USUAL_SHARE:
                break
            below += 1

    current = [person for person in people if person.archived_at is None]
    groups = {person.id for person in people if _is_group(person)}
    return Signals(
        weekly=tuple(reversed(weeks[:RECENT_WEEKS])),
        baseline=baseline,
        weeks_below_usual=below,
        people_last_30_days=frozenset(in_touch),
        group_last_30_days=group_recent or bool(in_touch & groups),
        in_person_this_week=in_person_week,
        days_since_in_person=None if last_in_person is None else (now - last_in_person).days,
        days_of_history=days_of_history,
        statuses=tuple(statuses(current, latest, now)),
        missed_call_streak=streak,
        ucla3=_current_total(ucla, -1, now, UCLA3_CURRENT),
        ucla3_previous=_current_total(ucla, -2, now, None),
        lsns6=_current_total(lsns, -1, now, LSNS6_CURRENT),
    )


def _baseline(weeks: list[float], first: datetime | None, now: datetime) -> float | None:
    """The median weighted week of weeks 13–52 since records began, if enough is known."""
    if first is None:
        return None
    last_known = min((now - first) // WEEK, BASELINE_WEEKS.stop - 1)
    known = [weeks[index] for index in BASELINE_WEEKS if index <= last_known]
    if sum(1 for value in known if value > 0) < BASELINE_MIN_WEEKS_WITH_CONTACT:
        return None
    return float(statistics.median(known))


def _current_total(
    totals: list[tuple[CheckIn, int]], index: int, now: datetime, fresh: timedelta | None
) -> int | None:
    if len(totals) < -index:
        return None
    checkin, total = totals[index]
    if fresh is not None and now - checkin.taken_at > fresh:
        return None
    return total


def _is_group(person: Person) -> bool:
    return person.is_group or person.circle in _GROUP_CIRCLES


@dataclass(frozen=True, slots=True)
class _Finding:
    strength: int  # 0: a fact only; 1: mild; 2: strong
    reason: Reason
    anchor: bool = False  # a change against their own usual, or their own words


def _reason(code: str, **params: int | str) -> Reason:
    return Reason(code, dict(params))


def _last_way(status: PersonStatus) -> str:
    """How they were last in touch, for the words: a group, in person, a message or a talk."""
    last = status.last_contact
    if _is_group(status.person):
        return "group"
    if last is not None and last.kind in IN_PERSON_KINDS:
        return "in_person"
    if last is not None and last.kind is ContactKind.MESSAGE:
        return "message"
    return "talk"


def _names(people: Sequence[Person], signals: Signals) -> dict[int, str]:
    names = {person.id: person.name for person in people if person.id is not None}
    for status in signals.statuses:
        if status.person.id is not None:
            names.setdefault(status.person.id, status.person.name)
    return names


def _concerns(signals: Signals, names: dict[int, str]) -> list[_Finding]:
    """Every mild or strong signal, in order of importance for equal strength."""
    found: list[_Finding] = []
    enough = signals.enough_history

    days = signals.days_without_in_person
    if enough and days >= IN_PERSON_MILD_DAYS:
        strength = _STRONG if days >= IN_PERSON_STRONG_DAYS else _MILD
        ever = int(signals.days_since_in_person is not None)
        found.append(_Finding(strength, _reason("in_person_gap", days=days, ever=ever)))

    below = signals.weeks_below_usual
    if below >= BELOW_USUAL_MILD_WEEKS:
        strong = below >= BELOW_USUAL_STRONG_WEEKS
        found.append(
            _Finding(_STRONG if strong else _MILD, _reason("below_usual", weeks=below), strong)
        )

    ucla, previous = signals.ucla3, signals.ucla3_previous
    if ucla is not None:
        if ucla >= UCLA3_STRONG:
            found.append(_Finding(_STRONG, _reason("feeling", total=ucla), anchor=True))
        elif ucla >= UCLA3_MILD:
            found.append(_Finding(_MILD, _reason("feeling", total=ucla)))
        elif previous is not None and ucla - previous >= UCLA3_RISE:
            found.append(_Finding(_MILD, _reason("feeling", total=ucla, previous=previous)))

    count = len(signals.people_last_30_days)
    if enough and count <= FEW_PEOPLE_MILD and not signals.group_last_30_days:
        if count == FEW_PEOPLE_STRONG:
            found.append(_Finding(_STRONG, _reason("few_people", people=0)))
        else:
            [only] = signals.people_last_30_days
            named = {"name": names[only]} if only in names else {}
            reason = _reason("few_people", people=1, person_id=only, **named)
            found.append(_Finding(_MILD, reason))

    streak = signals.missed_call_streak
    if streak >= MISSED_CALLS_MILD:
        strength = _STRONG if streak >= MISSED_CALLS_STRONG else _MILD
        found.append(_Finding(strength, _reason("missed_calls", calls=streak)))

    person = _person_finding(signals)
    if person is not None and person.strength:
        found.append(person)

    if signals.lsns6 is not None and signals.lsns6 < LSNS6_ISOLATION_BELOW:
        found.append(_Finding(_MILD, _reason("network", total=signals.lsns6)))

    # Stable sort: strong first, the order above within each strength.
    return sorted(found, key=lambda finding: -finding.strength)


def _person_finding(signals: Signals) -> _Finding | None:
    """The person most past their rhythm: mild when past "too long", else a fact only."""
    for status in signals.statuses:  # most urgent first
        if status.state not in (RhythmState.OVERDUE, RhythmState.TOO_LONG):
            continue
        assert status.since is not None  # OVERDUE and TOO_LONG have a last contact
        too_long = status.state is RhythmState.TOO_LONG
        person_id = status.person.id if status.person.id is not None else -1
        reason = _reason(
            "too_long" if too_long else "overdue",
            way=_last_way(status),
            person_id=person_id,
            name=status.person.name,
            days=status.since.days,
        )
        return _Finding(_MILD if too_long else 0, reason)
    return None


def _good_news(signals: Signals) -> list[Reason]:
    """Warm facts for a good spell, most telling first."""
    found = []
    visits = signals.in_person_this_week
    if visits:
        found.append(_reason("in_person_week", visits=visits))
    people = len(signals.people_last_30_days)
    if people >= 2:
        found.append(_reason("people_month", people=people))
    if signals.baseline and signals.weekly and signals.weekly[-1] >= signals.baseline:
        found.append(_reason("as_usual"))
    return found


def _level(concerns: Sequence[_Finding]) -> Level:
    strong = [finding for finding in concerns if finding.strength == _STRONG]
    mild = [finding for finding in concerns if finding.strength == _MILD]
    if len(strong) >= 2 and any(finding.anchor for finding in strong):
        return Level.TELL_SOMEONE
    if strong or len(mild) >= MILD_SIGNALS_FOR_REACH_OUT:
        return Level.REACH_OUT
    if mild:
        return Level.QUIET_SPELL
    return Level.ALL_WELL


def evaluate_summary(
    summary: ContactSummary,
    people: Sequence[Person],
    occurrences: Iterable[Occurrence],
    checkins: Iterable[CheckIn],
    now: datetime,
    *,
    known_since: datetime | None = None,
) -> Insight:
    """This week's raw insight from a contact summary the database already made; pass it
    through ``settle`` before showing it."""
    signals = measure_summary(summary, people, occurrences, checkins, now, known_since=known_since)
    return judge(signals, people)


def judge(signals: Signals, people: Sequence[Person] = ()) -> Insight:
    """The raw insight the signals call for (the table above); ``people`` name the reasons."""
    names = _names(people, signals)
    concerns = _concerns(signals, names)
    level = _level(concerns)
    person = _person_finding(signals)
    early = None
    if not signals.enough_history:
        early = _reason("early_days", days=signals.days_of_history)

    reasons: list[Reason]
    if level is Level.ALL_WELL:
        head = ([early] if early else []) + _good_news(signals)
        if person is not None:
            reasons = [*head[:2], person.reason]
        else:
            reasons = head[:3] or [_reason("steady")]
    else:
        reasons = [finding.reason for finding in concerns[:3]]
        for extra in (person.reason if person else None, early):
            if extra is not None and len(reasons) < 3 and extra not in reasons:
                reasons.append(extra)
        # A lone concern reads harsher than it is; one good fact beside it keeps it a
        # prompt rather than a verdict (EVIDENCE.md section 2).
        if len(reasons) < 2:
            reasons += _good_news(signals)[:1]
    step, step_person = _next_step(level, reasons, signals)
    return Insight(level, tuple(reasons), step, signals, step_person)


def _call_now(status: PersonStatus) -> NextStep:
    code = "go_along" if _is_group(status.person) else "call_now"
    return NextStep(code, {"name": status.person.name})


def _next_step(
    level: Level, reasons: Sequence[Reason], signals: Signals
) -> tuple[NextStep, int | None]:
    """One concrete suggestion, led by the most important reason that points somewhere."""
    by_id = {status.person.id: status for status in signals.statuses}
    if level is Level.TELL_SOMEONE:
        trusted = _trusted(signals.statuses)
        if trusted is None:
            return NextStep("tell_someone"), None
        return NextStep("tell_trusted", {"name": trusted.person.name}), trusted.person.id
    for reason in reasons:
        if reason.code == "in_person_gap":
            return NextStep("visit"), None
        if reason.code in ("too_long", "overdue"):
            person_id = reason.params.get("person_id")
            status = by_id.get(person_id) if isinstance(person_id, int) else None
            if status is not None:
                return _call_now(status), status.person.id
        if reason.code == "missed_calls":
            return NextStep("another_time"), None
        if reason.code == "network":
            return NextStep("group_nearby"), None
    if not signals.statuses:
        return NextStep("add_someone"), None
    most = signals.statuses[0]  # most in need of contact first
    if level is Level.ALL_WELL:
        if most.state is RhythmState.DUE_SOON:
            return NextStep("call_this_week", {"name": most.person.name}), most.person.id
        if most.state is not RhythmState.NEVER:
            return NextStep("keep_going"), None
    return _call_now(most), most.person.id


def _trusted(all_statuses: Sequence[PersonStatus]) -> PersonStatus | None:
    """Family or a close friend, the one in touch most recently (likeliest to be reached)."""
    close = [
        status
        for status in all_statuses
        if status.person.circle in _TRUSTED_CIRCLES and not _is_group(status.person)
    ]
    if not close:
        return None
    return min(close, key=lambda s: (s.since is None, s.since or timedelta(0), s.person.name))


def settle_levels(raws: Sequence[Level]) -> list[Level]:
    """Smooth weekly raw levels (oldest first) into the levels to show, one per week.

    Rise slowly: the shown level goes up one step at a time, and only when the raw level
    has been at least that high for two weekly evaluations in a row, so a single quiet
    week never raises it. Fall quickly: a raw level below the shown one is shown at once.
    It starts at ALL_WELL. The shown level is therefore never above the raw level.
    """
    shown = Level.ALL_WELL
    previous: Level | None = None
    result = []
    for raw in raws:
        if raw <= shown:
            shown = raw
        elif previous is not None and previous >= shown + 1:
            shown = Level(shown + 1)
        result.append(shown)
        previous = raw
    return result


def settle_level(raw: Level, history: Sequence[Level]) -> Level:
    """This week's level to show, given this week's raw level.

    ``history`` holds the earlier weekly RAW levels (as ``judge`` returned them), newest
    last, one per weekly evaluation. The raw levels are needed, not the shown ones: only
    they tell whether last week was already high while the shown level was still waiting.
    """
    return settle_levels([*history, raw])[-1]


def settle(insight: Insight, history: Sequence[Level]) -> Insight:
    """The insight with its level settled, and a next step that fits the settled level."""
    level = settle_level(insight.level, history)
    if level == insight.level:
        return insight
    step, person = _next_step(level, insight.reasons, insight.signals)
    return replace(insight, level=level, next_step=step, next_person_id=person)
