"""Each refusal of a household file says what happened, that nothing changed, and what to do."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.errors import HouseholdFileUnusable, OutputExists
from lonely_bridge.domain.household import HouseholdFileProblem
from lonely_bridge.wording.problems import explain

PATH = "/home/helper/Client #12/Margaret.lonelybridge"


@pytest.mark.parametrize("problem", list(HouseholdFileProblem))
def test_every_refusal_names_the_file_and_says_nothing_changed(
    problem: HouseholdFileProblem,
) -> None:
    words = explain(HouseholdFileUnusable(problem=problem, path=PATH))
    assert PATH in words.text
    assert "Nothing was changed" in words.next_step
    assert "_" not in words.as_text().replace(PATH, "")


def test_each_refusal_has_words_of_its_own() -> None:
    texts = [
        explain(HouseholdFileUnusable(problem=problem, path=PATH)).text
        for problem in HouseholdFileProblem
    ]
    assert len(set(texts)) == len(texts)


def test_a_newer_file_asks_for_the_newest_version() -> None:
    words = explain(HouseholdFileUnusable(problem=HouseholdFileProblem.NEWER_FORMAT, path=PATH))
    assert "install the newest Lonely Bridge" in words.next_step


def test_an_existing_output_says_how_to_replace_it() -> None:
    words = explain(OutputExists(path=PATH))
    assert PATH in words.text
    assert "--yes" in words.next_step
