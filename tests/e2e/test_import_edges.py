"""import-contacts, run as a real subprocess, on things that are not contacts files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Enough for the command; reading an endless device into memory would pass it and fail fast
# instead of exhausting the machine. Set in the child itself, so no fork-time hook is needed.
MEMORY_LIMIT_BYTES = 2 * 1024**3
LIMITED_APP = (
    "import resource, runpy, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT_BYTES}, {MEMORY_LIMIT_BYTES}))\n"
    "sys.argv[0] = 'lonely_bridge'\n"
    "runpy.run_module('lonely_bridge', run_name='__main__', alter_sys=True)\n"
)


def import_contacts(data_dir: Path, file: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-c", LIMITED_APP, "--data-dir", str(data_dir)]
    return subprocess.run(
        [*command, "import-contacts", str(file)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "contacts.vcf"
    os.mkfifo(pipe)
    result = import_contacts(tmp_path / "data", pipe)
    assert result.returncode == 2, result.stderr
    assert "not an ordinary file" in result.stderr
    assert "nothing was imported" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_at_once(tmp_path: Path) -> None:
    result = import_contacts(tmp_path / "data", Path("/dev/zero"))
    assert result.returncode == 2, result.stderr
    assert "not an ordinary file" in result.stderr


@pytest.mark.slow
def test_a_file_too_large_is_refused_in_plain_words(tmp_path: Path) -> None:
    big = tmp_path / "everyone.vcf"
    with big.open("wb") as handle:
        handle.truncate(25_000_000)  # sparse: no disk used
    result = import_contacts(tmp_path / "data", big)
    assert result.returncode == 2, result.stderr
    assert "larger than 20 MB" in result.stderr


@pytest.mark.slow
def test_shortened_details_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    card = ["BEGIN:VCARD", "VERSION:3.0", "FN:" + "Bartholomew " * 30, "END:VCARD", ""]
    path.write_text("\r\n".join(card), encoding="utf-8")
    result = import_contacts(tmp_path / "data", path)
    assert result.returncode == 0, result.stderr
    noted = [line for line in result.stdout.splitlines() if line.startswith("Note: ")]
    assert len(noted) == 1
    assert "its name is very long" in noted[0]
    assert result.stdout.splitlines()[-1] == "1 added, 0 skipped."
