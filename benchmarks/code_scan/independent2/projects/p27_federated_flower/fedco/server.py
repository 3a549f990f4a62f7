"""Flower server with a custom FedAvg that also merges per-site extra state."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import flwr as fl
import numpy as np
from flwr.common import parameters_to_ndarrays

CERTS = Path("certs")


class SiteAwareFedAvg(fl.server.strategy.FedAvg):
    def aggregate_fit(self, server_round, results, failures):
        extras = []
        for _client, fit_res in results:
            blob = fit_res.metrics.get("extra_state")
            if blob:
                extras.append(pickle.loads(blob))
            hist = fit_res.metrics.get("histogram")
            if hist:
                extras.append(np.load(io.BytesIO(hist), allow_pickle=True))
        aggregated, metrics = super().aggregate_fit(server_round, results, failures)
        if aggregated is not None:
            arrays = parameters_to_ndarrays(aggregated)
            np.savez(f"rounds/round-{server_round}.npz", *arrays)
        return aggregated, {**metrics, "extras": len(extras)}


def serve_dev() -> None:
    fl.server.start_server(
        server_address="0.0.0.0:8080",
        config=fl.server.ServerConfig(num_rounds=3),
        strategy=SiteAwareFedAvg(),
    )


def serve() -> None:
    fl.server.start_server(
        server_address="0.0.0.0:9092",
        config=fl.server.ServerConfig(num_rounds=50),
        strategy=SiteAwareFedAvg(min_fit_clients=4),
        certificates=(
            (CERTS / "ca.crt").read_bytes(),
            (CERTS / "server.pem").read_bytes(),
            (CERTS / "server.key").read_bytes(),
        ),
    )


if __name__ == "__main__":
    serve()
