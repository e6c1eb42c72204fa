"""Confidence answers: how sure the person felt before and after each tutorial.

Revision ID: 0004_confidence_answers
Revises: 0003_occurrence_links
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_confidence_answers"
down_revision = "0003_occurrence_links"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "confidence_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tutorial_id", sa.String(length=100), nullable=True),
        sa.Column("moment", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("value BETWEEN 1 AND 5", name=op.f("ck_confidence_answers_value_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_confidence_answers")),
    )


def downgrade() -> None:
    op.drop_table("confidence_answers")
