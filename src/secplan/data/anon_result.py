"""What an anonymization did: the before/after report, and the error raised when its output
would still hold personal data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from secplan.data.kanon import Measure
from secplan.data.utility import ColumnStats
from secplan.errors import TargetError


@dataclass(slots=True)
class Result:
    """What an anonymization did; ``as_json`` is the before/after report."""

    input: str
    output: str
    format: str
    rows_in: int = 0
    rows_out: int = 0
    columns_in: list[str] = field(default_factory=list)
    columns_out: list[str] = field(default_factory=list)
    changed: dict[str, int] = field(default_factory=dict)
    before: dict[str, ColumnStats] = field(default_factory=dict)
    after: dict[str, ColumnStats] = field(default_factory=dict)
    residual: dict[str, int] = field(default_factory=dict)
    residual_columns: dict[str, dict[str, int]] = field(default_factory=dict)
    residual_allowed: dict[str, dict[str, int]] = field(default_factory=dict)
    pseudonym_names: int = 0
    verified: bool = False  # the output was scanned again
    published: bool = False  # the output was renamed into place
    touched: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    kanon_before: Measure | None = None
    kanon_after: Measure | None = None
    kanon_needed: Measure | None = None

    def as_json(self) -> dict[str, Any]:
        untouched = {
            c: self.before[c].summary()
            for c in self.columns_out
            if c in self.before and c in self.after and c not in self.touched
        }
        types = {
            c: {
                "before": self.before[c].kind,
                "after": self.after[c].kind if c in self.after else "dropped",
            }
            for c in self.columns_in
            if c in self.before
        }
        return {
            "input": self.input,
            "output": self.output,
            "format": self.format,
            "rows": {"before": self.rows_in, "after": self.rows_out},
            "columns": {
                "before": self.columns_in,
                "after": self.columns_out,
                "dropped": [c for c in self.columns_in if c not in self.columns_out],
            },
            "changed": dict(sorted(self.changed.items())),
            "column_types": types,
            "untouched_columns": untouched,
            "verified": self.verified,
            "published": self.published,
            "residual": dict(sorted(self.residual.items())),
            "residual_columns": _sorted(self.residual_columns),
            "residual_allowed": _sorted(self.residual_allowed),
            "pseudonym_names": self.pseudonym_names,
            "errors": self.errors,
            "kanon": {
                "before": self.kanon_before.as_json() if self.kanon_before else None,
                "after": self.kanon_after.as_json() if self.kanon_after else None,
                "needed": self.kanon_needed.as_json() if self.kanon_needed else None,
            },
        }


class ResidualPersonalData(TargetError):
    """The anonymized output still holds personal data outside the columns the policy keeps,
    or could not be read back to check; nothing was published. ``result`` says what."""

    def __init__(self, result: Result, why: str) -> None:
        super().__init__(
            f"{result.output}: {why}; nothing written",
            "add entity or column rules for it, or mark the column `keep` to allow it",
        )
        self.result = result


def _sorted(by_column: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {c: dict(sorted(v.items())) for c, v in sorted(by_column.items())}
