"""appointments for the Saturday extended hours: their life at the hall (booked, cancelled, arrived, no-show)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

One row per booking that arrived as a service request (``service_requests``, its id the key, its
personal fields sealed there): the booking's number, item and Saturday, the name and phone masked, the
state, and who marked what when (contacted, arrived), the tick's contact flag and no-show.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("booking_no", sa.String(length=64), nullable=False),
        sa.Column("item_code", sa.String(length=64), nullable=True),
        sa.Column("item_name", sa.String(length=200), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("name_masked", sa.String(length=40), nullable=False),
        sa.Column("phone_masked", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contact_flagged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contacted_by", sa.String(length=100), nullable=True),
        sa.Column("contact_note", sa.Text(), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arrived_by", sa.String(length=100), nullable=True),
        sa.Column("no_show_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["id"], ["service_requests.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("appointments_by_day", "appointments", ["hall", "day"])
    op.create_index("appointments_by_booking", "appointments", ["hall", "booking_no"])
    op.create_index("appointments_by_state", "appointments", ["hall", "state", "starts_at"])


def downgrade() -> None:
    op.drop_index("appointments_by_state", table_name="appointments")
    op.drop_index("appointments_by_booking", table_name="appointments")
    op.drop_index("appointments_by_day", table_name="appointments")
    op.drop_table("appointments")
