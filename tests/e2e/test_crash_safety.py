"""A writer killed mid-stream leaves a sound database holding every commit it reported."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from lonely_bridge.storage import migrate
from tests.doubles import FixedClock

pytestmark = pytest.mark.slow

DEADLINE_S = 30.0

# Adds contact events one transaction at a time, printing each id once its commit returned.
_WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path

from lonely_bridge.domain.contact import ContactEvent, ContactKind, ContactSource
from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.storage.db import make_session_factory
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.repositories import SqlStore

opened = open_database(Path(sys.argv[1]), now=datetime.now(UTC))
store = SqlStore(make_session_factory(opened.engine))
anna = store.add_person(
    Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
    now=datetime.now(UTC),
)
print("ready", flush=True)
while True:
    now = datetime.now(UTC)
    event = store.add_event(
        ContactEvent(None, anna.id, ContactKind.PHONE_CALL, now, ContactSource.BY_HAND,
                     note="x" * 500),
        now=now,
    )
    print(event.id, flush=True)
"""


def _read_until_killed(writer: subprocess.Popen[bytes], kill_after: int) -> list[int]:
    """Collect printed ids; SIGKILL the writer once ``kill_after`` were seen; drain the pipe."""
    assert writer.stdout is not None
    fd = writer.stdout.fileno()
    buffer = b""
    deadline = time.monotonic() + DEADLINE_S
    killed = False
    while True:
        if time.monotonic() > deadline:
            writer.kill()
            pytest.fail("the writer did not reach the kill point in time")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            if writer.poll() is not None and not killed:
                pytest.fail(f"the writer stopped by itself ({writer.returncode})")
            continue
        chunk = os.read(fd, 65536)
        if not chunk:  # end of output: the writer is gone
            break
        buffer += chunk
        if not killed and buffer.count(b"\n") > kill_after:
            writer.send_signal(signal.SIGKILL)
            killed = True
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    # Only whole lines were printed after a finished commit; a torn last line is ignored.
    lines = buffer.split(b"\n")[:-1]
    assert lines[0] == b"ready"
    return [int(line) for line in lines[1:]]


@pytest.mark.parametrize("kill_after", [200, 333, 517])
def test_killed_writer_loses_no_reported_commit(
    data_dir: Path, clock: FixedClock, kill_after: int
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        reported = _read_until_killed(writer, kill_after)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        assert writer.stdout is not None
        writer.stdout.close()
    assert len(reported) >= 200
    assert reported == sorted(set(reported))

    # The app's own start-up check (quick_check, read-only) accepts the file as it was left.
    opened = migrate.open_database(data_dir, now=clock.now())
    try:
        assert not opened.created
        with opened.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            stored = set(connection.execute(text("SELECT id FROM contact_events")).scalars())
    finally:
        opened.dispose()
    assert set(reported) <= stored
    # At most the one commit that finished before its id could be printed is extra.
    assert len(stored - set(reported)) <= 1
