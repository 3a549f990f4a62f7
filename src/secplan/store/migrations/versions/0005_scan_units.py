"""The manifest of finished work units, so that an interrupted scan resumes with
``--resume`` without redoing them.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scan_units",
        sa.Column("scan", sa.String(64), primary_key=True),
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("finished", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("scan_units")
