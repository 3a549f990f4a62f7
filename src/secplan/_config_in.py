"""The schema of ``secplan.toml`` (and ``[tool.secplan]`` in ``pyproject.toml``), loaded only
when a project has settings to validate; :mod:`secplan.config` holds the typed settings."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from secplan._toml import validate
from secplan.config import Assurance, Profile, Settings
from secplan.model.finding import Severity
from secplan.pathpatterns import check_pattern


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ProfileIn(_Strict):
    """Which of the plan's cases apply to the project (unset = not declared)."""

    develops_models: bool | None = None
    uses_pretrained_models: bool | None = None
    uses_cloud_ai: bool | None = None
    uses_public_datasets: bool | None = None
    uses_internal_datasets: bool | None = None


class IncidentResponseIn(_Strict):
    plan: list[str] = Field(default_factory=list)


class ModelsIn(_Strict):
    #: Callables a project vouches for in pickle-based model files (``pkg.mod.Class`` or
    #: ``pkg.mod.*``), added to the packaged allowlist.
    allow: list[str] = Field(default_factory=list)


class SigningIn(_Strict):
    #: PEM public keys (paths relative to the project) allowed to sign models and datasets.
    trusted_keys: list[str] = Field(default_factory=list)
    #: Sigstore identities (e-mail or workload identity) allowed to sign keylessly.
    identities: list[str] = Field(default_factory=list)
    #: The OIDC issuer those identities authenticate with (for example
    #: https://github.com/login/oauth or https://token.actions.githubusercontent.com).
    oidc_issuer: str | None = None
    verify_on_scan: bool = True


class GovernanceIn(_Strict):
    approvers: list[str] = Field(default_factory=list)
    #: The trust policy for waiver approvals: each approver's name and the PEM public key (or
    #: keys) whose signature, made with ``secplan waiver approve``, makes a waiver count.
    approver_keys: dict[str, str | list[str]] = Field(default_factory=dict)
    #: This project's name on the governance server: an approval exported by the server for
    #: another project (its signed first line names that project) is not trusted here.
    server_project: str | None = Field(default=None, min_length=1, max_length=255)
    max_waiver_days: int = Field(default=365, ge=1, le=3650)


class BackupIn(_Strict):
    #: The restic repository: a path (relative to the project, or absolute) or a restic URL
    #: (``sftp:host:/path``, ``s3:...``, ``rest:...``).
    repository: str | None = None
    #: Files and folders to back up, relative to the project (datasets, models).
    paths: list[str] = Field(default_factory=list)
    #: Also back up secplan's key ring and its database.
    keyring: bool = True
    database: bool = True
    #: A restore drill older than this many days no longer proves DS3.
    max_drill_age_days: int = Field(default=30, ge=1, le=3650)


class AssuranceIn(_Strict):
    """``[assurance]``: the columns and thresholds of ``secplan model test``."""

    target: str | None = None
    sensitive: list[str] = Field(default_factory=list)
    features: list[str] = Field(default_factory=list)
    categorical: list[str] = Field(default_factory=list)
    positive: str | None = None
    #: sensitive column (or proxy) -> why it may be among the model's top drivers
    justified_drivers: dict[str, str] = Field(default_factory=dict)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    max_rows: int = Field(default=200_000, ge=10)
    cpu_seconds: int = Field(default=600, ge=1, le=86_400)
    memory_mb: int = Field(default=4096, ge=256)
    attack_samples: int = Field(default=100, ge=1, le=100_000)
    attack_iterations: int = Field(default=10, ge=1, le=1000)
    attack_evaluations: int = Field(default=200, ge=10, le=100_000)
    epsilons: list[Annotated[float, Field(gt=0, strict=False)]] = Field(
        default_factory=lambda: [0.05, 0.1, 0.25, 0.5, 1.0], min_length=1
    )
    robust_epsilon: float = Field(default=0.1, gt=0, strict=False)
    min_robust_accuracy: float = Field(default=0.7, ge=0, le=1, strict=False)
    importance_samples: int = Field(default=2000, ge=10)
    top_drivers: int = Field(default=3, ge=1)
    proxy_correlation: float = Field(default=0.8, gt=0, le=1, strict=False)
    max_demographic_parity_difference: float = Field(default=0.1, ge=0, le=1, strict=False)
    max_equalized_odds_difference: float = Field(default=0.1, ge=0, le=1, strict=False)
    max_single_feature_accuracy: float = Field(default=0.98, gt=0, le=1, strict=False)
    leakage_samples: int = Field(default=5000, ge=10)
    max_calibration_error: float = Field(default=0.15, ge=0, le=1, strict=False)
    min_slice_rows: int = Field(default=30, ge=5)
    max_slice_drop: float = Field(default=0.2, gt=0, le=1, strict=False)
    max_overconfidence_gap: float = Field(default=0.1, gt=0, le=1, strict=False)
    max_underconfidence_gap: float = Field(default=0.1, gt=0, le=1, strict=False)
    extraction_queries: int = Field(default=1000, ge=10)
    max_membership_advantage: float = Field(default=0.2, ge=0, le=1, strict=False)
    max_age_days: int = Field(default=180, ge=1, le=3650)

    def build(self) -> Assurance:
        d = self.model_dump()
        d["justified_drivers"] = tuple(sorted(self.justified_drivers.items()))
        for k in ("sensitive", "features", "categorical", "epsilons"):
            d[k] = tuple(d[k])
        return Assurance(**d)


