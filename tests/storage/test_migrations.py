"""The schema create_all makes for a new database equals the one the Alembic migrations build."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from lonely_bridge.storage import migrate
from lonely_bridge.storage.db import create_sqlite_engine
from lonely_bridge.storage.models import Base
from lonely_bridge.storage.schema import HEAD_REVISION, KNOWN_REVISIONS
from tests.doubles import FixedClock

_CONSTRAINT_NAME = re.compile(
    r'CONSTRAINT\s+"?(\w+)"?\s+(PRIMARY KEY|FOREIGN KEY|UNIQUE|CHECK)', re.IGNORECASE
)


def _script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate._alembic_config(None))


def _balanced(text: str, start: int) -> str:
    """The text inside the parenthesis that opens at ``text[start]``."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    raise AssertionError(f"unbalanced parentheses in {text!r}")


def _checks(table_sql: str) -> list[str]:
    """Every CHECK expression in a CREATE TABLE statement, whitespace and quotes normalised."""
    found = []
    for match in re.finditer(r"CHECK\s*\(", table_sql, re.IGNORECASE):
        expression = _balanced(table_sql, match.end() - 1)
        found.append(" ".join(expression.replace('"', "").split()))
    return sorted(found)


def schema_snapshot(path: Path) -> dict[str, dict[str, Any]]:
    """Tables, columns, indexes, foreign keys, constraint names and CHECKs, read by PRAGMA."""
    conn = sqlite3.connect(path)
    try:
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        snapshot: dict[str, dict[str, Any]] = {}
        for table, sql in tables:
            # Keyed by name: queries name their columns, so only a column's position may differ.
            columns = {
                name: (col_type, notnull, default, pk)
                for _cid, name, col_type, notnull, default, pk in conn.execute(
                    f'PRAGMA table_info("{table}")'
                )
            }
            indexes = sorted(
                (
                    name,
                    tuple(row[2] for row in conn.execute(f'PRAGMA index_info("{name}")')),
                    unique,
                    origin,
                    partial,
                )
                for _seq, name, unique, origin, partial in conn.execute(
                    f'PRAGMA index_list("{table}")'
                )
            )
            foreign_keys = sorted(
                row[1:] for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')
            )
            snapshot[table] = {
                "columns": columns,
                "indexes": indexes,
                "foreign_keys": foreign_keys,
                "constraint_names": sorted(_CONSTRAINT_NAME.findall(sql)),
                "checks": _checks(sql),
            }
        return snapshot
    finally:
        conn.close()


def _version(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    finally:
        conn.close()


def _migrate_from_empty(path: Path, target: str = "head") -> None:
    engine = create_sqlite_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(migrate._alembic_config(connection), target)
    finally:
        engine.dispose()


@pytest.fixture
def created(opened: migrate.OpenedDatabase) -> Path:
    """A database made by the app's own start-up path: create_all, then stamp head."""
    assert opened.created
    opened.dispose()
    return opened.path


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    """A database made by running every migration from an empty file."""
    path = tmp_path / "migrated" / "lonely-bridge.db"
    path.parent.mkdir()
    _migrate_from_empty(path)
    return path


@pytest.fixture
def migrated_engine(migrated: Path) -> Iterator[Engine]:
    engine = create_sqlite_engine(migrated)
    yield engine
    engine.dispose()


def test_created_schema_equals_migrated_schema(created: Path, migrated: Path) -> None:
    created_schema = schema_snapshot(created)
    migrated_schema = schema_snapshot(migrated)
    assert sorted(created_schema) == sorted(migrated_schema)
    for table, created_parts in created_schema.items():
        for part, value in created_parts.items():
            assert value == migrated_schema[table][part], f"{table}: {part} differ"


def test_snapshot_sees_every_kind_of_schema_object(created: Path) -> None:
    """Guards the comparison above: an empty snapshot would make it pass vacuously."""
    schema = schema_snapshot(created)
    assert set(Base.metadata.tables) | {"alembic_version"} == set(schema)
    people = schema["people"]
    assert people["columns"]["name"] == ("VARCHAR(200)", 1, None, 0)
    assert people["checks"] == [
        "ideal_interval_days > 0",
        "too_long_interval_days >= ideal_interval_days",
    ]
    assert ("ck_people_ideal_positive", "CHECK") in people["constraint_names"]
    events = schema["contact_events"]
    assert ("ix_contact_events_person_happened", ("person_id", "happened_at"), 0, "c", 0) in (
        events["indexes"]
    )
    assert any(fk[1:4] == ("people", "person_id", "id") for fk in events["foreign_keys"])
    occurrences = schema["plan_occurrences"]["indexes"]
    assert any(index[1:3] == (("plan_id", "due_at"), 1) for index in occurrences)


def test_migrated_database_matches_the_models(migrated_engine: Engine) -> None:
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_known_revisions_equal_alembic_history() -> None:
    scripts = _script_directory()
    history = tuple(script.revision for script in reversed(list(scripts.walk_revisions())))
    assert history == KNOWN_REVISIONS
    assert scripts.get_heads() == [HEAD_REVISION]


def test_both_paths_stamp_head(created: Path, migrated: Path) -> None:
    assert _version(created) == [HEAD_REVISION]
    assert _version(migrated) == [HEAD_REVISION]


@pytest.mark.parametrize("old_revision", KNOWN_REVISIONS[:-1])
def test_older_database_is_backed_up_then_upgraded(
    tmp_path: Path, data_dir: Path, clock: FixedClock, old_revision: str
) -> None:
    path = migrate.database_path(data_dir)
    _migrate_from_empty(path, old_revision)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO people (name, relationship_label, circle, is_group, notes, "
            "ideal_interval_days, too_long_interval_days, created_at) "
            "VALUES ('Anna', 'Daughter', 'family', 0, '', 14, 28, '2026-01-01 10:00:00.000000')"
        )
    conn.close()

    opened = migrate.open_database(data_dir, now=clock.now())
    opened.dispose()

    assert (opened.created, opened.upgraded_from) == (False, old_revision)
    assert _version(path) == [HEAD_REVISION]
    copies = list(migrate.backups_dir(data_dir).glob(f"before-upgrade-{old_revision}-*.db"))
    assert len(copies) == 1
    assert _version(copies[0]) == [old_revision]
    for database in (path, copies[0]):
        conn = sqlite3.connect(database)
        assert conn.execute("SELECT name FROM people").fetchall() == [("Anna",)]
        conn.close()
    assert schema_snapshot(path) == schema_snapshot(_fresh_database(tmp_path / "fresh", clock))


def _fresh_database(folder: Path, clock: FixedClock) -> Path:
    folder.mkdir()
    opened = migrate.open_database(folder, now=clock.now())
    opened.dispose()
    return opened.path
