"""Diary and profile: cramp episodes, daily context, the profile and saved assessments.

Revision ID: 0002_diary
Revises: 0001_people
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_diary"
down_revision = "0001_people"
branch_labels = None
depends_on = None


def _person() -> sa.Column[int]:
    return sa.Column(
        "person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        _person(),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("leg", sa.String(8)),
        sa.Column("muscle", sa.String(8)),
        sa.Column("duration_min", sa.Float()),
        sa.Column("severity", sa.Integer()),
        sa.Column("woke", sa.Boolean(), nullable=False),
        sa.Column("helped", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_episodes_person_started", "episodes", ["person_id", "started_at"])
    op.create_table(
        "day_contexts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("fluids_ml", sa.Integer()),
        sa.Column("supplements", sa.Text(), nullable=False),
        sa.Column("stretching_min", sa.Integer()),
        sa.Column("hours_standing", sa.Float()),
        sa.UniqueConstraint("person_id", "day"),
    )
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("lmp", sa.Date()),
        sa.Column("dated_by", sa.String(12)),
        sa.Column("age_band", sa.String(8)),
        sa.Column("allergies", sa.Text(), nullable=False),
        sa.Column("diets", sa.Text(), nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person(),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("assessment", sa.JSON(), nullable=False),
    )
    op.create_index("ix_assessments_person_id", "assessments", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_assessments_person_id", "assessments")
    op.drop_table("assessments")
    op.drop_table("profiles")
    op.drop_table("day_contexts")
    op.drop_index("ix_episodes_person_started", "episodes")
    op.drop_table("episodes")
