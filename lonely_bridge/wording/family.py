"""The insight retold for a trusted family member: warm, third person, never a grade.

The insight speaks *to* the older adult ("It's been 3 weeks since you saw someone in
person"); a message to their family speaks *about* them. Rather than rewriting those
sentences, each reason is retold from its stable code and parameters, and a reason with no
reader-facing wording here is left out. Left out on purpose:

* ``feeling`` and ``network``: they repeat the older adult's own answers in a private
  check-in; those stay between them and the app.
* ``too_long`` and ``overdue``: they name another person. Who the older adult has been in
  touch with is a separate choice (``Topic.PEOPLE_IN_TOUCH``), and the reader may even be
  the person named.
* any code this version does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lonely_bridge.domain.insight import Insight, Level, Reason
from lonely_bridge.domain.sharing import ShareableSummary, tidy
from lonely_bridge.i18n import _, ngettext
from lonely_bridge.wording.insight import param_number, span

Params = Mapping[str, int | str]


def level_words(level: Level, name: str) -> str:
    """How things are, told to the reader in one warm sentence."""
    return {
        Level.ALL_WELL: _("{name} is keeping in touch as usual."),
        Level.QUIET_SPELL: _("{name} has had a slightly quieter spell than usual."),
        Level.REACH_OUT: _(
            "{name} has had a quieter time lately and would enjoy hearing from you."
        ),
        Level.TELL_SOMEONE: _(
            "{name} has had a quieter few weeks and would welcome a call or a visit."
        ),
    }[level].format(name=name)


def _in_person_gap(name: str, p: Params) -> str:
    # Worded as what was noted: the app knows only what was recorded.
    return _("No visits or get-togethers have been noted for {name} in {span}.").format(
        name=name, span=span(param_number(p, "days"))
    )


def _below_usual(name: str, p: Params) -> str:
    return _("The last {n} weeks have been quieter than usual for {name}.").format(
        n=param_number(p, "weeks"), name=name
    )


def _few_people(name: str, p: Params) -> str:
    if param_number(p, "people") == 0:
        text = _("No calls, visits or messages have been noted for {name} in the last 30 days.")
    else:
        text = _("In the last 30 days, {name} has been in touch with one person.")
    return text.format(name=name)


def _missed_calls(name: str, p: Params) -> str:
    return _("{name}'s last {n} planned calls didn't take place.").format(
        name=name, n=param_number(p, "calls")
    )


def _early_days(name: str, p: Params) -> str:
    return _("{name} has only just started using Lonely Bridge, so it is early days.").format(
        name=name
    )


def _in_person_week(name: str, p: Params) -> str:
    visits = param_number(p, "visits")
    return ngettext(
        "{name} was with people in person once this week.",
        "{name} was with people in person {n} times this week.",
        visits,
    ).format(name=name, n=visits)


def _people_month(name: str, p: Params) -> str:
    return _("{name} was in touch with {n} different people in the last 30 days.").format(
        name=name, n=param_number(p, "people")
    )


def _as_usual(name: str, p: Params) -> str:
    return _("This week had as much contact as a usual week for {name}, or more.").format(name=name)


def _steady(name: str, p: Params) -> str:
    return _("{name}'s calls and visits look steady.").format(name=name)


_RETOLD: dict[str, Callable[[str, Params], str]] = {
    "in_person_gap": _in_person_gap,
    "below_usual": _below_usual,
    "few_people": _few_people,
    "missed_calls": _missed_calls,
    "early_days": _early_days,
    "in_person_week": _in_person_week,
    "people_month": _people_month,
    "as_usual": _as_usual,
    "steady": _steady,
}


def reason_for_family(reason: Reason, name: str) -> str | None:
    """One reason told to the reader, or None when it is not for sharing (see above)."""
    retell = _RETOLD.get(reason.code)
    if retell is None:
        return None
    return retell(name, reason.params)


def summary_for_family(
    insight: Insight,
    *,
    owner_name: str,
    people_in_touch: list[str],
    next_call: str | None,
) -> ShareableSummary:
    """Everything that *may* be shared, worded for the reader; each person sees only the
    parts the older adult chose for them (``compose`` picks them)."""
    name = tidy(owner_name) or _("Your friend or relative")
    reasons = (reason_for_family(reason, name) for reason in insight.reasons)
    people = (tidy(person) for person in people_in_touch)
    call = tidy(next_call or "")
    return ShareableSummary(
        level_words=level_words(insight.level, name),
        reasons=tuple(reason for reason in reasons if reason),
        people_in_touch=tuple(dict.fromkeys(person for person in people if person)),
        next_call=call or None,
    )


def paused_summary_for_family(*, owner_name: str, next_call: str | None) -> ShareableSummary:
    """While the gentle eye is paused: only that, and the next planned call."""
    name = tidy(owner_name) or _("Your friend or relative")
    call = tidy(next_call or "")
    return ShareableSummary(
        level_words=_(
            "{name} has paused Lonely Bridge's gentle eye on keeping in touch for now, so "
            "there is no news of how things are."
        ).format(name=name),
        reasons=(),
        people_in_touch=(),
        next_call=call or None,
    )


def next_call_words(moment: str, name: str) -> str:
    """The next planned call, for the reader: "Sunday 6 December at 4 pm, with Tom"."""
    return _("{moment}, with {name}").format(moment=moment, name=name)
