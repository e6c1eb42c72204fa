"""Every store on one opened database: what the composition root builds, warms up and closes.

Building them loads no SQLAlchemy: the reads the first screen needs go through sqlite3, and
the ORM loads on the first write, or in ``warm_up`` from a worker thread after the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from lonely_bridge.storage.connections import (
    ReadConnections,
    SessionSource,
    WriteConnections,
    checkpoint,
)
from lonely_bridge.storage.contacts_store import ContactStore
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.people_store import PeopleStore
from lonely_bridge.storage.plans_store import PlanStore
from lonely_bridge.storage.settings_store import SettingsStore
from lonely_bridge.storage.today_reader import TodayReadModel

if TYPE_CHECKING:
    from lonely_bridge.storage.learning_store import LearningStore
    from lonely_bridge.storage.provisioning_store import ProvisioningStore
    from lonely_bridge.storage.sharing_store import SharingStore


@dataclass(eq=False)
class Stores:
    """One store per concern, sharing one source of read connections and one of sessions."""

    database: OpenedDatabase
    sessions: SessionSource
    reads: ReadConnections
    writes: WriteConnections
    today: TodayReadModel
    people: PeopleStore
    contacts: ContactStore
    plans: PlanStore
    settings: SettingsStore

    # Learning and sharing serve screens and rounds that start after the first paint; their
    # modules (tutorial files, e-mail addresses) load when first asked for.
    @cached_property
    def learning(self) -> LearningStore:
        from lonely_bridge.storage.learning_store import LearningStore

        return LearningStore(self.sessions)

    @cached_property
    def sharing(self) -> SharingStore:
        from lonely_bridge.storage.sharing_store import SharingStore

        return SharingStore(self.sessions)

    @cached_property
    def provisioning(self) -> ProvisioningStore:
        from lonely_bridge.storage.provisioning_store import ProvisioningStore

        return ProvisioningStore(self.sessions)

    def warm_up(self) -> None:
        """Load SQLAlchemy's ORM now (call from a worker thread after the first paint)."""
        self.sessions.warm_up()

    def close(self) -> None:
        """Close every connection, folding the write-ahead log back into the database file.

        Until then recent changes live only in the -wal file beside it; after this the
        database file alone holds everything, so a copy of it is complete.
        """
        self.reads.close()
        self.writes.close()
        self.database.dispose()
        checkpoint(self.database.path)


def open_stores(database: OpenedDatabase) -> Stores:
    """The stores on a checked, current database (see ``migrate.open_database``)."""
    sessions = SessionSource(database)
    reads = ReadConnections(database.path)
    writes = WriteConnections(database.path)
    return Stores(
        database=database,
        sessions=sessions,
        reads=reads,
        writes=writes,
        today=TodayReadModel(reads),
        people=PeopleStore(sessions),
        contacts=ContactStore(sessions, reads),
        plans=PlanStore(sessions),
        settings=SettingsStore(reads, writes),
    )
