"""Plain words for the week's insight: its level, the facts behind it and the next step."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lonely_bridge.domain.insight import UCLA3_MILD, UCLA3_STRONG, Level, NextStep, Reason
from lonely_bridge.i18n import _, ngettext

Params = Mapping[str, int | str]


def level_words(level: Level) -> str:
    return {
        Level.ALL_WELL: _("All is well"),
        Level.QUIET_SPELL: _("A quiet spell"),
        Level.REACH_OUT: _("Time to reach out"),
        Level.TELL_SOMEONE: _("Let's tell someone you trust"),
    }[level]


def span(days: int) -> str:
    """A gap in plain words: "5 days", "3 weeks", "4 months", "more than a year"."""
    if days < 14:
        return ngettext("{n} day", "{n} days", days).format(n=days)
    if days < 63:
        return _("{n} weeks").format(n=days // 7)
    if days < 365:
        return _("{n} months").format(n=days // 30)
    years = days // 365
    return ngettext("more than a year", "more than {n} years", years).format(n=years)


def param_number(params: Params, key: str) -> int:
    value = params.get(key, 0)
    return value if isinstance(value, int) else 0


def _in_person_gap(p: Params) -> str:
    if param_number(p, "ever"):
        text = _("It's been {span} since you last saw someone in person.")
    else:
        text = _("No visits or get-togethers have been noted in {span}.")
    return text.format(span=span(param_number(p, "days")))


def _below_usual(p: Params) -> str:
    return _("The last {n} weeks have been quieter than usual for you.").format(
        n=param_number(p, "weeks")
    )


def _feeling(p: Params) -> str:
    total = param_number(p, "total")
    if total >= UCLA3_STRONG:
        return _("In your last check-in you said you often miss company.")
    if total >= UCLA3_MILD:
        return _("In your last check-in you said you miss company some of the time.")
    return _("In your last check-in you said you miss company more than the time before.")


def _few_people(p: Params) -> str:
    if not param_number(p, "people"):
        return _("No calls, visits or messages have been noted in the last 30 days.")
    if "name" not in p:
        return _("In the last 30 days you've been in touch with one person.")
    return _("In the last 30 days, {name} is the only one you've been in touch with.").format(
        name=p["name"]
    )


def _missed_calls(p: Params) -> str:
    return _("The last {n} planned calls didn't take place.").format(n=param_number(p, "calls"))


def _person_gap(p: Params) -> str:
    """ "It's been 3 weeks since you talked with Anna." — worded by how they were last in touch."""
    texts = {
        "group": _("It's been {span} since you last went to {name}."),
        "in_person": _("It's been {span} since you saw {name}."),
        "message": _("It's been {span} since you were in touch with {name}."),
    }
    text = texts.get(str(p.get("way")), _("It's been {span} since you talked with {name}."))
    return text.format(span=span(param_number(p, "days")), name=p.get("name", ""))


def _network(p: Params) -> str:
    return _("In your last check-in, only a few people came to mind to call on.")


def _early_days(p: Params) -> str:
    return _(
        "It's early days: after a few weeks of calls and visits, this page can show"
        " how things are going."
    )


def _steady(p: Params) -> str:
    return _("Your calls and visits look steady.")


def _in_person_week(p: Params) -> str:
    visits = param_number(p, "visits")
    return ngettext(
        "You were with people in person once this week.",
        "You were with people in person {n} times this week.",
        visits,
    ).format(n=visits)


def _people_month(p: Params) -> str:
    return _("You were in touch with {n} different people in the last 30 days.").format(
        n=param_number(p, "people")
    )


def _as_usual(p: Params) -> str:
    return _("This week had as much contact as a usual week for you, or more.")


_REASONS: Mapping[str, Callable[[Params], str]] = {
    "in_person_gap": _in_person_gap,
    "below_usual": _below_usual,
    "feeling": _feeling,
    "few_people": _few_people,
    "missed_calls": _missed_calls,
    "too_long": _person_gap,
    "overdue": _person_gap,
    "network": _network,
    "early_days": _early_days,
    "steady": _steady,
    "in_person_week": _in_person_week,
    "people_month": _people_month,
    "as_usual": _as_usual,
}


def reason_words(reason: Reason) -> str:
    """One fact behind the level, said to the older adult."""
    return _REASONS[reason.code](reason.params)


def next_step_words(step: NextStep) -> str:
    """The suggestion, said to the older adult."""
    name = step.params.get("name", "")
    texts = {
        "tell_someone": _(
            "Tell someone you trust how the last few weeks have been: family, a friend"
            " or your doctor."
        ),
        "tell_trusted": _("Tell {name} how the last few weeks have been?"),
        "visit": _("Visit a friend or a group this week"),
        "go_along": _("Go along to {name} this week?"),
        "call_now": _("Call {name} now?"),
        "another_time": _("Would another day or time suit your planned calls better?"),
        "group_nearby": _("Is there a group or class nearby you might enjoy?"),
        "add_someone": _("Add someone you'd like to keep in touch with"),
        "call_this_week": _("Call {name} this week?"),
        "keep_going": _("Keep doing what you're doing."),
    }
    return texts[step.code].format(name=name)


# While the older adult has paused the gentle eye ------------------------------------------
def paused_title() -> str:
    return _("The gentle eye is resting")


def paused_words() -> str:
    """What My week says instead of the insight: what the pause means and how to undo it."""
    return _(
        "You paused it, so Lonely Bridge is not keeping an eye on how often you are in touch, "
        "and it asks no questions. Nothing is lost: your people and calls are all here. "
        "To turn it back on, open Settings and choose “Your information”."
    )


def paused_line() -> str:
    """The one line Today shows while paused."""
    return _("You have paused the gentle eye on keeping in touch. Your calls go on as usual.")
