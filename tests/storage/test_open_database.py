"""Opening the database: safe pragmas, a fast path when current, and hands off damaged files."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from lonely_bridge.domain.errors import (
    DatabaseDamaged,
    DatabaseFromNewerVersion,
    DataFolderNotWritable,
)
from lonely_bridge.storage import migrate
from lonely_bridge.storage.db import BUSY_TIMEOUT_MS
from lonely_bridge.storage.schema import HEAD_REVISION
from lonely_bridge.storage.stores import Stores, open_stores
from tests.doubles import FixedClock
from tests.household import add_demo_household

PAGE_SIZE = 4096
EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def _fingerprint(path: Path) -> tuple[str, int, int]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data), path.stat().st_mtime_ns


def _read_pragmas(connection: Connection) -> dict[str, object]:
    return {
        name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED_PRAGMAS
    }


def _demo_database(data_dir: Path, clock: FixedClock) -> Path:
    """A real, checkpointed database of several pages holding the demo household."""
    opened = migrate.open_database(data_dir, now=clock.now())
    stores = open_stores(opened)
    add_demo_household(stores, clock)
    stores.close()
    assert sorted(p.name for p in data_dir.iterdir()) == [migrate.DB_FILE_NAME]
    return opened.path


def _stamp(path: Path, revision: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()


# Pragmas ------------------------------------------------------------------------------------


def test_fresh_database_is_created_and_stamped(data_dir: Path, clock: FixedClock) -> None:
    opened = migrate.open_database(data_dir, now=clock.now())
    try:
        assert opened.path == data_dir / migrate.DB_FILE_NAME
        assert (opened.created, opened.upgraded_from) == (True, None)
        assert migrate.inspect_existing(opened.path) == HEAD_REVISION
        assert not migrate.backups_dir(data_dir).exists()
    finally:
        opened.dispose()


def test_every_connection_gets_the_safety_pragmas(opened: migrate.OpenedDatabase) -> None:
    with opened.engine.connect() as first, opened.engine.connect() as second:
        raw_first = first.connection.dbapi_connection
        raw_second = second.connection.dbapi_connection
        assert raw_first is not raw_second
        assert _read_pragmas(first) == EXPECTED_PRAGMAS
        assert _read_pragmas(second) == EXPECTED_PRAGMAS
    opened.dispose()
    # A connection made after the pool was emptied is set up again.
    with opened.engine.connect() as third:
        assert _read_pragmas(third) == EXPECTED_PRAGMAS


def test_the_file_itself_is_in_wal_mode(opened: migrate.OpenedDatabase) -> None:
    opened.dispose()
    conn = sqlite3.connect(opened.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        conn.close()


def test_pragmas_leave_transactions_working(opened: migrate.OpenedDatabase, store: Stores) -> None:
    """The pragmas switch autocommit on for a moment; a rollback must still undo writes."""
    with opened.engine.connect() as connection:
        connection.execute(text("INSERT INTO settings VALUES ('k', '1', '2026-01-01 00:00:00')"))
        connection.rollback()
    assert store.settings.get_setting("k") is None


# The fast path for a current database -------------------------------------------------------


def test_reopening_a_current_database_changes_nothing(data_dir: Path, clock: FixedClock) -> None:
    path = _demo_database(data_dir, clock)
    before = _fingerprint(path)
    opened = migrate.open_database(data_dir, now=clock.now())
    assert (opened.created, opened.upgraded_from) == (False, None)
    assert not migrate.backups_dir(data_dir).exists()
    assert _fingerprint(path) == before
    opened.dispose()


_OPEN_AND_REPORT = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from lonely_bridge.storage.migrate import open_database
opened = open_database(Path(sys.argv[1]), now=datetime.now(UTC))
print(opened.created, "alembic" in sys.modules, "sqlalchemy" in sys.modules)
"""


