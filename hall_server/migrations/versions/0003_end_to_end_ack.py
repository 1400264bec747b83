"""end-to-end acknowledgement: the hall's contiguous count per terminal, stored command results,
64-bit session and sequence numbers on PostgreSQL

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Int64 = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # SQLite's INTEGER is 64-bit already
        op.alter_column("terminals", "session", type_=sa.BigInteger())
        op.alter_column("events_seen", "seq", type_=sa.BigInteger())
        op.alter_column("events_seen", "session", type_=sa.BigInteger())
    op.add_column("terminals", sa.Column("acked_seq", Int64, nullable=False, server_default="0"))
    # Before this revision a gap was only logged, never filled: what was stored counts as acknowledged.
    op.execute(sa.text(
        "UPDATE terminals SET acked_seq = COALESCE((SELECT MAX(e.seq) FROM events_seen e "
        "WHERE e.terminal_id = terminals.id), 0)"))
    op.create_table(
        "command_results",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("seq", Int64, nullable=True),
        sa.Column("command_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("ts", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("terminal_id", "seq", name="command_results_seq"),
    )
    op.create_index("ix_command_results_command_id", "command_results", ["command_id"])


def downgrade() -> None:
    op.drop_index("ix_command_results_command_id", table_name="command_results")
    op.drop_table("command_results")
    op.drop_column("terminals", "acked_seq")
