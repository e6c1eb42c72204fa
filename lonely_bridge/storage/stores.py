"""Every store on one opened database: what the composition root builds, warms up and closes.

Building them loads no SQLAlchemy: the reads the first screen needs go through sqlite3, and
the ORM loads on the first write, or in ``warm_up`` from a worker thread after the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass

from lonely_bridge.storage.connections import ReadConnections, SessionSource, checkpoint
from lonely_bridge.storage.contacts_store import ContactStore
from lonely_bridge.storage.learning_store import LearningStore
from lonely_bridge.storage.migrate import OpenedDatabase
from lonely_bridge.storage.people_store import PeopleStore
from lonely_bridge.storage.plans_store import PlanStore
from lonely_bridge.storage.settings_store import SettingsStore
from lonely_bridge.storage.sharing_store import SharingStore
from lonely_bridge.storage.today_reader import TodayReadModel


@dataclass(frozen=True, eq=False)
class Stores:
    """One store per concern, sharing one source of read connections and one of sessions."""

    database: OpenedDatabase
    sessions: SessionSource
    reads: ReadConnections
    today: TodayReadModel
    people: PeopleStore
    contacts: ContactStore
    plans: PlanStore
    learning: LearningStore
    sharing: SharingStore
    settings: SettingsStore

    def warm_up(self) -> None:
        """Load SQLAlchemy's ORM now (call from a worker thread after the first paint)."""
        self.sessions.warm_up()

    def close(self) -> None:
        """Close every connection, folding the write-ahead log back into the database file.

        Until then recent changes live only in the -wal file beside it; after this the
        database file alone holds everything, so a copy of it is complete.
        """
        self.reads.close()
        self.database.dispose()
        checkpoint(self.database.path)


def open_stores(database: OpenedDatabase) -> Stores:
    """The stores on a checked, current database (see ``migrate.open_database``)."""
    sessions = SessionSource(database)
    reads = ReadConnections(database.path)
    return Stores(
        database=database,
        sessions=sessions,
        reads=reads,
        today=TodayReadModel(reads),
        people=PeopleStore(sessions),
        contacts=ContactStore(sessions, reads),
        plans=PlanStore(sessions),
        learning=LearningStore(sessions),
        sharing=SharingStore(sessions),
        settings=SettingsStore(sessions, reads),
    )
