"""issue 13: the steps of a bad review's rectification case (核实, 整改, 反馈, 办结)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Every step of a case is a row of ``rectification_steps``, append-only like the incident log: a trigger
refuses UPDATE and DELETE on both backends. The case itself keeps where the steps left it (its
``state``), the verifier's finding (``founded``) and when the centre was alerted that it is overdue
(``overdue_alerted_at``: once, across restarts).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

APPEND_ONLY = ("rectification_steps",)


def upgrade() -> None:
    with op.batch_alter_table("rectifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("founded", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("overdue_alerted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("rectifications_by_deadline", ["hall", "state", "deadline"], unique=False)
    op.create_table(
        "rectification_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=False),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("founded", sa.Boolean(), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("recipient", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["rectifications.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("rectification_steps_by_case", "rectification_steps", ["case_id", "id"])
    for table in APPEND_ONLY:
        _append_only(table)


def _append_only(table: str) -> None:
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
    op.drop_index("rectification_steps_by_case", table_name="rectification_steps")
    op.drop_table("rectification_steps")
    with op.batch_alter_table("rectifications", schema=None) as batch_op:
        batch_op.drop_index("rectifications_by_deadline")
        batch_op.drop_column("overdue_alerted_at")
        batch_op.drop_column("founded")
