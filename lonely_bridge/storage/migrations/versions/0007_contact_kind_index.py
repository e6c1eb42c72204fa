"""An index on contact events by kind and time, so counts per kind and week are range counts.

Revision ID: 0007_contact_kind_index
Revises: 0006_contact_index
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0007_contact_kind_index"
down_revision = "0006_contact_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_events_kind_happened", ["kind", "happened_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_events", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_events_kind_happened")
