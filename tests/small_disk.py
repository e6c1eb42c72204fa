"""Runs the real app on a real full or read-only disk: a small tmpfs in a private mount namespace.

The disk is made with ``unshare --user --map-root-user --mount``, so it needs no root and
vanishes with the command. The data folder is copied onto it, filled to leave ``free`` bytes
(or remounted read-only), the command runs, and the folder is copied back out for the test
to inspect.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DISK_SIZE = 16 * 1024 * 1024
RUN_TIMEOUT_S = 120
NAMESPACE = ("unshare", "--user", "--map-root-user", "--mount")

# Runs inside the namespace: mount, fill, run the app, copy the folder back, report as JSON.
_INSIDE = r"""
import json, os, shutil, subprocess, sys
mount, seed, out, free, read_only, size = sys.argv[1:7]
command = sys.argv[7:]
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mount], check=True)
data = os.path.join(mount, os.path.basename(seed))
shutil.copytree(seed, data, symlinks=True)
if read_only == "1":
    # A read-only bind over the disk: an ordinary user's namespace may not remount the
    # tmpfs itself read-only, but may do this.
    subprocess.run(["mount", "--bind", mount, mount], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", mount], check=True)
else:
    filler = os.path.join(mount, "filler")
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    written = os.path.getsize(filler)
    os.truncate(filler, max(0, written - int(free)))
command = [part.replace("{DATA}", data) for part in command]
done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
shutil.copytree(data, out, symlinks=True)
print(json.dumps({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr}))
"""


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    after: Path  # the data folder as the command left it


def namespaces_available() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(
        [*NAMESPACE, "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(
    not namespaces_available(),
    reason="this system allows no private mount namespaces (unshare), so no small disk",
)


def run_app_on_disk(
    seed: Path, work: Path, *args: str, free: int = 0, read_only: bool = False
) -> Outcome:
    """Run ``python -m lonely_bridge --data-dir <copy of seed> *args`` on a small disk.

    "{DATA}" in ``args`` stands for the copy's place on the small disk.
    """
    mount = work / "mount"
    out = work / "after"
    mount.mkdir()
    inside = [str(mount), str(seed), str(out), str(free), "1" if read_only else "0"]
    command = [sys.executable, "-m", "lonely_bridge", "--data-dir", "{DATA}", *args]
    done = subprocess.run(
        [*NAMESPACE, sys.executable, "-c", _INSIDE, *inside, str(DISK_SIZE), *command],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Outcome(report["code"], report["stdout"], report["stderr"], out)