class SettingsIn(_Strict):
    profile: ProfileIn = ProfileIn()
    exclude: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    fail_on: Literal["info", "low", "medium", "high", "critical"] = "high"
    severity: dict[str, Literal["info", "low", "medium", "high", "critical"]] = Field(
        default_factory=dict
    )
    incident_response: IncidentResponseIn = IncidentResponseIn()
    governance: GovernanceIn = GovernanceIn()
    models: ModelsIn = ModelsIn()
    signing: SigningIn = SigningIn()
    backup: BackupIn = BackupIn()
    assurance: AssuranceIn = AssuranceIn()
    max_file_count: int = Field(default=200_000, ge=1)

    @field_validator("select", "ignore")
    @classmethod
    def _upper(cls, v: list[str]) -> list[str]:
        return [r.strip().upper() for r in v]

    @field_validator("exclude")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        return [check_pattern(p) for p in v]


def _from_model(s: SettingsIn, source: str) -> Settings:
    p = s.profile
    return Settings(
        profile=Profile(
            develops_models=p.develops_models,
            uses_pretrained_models=p.uses_pretrained_models,
            uses_cloud_ai=p.uses_cloud_ai,
            uses_public_datasets=p.uses_public_datasets,
            uses_internal_datasets=p.uses_internal_datasets,
        ),
        exclude=tuple(s.exclude),
        select=tuple(s.select),
        ignore=tuple(s.ignore),
        fail_on=Severity.parse(s.fail_on),
        severity_overrides=tuple((k.upper(), Severity.parse(v)) for k, v in s.severity.items()),
        incident_response_plans=tuple(s.incident_response.plan),
        approvers=tuple(s.governance.approvers),
        approver_keys=tuple(
            (name, (keys,) if isinstance(keys, str) else tuple(keys))
            for name, keys in s.governance.approver_keys.items()
        ),
        server_project=s.governance.server_project,
        max_waiver_days=s.governance.max_waiver_days,
        model_allow=tuple(s.models.allow),
        signing_keys=tuple(s.signing.trusted_keys),
        signing_identities=tuple(s.signing.identities),
        signing_issuer=s.signing.oidc_issuer,
        verify_signatures=s.signing.verify_on_scan,
        backup_repository=s.backup.repository,
        backup_paths=tuple(s.backup.paths),
        backup_keyring=s.backup.keyring,
        backup_database=s.backup.database,
        max_drill_age_days=s.backup.max_drill_age_days,
        max_file_count=s.max_file_count,
        assurance=s.assurance.build(),
        source=source,
    )


def settings_from(doc: dict[str, Any], shown: str, *, prefix: str = "") -> Settings:
    """``doc`` (a parsed settings table) validated into :class:`Settings`."""
    return _from_model(validate(SettingsIn, doc, shown, prefix=prefix), shown)
