"""Diet: a person's food log entries and supplement stack.

Revision ID: 0002_diet
Revises: 0002_diary
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_diet"
down_revision = "0002_diary"
branch_labels = None
depends_on = None

_NUTRIENTS = (
    "magnesium_mg", "calcium_mg", "iron_mg", "potassium_mg", "sodium_mg", "water_g",
    "vitamin_d_iu", "caffeine_mg", "energy_kcal",
)


def upgrade() -> None:
    op.create_table(
        "food_log_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.String(300), nullable=False),
        sa.Column("food_id", sa.Integer(), nullable=False),
        sa.Column("ndb_no", sa.String(10), nullable=True),
        sa.Column("fdc_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("portion", sa.String(200), nullable=False),
        sa.Column("grams", sa.Float(), nullable=False),
        *(sa.Column(name, sa.Float(), nullable=True) for name in _NUTRIENTS),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.create_index("ix_food_log_entries_person_id", "food_log_entries", ["person_id"])
    op.create_index("ix_food_log_entries_day", "food_log_entries", ["day"])
    op.create_table(
        "supplement_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("units_per_day", sa.Float(), nullable=False),
        *(
            sa.Column(name, sa.Float(), nullable=True)
            for name in ("magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu", "potassium_mg")
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.create_index("ix_supplement_items_person_id", "supplement_items", ["person_id"])


def downgrade() -> None:
    op.drop_table("supplement_items")
    op.drop_table("food_log_entries")
