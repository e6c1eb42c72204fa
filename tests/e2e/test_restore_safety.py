"""Backups and restores never lose the information: copy first, then swap; choose the copy."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from lonely_bridge.storage import backup, migrate
from tests.doubles import FixedClock
from tests.e2e.driver import (
    DEMO_NAMES,
    daily_backup,
    damage,
    folder_state,
    names,
    one_plain_line,
    run_app,
    sha256,
    smoke_test,
)
from tests.small_disk import needs_namespaces, run_app_on_disk

pytestmark = pytest.mark.slow


def _leftovers(folder: Path) -> list[str]:
    """Temporary or side files a command must never leave behind."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name.endswith((".partial", "-shm", "-journal"))
        or ".restoring-" in p.name
        or (p.name.endswith("-wal") and "backups" in p.parts)
    )


def _restore(data_dir: Path, *args: str) -> tuple[int, str, str]:
    done = run_app("--data-dir", str(data_dir), "restore-backup", *args)
    return done.returncode, done.stdout, done.stderr


# 1. Copy first, then swap ----------------------------------------------------------------


@needs_namespaces
def test_restore_on_a_full_disk_leaves_the_database_where_it_was(
    demo_dir: Path, tmp_path: Path
) -> None:
    daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    before = sha256(db)

    done = run_app_on_disk(demo_dir, tmp_path, "restore-backup", "--yes", free=16 * 1024)

    assert done.returncode == 2, done.stdout
    one_plain_line(done.stderr)
    assert "run out of space" in done.stderr
    after = migrate.database_path(done.after)
    assert sha256(after) == before
    assert sorted(p.name for p in done.after.iterdir() if p.is_file()) == [db.name]
    assert _leftovers(done.after) == []


@needs_namespaces
def test_restore_on_a_read_only_disk_changes_nothing(demo_dir: Path, tmp_path: Path) -> None:
    daily_backup(demo_dir)
    before = folder_state(demo_dir)
    done = run_app_on_disk(demo_dir, tmp_path, "restore-backup", "--yes", read_only=True)
    assert done.returncode == 2
    one_plain_line(done.stderr)
    assert folder_state(done.after) == before


def test_a_restore_keeps_the_file_it_replaces(demo_dir: Path) -> None:
    daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE people SET name = 'Anna Changed' WHERE name = 'Anna'")
    conn.close()
    changed = sha256(db)

    code, out, err = _restore(demo_dir, "--yes")

    assert code == 0, err
    kept = [p for p in demo_dir.iterdir() if p.name.startswith(f"{db.name}.replaced-")]
    assert len(kept) == 1, out
    assert sha256(kept[0]) == changed
    assert names(db) == DEMO_NAMES


def test_two_restores_in_the_same_second_keep_both_files(demo_dir: Path, clock: FixedClock) -> None:
    copy = daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    first = sha256(db)
    chosen = backup.list_backups(migrate.backups_dir(demo_dir))[0]
    one = backup.restore_backup(db, chosen, now=clock.now(), reason="replaced")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM people WHERE name = 'Tom'")
    conn.close()
    second = sha256(db)
    two = backup.restore_backup(db, chosen, now=clock.now(), reason="replaced")

    assert one.kept is not None
    assert two.kept is not None
    assert one.kept != two.kept
    assert sha256(one.kept) == first
    assert sha256(two.kept) == second
    assert copy.exists()


# 2. A missing or empty database while copies exist ----------------------------------------


@pytest.mark.parametrize("loss", ["deleted", "emptied"])
def test_a_lost_database_is_not_a_fresh_start(demo_dir: Path, loss: str) -> None:
    daily_backup(demo_dir)
    db = migrate.database_path(demo_dir)
    if loss == "deleted":
        db.unlink()
    else:
        db.write_bytes(b"")
    before = folder_state(demo_dir)

    start = smoke_test(demo_dir)
    assert start.returncode == 2, start.stdout
    assert "restore-backup" in start.stderr
    report = run_app("--data-dir", str(demo_dir), "report")
    assert report.returncode == 2
    one_plain_line(report.stderr)
    assert "restore-backup" in report.stderr
    assert folder_state(demo_dir) == before

    code, _out, err = _restore(demo_dir, "--yes")
    assert code == 0, err
    assert smoke_test(demo_dir).returncode == 0
    assert names(db) == DEMO_NAMES


