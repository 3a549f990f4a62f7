"""KServe InferenceServices left at the default exposure: served through the cluster's ingress
gateway, which asks for no credentials unless an auth policy is configured (CF117)."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.model import Confidence, Severity
from tests.helpers import findings_of, scan, write

HEAD = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: llm\n"
SPEC = "spec:\n  predictor:\n    model:\n      modelFormat: {name: huggingface}\n"
AUTH_POLICY = (
    "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n"
    "  name: jwt\n  namespace: serving\nspec:\n  jwtRules:\n  - issuer: https://idp.example\n"
)


def test_bare_inference_service_is_reported_as_default_exposure(tmp_path: Path) -> None:
    write(tmp_path, "isvc.yaml", HEAD + SPEC)
    [f] = findings_of(scan(tmp_path), "CF117")
    assert f.location.line == 4  # metadata.name
    assert f.severity is Severity.MEDIUM and f.confidence is Confidence.LOW
    assert "ingress gateway" in f.message


def test_auth_turned_off_stays_high(tmp_path: Path) -> None:
    meta = '  annotations:\n    serving.kserve.io/enable-auth: "false"\n'
    write(tmp_path, "isvc.yaml", HEAD + meta + SPEC)
    [f] = findings_of(scan(tmp_path), "CF117")
    assert f.severity is Severity.HIGH and f.location.line == 6


@pytest.mark.parametrize(
    "meta",
    [
        '  annotations:\n    serving.kserve.io/enable-auth: "true"\n',
        "  labels:\n    networking.kserve.io/visibility: cluster-local\n",
        "  labels:\n    networking.knative.dev/visibility: cluster-local\n",
    ],
)
def test_auth_on_or_cluster_local_is_not_reported(tmp_path: Path, meta: str) -> None:
    write(tmp_path, "isvc.yaml", HEAD + meta + SPEC)
    assert findings_of(scan(tmp_path), "CF117") == []


def test_a_mesh_auth_policy_in_the_project_covers_it(tmp_path: Path) -> None:
    write(tmp_path, "k8s/isvc.yaml", HEAD + SPEC)
    write(tmp_path, "k8s/mesh/auth.yaml", AUTH_POLICY)
    assert findings_of(scan(tmp_path), "CF117") == []
