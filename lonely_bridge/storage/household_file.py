"""The whole household in one file: a zip of the database and photos, with a checked manifest.

Writing takes a consistent snapshot of the database (SQLite's backup API) and writes the zip
beside its target under a temporary name, renamed into place only when complete. Reading
checks everything (the manifest, every member's name, size and SHA-256, the database's own
integrity and schema revision, that photos are pictures) while unpacking into a hidden
folder inside the data folder, before any of the household's files is touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import time
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lonely_bridge import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, __version__
from lonely_bridge.domain.errors import (
    DatabaseFromNewerVersion,
    DataFolderNotWritable,
    HouseholdFileUnusable,
    OutputNotWritable,
)
from lonely_bridge.domain.household import SUFFIX, HouseholdFileProblem, HouseholdSummary
from lonely_bridge.storage.failures import as_problem
from lonely_bridge.storage.sqlite_files import (
    FileState,
    examine,
    fsync_file,
    fsync_folder,
    read_only_uri,
)

log = logging.getLogger(__name__)

FORMAT_NAME = "lonely-bridge-household"
FORMAT_VERSION = 1
MANIFEST_MEMBER = "lonely-bridge-household.json"
DATABASE_MEMBER = "lonely-bridge.db"
PHOTOS_FOLDER = "photos"
UNPACKING_PREFIX = ".unpacking-household-"
CHUNK_BYTES = 1024 * 1024
# An unpacking folder this old belongs to a check that was cut short, not to one under way.
STALE_UNPACKING_S = 60 * 60
# What the app itself stores as photos (system/photos.py, the contacts importer), by the
# bytes each kind of picture starts with.
PICTURE_STARTS = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
PHOTO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}\.(?:jpg|jpeg|png|gif)")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Limits:
    """Far beyond any real household, and small enough that a hostile file cannot fill a disk."""

    members: int = 20_000
    manifest_bytes: int = 4 * 1024 * 1024
    database_bytes: int = 2 * 1024**3
    photo_bytes: int = 32 * 1024 * 1024
    total_bytes: int = 4 * 1024**3


LIMITS = Limits()


def _refused(problem: HouseholdFileProblem, path: Path, **details: object) -> HouseholdFileUnusable:
    return HouseholdFileUnusable(problem=problem, path=str(path), **details)


# Writing ------------------------------------------------------------------------------------
def household_file_path(target: Path) -> Path:
    """``target``, with the household file's own ending when it was given none."""
    return target if target.suffix else target.with_name(target.name + SUFFIX)


def photo_files(photos_dir: Path) -> list[Path]:
    """The pictures the app stored: plain files with the names it gives them."""
    if not photos_dir.is_dir():
        return []
    found = []
    for path in sorted(photos_dir.iterdir()):
        if path.is_symlink() or not path.is_file() or not PHOTO_NAME.fullmatch(path.name):
            log.info("Left out of the household file: %s", path.name)
            continue
        found.append(path)
    return found


def _counts(database: Path) -> dict[str, int]:
    conn = sqlite3.connect(read_only_uri(database), uri=True)
    try:
        queries = {
            "people": "SELECT count(*) FROM people WHERE archived_at IS NULL",
            "plans": "SELECT count(*) FROM call_plans WHERE active",
            "contact_events": "SELECT count(*) FROM contact_events",
        }
        return {name: int(conn.execute(sql).fetchone()[0]) for name, sql in queries.items()}
    finally:
        conn.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest(
    snapshot: Path, photos: list[Path], *, revision: str, now: datetime
) -> dict[str, Any]:
    members = [(DATABASE_MEMBER, snapshot)] + [(f"{PHOTOS_FOLDER}/{p.name}", p) for p in photos]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_revision": revision,
        "saved_at": now.astimezone(UTC).isoformat(),
        "counts": {**_counts(snapshot), "photos": len(photos)},
        "members": [
            {"name": name, "size": path.stat().st_size, "sha256": _sha256(path)}
            for name, path in members
        ],
    }


