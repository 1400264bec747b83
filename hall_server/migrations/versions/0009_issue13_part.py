"""issue 13: CCTV recordings access by approval, with its append-only register

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Kept in the chain ahead of its tables so that the parts of issue 13 can be built side by side; the
part's own commit fills it in.
"""

from __future__ import annotations

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
