"""`lonely-bridge report` for care workers: the level, its reasons and each person."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "lonely_bridge", *args],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "data"
    made = run("--data-dir", str(folder), "--demo", "--no-err-windows", "--smoke-test")
    assert made.returncode == 0, made.stderr
    return folder


@pytest.mark.slow
def test_report_as_json_has_level_reasons_and_people(demo_dir: Path) -> None:
    result = run("--data-dir", str(demo_dir), "report", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"level", "reasons", "people"} <= set(report)
    assert report["level"] in {"all_well", "quiet_spell", "reach_out", "tell_someone"}
    assert 1 <= len(report["reasons"]) <= 3
    names = {person["name"] for person in report["people"]}
    assert names == {"Anna", "Tom", "Lily", "Rose", "Harold", "Priya", "Thursday Book Club"}
    for person in report["people"]:
        assert person["state"] in {"on_track", "due_soon", "overdue", "too_long", "never"}


@pytest.mark.slow
def test_report_in_words(demo_dir: Path) -> None:
    result = run("--data-dir", str(demo_dir), "report")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first in {
        "All is well",
        "A quiet spell",
        "Time to reach out",
        "Let's tell someone you trust",
    }
    assert "Harold" in result.stdout


@pytest.mark.slow
def test_report_on_an_empty_folder_is_calm(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "new"), "report", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["level"] == "all_well"
    assert report["people"] == []


@pytest.mark.slow
def test_report_while_the_gentle_eye_is_paused_says_so(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from lonely_bridge.domain.settings import INSIGHT_PAUSED

    folder = tmp_path / "data"
    made = run("--data-dir", str(folder), "--demo", "--no-err-windows", "--smoke-test")
    assert made.returncode == 0, made.stderr
    with closing(sqlite3.connect(folder / "lonely-bridge.db")) as db, db:
        db.execute(
            "INSERT INTO settings (key, value_json, updated_at) VALUES (?, 'true', ?)",
            (INSIGHT_PAUSED.key, "2026-11-26 10:00:00.000000"),
        )

    words = run("--data-dir", str(folder), "report")
    assert words.returncode == 0, words.stderr
    assert "resting" in words.stdout
    as_json = run("--data-dir", str(folder), "report", "--json")
    assert json.loads(as_json.stdout) == {"paused": True}