def save_household(db: Path, photos_dir: Path, target: Path, *, now: datetime) -> HouseholdSummary:
    """Write the database ``db`` and the pictures in ``photos_dir`` to ``target`` as one file.

    Whole or not at all: on any failure nothing is left at ``target`` or beside it, and
    DiskFull or OutputNotWritable is raised. An existing ``target`` is replaced.
    """
    from lonely_bridge.storage.backup import copy_database

    stem = f".{target.name}.{uuid.uuid4().hex[:12]}"
    snapshot = target.with_name(f"{stem}.snapshot")
    partial = target.with_name(f"{stem}.partial")
    try:
        copy_database(db, snapshot)
        revision = examine(snapshot).revision or ""
        photos = photo_files(photos_dir)
        manifest = _manifest(snapshot, photos, revision=revision, now=now)
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
        with os.fdopen(descriptor, "wb") as raw, zipfile.ZipFile(raw, "w") as bundle:
            text = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            bundle.writestr(MANIFEST_MEMBER, text, compress_type=zipfile.ZIP_DEFLATED)
            bundle.write(snapshot, DATABASE_MEMBER, compress_type=zipfile.ZIP_DEFLATED)
            for photo in photos:
                # Pictures are compressed already; deflating them again only costs time.
                bundle.write(photo, f"{PHOTOS_FOLDER}/{photo.name}")
        fsync_file(partial)
        partial.replace(target)
        fsync_folder(target.parent)
    except OSError as exc:
        problem = as_problem(exc, folder=target.parent, database=db)
        assert problem is not None  # every OSError has an explanation
        if isinstance(problem, DataFolderNotWritable):
            problem = OutputNotWritable(path=str(target), reason=exc.strerror or str(exc))
        raise problem from exc
    except DataFolderNotWritable as exc:
        if exc.params.get("folder") != str(target.parent):
            raise
        # The snapshot could not be written beside the target: the helper's folder, not ours.
        raise OutputNotWritable(path=str(target), reason=exc.params.get("reason", "")) from exc
    finally:
        for leftover in (snapshot, partial):
            with contextlib.suppress(OSError):
                leftover.unlink()
    log.info("Household saved to %s", target)
    return _summary(manifest)


# Reading ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CheckedHousehold:
    """A household file checked in full and unpacked into ``folder`` (inside the data folder)."""

    source: Path
    folder: Path
    summary: HouseholdSummary

    @property
    def database(self) -> Path:
        return self.folder / DATABASE_MEMBER

    @property
    def photos(self) -> Path:
        return self.folder / PHOTOS_FOLDER


def _summary(manifest: dict[str, Any]) -> HouseholdSummary:
    counts = manifest["counts"]
    return HouseholdSummary(
        saved_at=datetime.fromisoformat(manifest["saved_at"]),
        app_version=manifest["app_version"],
        schema_revision=manifest["schema_revision"],
        people=counts["people"],
        plans=counts["plans"],
        contact_events=counts["contact_events"],
        photos=counts["photos"],
    )


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _check_names(infos: list[zipfile.ZipInfo], path: Path, limits: Limits) -> None:
    """Every member is one the app writes, at a name that stays inside its folder."""
    if len(infos) > limits.members:
        raise _refused(HouseholdFileProblem.TOO_LARGE, path, members=len(infos))
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        folder, _slash, photo = name.partition("/")
        expected = name in (MANIFEST_MEMBER, DATABASE_MEMBER) or (
            folder == PHOTOS_FOLDER and PHOTO_NAME.fullmatch(photo) is not None
        )
        if not expected or name in seen or _is_link(info) or info.is_dir():
            raise _refused(HouseholdFileProblem.UNSAFE, path, member=name)
        seen.add(name)
    if MANIFEST_MEMBER not in seen:
        raise _refused(HouseholdFileProblem.NOT_OURS, path)