def test_reopening_a_current_database_does_not_load_alembic(data_dir: Path) -> None:
    def open_in_a_new_process() -> str:
        done = subprocess.run(
            [sys.executable, "-c", _OPEN_AND_REPORT, str(data_dir)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout.strip()

    assert open_in_a_new_process() == "True True True"
    assert open_in_a_new_process() == "False False False"


# Refusing without touching ------------------------------------------------------------------


def test_database_from_a_newer_version_is_refused_untouched(
    data_dir: Path, clock: FixedClock
) -> None:
    path = _demo_database(data_dir, clock)
    _stamp(path, "9999_from_the_future")
    before = _fingerprint(path)
    with pytest.raises(DatabaseFromNewerVersion) as raised:
        migrate.open_database(data_dir, now=clock.now())
    assert raised.value.params["revision"] == "9999_from_the_future"
    assert _fingerprint(path) == before
    assert not migrate.backups_dir(data_dir).exists()


def test_refusing_a_database_leaves_no_files_beside_it(data_dir: Path, clock: FixedClock) -> None:
    path = _demo_database(data_dir, clock)
    _stamp(path, "9999_from_the_future")
    with pytest.raises(DatabaseFromNewerVersion):
        migrate.open_database(data_dir, now=clock.now())
    assert sorted(p.name for p in data_dir.iterdir()) == [migrate.DB_FILE_NAME]


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8 * PAGE_SIZE))


def _truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage_over_page_two(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(PAGE_SIZE)
        handle.write(os.urandom(PAGE_SIZE))


@pytest.mark.parametrize(
    "damage", [_random_bytes, _truncate_to_half, _garbage_over_page_two], ids=lambda f: f.__name__
)
def test_damaged_database_is_refused_untouched(
    data_dir: Path, clock: FixedClock, damage: Callable[[Path], None]
) -> None:
    path = _demo_database(data_dir, clock)
    assert path.stat().st_size > 8 * PAGE_SIZE
    damage(path)
    before = _fingerprint(path)
    with pytest.raises(DatabaseDamaged):
        migrate.open_database(data_dir, now=clock.now())
    assert _fingerprint(path) == before
    assert not migrate.backups_dir(data_dir).exists()


def test_tables_without_a_schema_version_are_refused(data_dir: Path, clock: FixedClock) -> None:
    path = migrate.database_path(data_dir)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO people (name) VALUES ('Anna')")
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(DatabaseDamaged) as raised:
        migrate.open_database(data_dir, now=clock.now())
    assert "schema version" in raised.value.params["detail"]
    assert _fingerprint(path) == before


def test_an_empty_file_is_treated_as_new(data_dir: Path, clock: FixedClock) -> None:
    migrate.database_path(data_dir).touch()
    opened = migrate.open_database(data_dir, now=clock.now())
    opened.dispose()
    assert opened.created
    assert migrate.inspect_existing(opened.path) == HEAD_REVISION


# A folder that cannot be written -------------------------------------------------------------

_PROBE = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from lonely_bridge.storage import migrate
try:
    migrate.open_database(Path(sys.argv[1]), now=datetime.now(UTC)).dispose()
except Exception as exc:
    print(type(exc).__name__)
else:
    print("opened")
"""


def _probe(folder: Path) -> str:
    from datetime import UTC, datetime

    try:
        migrate.open_database(folder, now=datetime.now(UTC)).dispose()
    except Exception as exc:
        return type(exc).__name__
    return "opened"


def _as_root_that_obeys_permissions(folder: Path) -> str:
    """Run the probe as root without CAP_DAC_OVERRIDE, so write permissions really apply.

    Root keeps the power to read and search anything, so the probe finds its interpreter and
    the app's files wherever the checkout lives (even inside a folder private to someone).
    """
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and setpriv (util-linux) is missing to drop privileges")
    done = subprocess.run(
        [setpriv, "--bounding-set=-dac_override", sys.executable, "-c", _PROBE, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_folder_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    read_only = tmp_path / "read-only"
    writable = tmp_path / "writable"
    read_only.mkdir(mode=0o700)
    writable.mkdir(mode=0o700)
    read_only.chmod(0o500)
    try:
        if os.geteuid() == 0:  # root ignores permission bits unless it gives up that power
            outcomes = {f.name: _as_root_that_obeys_permissions(f) for f in (read_only, writable)}
        else:
            outcomes = {folder.name: _probe(folder) for folder in (read_only, writable)}
    finally:
        read_only.chmod(0o700)
    assert outcomes == {"read-only": DataFolderNotWritable.__name__, "writable": "opened"}
    assert list(read_only.iterdir()) == []


def test_ensure_writable_accepts_a_writable_folder_and_leaves_no_probe(data_dir: Path) -> None:
    migrate.ensure_writable(data_dir)
    assert list(data_dir.iterdir()) == []


def test_ensure_writable_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DataFolderNotWritable):
        migrate.ensure_writable(tmp_path / "missing")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_data_folder_is_private(data_dir: Path) -> None:
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
