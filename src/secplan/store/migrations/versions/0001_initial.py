"""Initial schema: metadata, audit trail, identities, role bindings and tokens.

Revision ID: 0001
Revises:
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "secplan_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("ts", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("resource", sa.String(1000), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("leaf_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("chain_hash", sa.LargeBinary(32), nullable=False),
    )
    for col in ("actor", "action", "resource", "ts"):
        op.create_index(f"ix_audit_events_{col}", "audit_events", [col])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("chain_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("frontier", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tree_size", sa.BigInteger, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("ts", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("key_name", sa.String(255), nullable=False),
    )
    op.create_index("ix_audit_checkpoints_size", "audit_checkpoints", ["tree_size"])
    # the single head row every append locks, and this database's identity
    op.bulk_insert(
        sa.table(
            "audit_head",
            sa.column("id", sa.Integer),
            sa.column("size", sa.BigInteger),
            sa.column("chain_hash", sa.LargeBinary),
            sa.column("frontier", sa.LargeBinary),
        ),
        [{"id": 1, "size": 0, "chain_hash": bytes(32), "frontier": b""}],
    )
    op.bulk_insert(
        sa.table("secplan_meta", sa.column("key", sa.String), sa.column("value", sa.Text)),
        [
            {"key": "db_id", "value": uuid.uuid4().hex},
            {"key": "created", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        ],
    )
    op.create_table(
        "principals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(255), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("display", sa.String(255), nullable=False),
        sa.Column("password_hash", sa.String(255)),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("last_login", sa.String(40)),
        sa.Column("mfa_secret", sa.String(64)),
        sa.Column("mfa_enabled", sa.Boolean, nullable=False),
        sa.Column("mfa_last_step", sa.BigInteger),
    )
    op.create_table(
        "role_bindings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "principal_id",
            sa.Integer,
            sa.ForeignKey("principals.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(1000), nullable=False),
        sa.Column("granted_by", sa.String(255), nullable=False),
        sa.Column("granted_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("principal_id", "role", "scope", name="uq_role_binding"),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "principal_id",
            sa.Integer,
            sa.ForeignKey("principals.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("secret_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("scopes", sa.Text, nullable=False),
        sa.Column("description", sa.String(255), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("expires", sa.String(40), nullable=False),
        sa.Column("revoked", sa.String(40)),
        sa.Column("last_used", sa.String(40)),
        sa.Column("mfa", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "tokens",
        "role_bindings",
        "principals",
        "audit_checkpoints",
        "audit_head",
        "audit_events",
        "secplan_meta",
    ):
        op.drop_table(table)