def _read_manifest(bundle: zipfile.ZipFile, path: Path, limits: Limits) -> dict[str, Any]:
    info = bundle.getinfo(MANIFEST_MEMBER)
    if info.file_size > limits.manifest_bytes:
        raise _refused(HouseholdFileProblem.TOO_LARGE, path, member=MANIFEST_MEMBER)
    try:
        manifest = json.loads(bundle.read(info))
    except ValueError as exc:  # also the UnicodeDecodeError of a manifest that is not text
        raise _refused(HouseholdFileProblem.DAMAGED, path, member=MANIFEST_MEMBER) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise _refused(HouseholdFileProblem.NOT_OURS, path)
    version = manifest.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise _refused(HouseholdFileProblem.NEWER_FORMAT, path, version=version)
    if version != FORMAT_VERSION or not _manifest_is_whole(manifest):
        raise _refused(HouseholdFileProblem.DAMAGED, path, member=MANIFEST_MEMBER)
    return manifest


def _manifest_is_whole(manifest: dict[str, Any]) -> bool:
    counts, members = manifest.get("counts"), manifest.get("members")
    count_names = ("people", "plans", "contact_events", "photos")
    try:
        datetime.fromisoformat(manifest.get("saved_at", ""))
    except (TypeError, ValueError):
        return False
    return (
        isinstance(manifest.get("app_version"), str)
        and isinstance(manifest.get("schema_revision"), str)
        and isinstance(counts, dict)
        and all(type(counts.get(name)) is int and counts[name] >= 0 for name in count_names)
        and isinstance(members, list)
        and all(
            isinstance(m, dict)
            and isinstance(m.get("name"), str)
            and type(m.get("size")) is int
            and isinstance(m.get("sha256"), str)
            and SHA256_HEX.fullmatch(m["sha256"]) is not None
            for m in members
        )
    )


def _check_members(
    bundle: zipfile.ZipFile, manifest: dict[str, Any], path: Path, limits: Limits
) -> dict[str, dict[str, Any]]:
    """The manifest lists exactly the zip's members, at sizes within the limits."""
    listed = {m["name"]: m for m in manifest["members"]}
    present = {info.filename: info for info in bundle.infolist()}
    present.pop(MANIFEST_MEMBER)
    if len(listed) != len(manifest["members"]) or listed.keys() != present.keys():
        raise _refused(HouseholdFileProblem.DAMAGED, path, member=MANIFEST_MEMBER)
    if DATABASE_MEMBER not in listed:
        raise _refused(HouseholdFileProblem.DAMAGED, path, member=DATABASE_MEMBER)
    total = 0
    for name, info in present.items():
        limit = limits.database_bytes if name == DATABASE_MEMBER else limits.photo_bytes
        if info.file_size > limit or listed[name]["size"] > limit:
            raise _refused(HouseholdFileProblem.TOO_LARGE, path, member=name)
        if info.file_size != listed[name]["size"]:
            raise _refused(HouseholdFileProblem.DAMAGED, path, member=name)
        total += info.file_size
    if total > limits.total_bytes:
        raise _refused(HouseholdFileProblem.TOO_LARGE, path, total=total)
    photos = len(present) - 1
    if manifest["counts"]["photos"] != photos:
        raise _refused(HouseholdFileProblem.DAMAGED, path, member=MANIFEST_MEMBER)
    return listed


def _unpack_member(bundle: zipfile.ZipFile, entry: dict[str, Any], target: Path) -> bool:
    """Write one member to ``target``; True when its bytes are the ones the manifest lists."""
    digest, written = hashlib.sha256(), 0
    descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as out, bundle.open(entry["name"]) as member:
        # zipfile stops at the size the zip declares (checked against the limits above) and
        # checks the CRC at the end, so a member cannot unpack to more than it claims.
        while chunk := member.read(CHUNK_BYTES):
            written += len(chunk)
            if written > entry["size"]:
                return False
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return written == entry["size"] and digest.hexdigest() == str(entry["sha256"])


