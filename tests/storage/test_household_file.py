"""One household file: written whole with a manifest, and checked in full before it is used.

Every refusal leaves the household that is there byte-for-byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from lonely_bridge.domain.errors import DatabaseFromNewerVersion, HouseholdFileUnusable
from lonely_bridge.domain.household import HouseholdFileProblem
from lonely_bridge.storage import migrate
from lonely_bridge.storage.household_file import (
    DATABASE_MEMBER,
    LIMITS,
    MANIFEST_MEMBER,
    UNPACKING_PREFIX,
    checked_household,
    household_file_path,
    read_summary,
    save_household,
)
from lonely_bridge.storage.schema import HEAD_REVISION
from lonely_bridge.system.paths import photos_dir, prepare_data_dir
from tests.doubles import FixedClock
from tests.e2e.driver import PAGE_SIZE, folder_state
from tests.household_files import (
    Member,
    add_household_with_photos,
    add_member,
    manifest_of,
    members_of,
    png_bytes,
    rewritten,
    with_manifest,
    write_members,
)


@pytest.fixture
def household(data_dir: Path, clock: FixedClock) -> Path:
    add_household_with_photos(data_dir, clock)
    return data_dir


@pytest.fixture
def saved(household: Path, tmp_path: Path, clock: FixedClock) -> Path:
    target = tmp_path / "Margaret.lonelybridge"
    save_household(migrate.database_path(household), photos_dir(household), target, now=clock.now())
    return target


def test_the_file_lists_every_member_with_its_size_and_sha256(saved: Path) -> None:
    with zipfile.ZipFile(saved) as bundle:
        manifest = json.loads(bundle.read(MANIFEST_MEMBER))
        names = sorted(bundle.namelist())
        for entry in manifest["members"]:
            data = bundle.read(entry["name"])
            assert entry["size"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()

    assert names == sorted([MANIFEST_MEMBER, *(m["name"] for m in manifest["members"])])
    assert DATABASE_MEMBER in names
    assert len([n for n in names if n.startswith("photos/")]) == 2
    assert manifest["format"] == "lonely-bridge-household"
    assert manifest["version"] == 1
    assert manifest["schema_revision"] == HEAD_REVISION
    assert manifest["counts"] == {"people": 7, "plans": 4, "contact_events": 319, "photos": 2}
    assert manifest["saved_at"] == "2026-11-26T15:00:00+00:00"


def test_the_database_in_the_file_is_a_closed_consistent_snapshot(saved: Path) -> None:
    with zipfile.ZipFile(saved) as bundle:
        database = bundle.read(DATABASE_MEMBER)
    # A rollback-journal file: it opens alone, with no write-ahead log to replay.
    assert database[18:20] == b"\x01\x01"


def test_a_file_saved_while_the_app_writes_holds_what_was_committed(
    household: Path, tmp_path: Path, clock: FixedClock
) -> None:
    db = migrate.database_path(household)
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("UPDATE people SET name = 'Annie' WHERE name = 'Anna'")
    writer.commit()
    try:
        target = tmp_path / "live.lonelybridge"
        save_household(db, photos_dir(household), target, now=clock.now())
    finally:
        writer.close()
    with checked_household(target, prepare_data_dir(tmp_path / "look")) as checked:
        conn = sqlite3.connect(checked.database)
        names = {row[0] for row in conn.execute("SELECT name FROM people")}
        conn.close()
    assert "Annie" in names
    assert "Anna" not in names


def test_only_pictures_the_app_stored_go_into_the_file(
    household: Path, tmp_path: Path, clock: FixedClock
) -> None:
    photos = photos_dir(household)
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes())
    (photos / "link0123.png").symlink_to(secret)
    (photos / "notes.txt").write_text("not a photo")
    (photos / "sub").mkdir()
    target = tmp_path / "h.lonelybridge"

    summary = save_household(migrate.database_path(household), photos, target, now=clock.now())

    with zipfile.ZipFile(target) as bundle:
        photo_names = sorted(n for n in bundle.namelist() if n.startswith("photos/"))
    assert photo_names == [
        "photos/anna0123456789abcdef.png",
        "photos/tom0123456789abcdef.png",
    ]
    assert summary.photos == 2


def test_a_name_without_an_ending_gets_the_household_files_own() -> None:
    assert household_file_path(Path("/x/Margaret")) == Path("/x/Margaret.lonelybridge")
    assert household_file_path(Path("/x/Margaret.zip")) == Path("/x/Margaret.zip")


def test_the_summary_says_what_the_file_holds(saved: Path, tmp_path: Path) -> None:
    elsewhere = prepare_data_dir(tmp_path / "new")
    summary = read_summary(saved, elsewhere)
    assert (summary.people, summary.plans, summary.photos) == (7, 4, 2)
    assert summary.schema_revision == HEAD_REVISION
    assert list(elsewhere.iterdir()) == []


# Hostile and broken files ------------------------------------------------------------------
def _replace_member(name: str, data: bytes) -> Callable[[list[Member]], list[Member]]:
    return lambda members: [(i, data if i.filename == name else d) for i, d in members]


def _relisted(name: str, data: bytes) -> Callable[[list[Member]], list[Member]]:
    """The member replaced, and the manifest updated to match, as a careful forger would."""

    def change(members: list[Member]) -> list[Member]:
        manifest = manifest_of(members)
        for entry in manifest["members"]:
            if entry["name"] == name:
                entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
        return with_manifest(_replace_member(name, data)(members), manifest)

    return change


def _with_link(members: list[Member]) -> list[Member]:
    info = zipfile.ZipInfo("photos/link0123.png")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return [*members, (info, b"/etc/passwd")]


def _manifest_changed(**changes: object) -> Callable[[list[Member]], list[Member]]:
    return lambda members: with_manifest(members, {**manifest_of(members), **changes})


def _database_of(members: list[Member], tmp: Path) -> Path:
    path = tmp / "copy.db"
    path.write_bytes(next(d for i, d in members if i.filename == DATABASE_MEMBER))
    return path


def _database_changed(
    tmp: Path, change: Callable[[Path], None]
) -> Callable[[list[Member]], list[Member]]:
    def rewrite(members: list[Member]) -> list[Member]:
        path = _database_of(members, tmp)
        change(path)
        return _relisted(DATABASE_MEMBER, path.read_bytes())(members)

    return rewrite


def _from_newer_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


def _damaged(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(PAGE_SIZE * 2)
        handle.write(os.urandom(PAGE_SIZE))


def _another_apps(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


def _flip_a_stored_byte(saved: Path, target: Path) -> Path:
    """A photo's bytes changed inside the zip itself, so its CRC no longer matches."""
    data = bytearray(saved.read_bytes())
    start = data.index(b"\x89PNG") + 20
    data[start] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


