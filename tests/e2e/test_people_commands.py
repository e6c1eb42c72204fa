"""The care-worker commands for links and contacts, run as real subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

VCARDS = Path(__file__).resolve().parents[1] / "formats" / "data" / "vcards"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "lonely_bridge", *args],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://us02web.zoom.us/j/85512345678?pwd=abc", "Zoom: https://us02web.zoom.us/j/"),
        ("+44 20 7946 0958", "Phone: tel:+442079460958"),
        ("https://meet.google.com/abc-defg-hij", "Google Meet: https://meet.google.com/"),
    ],
)
def test_check_link_accepts_call_links(link: str, expected: str) -> None:
    result = run("check-link", link)
    assert result.returncode == 0
    assert result.stdout.startswith(expected)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("file:///etc/passwd", "open a file on this computer"),
        ("https://zoom.us.example.net/j/1", "zoom.us.example.net"),
        ("javascript:alert(1)", "won't open"),
    ],
)
def test_check_link_refuses_with_a_reason(link: str, words: str) -> None:
    result = run("check-link", link)
    assert result.returncode == 2
    assert words in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_import_contacts_adds_then_skips_duplicates(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    card = str(VCARDS / "iphone_ios_3_0.vcf")
    first = run("--data-dir", data, "import-contacts", card)
    assert first.returncode == 0, first.stderr
    added = [line for line in first.stdout.splitlines() if line.startswith("Added: ")]
    assert added
    assert list((tmp_path / "data" / "photos").iterdir())
    again = run("--data-dir", data, "import-contacts", card)
    assert again.returncode == 0
    assert "0 added" in again.stdout
    assert "probably already here" in again.stdout


@pytest.mark.slow
def test_import_contacts_names_the_broken_card(tmp_path: Path) -> None:
    result = run(
        "--data-dir", str(tmp_path), "import-contacts", str(VCARDS / "mixed_good_and_broken.vcf")
    )
    assert result.returncode == 0
    skipped = [line for line in result.stdout.splitlines() if line.startswith("Skipped: ")]
    assert skipped
    assert any("line" in line.lower() for line in skipped)


@pytest.mark.slow
def test_import_of_a_non_vcard_adds_nothing(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.vcf"
    bogus.write_text("Shopping list: milk, eggs\n", encoding="utf-8")
    result = run("--data-dir", str(tmp_path / "data"), "import-contacts", str(bogus))
    assert result.returncode == 2
    assert "nothing was imported" in result.stderr.lower()
