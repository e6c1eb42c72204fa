"""The words for starting at login that could not be changed: why, and that nothing else moved."""

from __future__ import annotations

import pytest

from lonely_bridge.domain.errors import LoginStartNotChanged
from lonely_bridge.wording.problems import explain

FOLDER = "/home/margaret/.config/autostart"


@pytest.mark.parametrize("turning_on", [True, False])
def test_a_read_only_place_is_named_and_nothing_else_changed(turning_on: bool) -> None:
    words = explain(LoginStartNotChanged(problem="read_only", place=FOLDER, turning_on=turning_on))

    assert FOLDER in words.text
    assert "does not allow changes" in words.text
    assert "Nothing else has changed" in words.next_step
    assert "open Lonely Bridge yourself" in words.next_step


def test_turning_on_and_off_have_their_own_titles() -> None:
    on = explain(LoginStartNotChanged(problem="full", place=FOLDER, turning_on=True))
    off = explain(LoginStartNotChanged(problem="full", place=FOLDER, turning_on=False))

    assert on.title != off.title
    assert "start with the computer" in on.title
    assert "run out of space" in on.text
    assert FOLDER not in on.text  # a full disk is not the folder's fault
