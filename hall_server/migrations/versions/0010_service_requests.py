"""service requests from the terminals: appointments for the Saturday extended hours, their cancellation, free mailing

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

One row per request as it arrived (the kiosk's ``id`` is the key, so a message sent again is kept
once): the service, the back end's number for it (``ref``), the service item, case and day, the name
masked, the personal fields sealed as they came and, opened by the hall, masked for its lists.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("service", sa.String(length=24), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("item_code", sa.String(length=64), nullable=True),
        sa.Column("item_name", sa.String(length=200), nullable=True),
        sa.Column("case_no", sa.String(length=64), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("name_masked", sa.String(length=40), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("personal_masked", sa.JSON(), nullable=False),
        sa.Column("problem", sa.String(length=200), nullable=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("service_requests_by_ref", "service_requests", ["hall", "service", "ref"])
    op.create_index("service_requests_by_day", "service_requests", ["hall", "service", "day"])


def downgrade() -> None:
    op.drop_index("service_requests_by_day", table_name="service_requests")
    op.drop_index("service_requests_by_ref", table_name="service_requests")
    op.drop_table("service_requests")
