"""What an anonymization kept: per-column types and summary statistics, before and after.

>>> s = ColumnStats()
>>> for v in ["3", "5", "", "7"]:
...     s.add(v)
>>> s.kind, s.summary()["mean"], s.summary()["empty"]
('number', '5', 1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from secplan.data.columns import is_number

#: Distinct values counted exactly up to this many; beyond it the count says "at least".
MAX_DISTINCT = 50_000


@dataclass(slots=True)
class ColumnStats:
    count: int = 0
    empty: int = 0
    numbers: int = 0
    total: float = 0.0
    squares: float = 0.0
    low: float = math.inf
    high: float = -math.inf
    lengths: int = 0
    distinct: set[int] = field(default_factory=set)
    distinct_capped: bool = False

    def add(self, value: str) -> None:
        self.count += 1
        if not value:
            self.empty += 1
            return
        self.lengths += len(value)
        if len(self.distinct) < MAX_DISTINCT:
            self.distinct.add(hash(value))
        elif hash(value) not in self.distinct:
            self.distinct_capped = True
        if is_number(value):
            try:
                x = float(value.replace(",", ""))
            except ValueError:
                return
            if math.isfinite(x):
                self.numbers += 1
                self.total += x
                self.squares += x * x
                self.low = min(self.low, x)
                self.high = max(self.high, x)

    @property
    def kind(self) -> str:
        filled = self.count - self.empty
        if not filled:
            return "empty"
        return "number" if self.numbers == filled else "text"

    def summary(self) -> dict[str, object]:
        filled = self.count - self.empty
        out: dict[str, object] = {"type": self.kind, "count": self.count, "empty": self.empty}
        out["distinct"] = f">={len(self.distinct)}" if self.distinct_capped else len(self.distinct)
        if self.kind == "number" and self.numbers:
            mean = self.total / self.numbers
            var = max(0.0, self.squares / self.numbers - mean * mean)
            out |= {
                "mean": f"{mean:.6g}",
                "std": f"{math.sqrt(var):.6g}",
                "min": f"{self.low:.6g}",
                "max": f"{self.high:.6g}",
            }
        elif filled:
            out["mean_length"] = f"{self.lengths / filled:.3g}"
        return out
