"""The tamper-evident audit trail (SC4) and the detection rules over it (HS5)."""

from secplan.audit.events import Event, EventIn, Outcome
from secplan.audit.trail import AuditTrail
from secplan.audit.verify import VerifyResult, verify

__all__ = ["AuditTrail", "Event", "EventIn", "Outcome", "VerifyResult", "verify"]
