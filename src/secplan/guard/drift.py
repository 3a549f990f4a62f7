"""Per-feature drift of the traffic against the training profile: the population stability
index (PSI) of each numeric feature's values over the profiled deciles, as ``secplan data
validate`` computes it for datasets.

>>> from secplan.guard.tabular import Feature, Schema
>>> f = Feature("x", "number", deciles=tuple(float(i) for i in range(1, 10)),
...             shares=(0.1,) * 10)
>>> d = DriftMeter(Schema((f,)))
>>> d.add({"x": 0.5})
>>> round(d.psi()["x"], 1)
8.3
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING, Any

from secplan.data.profile import _psi

if TYPE_CHECKING:
    from secplan.guard.tabular import Schema


class DriftMeter:
    """Counts of the traffic's values per profiled decile, feature by feature."""

    def __init__(self, schema: Schema) -> None:
        self.features = [f for f in schema.features if f.deciles and len(f.shares) == 10]
        self.bins = {f.name: [0] * (len(f.deciles) + 1) for f in self.features}
        self.seen = dict.fromkeys(self.bins, 0)
        self._plan = [(f.name, f.deciles, self.bins[f.name]) for f in self.features]

    def add(self, row: dict[str, Any]) -> None:
        for name, deciles, bins in self._plan:
            v = row.get(name)
            if (type(v) is float or type(v) is int) and math.isfinite(v):  # not bool
                bins[bisect.bisect_right(deciles, v)] += 1
                self.seen[name] += 1

    def psi(self) -> dict[str, float]:
        return {
            f.name: _psi(list(f.shares), self.bins[f.name], self.seen[f.name])
            for f in self.features
            if self.seen[f.name]
        }
