"""The stores together: Today reads without SQLAlchemy or later modules, close folds the log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lonely_bridge.domain.people import DEFAULT_RHYTHMS, Circle, Person
from lonely_bridge.storage import migrate
from lonely_bridge.storage.stores import open_stores
from tests.doubles import FixedClock

# Run in a fresh interpreter: the test process has long since imported SQLAlchemy.
FIRST_SCREEN = """
import sys, threading
from datetime import UTC, datetime
from pathlib import Path
from lonely_bridge.storage.migrate import open_database
from lonely_bridge.storage.stores import open_stores

stores = open_stores(open_database(Path(sys.argv[1]), now=datetime.now(UTC), thorough=False))
people = stores.today.list_people(include_archived=True)
stores.today.last_contact_by_person()
plans = stores.today.list_plans()
stores.today.occurrences_since(datetime(2000, 1, 1, tzinfo=UTC))
owner = stores.settings.get_setting("owner_name")
# What the reminders and the follow-up question do in the first seconds, before any touch.
stores.settings.set_setting("last_seen", "2026-11-26T15:00:00+00:00", now=datetime.now(UTC))
stores.contacts.latest_unasked_attempt()
loaded = ["sqlalchemy" in sys.modules, "alembic" in sys.modules]
print("before", *loaded, len(people), len(plans), owner)
later = ("checkins", "learning", "sharing", "tutorials")
print("later", [name for name in later if f"lonely_bridge.domain.{name}" in sys.modules])
loader = threading.Thread(target=stores.warm_up)
loader.start()
loader.join()
print("after", "sqlalchemy.orm" in sys.modules, stores.sessions.loaded)
print("person", stores.people.get_person(people[0].id).name == people[0].name)
stores.close()
"""


@pytest.mark.slow
def test_first_seconds_load_no_sqlalchemy_and_warm_up_loads_it(
    data_dir: Path, clock: FixedClock
) -> None:
    from tests.household import add_demo_household

    stores = open_stores(migrate.open_database(data_dir, now=clock.now()))
    add_demo_household(stores, clock)
    stores.close()

    done = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, str(data_dir)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "before False False 7 4 Margaret",
        "later []",
        "after True True",
        "person True",
    ]


def test_close_leaves_everything_in_the_database_file(data_dir: Path, clock: FixedClock) -> None:
    stores = open_stores(migrate.open_database(data_dir, now=clock.now()))
    stores.people.add_person(
        Person(None, "Anna", "Daughter", Circle.FAMILY, DEFAULT_RHYTHMS[Circle.FAMILY]),
        now=clock.now(),
    )
    assert stores.today.list_people()
    stores.close()

    wal = migrate.database_path(data_dir).with_name(migrate.database_path(data_dir).name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
