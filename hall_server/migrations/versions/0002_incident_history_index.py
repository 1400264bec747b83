"""incident history index: the flap-window look-up and a terminal's history without a scan

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("incidents_by_scope", "incidents", ["scope", "fault_code", "resolved_at"])


def downgrade() -> None:
    op.drop_index("incidents_by_scope", table_name="incidents")
