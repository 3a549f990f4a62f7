"""Identities, roles, tokens and MFA, and the one authorization decision (DS2, PS3)."""

from secplan.access.control import ANONYMOUS, AccessControl, Actor, Decision
from secplan.access.roles import ACTIONS, ROLES

__all__ = ["ACTIONS", "ANONYMOUS", "ROLES", "AccessControl", "Actor", "Decision"]
