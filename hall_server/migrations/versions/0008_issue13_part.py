"""issue 13: complaint work orders on working days (交办, 答复, 延期, 回访)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

Kept in the chain ahead of its tables so that the parts of issue 13 can be built side by side; the
part's own commit fills it in.
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
