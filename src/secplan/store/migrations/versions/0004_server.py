"""The governance server: projects, their assessments (every control's status and the
findings behind it) and exception requests; and a seal on role bindings and tokens, so a row
written into the database by anything but the server grants nothing through it.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("role_bindings", sa.Column("seal", sa.String(64)))
    op.add_column("tokens", sa.Column("seal", sa.String(64)))
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(255), nullable=False, unique=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("uploaded_by", sa.String(255), nullable=False),
        sa.Column("tool_version", sa.String(64), nullable=False),
        sa.Column("commit", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Index("ix_assessments_project", "project_id", "id"),
    )
    op.create_table(
        "assessment_controls",
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("control", sa.String(16), primary_key=True),
        sa.Column("status", sa.String(32), nullable=False),
    )
    op.create_table(
        "assessment_findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Index("ix_assessment_findings_assessment", "assessment_id"),
    )
    op.create_table(
        "exceptions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("wid", sa.String(64), nullable=False),
        sa.Column("rule", sa.String(64)),
        sa.Column("control", sa.String(16)),
        sa.Column("paths", sa.Text, nullable=False),
        sa.Column("justification", sa.Text, nullable=False),
        sa.Column("risk", sa.String(16), nullable=False),
        sa.Column("mitigations", sa.Text, nullable=False),
        sa.Column("requester", sa.String(255), nullable=False),
        sa.Column("expires", sa.String(10), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("approver", sa.String(255)),
        sa.Column("decided", sa.String(40)),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.UniqueConstraint("project_id", "wid", name="uq_exception_wid"),
    )


def downgrade() -> None:
    op.drop_table("exceptions")
    op.drop_table("assessment_findings")
    op.drop_table("assessment_controls")
    op.drop_table("assessments")
    op.drop_table("projects")
    op.drop_column("tokens", "seal")
    op.drop_column("role_bindings", "seal")
