"""Actions, roles and the permissions between them: deny by default.

Every protected operation names an action (``noun:verb``) and a resource (``kind:name``, e.g.
``dataset:data/customers.csv``, ``key:k-1f2e``, ``project:churn``, ``audit``). A role grants a
set of actions; a role binding grants a role on a scope, a glob over resources (``*`` for all;
see :mod:`secplan.access.resources`). Actions marked ``mfa`` need a session verified with a
second factor. Actions marked ``own`` (``self:*``) are granted to every account on itself
(``principal:<its name>``) without a role, but a scoped token still needs them in its scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from secplan.access.resources import covers


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    description: str
    mfa: bool = False
    own: bool = False  # granted to every account on its own principal


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("scan:run", "scan a project and record the result"),
        Action("scan:upload", "upload a scan report to a project on the server"),
        Action("project:manage", "create projects on the server"),
        Action("report:read", "read posture reports"),
        Action("audit:read", "read and export audit events"),
        Action("audit:verify", "verify the audit trail"),
        Action("audit:checkpoint", "sign and export audit checkpoints"),
        Action("data:read", "read dataset records and metadata"),
        Action("data:label", "set a dataset's sensitivity label"),
        Action("data:anonymize", "anonymize a dataset"),
        Action("data:reidentify", "reverse tokenization of personal data", mfa=True),
        Action("data:share", "create a share bundle for a third party"),
        Action("data:shred", "destroy a dataset by destroying its key", mfa=True),
        Action("data:sign", "sign datasets"),
        Action("data:verify", "verify dataset signatures"),
        Action("model:read", "read model records"),
        Action("model:scan", "scan model files"),
        Action("model:sign", "sign models and datasets"),
        Action("model:verify", "verify signatures"),
        Action("key:create", "create keys"),
        Action("key:encrypt", "encrypt with a key"),
        Action("key:decrypt", "decrypt with a key", mfa=True),
        Action("key:rotate", "rotate a key"),
        Action("key:destroy", "destroy a key", mfa=True),
        Action("waiver:request", "request an exception"),
        Action("waiver:approve", "approve an exception", mfa=True),
        Action("incident:read", "read a project's incidents and overdue steps"),
        Action("incident:write", "open, update and close incidents and complete their steps"),
        Action("register:write", "add and change a project's risks and third parties"),
        Action(
            "attestation:write",
            "record or revoke a training or background-check attestation of an account",
            mfa=True,
        ),
        Action("user:read", "list users, roles and the access review"),
        Action("user:manage", "create, disable and change users"),
        Action("role:manage", "grant and revoke roles"),
        Action("token:manage", "create and revoke API tokens for others"),
        Action("user:mfa-reset", "enrol or confirm the second factor of another account", mfa=True),
        Action("user:password-reset", "set another account's password", mfa=True),
        Action("self:token", "create, list and revoke your own API tokens", own=True),
        Action("self:password", "change your own password (the current one is asked)", own=True),
        Action("self:mfa", "enrol your own second factor (again: with a current code)", own=True),
    )
}

#: role -> action patterns it grants (``data:*`` grants every data action).
ROLES: dict[str, tuple[str, ...]] = {
    "admin": ("*",),
    "security-officer": (
        "waiver:*",
        "incident:*",
        "register:write",
        "attestation:write",
        "audit:*",
        "report:read",
        "scan:run",
        "scan:upload",
        "key:rotate",
        "key:destroy",
        "model:read",
        "model:verify",
        "data:read",
        "user:read",
    ),
    "data-steward": (
        "data:*",
        "key:create",
        "key:encrypt",
        "key:decrypt",
        "report:read",
        "scan:run",
        "model:read",
        "incident:read",
    ),
    "ml-engineer": (
        "scan:run",
        "scan:upload",
        "report:read",
        "model:*",
        "data:read",
        "data:anonymize",
        "key:encrypt",
        "waiver:request",
        "incident:*",
        "register:write",
    ),
    "auditor": ("audit:read", "audit:verify", "report:read", "user:read", "incident:read"),
    "viewer": ("report:read", "model:read", "data:read"),
}


def role_grants(role: str, action: str) -> bool:
    return any(fnmatchcase(action, pattern) for pattern in ROLES.get(role, ()))


def scope_covers(scope: str, resource: str) -> bool:
    return covers(scope, resource)


def pattern_actions(pattern: str) -> frozenset[str]:
    """The actions an action pattern (``data:*``) names."""
    return frozenset(a for a in ACTIONS if fnmatchcase(a, pattern))


def role_actions(role: str) -> tuple[str, ...]:
    """The actions ``role`` grants, in table order."""
    return tuple(a for a in ACTIONS if role_grants(role, a))


def mfa_roles() -> list[str]:
    """Roles that can perform an action requiring multi-factor authentication."""
    needing = [a.name for a in ACTIONS.values() if a.mfa]
    return [r for r in ROLES if any(role_grants(r, a) for a in needing)]
