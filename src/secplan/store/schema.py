"""Table definitions used by queries. Migrations under ``migrations/`` create them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

meta = Table(
    "secplan_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("ts", String(40), nullable=False),
    Column("actor", String(255), nullable=False),
    Column("action", String(100), nullable=False),
    Column("resource", String(1000), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("details", Text, nullable=False),
    Column("leaf_hash", LargeBinary(32), nullable=False),
    Column("chain_hash", LargeBinary(32), nullable=False),
    Index("ix_audit_events_actor", "actor"),
    Index("ix_audit_events_action", "action"),
    Index("ix_audit_events_resource", "resource"),
    Index("ix_audit_events_ts", "ts"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("size", BigInteger, nullable=False),
    Column("chain_hash", LargeBinary(32), nullable=False),
    Column("frontier", LargeBinary, nullable=False),
)

audit_checkpoints = Table(
    "audit_checkpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tree_size", BigInteger, nullable=False),
    Column("root_hash", LargeBinary(32), nullable=False),
    Column("ts", String(40), nullable=False),
    Column("note", Text, nullable=False),
    Column("key_name", String(255), nullable=False),
    Index("ix_audit_checkpoints_size", "tree_size"),
)

principals = Table(
    "principals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("display", String(255), nullable=False, default=""),
    Column("password_hash", String(255)),
    Column("created", String(40), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("last_login", String(40)),
    Column("mfa_secret", String(255)),  # sealed (see secplan.access.sealing)
    Column("mfa_enabled", Boolean, nullable=False, default=False),
    Column("mfa_last_step", BigInteger),
    Column("mfa_pending", String(255)),  # sealed; an enrolment not yet confirmed
    Column("seal", String(64)),  # set by the server (see secplan.access.rowseal)
)

role_bindings = Table(
    "role_bindings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "principal_id", Integer, ForeignKey("principals.id", ondelete="CASCADE"), nullable=False
    ),
    Column("role", String(64), nullable=False),
    Column("scope", String(1000), nullable=False),
    Column("granted_by", String(255), nullable=False),
    Column("granted_at", String(40), nullable=False),
    Column("seal", String(64)),  # set by the server (see secplan.access.rowseal)
    UniqueConstraint("principal_id", "role", "scope", name="uq_role_binding"),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "principal_id", Integer, ForeignKey("principals.id", ondelete="CASCADE"), nullable=False
    ),
    Column("secret_hash", LargeBinary(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("scopes", Text, nullable=False),
    Column("description", String(255), nullable=False, default=""),
    Column("created", String(40), nullable=False),
    Column("expires", String(40), nullable=False),
    Column("revoked", String(40)),
    Column("last_used", String(40)),
    Column("mfa", Boolean, nullable=False, default=False),
    Column("seal", String(64)),  # set by the server (see secplan.access.rowseal)
)

auth_throttle = Table(
    "auth_throttle",
    metadata,
    Column("key", String(600), primary_key=True),  # account:NAME, source:SRC, pair:NAME SRC
    Column("failures", Integer, nullable=False),
    Column("last_failure", String(40)),
    Column("locked_until", String(40)),
)

auth_sources = Table(
    "auth_sources",
    metadata,
    Column(
        "principal_id",
        Integer,
        ForeignKey("principals.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("source", String(255), primary_key=True),
    Column("last_success", String(40), nullable=False),
)

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False, unique=True),
    Column("description", Text, nullable=False),
    Column("created", String(40), nullable=False),
    Column("created_by", String(255), nullable=False),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("created", String(40), nullable=False),
    Column("uploaded_by", String(255), nullable=False),
    Column("tool_version", String(64), nullable=False),
    Column("commit", String(64), nullable=False),
    Column("summary", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Index("ix_assessments_project", "project_id", "id"),
)

assessment_controls = Table(
    "assessment_controls",
    metadata,
    Column(
        "assessment_id",
        Integer,
        ForeignKey("assessments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("control", String(16), primary_key=True),
    Column("status", String(32), nullable=False),
)

assessment_findings = Table(
    "assessment_findings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False
    ),
    Column("fingerprint", String(128), nullable=False),
    Column("rule", String(64), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("path", String(1000), nullable=False),
    Column("message", Text, nullable=False),
    Index("ix_assessment_findings_assessment", "assessment_id"),
)

exceptions = Table(
    "exceptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("wid", String(64), nullable=False),
    Column("rule", String(64)),
    Column("control", String(16)),
    Column("paths", Text, nullable=False),
    Column("justification", Text, nullable=False),
    Column("risk", String(16), nullable=False),
    Column("mitigations", Text, nullable=False),
    Column("requester", String(255), nullable=False),
    Column("expires", String(10), nullable=False),
    Column("state", String(16), nullable=False),  # pending, approved, rejected
    Column("approver", String(255)),
    Column("decided", String(40)),
    Column("note", Text, nullable=False),
    Column("created", String(40), nullable=False),
    UniqueConstraint("project_id", "wid", name="uq_exception_wid"),
)

scan_units = Table(
    "scan_units",
    metadata,
    Column("scan", String(64), primary_key=True),  # digest of what the scan runs and on what
    Column("unit", String(64), primary_key=True),  # digest of the unit's key
    Column("state", String(64), nullable=False),  # digest of the unit's input (size, mtime)
    Column("result", Text, nullable=False),  # the unit's result as JSON
    Column("finished", String(40), nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("summary", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("state", String(16), nullable=False),  # open, closed
    Column("personal_data", Boolean, nullable=False),
    Column("serious", String(16)),  # EU AI Act Art. 73 category, or none
    Column("aware", String(40), nullable=False),
    Column("opened", String(40), nullable=False),
    Column("opened_by", String(255), nullable=False),
    Column("closed", String(40)),
    Column("updated", String(40), nullable=False),
    Index("ix_incidents_project", "project_id", "id"),
)

incident_steps = Table(
    "incident_steps",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("basis", String(64), nullable=False),  # the law behind a regulatory clock, or ""
    Column("due", String(40), nullable=False),
    Column("done", String(40)),
    Column("done_by", String(255)),
    Column("alerted", Boolean, nullable=False),
    Index("ix_incident_steps_incident", "incident_id", "position"),
)

attestations = Table(
    "attestations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("principal", String(255), nullable=False),  # the account it is about
    Column("kind", String(32), nullable=False),  # security-training, background-check...
    Column("issued", String(10), nullable=False),
    Column("expires", String(10), nullable=False),
    Column("evidence", String(1000), nullable=False),  # where the certificate or report is
    Column("recorded", String(40), nullable=False),
    Column("recorded_by", String(255), nullable=False),
    Column("revoked", String(40)),
    Index("ix_attestations_principal", "principal", "kind"),
)

risks = Table(
    "risks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("techniques", Text, nullable=False),  # JSON list of MITRE ATLAS ids
    Column("likelihood", Integer, nullable=False),  # 1-5
    Column("impact", Integer, nullable=False),  # 1-5
    Column("owner", String(255), nullable=False),
    Column("treatment", String(16), nullable=False),  # mitigate, accept, transfer, avoid
    Column("controls", Text, nullable=False),  # JSON list of control ids
    Column("created", String(40), nullable=False),
    Column("created_by", String(255), nullable=False),
    Column("updated", String(40), nullable=False),
    Index("ix_risks_project", "project_id", "id"),
)

third_parties = Table(
    "third_parties",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # vendor, model, dataset, library
    Column("name", String(500), nullable=False),
    Column("version", String(100), nullable=False),
    Column("supplier", String(255), nullable=False),
    Column("licence", String(500), nullable=False),
    Column("provenance", String(1000), nullable=False),  # package URL or where it came from
    Column("sha256", String(64), nullable=False),
    Column("source", String(16), nullable=False),  # bom or manual
    Column("notes", Text, nullable=False),
    Column("added", String(40), nullable=False),
    Column("added_by", String(255), nullable=False),
    Column("updated", String(40), nullable=False),
    UniqueConstraint("project_id", "kind", "name", "version", name="uq_third_party"),
)
