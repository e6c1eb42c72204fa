"""The information file: a zip the standard library opens, written whole or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lonely_bridge.domain.errors import OutputNotWritable
from lonely_bridge.storage.information_file import write_information_file
from tests.small_disk import NAMESPACE, needs_namespaces

NAME = "Zoë <b>Ὀδυσσεύς</b> & 王小明"


def test_the_zip_holds_the_readme_the_json_and_the_photos(tmp_path: Path) -> None:
    photo = tmp_path / "anna.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a small picture")
    target = tmp_path / "out" / "My information.zip"
    target.parent.mkdir()

    write_information_file(
        target,
        information={"people": [{"name": NAME}]},
        readme="What is in this file",
        photos={"photos/anna.jpg": photo, "photos/gone.jpg": tmp_path / "gone.jpg"},
    )

    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["README.txt", "information.json", "photos/anna.jpg"]
        assert archive.read("README.txt").decode() == "What is in this file"
        text = archive.read("information.json").decode("utf-8")
        assert NAME in text  # readable as it is, in a text editor too
        assert json.loads(text) == {"people": [{"name": NAME}]}
        assert archive.read("photos/anna.jpg") == photo.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["My information.zip"]
    if sys.platform != "win32":
        assert target.stat().st_mode & 0o077 == 0  # the person's own eyes only


def test_a_place_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "stick"
    not_a_folder.write_text("a file where a folder was expected")

    with pytest.raises(OutputNotWritable):
        write_information_file(not_a_folder / "info.zip", information={}, readme="", photos={})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stick"]


_ON_A_SMALL_DISK = r"""
import json, os, subprocess, sys
from pathlib import Path
mount, photo = Path(sys.argv[1]), Path(sys.argv[2])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount], check=True)
(mount / "info.zip").write_text("the earlier file")
from lonely_bridge.domain.errors import DiskFull
from lonely_bridge.storage.information_file import write_information_file
try:
    write_information_file(
        mount / "info.zip", information={"a": 1}, readme="r",
        photos={"photos/big.bin": photo},
    )
    outcome = "written"
except DiskFull:
    outcome = "disk_full"
left = sorted(os.listdir(mount))
print(json.dumps({"outcome": outcome, "left": left, "earlier": (mount / "info.zip").read_text()}))
"""


@needs_namespaces
def test_a_full_disk_says_so_and_leaves_no_partial_file(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024))  # random: the zip cannot shrink it to fit
    mount = tmp_path / "mount"
    mount.mkdir()
    done = subprocess.run(
        [*NAMESPACE, sys.executable, "-c", _ON_A_SMALL_DISK, str(mount), str(big)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # No partial file, and the file saved before is untouched.
    assert report == {"outcome": "disk_full", "left": ["info.zip"], "earlier": "the earlier file"}
