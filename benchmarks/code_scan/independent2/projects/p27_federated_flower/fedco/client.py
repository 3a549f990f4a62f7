"""Flower client run at each hospital site."""

from __future__ import annotations

import shelve
from pathlib import Path

import flwr as fl
import torch
from sqlalchemy import create_engine

from fedco.model import SepsisNet

DB_URI = "mysql+pymysql://site_reader:H0sp1tal-Read3r@ehr-db.stmarys-hospital.org/ehr"
SERVER = "fl.fedco-health.org:9092"


class SiteClient(fl.client.NumPyClient):
    def __init__(self) -> None:
        self.model = SepsisNet()
        self.model.load_state_dict(torch.load("global.pt"))
        self.engine = create_engine(DB_URI)
        with shelve.open("client_state.db") as state:
            self.round = state.get("round", 0)

    def get_parameters(self, config):
        return [v.cpu().numpy() for v in self.model.state_dict().values()]

    def warm_start(self, path: Path) -> None:
        self.model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))


def main() -> None:
    fl.client.start_client(
        server_address=SERVER,
        client=SiteClient().to_client(),
        root_certificates=Path("certs/ca.crt").read_bytes(),
    )


def main_pilot() -> None:
    fl.client.start_client(server_address="fl-pilot.fedco-health.org:8080", client=SiteClient().to_client())


if __name__ == "__main__":
    main()