PHOTO = "photos/anna0123456789abcdef.png"
HOSTILE = {
    "not a zip": (lambda m: m, HouseholdFileProblem.NOT_OURS),
    "a zip without our manifest": (
        lambda m: [(i, d) for i, d in m if i.filename != MANIFEST_MEMBER],
        HouseholdFileProblem.NOT_OURS,
    ),
    "another program's manifest": (
        _manifest_changed(format="photo-album"),
        HouseholdFileProblem.NOT_OURS,
    ),
    "a newer format": (_manifest_changed(version=2), HouseholdFileProblem.NEWER_FORMAT),
    "a manifest that is not JSON": (
        _replace_member(MANIFEST_MEMBER, b"\xff{not json"),
        HouseholdFileProblem.DAMAGED,
    ),
    "a manifest with a count that is text": (
        lambda m: with_manifest(
            m, {**manifest_of(m), "counts": {**manifest_of(m)["counts"], "people": "7"}}
        ),
        HouseholdFileProblem.DAMAGED,
    ),
    "a photo whose checksum does not match": (
        _replace_member(PHOTO, png_bytes(shade=0xEE)),
        HouseholdFileProblem.DAMAGED,
    ),
    "a member the manifest does not list": (
        lambda m: add_member(m, "photos/extra0123.png", png_bytes(), listed=False),
        HouseholdFileProblem.DAMAGED,
    ),
    "a listed member that is missing": (
        lambda m: [(i, d) for i, d in m if i.filename != PHOTO],
        HouseholdFileProblem.DAMAGED,
    ),
    "a member climbing out with ../": (
        lambda m: add_member(m, "photos/../../escape.png", png_bytes()),
        HouseholdFileProblem.UNSAFE,
    ),
    "a member at an absolute path": (
        lambda m: add_member(m, "/tmp/escape.png", png_bytes()),
        HouseholdFileProblem.UNSAFE,
    ),
    "a member with a Windows path": (
        lambda m: add_member(m, "photos\\..\\..\\escape.png", png_bytes()),
        HouseholdFileProblem.UNSAFE,
    ),
    "a member in a folder of its own": (
        lambda m: add_member(m, "photos/deeper/escape.png", png_bytes()),
        HouseholdFileProblem.UNSAFE,
    ),
    "a member that is a symbolic link": (_with_link, HouseholdFileProblem.UNSAFE),
    "a member named twice": (
        lambda m: [*m, next((i, d) for i, d in m if i.filename == PHOTO)],
        HouseholdFileProblem.UNSAFE,
    ),
    "a program among the photos": (
        lambda m: add_member(m, "photos/run.sh", b"#!/bin/sh\nrm -rf ~\n"),
        HouseholdFileProblem.UNSAFE,
    ),
    "a photo far larger than any picture (a zip bomb)": (
        lambda m: add_member(m, "photos/bomb0123.png", b"\x89PNG\r\n\x1a\n" + bytes(33 << 20)),
        HouseholdFileProblem.TOO_LARGE,
    ),
    "a photo that is not a picture": (
        lambda m: add_member(m, "photos/fake0123.jpg", b"MZ\x90\x00 a program, not a photo"),
        HouseholdFileProblem.NOT_A_PICTURE,
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_or_broken_file_is_refused_and_changes_nothing(
    case: str, saved: Path, household: Path, tmp_path: Path
) -> None:
    change, problem = HOSTILE[case]
    if case == "not a zip":
        hostile = tmp_path / "letter.lonelybridge"
        hostile.write_text("Dear Margaret, this is a letter, not a household.")
    else:
        hostile = rewritten(saved, tmp_path / "hostile.lonelybridge", change)
    before = folder_state(household)

    with pytest.raises(HouseholdFileUnusable) as refused, checked_household(hostile, household):
        pytest.fail("a hostile file was accepted")

    assert refused.value.params["problem"] == problem
    assert refused.value.params["path"] == str(hostile)
    assert folder_state(household) == before
    assert not list(household.glob(f"{UNPACKING_PREFIX}*"))
    assert not (tmp_path / "escape.png").exists()


DATABASE_CASES = {
    "damaged": (_damaged, HouseholdFileUnusable),
    "from another program": (_another_apps, HouseholdFileUnusable),
    "from a newer version": (_from_newer_version, DatabaseFromNewerVersion),
}


@pytest.mark.parametrize("case", DATABASE_CASES)
def test_a_database_that_fails_its_own_checks_is_refused_even_with_matching_checksums(
    case: str, saved: Path, household: Path, tmp_path: Path
) -> None:
    change, error = DATABASE_CASES[case]
    hostile = rewritten(saved, tmp_path / "h.lonelybridge", _database_changed(tmp_path, change))
    before = folder_state(household)

    with pytest.raises(error), checked_household(hostile, household):
        pytest.fail("a bad database was accepted")

    assert folder_state(household) == before
    assert not list(household.glob(f"{UNPACKING_PREFIX}*"))


def test_a_byte_changed_inside_the_zip_is_caught_by_its_crc(
    saved: Path, household: Path, tmp_path: Path
) -> None:
    hostile = _flip_a_stored_byte(saved, tmp_path / "flipped.lonelybridge")
    before = folder_state(household)
    with pytest.raises(HouseholdFileUnusable) as refused, checked_household(hostile, household):
        pytest.fail("a changed file was accepted")
    assert refused.value.params["problem"] == HouseholdFileProblem.DAMAGED
    assert folder_state(household) == before


def test_a_missing_file_is_said_to_be_missing(household: Path, tmp_path: Path) -> None:
    with (
        pytest.raises(HouseholdFileUnusable) as refused,
        checked_household(tmp_path / "nowhere.lonelybridge", household),
    ):
        pytest.fail("nothing was accepted")
    assert refused.value.params["problem"] == HouseholdFileProblem.MISSING


@pytest.mark.parametrize(
    "limits", [replace(LIMITS, members=3), replace(LIMITS, total_bytes=64 * 1024)]
)
def test_more_members_or_bytes_than_the_limits_are_refused_before_unpacking(
    limits: object, saved: Path, household: Path
) -> None:
    before = folder_state(household)
    with (
        pytest.raises(HouseholdFileUnusable) as refused,
        checked_household(
            saved,
            household,
            limits=limits,  # type: ignore[arg-type]
        ),
    ):
        pytest.fail("too much was accepted")
    assert refused.value.params["problem"] == HouseholdFileProblem.TOO_LARGE
    assert folder_state(household) == before


def test_a_file_whose_manifest_claims_a_huge_photo_is_refused(
    saved: Path, household: Path, tmp_path: Path
) -> None:
    def claim_huge(members: list[Member]) -> list[Member]:
        manifest = manifest_of(members)
        for entry in manifest["members"]:
            if entry["name"] == PHOTO:
                entry["size"] = 1 << 40
        return with_manifest(members, manifest)

    hostile = write_members(tmp_path / "h.lonelybridge", claim_huge(members_of(saved)))
    with pytest.raises(HouseholdFileUnusable) as refused, checked_household(hostile, household):
        pytest.fail("accepted")
    assert refused.value.params["problem"] == HouseholdFileProblem.TOO_LARGE


def test_what_a_check_cut_short_left_behind_is_cleared_by_the_next(
    saved: Path, household: Path
) -> None:
    left = household / f"{UNPACKING_PREFIX}cutshort0000"
    (left / "photos").mkdir(parents=True)
    (left / DATABASE_MEMBER).write_bytes(b"half")
    an_hour_ago = left.stat().st_mtime - 2 * 60 * 60
    os.utime(left, (an_hour_ago, an_hour_ago))

    read_summary(saved, household)

    assert not left.exists()
