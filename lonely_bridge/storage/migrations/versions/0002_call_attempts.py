"""Call attempts: calls launched from the app, and whether they talked.

Revision ID: 0002_call_attempts
Revises: 0001_initial
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_call_attempts"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("service", sa.String(length=30), nullable=False),
        sa.Column("launched_at", sa.DateTime(), nullable=False),
        sa.Column("from_reminder", sa.Boolean(), nullable=False),
        sa.Column("talked", sa.Boolean(), nullable=True),
        sa.Column("asked_at", sa.DateTime(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["contact_events.id"],
            name=op.f("fk_call_attempts_event_id_contact_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["call_links.id"],
            name=op.f("fk_call_attempts_link_id_call_links"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_call_attempts_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_attempts")),
    )
    with op.batch_alter_table("call_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_call_attempts_asked", ["asked_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("call_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_call_attempts_asked")

    op.drop_table("call_attempts")
