"""Finds the shipped tutorials and any a helper added in the data folder."""

from __future__ import annotations

import logging
from pathlib import Path

from lonely_bridge.domain.tutorials import Tutorial, TutorialLibrary
from lonely_bridge.formats.tutorials import load_tutorials
from lonely_bridge.resources import resource_path
from lonely_bridge.wording.tutorial_problems import explain_tutorial_problem

log = logging.getLogger(__name__)

CUSTOM_TUTORIALS_DIR = "tutorials"


class TutorialService:
    def __init__(self, *, data_dir: Path | None = None, shipped_dir: Path | None = None) -> None:
        self._shipped = shipped_dir or resource_path("tutorials")
        self._custom = data_dir / CUSTOM_TUTORIALS_DIR if data_dir else None
        self._library: TutorialLibrary | None = None

    def library(self) -> TutorialLibrary:
        """Loaded once, on first use, so start-up does not pay for it."""
        if self._library is None:
            folders = [(self._shipped, "shipped")]
            if self._custom is not None and self._custom.is_dir():
                folders.append((self._custom, "custom"))
            self._library = load_tutorials(folders)
            for problem in self._library.problems:
                log.warning("Tutorial skipped: %s", explain_tutorial_problem(problem))
        return self._library

    def tutorials(self) -> list[Tutorial]:
        return list(self.library().tutorials)