def test_an_empty_household_is_never_copied_over_good_copies(
    tmp_path: Path, clock: FixedClock
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    backups = migrate.backups_dir(data_dir)
    # Copies that hold people, from before the information was lost.
    seed = tmp_path / "seed"
    seed.mkdir()
    opened = migrate.open_database(seed, now=clock.now())
    from lonely_bridge.storage.stores import open_stores
    from tests.household import add_demo_household

    stores = open_stores(opened)
    add_demo_household(stores, clock)
    stores.close()
    for day in range(1, backup.DAILY_BACKUPS_KEPT + 1):
        daily_backup(seed, date(2026, 11, day))
    shutil.copytree(migrate.backups_dir(seed), backups)
    before = folder_state(backups)
    # A database created empty (say by an older version) while those copies exist.
    migrate.database_path(seed).unlink()
    shutil.rmtree(migrate.backups_dir(seed))
    empty = migrate.open_database(seed, now=clock.now())
    empty.dispose()
    shutil.copy(migrate.database_path(seed), migrate.database_path(data_dir))

    taken = backup.take_daily_backup(
        migrate.database_path(data_dir), backups, today=date(2026, 11, 30)
    )

    assert taken is None
    assert folder_state(backups) == before


# 3. Choose which copy -------------------------------------------------------------------


def _copies_of_every_kind(demo_dir: Path) -> dict[str, Path]:
    backups = migrate.backups_dir(demo_dir)
    good = daily_backup(demo_dir, date(2026, 11, 20))
    newer = backups / "daily-2026-11-21.db"
    shutil.copy(good, newer)
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    other = backups / "daily-2026-11-22.db"
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    damaged = backups / "daily-2026-11-23.db"
    shutil.copy(good, damaged)
    damage(damaged)
    kinds = {"good": good, "newer": newer, "other": other, "damaged": damaged}
    for age, path in enumerate(reversed(list(kinds.values()))):
        moment = 1_700_000_000 - age * 86_400
        os.utime(path, (moment, moment))
    return kinds  # newest first: damaged, other, newer, good


def test_the_list_says_which_copies_can_be_used(demo_dir: Path) -> None:
    kinds = _copies_of_every_kind(demo_dir)
    code, out, err = _restore(demo_dir, "--list")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 4
    expected = {
        "damaged": "damaged",
        "other": "not Lonely Bridge's",
        "newer": "from a newer version",
        "good": "good",
    }
    for number, (kind, words) in enumerate(expected.items(), start=1):
        line = lines[number - 1]
        assert line.split()[0] == str(number)
        assert words in line
        assert line.endswith(str(kinds[kind]))


def test_newest_good_skips_copies_this_version_cannot_open(demo_dir: Path) -> None:
    kinds = _copies_of_every_kind(demo_dir)
    db = migrate.database_path(demo_dir)
    damage(db)
    good_time = datetime.fromtimestamp(kinds["good"].stat().st_mtime).astimezone()
    code, out, err = _restore(demo_dir, "--yes")
    assert code == 0, err
    assert f"Restored the copy from {good_time:%Y-%m-%d %H:%M}." in out
    assert names(db) == DEMO_NAMES


@pytest.mark.parametrize(("number", "kind"), [(1, "damaged"), (2, "other"), (3, "newer")])
def test_picking_a_copy_that_cannot_be_used_changes_nothing(
    demo_dir: Path, number: int, kind: str
) -> None:
    _copies_of_every_kind(demo_dir)
    before = folder_state(demo_dir)
    code, _out, err = _restore(demo_dir, "--pick", str(number), "--yes")
    assert code == 2
    one_plain_line(err)
    assert "can't be used" in err
    assert folder_state(demo_dir) == before


def test_pick_and_file_restore_the_chosen_copy(demo_dir: Path, tmp_path: Path) -> None:
    _copies_of_every_kind(demo_dir)
    db = migrate.database_path(demo_dir)
    code, _out, err = _restore(demo_dir, "--pick", "4", "--yes")
    assert code == 0, err
    assert names(db) == DEMO_NAMES

    # A copy from elsewhere, say a memory stick, with one person fewer.
    outside = tmp_path / "stick" / "lonely-bridge copy.db"
    outside.parent.mkdir()
    shutil.copy(db, outside)
    conn = sqlite3.connect(outside)
    with conn:
        conn.execute("DELETE FROM people WHERE name = 'Harold'")
    conn.close()
    code, _out, err = _restore(demo_dir, str(outside), "--yes")
    assert code == 0, err
    assert names(db) == DEMO_NAMES - {"Harold"}
    assert outside.exists()


def test_a_number_that_is_not_in_the_list(demo_dir: Path) -> None:
    daily_backup(demo_dir)
    before = folder_state(demo_dir)
    code, _out, err = _restore(demo_dir, "--pick", "7", "--yes")
    assert code == 2
    assert "no copy numbered 7" in err
    assert folder_state(demo_dir) == before


def test_manual_copies_are_rotated_and_leave_nothing_beside_them(demo_dir: Path) -> None:
    backups = migrate.backups_dir(demo_dir)
    for _ in range(backup.MANUAL_BACKUPS_KEPT + 2):
        done = run_app("--data-dir", str(demo_dir), "backup")
        assert done.returncode == 0, done.stderr
    copies = sorted(backups.glob("manual-*.db"))
    assert len(copies) == backup.MANUAL_BACKUPS_KEPT
    assert _restore(demo_dir, "--list")[0] == 0
    assert _leftovers(demo_dir) == []
    assert all(backup.is_healthy(copy) for copy in copies)


def test_a_closed_input_at_the_question_changes_nothing(demo_dir: Path) -> None:
    daily_backup(demo_dir)
    damage(migrate.database_path(demo_dir))
    before = folder_state(demo_dir)
    done = run_app("--data-dir", str(demo_dir), "restore-backup", stdin="")
    assert done.returncode == 2
    one_plain_line(done.stderr)
    assert "Nothing was changed" in done.stderr
    assert folder_state(demo_dir) == before


# 5. Nothing writes over the app's own files -----------------------------------------------


def test_outputs_never_land_on_the_apps_own_files(demo_dir: Path, tmp_path: Path) -> None:
    daily_backup(demo_dir)
    run_app("--data-dir", str(demo_dir), "report")  # so a log exists to be protected
    logs = demo_dir / "logs"
    # A link elsewhere that leads into the copies: resolved before anything is written.
    into_backups = tmp_path / "looks-harmless"
    into_backups.symlink_to(migrate.backups_dir(demo_dir))
    targets = [
        migrate.database_path(demo_dir),
        demo_dir / f"{migrate.DB_FILE_NAME}-wal",
        migrate.backups_dir(demo_dir) / "daily-2026-11-26.db",
        migrate.backups_dir(demo_dir) / "calls.ics",
        logs / "lonely-bridge.log",
        into_backups / "calls.ics",
    ]
    before = {p: sha256(p) for p in demo_dir.rglob("*") if p.is_file() and "logs" not in p.parts}
    for target in targets:
        done = run_app("--data-dir", str(demo_dir), "export-calendar", "-o", str(target))
        assert done.returncode == 2, (target, done.stdout)
        one_plain_line(done.stderr)
        assert "won't write there" in done.stderr
    for folder in (migrate.backups_dir(demo_dir), logs, into_backups):
        done = run_app("--data-dir", str(demo_dir), "screenshots", "-o", str(folder))
        assert done.returncode == 2, (folder, done.stdout)
        assert "won't write there" in done.stderr
    after = {p: sha256(p) for p in demo_dir.rglob("*") if p.is_file() and "logs" not in p.parts}
    assert after == before


def test_an_output_beside_the_data_folder_is_fine(demo_dir: Path, tmp_path: Path) -> None:
    target = demo_dir / "calls for the family.ics"
    done = run_app("--data-dir", str(demo_dir), "export-calendar", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
