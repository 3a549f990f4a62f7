"""Incident playbooks for ML systems and the regulatory clocks that apply to an incident.

A playbook is a list of steps, each due a number of hours after the team became aware of the
incident. A regulatory clock is a step of its own, due when the law says the report is due:

>>> from datetime import UTC, datetime
>>> aware = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
>>> [(s.basis, s.due(aware).isoformat()) for s in clocks(personal_data=True, serious=None)]
[('GDPR Art. 33(1)', '2026-03-05T09:00:00+00:00')]
>>> [s.due(aware).day for s in clocks(personal_data=False, serious="death")]
[12]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Kind = Literal["poisoned-data", "stolen-model", "pii-leak", "malicious-model-file", "other"]
Serious = Literal["general", "widespread", "death"]
KINDS: tuple[Kind, ...] = (
    "poisoned-data",
    "stolen-model",
    "pii-leak",
    "malicious-model-file",
    "other",
)


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    hours: int  # due this many hours after awareness
    basis: str = ""  # the law that sets the deadline, for a regulatory clock

    def due(self, aware: datetime) -> datetime:
        return aware + timedelta(hours=self.hours)


PLAYBOOKS: dict[Kind, tuple[Step, ...]] = {
    "poisoned-data": (
        Step("Freeze training and deployment pipelines that read the suspect data", 4),
        Step("Identify the poisoned records and every dataset version that holds them", 24),
        Step("List the models trained on those versions and take them out of service", 24),
        Step("Restore a verified dataset version (check its signature) and retrain", 7 * 24),
        Step("Evaluate the retrained models against the poisoning (backdoor triggers)", 10 * 24),
        Step("Close the ingestion path the poison came through; add provenance checks", 14 * 24),
    ),
    "stolen-model": (
        Step("Revoke the credentials and tokens that reached the model store", 2),
        Step("Establish which model versions and weights left, from the audit trail", 24),
        Step("Rotate the keys that encrypt or sign the affected models", 48),
        Step("Assess exposure: training data recoverable from the weights (inversion)", 72),
        Step("Watch for the model's use elsewhere (fingerprints, API abuse)", 7 * 24),
        Step("Restrict access to the model store to least privilege; review roles", 14 * 24),
    ),
    "pii-leak": (
        Step("Switch on output filtering or take the endpoint offline", 2),
        Step("Collect the outputs that leaked personal data and whose data it is", 24),
        Step("Find the source: memorised training data, retrieval corpus or logs", 48),
        Step("Remove the personal data from the source; retrain or re-index", 7 * 24),
        Step("Inform the people affected when the risk to them is high (GDPR Art. 34)", 7 * 24),
    ),
    "malicious-model-file": (
        Step("Quarantine the file and every copy; stop jobs that load it", 2),
        Step("Find every host that loaded it and treat them as compromised", 24),
        Step("Scan the model registry and caches for the same payload", 48),
        Step("Rebuild affected hosts; rotate credentials they held", 72),
        Step("Allow only safe formats (safetensors) or signed files from now on", 14 * 24),
    ),
    "other": (
        Step("Contain: stop the harm from spreading", 4),
        Step("Investigate the cause and the systems affected", 72),
        Step("Recover and record the lessons learnt", 14 * 24),
    ),
}

GDPR_33 = "GDPR Art. 33(1)"
AI_ACT_73 = "EU AI Act Art. 73"
#: EU AI Act Art. 73: 15 days in general (73(2)), 2 days for a widespread infringement or a
#: serious and irreversible disruption of critical infrastructure (73(3)), 10 days in the
#: event of a person's death (73(4)); each from awareness.
AI_ACT_DAYS: dict[Serious, tuple[int, str]] = {
    "general": (15, "73(2)"),
    "widespread": (2, "73(3)"),
    "death": (10, "73(4)"),
}


def clocks(*, personal_data: bool, serious: Serious | None) -> list[Step]:
    """The regulatory reports due for an incident: GDPR Art. 33 within 72 hours of awareness
    of a personal-data breach; EU AI Act Art. 73 for a serious incident of a high-risk AI
    system."""
    steps = []
    if personal_data:
        steps.append(
            Step(
                "Notify the supervisory authority of the personal-data breach",
                72,
                GDPR_33,
            )
        )
    if serious is not None:
        days, para = AI_ACT_DAYS[serious]
        steps.append(
            Step(
                "Report the serious incident to the market surveillance authority",
                days * 24,
                f"EU AI Act Art. {para}",
            )
        )
    return steps
