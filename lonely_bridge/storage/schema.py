"""The schema revisions this version knows, so start-up can check a database without Alembic."""

from __future__ import annotations

# Oldest first; tests/storage/test_migrations.py proves this equals Alembic's own history.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_call_attempts",
    "0003_occurrence_links",
    "0004_confidence_answers",
    "0005_outbox",
    "0006_contact_index",
    "0007_contact_kind_index",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
