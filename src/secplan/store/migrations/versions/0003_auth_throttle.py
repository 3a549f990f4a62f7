"""Back-off and lockout state, the sources each account has logged in from, and a pending
second factor kept apart from the active one.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auth_throttle",
        sa.Column("key", sa.String(600), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure", sa.String(40)),
        sa.Column("locked_until", sa.String(40)),
    )
    op.create_table(
        "auth_sources",
        sa.Column(
            "principal_id",
            sa.Integer,
            sa.ForeignKey("principals.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("source", sa.String(255), primary_key=True),
        sa.Column("last_success", sa.String(40), nullable=False),
    )
    op.add_column("principals", sa.Column("mfa_pending", sa.String(255)))


def downgrade() -> None:
    op.drop_column("principals", "mfa_pending")
    op.drop_table("auth_sources")
    op.drop_table("auth_throttle")
