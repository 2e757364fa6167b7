"""Food choices: the food a person picked for her words, found first next time (issue 14).

Revision ID: 0004_food_choices
Revises: 0003_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_food_choices"
down_revision = "i12_limits_devices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "food_choices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("words", sa.String(200), nullable=False),
        sa.Column("food_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.UniqueConstraint("person_id", "words", name="uq_food_choices_person_words"),
    )
    op.create_index("ix_food_choices_person_id", "food_choices", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_food_choices_person_id", "food_choices")
    op.drop_table("food_choices")
