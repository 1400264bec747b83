"""issue 13: complaint work orders on working days (交办, 答复, 延期, 回访)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

A complaint (table ``complaints``, state 已受理) goes on to 已交办 (a department), 已答复 and 已回访;
an unsatisfied call-back sends it back to the department for another round. The work order keeps
where it stands on ``complaints`` (department, round, the day its answer period counts from, the
working days of extension, when it closed); every step is a row of ``complaint_steps``, which the
database keeps append-only like ``incident_log`` (triggers refuse UPDATE and DELETE). A round whose
answer is overdue is a row of ``complaint_overdue`` (unique per work order and round): the centre is
alerted once, whatever restarts follow.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STEPS = "complaint_steps"


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("round", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("due_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("extended_days", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        STEPS,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("complaint_id", sa.String(length=36), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("satisfied", sa.Boolean(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_basis", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_complaint_steps_complaint_id"), STEPS, ["complaint_id"])
    _append_only(STEPS)
    op.create_table(
        "complaint_overdue",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("complaint_id", sa.String(length=36), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("noticed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("complaint_id", "round", name="complaint_overdue_once"),
    )


def _append_only(table: str) -> None:
    """The database refuses UPDATE and DELETE on ``table`` (as 0001 does for ``incident_log``)."""
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
    op.drop_table("complaint_overdue")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {STEPS}_append_only ON {STEPS}")
        op.execute(f"DROP FUNCTION {STEPS}_append_only()")
    op.drop_index(op.f("ix_complaint_steps_complaint_id"), table_name=STEPS)
    op.drop_table(STEPS)
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        for column in ("closed_at", "extended_days", "due_from", "round", "department"):
            batch_op.drop_column(column)
