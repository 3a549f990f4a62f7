"""Room for sealed MFA secrets: principals.mfa_secret grows from 64 to 255 characters.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite does not enforce VARCHAR lengths, and rebuilding a table that others reference
    # would be riskier than the change is worth there.
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "principals",
            "mfa_secret",
            existing_type=sa.String(64),
            type_=sa.String(255),
            existing_nullable=True,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "principals",
            "mfa_secret",
            existing_type=sa.String(255),
            type_=sa.String(64),
            existing_nullable=True,
        )
