"""free mailing of a case's documents (政务专递): the hall's mailings and their append-only steps

Revision ID: 0012
Revises: 0011 (the appointments'; rechained when both reached main)
Create Date: 2026-12-06

One ``mailings`` row per service request of service ``mailing`` (its id), with where it stands —
requested, sent with its tracking number, delivered or returned — and every step of it in
``mailing_steps``, which refuses UPDATE and DELETE by trigger on both backends, like the other
registers. The address, recipient and phone stay sealed in ``service_requests``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

APPEND_ONLY = ("mailing_steps",)


def upgrade() -> None:
    op.create_table(
        "mailings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("tracking_no", sa.String(length=40), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["service_requests.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("mailings_by_state", "mailings", ["hall", "state"])
    op.create_table(
        "mailing_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mailing_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("tracking_no", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["mailing_id"], ["mailings.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mailing_steps_mailing_id", "mailing_steps", ["mailing_id"])
    for table in APPEND_ONLY:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"""CREATE FUNCTION {table}_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql""")
            op.execute(f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_append_only()""")
        else:
            for what in ("UPDATE", "DELETE"):
                op.execute(f"""CREATE TRIGGER {table}_no_{what.lower()} BEFORE {what} ON {table}
                    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            op.execute(f"DROP FUNCTION {table}_append_only()")
    op.drop_index("ix_mailing_steps_mailing_id", table_name="mailing_steps")
    op.drop_table("mailing_steps")
    op.drop_index("mailings_by_state", table_name="mailings")
    op.drop_table("mailings")
