"""Which endpoints a valid guard policy covers: guards by service name, loopback port, a
policy route's own upstream, and policies found by the name a guard gives."""

from __future__ import annotations

from pathlib import Path

from secplan.discovery import discover
from secplan.guard.coverage import Coverage, coverage
from tests.helpers import write

POLICY = '[[route]]\nname = "chat"\npath = "/v1/chat/completions"\n[route.limits]\nrate = 5\n'


def _routed(upstream: str) -> str:
    """The policy, its route sending to ``upstream``."""
    return POLICY.replace("[route.limits]", f'upstream = "{upstream}"\n[route.limits]')


K8S = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: tgi}
    spec:
      template:
        metadata: {labels: {app: tgi}}
        spec:
          containers:
          - name: tgi
            image: ghcr.io/huggingface/text-generation-inference:2.4
            ports: [{containerPort: 8080}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: tgi}
    spec: {selector: {app: tgi}, ports: [{port: 8080}]}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: guard}
    spec:
      template:
        spec:
          containers:
          - name: guard
            image: secplan
            command: [secplan, guard, serve, --policy, /policy/llm.toml,
                      --upstream, "http://tgi:8080"]
    """


def _cov(root: Path) -> Coverage:
    return coverage(discover(root, root=root).artifacts)


def test_kubernetes_guard_by_service_name_and_named_policy(tmp_path: Path) -> None:
    write(tmp_path, "deploy/k8s.yaml", K8S)
    write(tmp_path, "deploy/policy/llm.toml", POLICY)
    write(tmp_path, "a/llm.toml", "not = 'a policy'\n")
    [c] = _cov(tmp_path).covers
    assert c.covered and c.policy is not None
    assert c.policy.path == "deploy/policy/llm.toml"  # the most path components in common
    assert "guard service guard (deploy/k8s.yaml:" in c.how


def test_guard_whose_policy_is_not_in_the_project_covers_nothing(tmp_path: Path) -> None:
    write(tmp_path, "deploy/k8s.yaml", K8S)
    [c] = _cov(tmp_path).covers
    assert not c.covered and "policy /policy/llm.toml is not in the project" in c.why_not


def test_loopback_guard_in_a_script_covers_the_server_on_its_port(tmp_path: Path) -> None:
    write(
        tmp_path,
        "run.sh",
        """\
        #!/bin/sh
        vllm serve /models/m --port 9000 &
        exec secplan guard serve --policy guard.toml --upstream http://127.0.0.1:9000
        """,
    )
    write(tmp_path, "guard.toml", POLICY)
    [c] = _cov(tmp_path).covers
    assert c.covered and c.guard is not None and c.guard.line == 3
    (tmp_path / "run.sh").write_text(
        (tmp_path / "run.sh").read_text().replace("127.0.0.1:9000", "127.0.0.1:9001")
    )
    [c] = _cov(tmp_path).covers
    assert not c.covered


def test_policy_route_upstream_covers_a_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        "compose.yaml",
        "services:\n  ollama:\n    image: ollama/ollama:0.3.12\n",
    )
    write(tmp_path, "llm.guard.toml", _routed("http://ollama:11434"))
    [c] = _cov(tmp_path).covers
    assert c.covered and c.guard is None and c.how == "a route upstream in llm.guard.toml"


def test_an_invalid_policy_covers_nothing(tmp_path: Path) -> None:
    write(tmp_path, "compose.yaml", "services:\n  ollama:\n    image: ollama/ollama:0.3.12\n")
    write(tmp_path, "guard.toml", _routed("ollama:11434"))  # no scheme
    cov = _cov(tmp_path)
    [p] = cov.policies
    assert p.policy is None and "route.0.upstream" in p.error and "\n" not in p.error
    assert not cov.covers[0].covered


def test_operator_services_and_compose_aliases_are_names_of_the_endpoint(tmp_path: Path) -> None:
    write(
        tmp_path,
        "isvc.yaml",
        """\
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: iris, namespace: models}
        """,
    )
    write(
        tmp_path,
        "compose.yaml",
        """\
        services:
          llm:
            image: ollama/ollama:0.3.12
            container_name: ollama-main
          guard-llm:
            image: secplan
            command: secplan guard serve --upstream http://ollama-main:11434
          guard-iris:
            image: secplan
            command: >-
              secplan guard serve
              --upstream http://iris-predictor.models.svc.cluster.local
        """,
    )
    write(tmp_path, "guard.toml", POLICY)
    covers = _cov(tmp_path).covers
    assert [(c.endpoint.kind, c.covered) for c in covers] == [("ollama", True), ("kserve", True)]
    text = (tmp_path / "compose.yaml").read_text().replace("iris-predictor", "iris-explainer")
    (tmp_path / "compose.yaml").write_text(text)
    assert [c.covered for c in _cov(tmp_path).covers] == [True, False]


def test_malformed_upstreams_cover_nothing_and_never_fail(tmp_path: Path) -> None:
    write(
        tmp_path,
        "run.sh",
        "vllm serve m --port 9000\nsecplan guard serve --upstream 'http://[::1:9000'\n"
        "secplan guard serve --upstream http://127.0.0.1:99999\n",
    )
    write(tmp_path, "guard.toml", _routed("http://[::1"))
    cov = _cov(tmp_path)
    assert [c.covered for c in cov.covers] == [False]
    assert [(g.host, g.port) for g in cov.guards] == [("", None), ("", None)]


def test_a_router_is_served_by_the_app_that_includes_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        "app/routers/predict.py",
        """\
        import joblib
        from fastapi import APIRouter

        router = APIRouter()
        model = joblib.load("model.joblib")


        @router.post("/score")
        def score(rows: list[list[float]]) -> list[float]:
            return model.predict(rows).tolist()
        """,
    )
    write(
        tmp_path,
        "app/routers/users.py",
        'from fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/users")\ndef u(): ...',
    )
    write(
        tmp_path,
        "app/main.py",
        "from fastapi import FastAPI\nfrom app.routers import predict, users\n"
        "app = FastAPI()\napp.include_router(predict.router)\napp.include_router(users.router)\n",
    )
    write(
        tmp_path,
        "compose.yaml",
        "services:\n  api:\n    build: .\n    command: uvicorn app.main:app --port 8080\n",
    )
    [c] = _cov(tmp_path).covers
    assert (c.endpoint.path, c.endpoint.line, c.covered) == ("app/routers/predict.py", 4, False)
    write(
        tmp_path,
        "compose.yaml",
        "services:\n  api:\n    build: .\n    command: uvicorn app.main:app --port 8080\n"
        "  guard:\n    image: secplan\n"
        "    command: secplan guard serve --upstream http://api:8080\n",
    )
    write(tmp_path, "guard.toml", POLICY)
    [c] = _cov(tmp_path).covers
    assert c.covered and c.guard is not None and c.guard.service == "guard"
