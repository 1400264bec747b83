"""recordings access: requests to view the CCTV recordings and the append-only register (查阅登记)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

A request names a terminal or a camera area, a time range, a reason and any incident or complaint it
concerns; its state (requested, approved with a grant until a time, rejected) is kept on the request
row. Every change of it — the request, the decision, each viewing — is a row of ``recording_register``,
which refuses UPDATE and DELETE by trigger on both backends, like the incident log (seed 000 四(三):
viewing needs the centre's approval and a register).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

REGISTER = "recording_register"


def upgrade() -> None:
    op.create_table(
        "recording_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=True),
        sa.Column("area", sa.String(length=100), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("complaint_id", sa.String(length=36), nullable=True),
        sa.Column("requested_by", sa.String(length=100), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("grant_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["terminal_id"], ["terminals.id"]),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"]),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.PrimaryKeyConstraint("id"),
        # a terminal or an area, never both, never neither
        sa.CheckConstraint("(terminal_id IS NULL) <> (area IS NULL)", name="recording_requests_one_target"),
        sa.CheckConstraint("ends_at > starts_at", name="recording_requests_range"),
    )
    op.create_index("recording_requests_by_state", "recording_requests", ["hall", "state"])
    op.create_table(
        REGISTER,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hall", sa.String(length=64), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["recording_requests.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_recording_register_request_id", REGISTER, ["request_id"])
    op.create_index("recording_register_by_time", REGISTER, ["hall", "at"])
    _append_only(REGISTER)


def _append_only(table: str) -> None:
    """As migration 0001 does for the incident log: the database itself refuses edits and deletions."""
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
        op.execute(f"DROP TRIGGER {REGISTER}_append_only ON {REGISTER}")
        op.execute(f"DROP FUNCTION {REGISTER}_append_only()")
    op.drop_index("recording_register_by_time", table_name=REGISTER)
    op.drop_index("ix_recording_register_request_id", table_name=REGISTER)
    op.drop_table(REGISTER)
    op.drop_index("recording_requests_by_state", table_name="recording_requests")
    op.drop_table("recording_requests")
