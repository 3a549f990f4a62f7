"""Governance: evidence, waivers (exceptions) and asset records kept under ``.secplan/``."""

from secplan.governance.records import (
    RECORDS_DIR,
    Approval,
    DatasetRecord,
    Evidence,
    Label,
    ModelRecord,
    Records,
    Waiver,
    load_records,
)
from secplan.governance.waivers import WaiverState, waiver_state

__all__ = [
    "RECORDS_DIR",
    "Approval",
    "DatasetRecord",
    "Evidence",
    "Label",
    "ModelRecord",
    "Records",
    "Waiver",
    "WaiverState",
    "load_records",
    "waiver_state",
]
