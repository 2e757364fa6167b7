"""Day entries can say "no cramps today", so the diary knows which quiet days were logged.

Revision ID: issue13_no_cramp_days
Revises: 0003_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "issue13_no_cramp_days"
down_revision = "0003_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("day_contexts") as batch:
        batch.add_column(
            sa.Column("no_cramps", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("day_contexts") as batch:
        batch.drop_column("no_cramps")
