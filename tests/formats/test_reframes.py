"""The reframes file: the shipped one covers every moment; a broken one is refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from lonely_bridge.domain.errors import ReframesInvalid
from lonely_bridge.domain.reframes import Hesitation
from lonely_bridge.formats.reframes import load_reframes
from lonely_bridge.resources import resource_path


def test_the_shipped_kind_words_cover_both_moments() -> None:
    shipped = load_reframes(resource_path("reframes.toml"))
    for moment in Hesitation:
        assert any(moment in reframe.moments for reframe in shipped)
    for reframe in shipped:
        lowered = reframe.text.lower()
        assert "even you" not in lowered
        assert "elderly" not in lowered


@pytest.mark.parametrize(
    "content",
    [
        "",
        "not toml = = =",
        "[[reframe]]\nid = 1\ntext = 'x'\nmoments = ['left_tutorial']",
        "[[reframe]]\nid = 'x'\ntext = 'Hello'\nmoments = ['sometimes']",
        "[[reframe]]\nid = 'x'\ntext = ''\nmoments = ['left_tutorial']",
        "[[reframe]]\nid = 'x'\ntext = 'Hi'\nmoments = []",
    ],
)
def test_a_broken_reframes_file_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "reframes.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReframesInvalid):
        load_reframes(path)
