"""Link call attempts to the planned call they answered; index occurrences by time.

Revision ID: 0003_occurrence_links
Revises: 0002_call_attempts
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_occurrence_links"
down_revision = "0002_call_attempts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("call_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occurrence_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_call_attempts_occurrence_id_plan_occurrences"),
            "plan_occurrences",
            ["occurrence_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("plan_occurrences", schema=None) as batch_op:
        batch_op.create_index("ix_plan_occurrences_due", ["due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_occurrences", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_occurrences_due")

    with op.batch_alter_table("call_attempts", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_call_attempts_occurrence_id_plan_occurrences"), type_="foreignkey"
        )
        batch_op.drop_column("occurrence_id")
