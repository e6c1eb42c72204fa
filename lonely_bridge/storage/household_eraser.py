"""Deleting everything, at the older adult's request: every row, photo and saved copy.

The rows are deleted with SQLite's secure_delete on, then the file is rebuilt (VACUUM) and
its write-ahead log folded back and emptied, so what was deleted is not left readable in
free pages or in the log. The empty household keeps the database's structure, so the app
starts at its welcome.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from pathlib import Path

from lonely_bridge.storage.connections import WriteConnections, checkpoint
from lonely_bridge.storage.migrate import backups_dir, database_path
from lonely_bridge.storage.sqlite_files import SIDE_SUFFIXES, side_file

log = logging.getLogger(__name__)


class HouseholdEraser:
    """Implements HouseholdEraser for one data folder, through its open write connections."""

    def __init__(self, writes: WriteConnections, *, data_dir: Path, photos_dir: Path) -> None:
        self._writes = writes
        self._data_dir = data_dir
        self._photos_dir = photos_dir

    def erase_everything(self) -> None:
        self._erase_rows()
        self._erase_folder(self._photos_dir)
        self._erase_folder(backups_dir(self._data_dir))
        self._erase_kept_aside()

    def _erase_rows(self) -> None:
        from lonely_bridge.storage.models import Base

        connection = self._writes()
        connection.execute("PRAGMA secure_delete = ON")
        with connection:  # one transaction: everything goes, or nothing does
            # Children before parents, so no foreign key is left pointing nowhere.
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(f'DELETE FROM "{table.name}"')
        connection.execute("VACUUM")
        checkpoint(database_path(self._data_dir))

    def _erase_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        for path in folder.iterdir():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()

    def _erase_kept_aside(self) -> None:
        """Earlier database files set aside by a repair or a restore are copies too."""
        live = database_path(self._data_dir)
        keep = {live.name, *(side_file(live, suffix).name for suffix in SIDE_SUFFIXES)}
        # "lonely_bridge.db.damaged-…" beside it, and ".lonely_bridge.db.restoring-…" and
        # partial copies a restore or backup cut short left behind.
        for pattern in (f"{live.name}.*", f".{live.name}.*"):
            for path in self._data_dir.glob(pattern):
                if path.name not in keep and path.is_file():
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
