"""feedback: ratings (好差评) with the rectification cases of bad reviews, complaint work orders

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Ratings and complaints are keyed by the kiosk's own id (a UUID, the idempotency key), so a message
sent again under another sequence number — an agent restarted before it heard its acknowledgement —
is stored once. A complaint keeps the call-back phone sealed as the kiosk sealed it (only the hall's
private key opens it), and its masked form for everyone else.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

Int64 = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("seq", Int64, nullable=False),
        sa.Column("item_code", sa.String(length=64), nullable=False),
        sa.Column("item_name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("case_no", sa.String(length=64), nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ratings_by_time", "ratings", ["hall", "rated_at"])
    op.create_index("ratings_by_item", "ratings", ["item_code"])
    op.create_table(
        "rectifications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rating_id", sa.String(length=36), nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["rating_id"], ["ratings.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rating_id"),
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("order_no", sa.String(length=100), nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("seq", Int64, nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("matter", sa.Text(), nullable=False),
        sa.Column("phone_sealed", sa.Text(), nullable=False),
        sa.Column("phone_masked", sa.String(length=40), nullable=False),
        sa.Column("phone_problem", sa.String(length=200), nullable=True),
        sa.Column("case_no", sa.String(length=64), nullable=True),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_basis", sa.String(length=16), nullable=False),
        sa.Column("due_note", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_no"),
    )
    op.create_index("complaints_by_time", "complaints", ["hall", "filed_at"])
    op.create_index("complaints_by_state", "complaints", ["state"])


def downgrade() -> None:
    op.drop_index("complaints_by_state", table_name="complaints")
    op.drop_index("complaints_by_time", table_name="complaints")
    op.drop_table("complaints")
    op.drop_table("rectifications")
    op.drop_index("ratings_by_item", table_name="ratings")
    op.drop_index("ratings_by_time", table_name="ratings")
    op.drop_table("ratings")
