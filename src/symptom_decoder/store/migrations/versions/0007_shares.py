"""Share links to a person's summary (issue 11).

Revision ID: 0004_shares
Revises: 0003_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_shares"
down_revision = "0004_food_choices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("period_days", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("name", sa.String(80)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_shares_person_id", "shares", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_shares_person_id", "shares")
    op.drop_table("shares")
