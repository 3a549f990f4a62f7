"""Project settings: ``secplan.toml`` at the project root, or ``[tool.secplan]`` in
``pyproject.toml``.

A minimal ``secplan.toml``::

    [profile]
    develops_models = true
    uses_pretrained_models = true
    uses_cloud_ai = false
    uses_public_datasets = true
    uses_internal_datasets = true

Every field is documented in ``docs/configuration.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from secplan._toml import read_toml, validate
from secplan.errors import ConfigError
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
    max_file_count: int = Field(default=200_000, ge=1)

    @field_validator("select", "ignore")
    @classmethod
    def _upper(cls, v: list[str]) -> list[str]:
        return [r.strip().upper() for r in v]

    @field_validator("exclude")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        return [check_pattern(p) for p in v]


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    develops_models: bool | None = None
    uses_pretrained_models: bool | None = None
    uses_cloud_ai: bool | None = None
    uses_public_datasets: bool | None = None
    uses_internal_datasets: bool | None = None

    @property
    def declared(self) -> bool:
        return any(
            v is not None
            for v in (
                self.develops_models,
                self.uses_pretrained_models,
                self.uses_cloud_ai,
                self.uses_public_datasets,
                self.uses_internal_datasets,
            )
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Typed settings for one scan. Build with :func:`load_settings`, or directly in tests."""

    profile: Profile = field(default_factory=Profile)
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.HIGH
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    incident_response_plans: tuple[str, ...] = ()
    approvers: tuple[str, ...] = ()
    max_waiver_days: int = 365
    model_allow: tuple[str, ...] = ()
    signing_keys: tuple[str, ...] = ()
    signing_identities: tuple[str, ...] = ()
    signing_issuer: str | None = None
    verify_signatures: bool = True
    backup_repository: str | None = None
    backup_paths: tuple[str, ...] = ()
    backup_keyring: bool = True
    backup_database: bool = True
    max_drill_age_days: int = 30
    max_file_count: int = 200_000
    use_gitignore: bool = True
    source: str = ""  # the file the settings came from, "" for defaults


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
        source=source,
    )


def _check_paths(s: Settings, root: Path) -> Settings:
    for rel in s.signing_keys:
        p = PurePosixPath(rel)
        if p.is_absolute() or ".." in p.parts or not (root / rel).is_file():
            raise ConfigError(
                f"{s.source or 'secplan.toml'}: signing.trusted_keys: {rel!r} is not a file "
                "inside the project",
                "list PEM public keys by their path in the project",
            )
    return s


def load_settings(root: Path, config: Path | None = None) -> Settings:
    """Settings for the project at ``root`` (see :func:`_load_settings`), with the paths they
    name checked."""
    return _check_paths(_load_settings(root, config), root)


def _load_settings(root: Path, config: Path | None = None) -> Settings:
    """Settings for the project at ``root``.

    Looks for ``secplan.toml`` first, then ``[tool.secplan]`` in ``pyproject.toml``; an explicit
    ``config`` file wins. Raises :class:`ConfigError` with the file, the field and the fix.
    """
    if config is not None:
        if not config.is_file():
            raise ConfigError(f"{config}: configuration file not found", "check the --config path")
        return _load_file(config, str(config))
    candidate = root / "secplan.toml"
    if candidate.is_file():
        return _load_file(candidate, "secplan.toml")
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        doc = read_toml(pyproject, "pyproject.toml")
        tool = doc.get("tool", {})
        section = tool.get("secplan") if isinstance(tool, dict) else None
        if section is not None:
            if not isinstance(section, dict):
                raise ConfigError(
                    "pyproject.toml: tool.secplan: must be a table", "use [tool.secplan]"
                )
            model = validate(SettingsIn, section, "pyproject.toml", prefix="tool.secplan")
            return _from_model(model, "pyproject.toml")
    return Settings()


def _load_file(path: Path, shown: str) -> Settings:
    doc = read_toml(path, shown)
    if path.name == "pyproject.toml":
        tool = doc.get("tool", {})
        doc = tool.get("secplan", {}) if isinstance(tool, dict) else {}
        return _from_model(validate(SettingsIn, doc, shown, prefix="tool.secplan"), shown)
    return _from_model(validate(SettingsIn, doc, shown), shown)
