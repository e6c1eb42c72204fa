"""Puts a checked household file in place, keeping the current database and photos aside.

Everything happens by renames inside the data folder, after the file was checked and
unpacked there: the current files move into a dated ``kept-before-restore-…`` folder
(never deleted), then the unpacked ones take their place. A failure half-way moves every
file back where it was. While the app runs its database is open, so the app stages the
file instead, and the next start puts it in place before the database opens.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lonely_bridge import PRIVATE_FOLDER_MODE
from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.domain.household import SUFFIX, HouseholdSummary
from lonely_bridge.storage.failures import as_problem
from lonely_bridge.storage.household_file import CheckedHousehold, checked_household
from lonely_bridge.storage.household_names import KEPT_PREFIX, staged_file
from lonely_bridge.storage.migrate import clear_check_request
from lonely_bridge.storage.sqlite_files import SIDE_SUFFIXES, fsync_file, fsync_folder, side_file

log = logging.getLogger(__name__)

NOT_RESTORED_PREFIX = "not-restored-"


@dataclass(frozen=True, slots=True)
class HouseholdRestored:
    """What was put in place, and the folder holding what it replaced (None: nothing was)."""

    summary: HouseholdSummary
    kept: Path | None


def _unused(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def put_in_place(
    checked: CheckedHousehold, db: Path, photos: Path, *, now: datetime
) -> HouseholdRestored:
    """Move the current database ``db`` and ``photos`` folder aside and the checked ones in.

    On any failure every moved file goes back, and DiskFull or DataFolderNotWritable is
    raised: the household is exactly as it was.
    """
    data_dir = db.parent
    in_use = (*(side_file(db, suffix) for suffix in ("", *SIDE_SUFFIXES)), photos)
    current = [path for path in in_use if _present(path)]
    kept = _unused(data_dir / f"{KEPT_PREFIX}{now:%Y%m%dT%H%M%S}")
    moved: list[tuple[Path, Path]] = []
    try:
        if current:
            kept.mkdir(mode=PRIVATE_FOLDER_MODE)
        for path in current:
            os.replace(path, kept / path.name)
            moved.append((path, kept / path.name))
        os.replace(checked.database, db)
        moved.append((checked.database, db))
        if any(checked.photos.iterdir()):
            os.replace(checked.photos, photos)
            moved.append((checked.photos, photos))
        fsync_folder(data_dir)
    except BaseException as exc:  # a full disk, or Ctrl+C between two renames
        for origin, now_at in reversed(moved):
            os.replace(now_at, origin)
        with contextlib.suppress(OSError):
            kept.rmdir()  # only when empty: it was made here
        if not isinstance(exc, OSError):
            raise
        problem = as_problem(exc, folder=data_dir, database=db)
        assert problem is not None  # every OSError has an explanation
        raise problem from exc
    clear_check_request(data_dir)  # a request about the file now kept aside
    log.info("Household from %s put in place; what it replaced is in %s", checked.source, kept)
    return HouseholdRestored(checked.summary, kept if current else None)


def restore_household(source: Path, db: Path, photos: Path, *, now: datetime) -> HouseholdRestored:
    """Check ``source`` in full, then put it in place (the caller holds the folder's lock)."""
    with checked_household(source, db.parent) as checked:
        return put_in_place(checked, db, photos, now=now)


# Restoring while the app runs: staged now, put in place at the next start -------------------
def stage_for_next_start(source: Path, db: Path) -> Path:
    """Copy ``source`` beside ``db`` for the next start to put in place; whole or not at all."""
    data_dir = db.parent
    target = staged_file(data_dir)
    partial = data_dir / f".{target.name}.{uuid.uuid4().hex[:12]}.partial"
    try:
        shutil.copyfile(source, partial)
        partial.chmod(0o600)
        fsync_file(partial)
        partial.replace(target)
        fsync_folder(data_dir)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        problem = as_problem(exc, folder=data_dir, database=db)
        assert problem is not None
        raise problem from exc
    log.info("Household file staged for the next start")
    return target


def restore_staged(db: Path, photos: Path, *, now: datetime) -> HouseholdRestored | None:
    """Put a staged household file in place (None when there is none).

    A staged file that fails is renamed ``not-restored-…`` so the next start does not try it
    again, and its problem is raised; the current household is left as it was.
    """
    data_dir = db.parent
    staged = staged_file(data_dir)
    if not staged.is_file():
        return None
    try:
        restored = restore_household(staged, db, photos, now=now)
    except LonelyBridgeError:
        set_aside = _unused(data_dir / f"{NOT_RESTORED_PREFIX}{now:%Y%m%dT%H%M%S}{SUFFIX}")
        with contextlib.suppress(OSError):
            staged.replace(set_aside)
        raise
    staged.unlink(missing_ok=True)
    return restored