def _is_picture(photo: Path) -> bool:
    starts = PICTURE_STARTS[photo.suffix.lower()]
    with photo.open("rb") as handle:
        head = handle.read(max(len(start) for start in starts))
    return head.startswith(starts)


def _unpack(
    bundle: zipfile.ZipFile, listed: dict[str, dict[str, Any]], folder: Path, path: Path
) -> None:
    (folder / PHOTOS_FOLDER).mkdir(mode=PRIVATE_FOLDER_MODE)
    for name, entry in listed.items():
        target = folder / name
        if not _unpack_member(bundle, entry, target):
            raise _refused(HouseholdFileProblem.DAMAGED, path, member=name)
        if name != DATABASE_MEMBER and not _is_picture(target):
            raise _refused(HouseholdFileProblem.NOT_A_PICTURE, path, member=name)


def _check_database(database: Path, manifest: dict[str, Any], path: Path) -> None:
    found = examine(database, thorough=True)
    if found.state is FileState.NEWER:
        raise DatabaseFromNewerVersion(path=str(path), revision=found.revision)
    if found.state is not FileState.GOOD or found.revision != manifest["schema_revision"]:
        raise _refused(
            HouseholdFileProblem.DAMAGED, path, member=DATABASE_MEMBER, state=found.state.value
        )


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise _refused(HouseholdFileProblem.MISSING, path)
    try:
        return zipfile.ZipFile(path)
    except PermissionError as exc:
        raise OutputNotWritable(path=str(path), reason=exc.strerror or str(exc)) from exc
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refused(HouseholdFileProblem.NOT_OURS, path) from exc


def _check_into(source: Path, folder: Path, data_dir: Path, limits: Limits) -> HouseholdSummary:
    try:
        with _open_zip(source) as bundle:
            _check_names(bundle.infolist(), source, limits)
            manifest = _read_manifest(bundle, source, limits)
            listed = _check_members(bundle, manifest, source, limits)
            folder.mkdir(mode=PRIVATE_FOLDER_MODE)
            _unpack(bundle, listed, folder, source)
        _check_database(folder / DATABASE_MEMBER, manifest, source)
    except (zipfile.BadZipFile, EOFError) as exc:
        # A CRC that does not match, or a member cut short.
        raise _refused(HouseholdFileProblem.DAMAGED, source) from exc
    except NotImplementedError as exc:  # a compression method the app never writes
        raise _refused(HouseholdFileProblem.NOT_OURS, source) from exc
    except OSError as exc:
        problem = as_problem(exc, folder=data_dir, database=source)
        assert problem is not None  # every OSError has an explanation
        raise problem from exc
    return _summary(manifest)


def _clear_stale_unpacking(data_dir: Path) -> None:
    """Remove what a check cut short (the computer turned off) left in the data folder."""
    limit = time.time() - STALE_UNPACKING_S
    for folder in data_dir.glob(f"{UNPACKING_PREFIX}*"):
        with contextlib.suppress(OSError):
            if folder.stat().st_mtime < limit:
                shutil.rmtree(folder)


@contextlib.contextmanager
def checked_household(
    source: Path, data_dir: Path, *, limits: Limits = LIMITS
) -> Iterator[CheckedHousehold]:
    """Check ``source`` in full, unpacked into a hidden folder in ``data_dir``.

    The folder is removed on leaving (with whatever was not put in place). Raises
    HouseholdFileUnusable, DatabaseFromNewerVersion, DiskFull or DataFolderNotWritable
    before any of the household's own files has been touched.
    """
    _clear_stale_unpacking(data_dir)
    folder = data_dir / f"{UNPACKING_PREFIX}{uuid.uuid4().hex[:12]}"
    try:
        summary = _check_into(source, folder, data_dir, limits)
        yield CheckedHousehold(source, folder, summary)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_summary(source: Path, data_dir: Path) -> HouseholdSummary:
    """Check ``source`` in full and say what it holds; nothing in ``data_dir`` changes."""
    with checked_household(source, data_dir) as checked:
        return checked.summary
