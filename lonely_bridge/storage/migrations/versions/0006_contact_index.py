"""A covering index on contact events by time and kind, for the weekly insight.

Revision ID: 0006_contact_index
Revises: 0005_outbox
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0006_contact_index"
down_revision = "0005_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_events_happened"))
        batch_op.create_index(
            "ix_contact_events_happened_kind", ["happened_at", "kind", "person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_events", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_events_happened_kind")
        batch_op.create_index(
            batch_op.f("ix_contact_events_happened"), ["happened_at"], unique=False
        )
