"""What a Python check reports before it becomes a finding: a rule at a node of a cell."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from secplan.model import ControlId, Rule, Severity
from secplan.model.finding import Confidence


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired at ``line``/``column`` (1-based) of a module or notebook cell."""

    rule: Rule
    line: int
    column: int
    cell: int | None
    message: str
    evidence: str = ""
    severity: Severity | None = None
    confidence: Confidence | None = None
    controls: tuple[ControlId, ...] | None = None


@dataclass(frozen=True, slots=True)
class CallSite:
    """A call with its resolved callee: ``qualname`` when known, ``shown`` for messages."""

    call: ast.Call
    cell: int | None
    qualname: str | None
    shown: str


def hit(
    rule: Rule,
    node: ast.expr | ast.stmt,
    cell: int | None,
    message: str,
    evidence: str = "",
    *,
    severity: Severity | None = None,
    confidence: Confidence | None = None,
    controls: tuple[ControlId, ...] | None = None,
) -> Hit:
    return Hit(
        rule=rule,
        line=getattr(node, "lineno", 1),
        column=getattr(node, "col_offset", 0) + 1,
        cell=cell,
        message=message,
        evidence=evidence,
        severity=severity,
        confidence=confidence,
        controls=controls,
    )
