"""TutorialService: the shipped lessons, plus a helper's own, read once; a bad file is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from lonely_bridge.domain.tutorials import Origin
from lonely_bridge.resources import resource_path
from lonely_bridge.services.tutorials import CUSTOM_TUTORIALS_DIR, TutorialService

SHIPPED = sorted(resource_path("tutorials").glob("*.toml"))
LOGGER = "lonely_bridge.services.tutorials"


def helper_lesson(helper_folder: Path, name: str, text: str) -> Path:
    folder = helper_folder / CUSTOM_TUTORIALS_DIR
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def renamed(source: Path, new_id: str) -> str:
    text = source.read_text(encoding="utf-8")
    old_id = next(line for line in text.splitlines() if line.startswith("id = "))
    return text.replace(old_id, f'id = "{new_id}"', 1)


def test_every_shipped_lesson_is_offered(tutorials: TutorialService) -> None:
    found = tutorials.tutorials()

    assert len(found) == len(SHIPPED)
    assert {tutorial.origin for tutorial in found} == {Origin.SHIPPED}


def test_a_helper_s_own_lesson_joins_the_shipped_ones(
    tutorials: TutorialService, helper_folder: Path
) -> None:
    helper_lesson(helper_folder, "grandsons-tablet.toml", renamed(SHIPPED[0], "grandsons-tablet"))

    found = {tutorial.id: tutorial for tutorial in tutorials.tutorials()}

    assert len(found) == len(SHIPPED) + 1
    assert found["grandsons-tablet"].origin is Origin.CUSTOM


@pytest.mark.allow_log(LOGGER, "WARNING")
def test_a_broken_lesson_is_skipped_and_named_in_the_log(
    tutorials: TutorialService, helper_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    helper_lesson(helper_folder, "half-written.toml", 'id = "half\n')

    found = tutorials.tutorials()

    assert len(found) == len(SHIPPED)
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert "half-written.toml" in record.getMessage()


@pytest.mark.allow_log(LOGGER, "WARNING")
def test_a_helper_s_lesson_cannot_hide_a_shipped_one(
    tutorials: TutorialService, helper_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shipped_id = tutorials.library().tutorials[0].id
    fresh = TutorialService(data_dir=helper_folder)
    helper_lesson(helper_folder, "mine.toml", renamed(SHIPPED[0], shipped_id))

    found = [tutorial for tutorial in fresh.tutorials() if tutorial.id == shipped_id]

    assert [tutorial.origin for tutorial in found] == [Origin.SHIPPED]
    assert any("mine.toml" in r.getMessage() for r in caplog.records if r.name == LOGGER)


def test_the_lessons_are_read_once_and_kept(
    tutorials: TutorialService, helper_folder: Path
) -> None:
    first = tutorials.library()
    helper_lesson(helper_folder, "later.toml", renamed(SHIPPED[0], "later"))

    assert tutorials.library() is first
    assert len(tutorials.tutorials()) == len(SHIPPED)
