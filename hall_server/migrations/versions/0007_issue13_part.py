"""issue 13: the steps of a bad review's rectification case (核实, 整改, 反馈, 办结)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Kept in the chain ahead of its tables so that the parts of issue 13 can be built side by side; the
part's own commit fills it in.
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
