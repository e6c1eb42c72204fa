"""Every command meets every bad situation with one plain line, a non-zero exit and no loss."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from lonely_bridge.storage import migrate
from tests.e2e.driver import APP_ENV, RUN_TIMEOUT_S, daily_backup, damage, folder_state
from tests.small_disk import namespaces_available, run_app_on_disk

pytestmark = pytest.mark.slow

VCARDS = Path(__file__).resolve().parents[1] / "formats" / "data" / "vcards"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
# Root reads any file; in a user namespace of its own it is held to the file modes.
AS_ORDINARY_USER = ("unshare", "--user") if ROOT else ()


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str
    folder: Path  # the data folder as the command left it


@dataclass(frozen=True)
class Situation:
    name: str
    prepare: Callable[[Path], None]
    disk: str = ""  # "full" or "read_only": the data folder lies on such a disk
    ordinary_user: bool = False


def _damaged(data_dir: Path) -> None:
    damage(migrate.database_path(data_dir))


def _unreadable(data_dir: Path) -> None:
    migrate.database_path(data_dir).chmod(0)


def _folder_in_place(data_dir: Path) -> None:
    db = migrate.database_path(data_dir)
    db.rename(data_dir / "moved.db")
    db.mkdir()


def _dangling_link(data_dir: Path) -> None:
    db = migrate.database_path(data_dir)
    db.unlink()
    db.symlink_to(data_dir / "on-a-drive-that-is-not-plugged-in.db")


def _backups_a_file(data_dir: Path) -> None:
    shutil.rmtree(migrate.backups_dir(data_dir))
    migrate.backups_dir(data_dir).write_text("not a folder")


SITUATIONS = [
    Situation("damaged", _damaged),
    Situation("unreadable", _unreadable, ordinary_user=True),
    Situation("folder in the database's place", _folder_in_place),
    Situation("read-only disk", lambda _d: None, disk="read_only"),
    Situation("full disk", lambda _d: None, disk="full"),
    Situation("dangling link", _dangling_link),
    Situation("backups is a file", _backups_a_file),
]


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    unwritable = tmp_path / "a-file" / "below-a-file"
    (tmp_path / "a-file").write_text("x")
    return {
        "report": ["report"],
        "report --json": ["report", "--json"],
        "export-calendar": ["export-calendar", "-o", str(tmp_path / "calls.ics")],
        "export-calendar to a bad place": ["export-calendar", "-o", str(unwritable / "x.ics")],
        "import-contacts": ["import-contacts", str(VCARDS / "iphone_ios_3_0.vcf")],
        "backup": ["backup"],
        "restore-backup": ["restore-backup", "--yes"],
        "restore-backup, asking": ["restore-backup"],
        "restore-backup --list": ["restore-backup", "--list"],
        "check-link": ["check-link", "https://zoom.us/j/123456789"],
        "screenshots to a bad place": ["screenshots", "-o", str(unwritable)],
    }


# Commands that may change the data when they succeed (report keeps the week's level).
WRITES = {"import-contacts", "backup", "restore-backup", "report", "report --json"}


def _run(situation: Situation, data_dir: Path, work: Path, args: list[str]) -> Ran:
    if situation.disk:
        if not namespaces_available():
            pytest.skip("no private mount namespaces here, so no small disk")
        done = run_app_on_disk(
            data_dir, work, *args, free=16 * 1024, read_only=situation.disk == "read_only"
        )
        return Ran(done.returncode, done.stdout, done.stderr, done.after)
    prefix: tuple[str, ...] = AS_ORDINARY_USER if situation.ordinary_user else ()
    if prefix and not namespaces_available():
        pytest.skip("running as root, and no user namespace to be an ordinary user in")
    done = _cli(data_dir, *args, prefix=prefix)
    return Ran(done.returncode, done.stdout, done.stderr, data_dir)


def _cli(
    data_dir: Path, *args: str, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The command with its input closed, as a script or a service runs it."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "lonely_bridge", "--data-dir", str(data_dir), *args],
        env=APP_ENV,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def _state(folder: Path) -> dict[str, str]:
    """The folder's data files and their hashes, readable or not (exports aside)."""
    hidden = [p for p in folder.rglob("*") if p.is_file() and not os.access(p, os.R_OK)]
    for path in hidden:
        path.chmod(0o600)
    try:
        state = folder_state(folder)
    finally:
        for path in hidden:
            path.chmod(0)
    return {k: v for k, v in state.items() if not k.endswith(".ics")}


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda s: s.name)
def test_every_command_answers_in_one_plain_line(
    situation: Situation, demo_dir: Path, tmp_path: Path
) -> None:
    daily_backup(demo_dir)
    situation.prepare(demo_dir)
    for index, (name, args) in enumerate(_commands(tmp_path).items()):
        before = _state(demo_dir)
        work = tmp_path / f"run-{index}"
        work.mkdir()
        ran = _run(situation, demo_dir, work, args)
        said = f"{name} with {situation.name}: exit {ran.returncode}\n{ran.stdout}{ran.stderr}"
        assert "Traceback" not in ran.stderr + ran.stdout, said
        assert ran.returncode in (0, 1, 2), said
        if ran.returncode != 0:
            lines = ran.stderr.strip().splitlines()
            assert len(lines) == 1, said
            assert len(lines[0]) > 20, said
        elif name == "restore-backup, asking":
            pytest.fail(f"a closed input was taken for a yes: {said}")
        # A write that did what it was asked (put back a copy, add people) changes the data;
        # anything else must leave every file as it was.
        if ran.returncode != 0 or name not in WRITES:
            assert _state(ran.folder) == before, said


@contextmanager
def _sqlite_lock_held(db: Path) -> Iterator[None]:
    """Another program holding SQLite's write lock (as a sync tool or a viewer might)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(120)\n",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_locked_database_is_explained(demo_dir: Path) -> None:
    db = migrate.database_path(demo_dir)
    with _sqlite_lock_held(db):
        started = time.monotonic()
        done = _cli(demo_dir, "import-contacts", str(VCARDS / "iphone_ios_3_0.vcf"))
        waited = time.monotonic() - started
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("Lonely Bridge's information is busy"), done.stderr
    assert waited > 1  # it waited for the lock rather than giving up at once
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 7
    conn.close()


def test_the_app_lock_is_explained(demo_dir: Path) -> None:
    from lonely_bridge.system.single_instance import data_folder_lock

    daily_backup(demo_dir)
    before = folder_state(demo_dir)
    with data_folder_lock(demo_dir):
        for command in (["restore-backup", "--yes"], ["backup"]):
            done = _cli(demo_dir, *command)
            assert done.returncode == 2
            assert done.stderr.strip().startswith("Lonely Bridge is open; close it first")
    assert folder_state(demo_dir) == before
