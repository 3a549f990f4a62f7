"""When a waiver waives: approved by someone other than the requester, not expired, and its
approval signed by a key the project's trust policy gives to that approver, over the waiver's
exact content. Anything less is a pending request."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from secplan.governance.records import Approval, Waiver
from secplan.model.finding import Finding
from secplan.pathpatterns import spec


class WaiverState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    UNAPPROVED = "unapproved"
    SELF_APPROVED = "self-approved"
    APPROVER_NOT_DESIGNATED = "approver-not-designated"
    NOT_YET_APPROVED = "approval-in-future"
    #: the approval is not proven by a signature (a pending request): see :class:`Approval`
    UNSIGNED = "unsigned"
    ALTERED = "altered-since-approval"
    UNTRUSTED = "untrusted-signature"
    UNVERIFIED = "unverified"


#: The states of a waiver whose approval fields look right but whose signature does not prove
#: them.
PENDING_SIGNATURE = frozenset(
    {WaiverState.UNSIGNED, WaiverState.ALTERED, WaiverState.UNTRUSTED, WaiverState.UNVERIFIED}
)
_BY_APPROVAL = {
    Approval.UNSIGNED: WaiverState.UNSIGNED,
    Approval.ALTERED: WaiverState.ALTERED,
    Approval.UNTRUSTED: WaiverState.UNTRUSTED,
    Approval.UNCHECKED: WaiverState.UNVERIFIED,
}


def waiver_state(w: Waiver, as_of: date, approvers: tuple[str, ...] = ()) -> WaiverState:
    """The state of ``w`` on ``as_of``; only :attr:`WaiverState.ACTIVE` waives anything."""
    if w.approver is None or w.approved is None:
        return WaiverState.UNAPPROVED
    if w.approver.strip().casefold() == w.requester.strip().casefold():
        return WaiverState.SELF_APPROVED
    if approvers and w.approver.strip().casefold() not in {a.casefold() for a in approvers}:
        return WaiverState.APPROVER_NOT_DESIGNATED
    if w.approved > as_of:
        return WaiverState.NOT_YET_APPROVED
    if w.expires < as_of:
        return WaiverState.EXPIRED
    return _BY_APPROVAL.get(w.approval, WaiverState.ACTIVE)


def covers(w: Waiver, finding: Finding) -> bool:
    """Whether ``w`` is about ``finding`` (same rule, or one of its controls, and within scope)."""
    if w.rule is not None and w.rule != finding.rule:
        return False
    if w.control is not None and w.control not in finding.controls:
        return False
    return in_scope(w, finding.location.path)


def in_scope(w: Waiver, path: str) -> bool:
    if w.whole_project:
        return True
    return spec(w.paths).match_file(path)


def waiving(active: tuple[Waiver, ...], finding: Finding, control: str) -> Waiver | None:
    """The active waiver that waives ``finding`` as far as ``control`` is concerned, if any.

    A rule waiver waives the finding for every control; a control waiver only for its control.
    """
    for w in active:
        if covers(w, finding) and (w.rule is not None or w.control == control):
            return w
    return None


def suppressing(active: tuple[Waiver, ...], finding: Finding) -> Waiver | None:
    """The waiver that suppresses ``finding`` entirely: it is waived for all of its controls."""
    first: Waiver | None = None
    for control in finding.controls or ("",):
        w = waiving(active, finding, control)
        if w is None:
            return None
        first = first or w
    return first
