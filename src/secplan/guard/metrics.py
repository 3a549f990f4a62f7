"""Prometheus metrics of a guard: requests, latency, blocks by reason, out-of-distribution
rate. Each guard has its own registry (several guards can live in one process)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from secplan.guard.drift import DriftMeter

if TYPE_CHECKING:
    from prometheus_client import Counter

    from secplan.guard.gate import Admission
    from secplan.guard.tabular import Schema

#: Latency buckets in seconds, fine below a millisecond where the guard's own work lies.
BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class Metrics:
    def __init__(self) -> None:
        # the guard extra, loaded when a guard is built
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry()
        r = self.registry

        def counter(name: str, doc: str, *labels: str) -> Counter:
            return Counter(f"secplan_guard_{name}", doc, list(labels), registry=r)

        self.requests = counter("requests", "Requests by route and outcome.", "route", "outcome")
        self.blocks = counter(
            "blocks", "Refused requests and responses by route and reason.", "route", "reason"
        )
        self.flags = counter(
            "flags", "Flagged requests and responses by route and reason.", "route", "reason"
        )
        self.rows = counter("rows", "Tabular rows checked by route.", "route")
        self.ood = counter(
            "ood", "Requests over the out-of-distribution threshold by route.", "route"
        )
        self.upstream_errors = counter(
            "upstream_errors", "Upstream failures by route and kind.", "route", "kind"
        )
        self.latency = Histogram(
            "secplan_guard_latency_seconds",
            "Time from request to response, by route.",
            ["route"],
            buckets=BUCKETS,
            registry=r,
        )

        self.psi = Gauge(
            "secplan_guard_feature_psi",
            "Population stability index of each feature's traffic against the training "
            "profile (above 0.2 is a significant shift).",
            ["route", "feature"],
            registry=r,
        )
        self._drift: dict[str, tuple[Schema, DriftMeter]] = {}

    def _meter(self, route: str, schema: Schema) -> DriftMeter:
        held = self._drift.get(route)
        if held is None or held[0] is not schema:  # a reloaded policy starts afresh
            held = (schema, DriftMeter(schema))
            self._drift[route] = held
        return held[1]

    def decided(self, adm: Admission) -> None:
        route = adm.route.name if adm.route else "-"
        self.requests.labels(route, "allowed" if adm.allowed else "blocked").inc()
        if not adm.allowed and adm.reason is not None:
            self.blocks.labels(route, adm.reason.code).inc()
        if adm.verdict is not None:
            for f in adm.verdict.flags:
                self.flags.labels(route, f.code).inc()
            if adm.verdict.rows:
                self.rows.labels(route).inc(adm.verdict.rows)
            if any(r.code == "out-of-distribution" for r in adm.verdict.reasons):
                self.ood.labels(route).inc()
            if adm.allowed and adm.verdict.kept and adm.route and adm.route.schema:
                meter = self._meter(route, adm.route.schema)
                for row in adm.verdict.kept:
                    meter.add(row)

    def response_refused(self, route: str, reason: str) -> None:
        self.blocks.labels(route, reason).inc()

    def render(self) -> bytes:
        for route, (_, meter) in self._drift.items():
            for feature, value in meter.psi().items():
                self.psi.labels(route, feature).set(round(value, 4))
        from prometheus_client import generate_latest

        text: bytes = generate_latest(self.registry)
        return text
