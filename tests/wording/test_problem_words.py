"""Every problem the app can meet has plain words of its own, never "something went wrong"."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import lonely_bridge
from lonely_bridge.domain.errors import (
    LinkRefused,
    LonelyBridgeError,
    RefusalReason,
    TutorialError,
    TutorialProblem,
    VCardError,
    VCardProblem,
)
from lonely_bridge.wording.problems import explain

# Modules that start things when imported are not problems' homes; everything else is read.
SKIPPED = {"lonely_bridge.__main__"}


def _every_error_class() -> list[type[LonelyBridgeError]]:
    for module in pkgutil.walk_packages(lonely_bridge.__path__, "lonely_bridge."):
        if module.name not in SKIPPED and ".migrations" not in module.name:
            importlib.import_module(module.name)
    found: list[type[LonelyBridgeError]] = []
    waiting = [LonelyBridgeError]
    while waiting:
        kind = waiting.pop()
        found.append(kind)
        waiting.extend(kind.__subclasses__())
    return [kind for kind in found if kind is not LonelyBridgeError]


ERRORS = _every_error_class()


def test_the_errors_were_found() -> None:
    codes = {kind.code for kind in ERRORS}
    assert {"plan_invalid", "database_damaged", "link_refused", "app_is_open"} <= codes


# The problems that cannot be raised without saying which part went wrong.
NEEDS_DETAILS: dict[str, LonelyBridgeError] = {
    "link_refused": LinkRefused(reason=RefusalReason.MALFORMED),
    "vcard_invalid": VCardError(problem=VCardProblem.NOT_A_VCARD),
    "tutorial_invalid": TutorialError(file="lesson.toml", problem=TutorialProblem.NOT_TOML),
}


@pytest.mark.parametrize("kind", ERRORS, ids=lambda kind: kind.code)
def test_every_error_code_has_words(kind: type[LonelyBridgeError]) -> None:
    assert kind.code != LonelyBridgeError.code, f"{kind.__name__} has no code of its own"
    error = NEEDS_DETAILS.get(kind.code) or kind()
    general = explain(LonelyBridgeError())
    assert explain(error) != general, f"{kind.__name__} ({kind.code}) has no plain words"


def test_codes_are_not_shared() -> None:
    codes = [kind.code for kind in ERRORS]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    "code",
    sorted({kind.code for kind in ERRORS} - {"link_refused", "vcard_invalid", "tutorial_invalid"}),
)
def test_words_read_without_parameters(code: str) -> None:
    """A problem raised without details still reads as sentences, with no codes in them."""
    kind = next(kind for kind in ERRORS if kind.code == code)
    words = explain(kind())
    assert words.title
    assert words.text
    assert words.next_step
    assert "_" not in words.as_text()


ERROR_HOMES = {"lonely_bridge.domain.errors", "lonely_bridge.services.errors"}


@pytest.mark.parametrize("kind", ERRORS, ids=lambda kind: kind.code)
def test_every_error_is_declared_in_its_layers_errors_module(kind: type[LonelyBridgeError]) -> None:
    assert kind.__module__ in ERROR_HOMES


def test_reframes_problem_lives_with_the_other_domain_errors() -> None:
    from lonely_bridge.domain import errors

    assert errors.ReframesInvalid.__module__ == "lonely_bridge.domain.errors"


def test_a_call_that_did_not_open_names_the_service_people_know() -> None:
    from lonely_bridge.domain.links import CallService
    from lonely_bridge.services.errors import CallDidNotOpen

    words = explain(CallDidNotOpen(person="Anna", service=CallService.GOOGLE_MEET)).as_text()
    assert "Google Meet" in words
    assert "google_meet" not in words
