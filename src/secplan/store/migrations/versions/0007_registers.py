"""The governance registers of the server: incidents with their playbook steps and
regulatory clocks; training and background-check attestations of accounts; risks; third parties.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _project() -> "sa.Column[int]":
    return sa.Column(
        "project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _project(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("personal_data", sa.Boolean, nullable=False),
        sa.Column("serious", sa.String(16)),
        sa.Column("aware", sa.String(40), nullable=False),
        sa.Column("opened", sa.String(40), nullable=False),
        sa.Column("opened_by", sa.String(255), nullable=False),
        sa.Column("closed", sa.String(40)),
        sa.Column("updated", sa.String(40), nullable=False),
        sa.Index("ix_incidents_project", "project_id", "id"),
    )
    op.create_table(
        "incident_steps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "incident_id",
            sa.Integer,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("basis", sa.String(64), nullable=False),
        sa.Column("due", sa.String(40), nullable=False),
        sa.Column("done", sa.String(40)),
        sa.Column("done_by", sa.String(255)),
        sa.Column("alerted", sa.Boolean, nullable=False),
        sa.Index("ix_incident_steps_incident", "incident_id", "position"),
    )
    op.create_table(
        "attestations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("principal", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("issued", sa.String(10), nullable=False),
        sa.Column("expires", sa.String(10), nullable=False),
        sa.Column("evidence", sa.String(1000), nullable=False),
        sa.Column("recorded", sa.String(40), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("revoked", sa.String(40)),
        sa.Index("ix_attestations_principal", "principal", "kind"),
    )
    op.create_table(
        "risks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _project(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("techniques", sa.Text, nullable=False),
        sa.Column("likelihood", sa.Integer, nullable=False),
        sa.Column("impact", sa.Integer, nullable=False),
        sa.Column("owner", sa.String(255), nullable=False),
        sa.Column("treatment", sa.String(16), nullable=False),
        sa.Column("controls", sa.Text, nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("updated", sa.String(40), nullable=False),
        sa.Index("ix_risks_project", "project_id", "id"),
    )
    op.create_table(
        "third_parties",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _project(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("supplier", sa.String(255), nullable=False),
        sa.Column("licence", sa.String(500), nullable=False),
        sa.Column("provenance", sa.String(1000), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("added", sa.String(40), nullable=False),
        sa.Column("added_by", sa.String(255), nullable=False),
        sa.Column("updated", sa.String(40), nullable=False),
        sa.UniqueConstraint("project_id", "kind", "name", "version", name="uq_third_party"),
    )


def downgrade() -> None:
    op.drop_table("third_parties")
    op.drop_table("risks")
    op.drop_table("attestations")
    op.drop_table("incident_steps")
    op.drop_table("incidents")
