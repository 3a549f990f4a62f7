"""A seal on each account's row: what authenticates the account (its name, kind, password
hash, disabled flag and second factor) is sealed by the governance server, so a row edited
around it logs nobody in through it.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("principals", sa.Column("seal", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("principals") as batch:
        batch.drop_column("seal")
