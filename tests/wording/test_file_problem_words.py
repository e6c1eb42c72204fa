"""Problems in contact files and lesson files, told in plain words with where they are."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.errors import TutorialError, TutorialProblem, VCardError, VCardProblem
from lonely_bridge.wording.tutorial_problems import explain_tutorial_problem
from lonely_bridge.wording.vcard_problems import explain_vcard_problem


@pytest.mark.parametrize("problem", list(VCardProblem))
def test_every_problem_has_a_plain_message(problem: VCardProblem) -> None:
    message = explain_vcard_problem(VCardError(problem=problem, card=3, line=41, name="Anna"))
    assert message
    assert "{" not in message
    assert "_" not in message


def test_long_names_are_shortened_in_messages() -> None:
    error = VCardError(problem=VCardProblem.BAD_PHOTO, card=1, line=1, name="A" * 500)
    message = explain_vcard_problem(error)
    assert "A" * 39 + "…”" in message
    assert len(message) < 200


@pytest.mark.parametrize("problem", list(TutorialProblem))
def test_every_problem_can_be_explained(problem: TutorialProblem) -> None:
    for step, field in [(None, None), (None, "title"), (2, "text"), (1, "steps")]:
        error = TutorialError(file="x.toml", problem=problem, step=step, field=field)
        message = explain_tutorial_problem(error)
        assert message.startswith(("In “x.toml”", "“x.toml”", "Lonely Bridge"))
        assert "{" not in message.replace("{ ", "")


def test_an_unreadable_folder_is_named_as_a_folder() -> None:
    error = TutorialError(file="tutorials", problem=TutorialProblem.UNREADABLE, field="folder")

    assert "the folder “tutorials”" in explain_tutorial_problem(error)
