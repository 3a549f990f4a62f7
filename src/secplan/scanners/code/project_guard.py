"""Whether a guard policy covers the app a file serves, so that a server bound to all
interfaces (CD141) is not reported as open when callers must show a token.

Coverage is decided by :mod:`secplan.guard.coverage`, the same as for GD001: the serving
endpoints found in the file, each with the valid guard policy covering it. When every endpoint
of the file is covered:

* and the app is wrapped in ``GuardMiddleware`` (in its own module), the server itself asks
  callers for a token: CD141 is not reported (the guard rules, GD003-GD006, judge the policy);
* and the guard is a separate ``secplan guard serve`` (or a policy route's ``upstream``), the
  finding stays, lowered to low severity, and says so: the server still answers whoever reaches
  its port without passing through the guard.

A file with no endpoint the guard coverage knows, or one with an uncovered endpoint, keeps the
finding as it is. Coverage is computed once per scan, and only when a CD141 finding needs it.
"""

from __future__ import annotations

from dataclasses import replace

from secplan.model import Severity
from secplan.scanners._base import ScanContext
from secplan.scanners.code._hit import Hit


def guarded_bind(h: Hit, ctx: ScanContext, path: str) -> Hit | None:
    """The CD141 hit ``h`` in the file ``path`` as the project's guard coverage leaves it:
    unchanged, lowered with the reason (a guard in front), or ``None`` (a guarding middleware).
    """
    from secplan.guard.coverage import coverage

    covers = [c for c in coverage(ctx.artifacts).covers if c.endpoint.path == path]
    if not covers or not all(c.covered for c in covers):
        return h
    if all(c.guard is not None and c.guard.how == "middleware" for c in covers):
        return None
    how = "; ".join(sorted({c.how for c in covers}))
    return replace(
        h,
        severity=Severity.LOW,
        message=f"{h.message}; a guard policy covers it ({how}), but whoever reaches the port "
        "directly bypasses the guard",
    )
