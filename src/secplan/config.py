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

from secplan._toml import read_toml
from secplan.errors import ConfigError
from secplan.model.finding import Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """What the project declares about itself (``[profile]``); ``None`` where it declares
    nothing and the scan infers the fact."""

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
class Assurance:
    """``[assurance]``: what ``secplan model test`` measures, and the thresholds it must meet."""

    target: str | None = None
    sensitive: tuple[str, ...] = ()
    features: tuple[str, ...] = ()  # empty: the model's own feature names, else every column
    categorical: tuple[str, ...] = ()  # integer-coded categories an attacker cannot nudge
    positive: str | None = None  # the favourable label (default 1, else the last class)
    #: sensitive columns (or their proxies) allowed among the top drivers, with the reason
    justified_drivers: tuple[tuple[str, str], ...] = ()
    seed: int = 0
    max_rows: int = 200_000
    cpu_seconds: int = 600
    memory_mb: int = 4096
    attack_samples: int = 100
    attack_iterations: int = 10
    attack_evaluations: int = 200
    epsilons: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 1.0)
    robust_epsilon: float = 0.1
    min_robust_accuracy: float = 0.7
    importance_samples: int = 2000
    top_drivers: int = 3
    proxy_correlation: float = 0.8
    max_demographic_parity_difference: float = 0.1
    max_equalized_odds_difference: float = 0.1
    max_single_feature_accuracy: float = 0.98
    leakage_samples: int = 5000
    max_calibration_error: float = 0.15
    min_slice_rows: int = 30
    max_slice_drop: float = 0.2
    #: how far a slice's mean confidence may rise above the upper Wilson bound of its accuracy
    #: beyond the other rows' own excess (overconfidence), or fall below the other rows' on its
    #: right predictions (underconfidence)
    max_overconfidence_gap: float = 0.1
    max_underconfidence_gap: float = 0.1
    extraction_queries: int = 1000
    max_membership_advantage: float = 0.2
    max_age_days: int = 180


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
    #: (approver, PEM public key paths in the project) allowed to sign waiver approvals
    approver_keys: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: this project's name on the governance server (approvals exported for others do not hold)
    server_project: str | None = None
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
    assurance: Assurance = field(default_factory=Assurance)
    use_gitignore: bool = True
    source: str = ""  # the file the settings came from, "" for defaults


def _check_paths(s: Settings, root: Path) -> Settings:
    named = [("signing.trusted_keys", rel) for rel in s.signing_keys]
    named += [
        (f"governance.approver_keys.{name}", rel) for name, rels in s.approver_keys for rel in rels
    ]
    for field_name, rel in named:
        p = PurePosixPath(rel)
        if p.is_absolute() or ".." in p.parts or not (root / rel).is_file():
            raise ConfigError(
                f"{s.source or 'secplan.toml'}: {field_name}: {rel!r} is not a file "
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
            from secplan._config_in import settings_from

            return settings_from(section, "pyproject.toml", prefix="tool.secplan")
    return Settings()


def _load_file(path: Path, shown: str) -> Settings:
    from secplan._config_in import settings_from  # the schema loads only for a settings file

    doc = read_toml(path, shown)
    if path.name == "pyproject.toml":
        tool = doc.get("tool", {})
        doc = tool.get("secplan", {}) if isinstance(tool, dict) else {}
        return settings_from(doc, shown, prefix="tool.secplan")
    return settings_from(doc, shown)
