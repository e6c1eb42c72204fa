"""The check-ins in plain words: each question, its answers, a title and an introduction."""

from __future__ import annotations

from dataclasses import dataclass

from lonely_bridge.domain.checkins import ITEM_IDS, CheckIn, Scale
from lonely_bridge.i18n import _


@dataclass(frozen=True, slots=True)
class Question:
    """One question, with its answers as (value, words) pairs in the order shown."""

    id: str
    text: str
    answers: tuple[tuple[int, str], ...]


def _ucla_answers() -> tuple[tuple[int, str], ...]:
    return ((1, _("Hardly ever")), (2, _("Some of the time")), (3, _("Often")))


def _lsns_answers() -> tuple[tuple[int, str], ...]:
    return (
        (0, _("None")),
        (1, _("One")),
        (2, _("Two")),
        (3, _("Three or four")),
        (4, _("Five to eight")),
        (5, _("Nine or more")),
    )


def _texts(scale: Scale) -> tuple[str, ...]:
    if scale is Scale.UCLA3:
        return (
            _("How often do you feel that you lack companionship?"),
            _("How often do you feel left out?"),
            _("How often do you feel isolated from others?"),
        )
    return (
        _("How many relatives do you see or hear from at least once a month?"),
        _("How many relatives do you feel at ease with to talk about private matters?"),
        _("How many relatives do you feel close to such that you could call on them for help?"),
        _(
            "How many of your friends, including neighbours, do you see or hear from"
            " at least once a month?"
        ),
        _(
            "How many of your friends, including neighbours, do you feel at ease with"
            " to talk about private matters?"
        ),
        _(
            "How many of your friends, including neighbours, do you feel close to such"
            " that you could call on them for help?"
        ),
    )


def questions(scale: Scale) -> list[Question]:
    """The check-in's questions in their published order, in the user's language."""
    answers = _ucla_answers() if scale is Scale.UCLA3 else _lsns_answers()
    return [
        Question(item, text, answers)
        for item, text in zip(ITEM_IDS[scale], _texts(scale), strict=True)
    ]


def title(scale: Scale) -> str:
    """A heading for the check-in screen."""
    if scale is Scale.UCLA3:
        return _("How have you been feeling?")
    return _("The people around you")


def introduction(scale: Scale) -> str:
    """A line shown before the first question: short, optional, no right answers."""
    if scale is Scale.UCLA3:
        return _(
            "Three short questions about the last few weeks. There are no right or wrong"
            " answers, and you can skip any question."
        )
    return _(
        "Six short questions about your family and friends. There are no right or wrong"
        " answers, and you can skip any question."
    )


def answered(checkin: CheckIn) -> list[tuple[str, str]]:
    """Each question of a check-in as it was asked, with the answer given, in words."""
    pairs = []
    for question, value in zip(questions(checkin.scale), checkin.answers, strict=True):
        words = dict(question.answers).get(value) if value is not None else None
        pairs.append((question.text, words or _("Not answered")))
    return pairs
