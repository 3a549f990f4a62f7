"""The tamper-evident audit trail (SC4) and the detection rules over it (HS5).

Names are imported lazily, so that importing a light submodule (``secplan.audit.events``)
does not pull in the database layer.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.audit.events import Event, EventIn, Outcome
    from secplan.audit.trail import AuditTrail
    from secplan.audit.verify import VerifyResult

_WHERE = {
    "Event": "events",
    "EventIn": "events",
    "Outcome": "events",
    "AuditTrail": "trail",
    "VerifyResult": "verify",
}
# (verification itself is ``secplan.audit.verify.verify``: the submodule owns that name)
__all__ = ["AuditTrail", "Event", "EventIn", "Outcome", "VerifyResult"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"secplan.audit.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
