"""Errors secplan raises on purpose, each with a one-line message and a hint.

::

    SecplanError            message + hint; the CLI prints both and exits 2
    ├── ConfigError         secplan.toml, [tool.secplan] or a record under .secplan/ is invalid
    ├── TargetError         the path to scan is missing or unreadable
    ├── CatalogError        the packaged control catalog is inconsistent (a bug in secplan)
    ├── ServiceError        a database, key store or other backend is unavailable
    ├── AccessDenied        authorization refused an action (the refusal is audited)
    └── VerificationError   a signature, checksum or audit-chain check failed
"""

from __future__ import annotations


class SecplanError(Exception):
    """Base class: ``message`` says what and where, ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(SecplanError):
    """A configuration file or a governance record is invalid."""


class TargetError(SecplanError):
    """The scan target cannot be used."""


class CatalogError(SecplanError):
    """The control catalog or the rule registry is inconsistent."""


class ServiceError(SecplanError):
    """A backend (database, key store, webhook) is unavailable or misconfigured."""


class AccessDenied(SecplanError):
    """The actor may not perform the action; the decision has been recorded."""


class VerificationError(SecplanError):
    """An integrity check failed."""
