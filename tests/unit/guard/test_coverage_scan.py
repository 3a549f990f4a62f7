"""Serving endpoints found in a project, the guard policies covering them (GD001-GD006), and
MS2/MS5/MS6 decided from them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from secplan.engine import Assessment
from secplan.model import ControlPosture, Severity, Status
from tests.helpers import findings_of, rules_of, scan, write

MODEL_APP = """
    import joblib
    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()
    model = joblib.load("model.joblib")


    @app.post("/predict")
    def predict(rows: list[list[float]]) -> list[int]:
        return model.predict(rows).tolist()


    if __name__ == "__main__":
        uvicorn.run(app, host="127.0.0.1", port=8080)
    """
COMPOSE = """
    services:
      api:
        build: .
        command: uvicorn app:app --port 8080
      llm:
        image: vllm/vllm-openai:v0.6.3
        command: ["--model", "/models/qwen", "--api-key", "${VLLM_KEY}"]
        mem_limit: 8g
    """
GUARDS = """
      guard-api:
        image: ghcr.io/example/secplan:1.0
        command: secplan guard serve --policy /etc/secplan/guard.toml --upstream http://api:8080
        mem_limit: 1g
      guard-llm:
        image: ghcr.io/example/secplan:1.0
        command: ["secplan", "guard", "serve", "--policy", "/etc/secplan/guard.toml",
                  "--upstream", "http://llm:8000"]
        mem_limit: 1g
    """
CHAT_ROUTE = """
[[route]]
name = "chat"
path = "/v1/chat/completions"
protocol = "openai-chat"

[route.limits]
rate = 5
"""
POLICY = '[[route]]\nname = "iris"\npath = "/predict"\n\n[route.limits]\nrate = 10\n' + CHAT_ROUTE


def _control(a: Assessment, cid: str) -> ControlPosture:
    return next(c for c in a.posture.controls if c.control == cid)


def _guard_controls(a: Assessment, status: Status, *words: str) -> None:
    """MS2, MS5 and MS6 have ``status`` and a reason holding every one of ``words``."""
    for cid in ("MS2", "MS5", "MS6"):
        c = _control(a, cid)
        assert c.status is status, (cid, c.reasons)
        assert any(all(w in r for w in words) for r in c.reasons), c.reasons


def _project(root: Path, guarded: bool, policy: str = POLICY) -> None:
    write(root, "app.py", MODEL_APP)
    write(root, "compose.yaml", COMPOSE + (GUARDS if guarded else ""))
    if policy:
        write(root, "guard.toml", policy)


def test_uncovered_endpoints_fail_ms2_ms5_ms6(tmp_path: Path) -> None:
    _project(tmp_path, guarded=False, policy="")
    a = scan(tmp_path)
    found = sorted((f.location.path, f.location.line) for f in findings_of(a, "GD001"))
    assert found == [("app.py", 6), ("compose.yaml", 6)]
    assert {f.severity for f in findings_of(a, "GD001")} == {Severity.MEDIUM}
    _guard_controls(a, Status.FAIL, "2 of 2 serving endpoint(s) not covered", "app.py:6 (fastapi")


def test_guard_services_in_compose_cover_them_and_pass(tmp_path: Path) -> None:
    _project(tmp_path, guarded=True)
    a = scan(tmp_path)
    assert not [r for r in rules_of(a) if r.startswith("GD")]
    _guard_controls(a, Status.PASS, "evidence: 2 of 2 serving endpoint(s) covered", "guard-llm")


def test_guard_pointing_elsewhere_covers_nothing(tmp_path: Path) -> None:
    _project(tmp_path, guarded=True)
    text = (tmp_path / "compose.yaml").read_text().replace("http://llm:8000", "http://llm:9999")
    (tmp_path / "compose.yaml").write_text(text)
    [f] = findings_of(scan(tmp_path), "GD001")
    assert f.location.path == "compose.yaml" and "vllm endpoint llm" in f.message


def test_published_server_is_high(tmp_path: Path) -> None:
    write(
        tmp_path,
        "compose.yaml",
        "services:\n  tgi:\n    image: ghcr.io/huggingface/"
        "text-generation-inference:2.4\n    ports: ['8080:80']\n",
    )
    [f] = findings_of(scan(tmp_path), "GD001")
    assert f.severity is Severity.HIGH and "tgi" in f.message


def test_bad_policy_is_one_line_finding(tmp_path: Path) -> None:
    _project(tmp_path, guarded=True, policy='[[route]]\nname = "chat"\npath = "no-slash"\n')
    a = scan(tmp_path)
    [f] = findings_of(a, "GD002")
    assert f.location.path == "guard.toml"
    assert "\n" not in f.message and "Traceback" not in f.message
    assert "path" in f.message
    # the guards front a policy that does not load: nothing is covered
    assert len(findings_of(a, "GD001")) == 2
    assert all("invalid" in f.message for f in findings_of(a, "GD001"))
    assert _control(a, "MS2").status is Status.FAIL


def test_not_toml_policy_is_one_line_finding(tmp_path: Path) -> None:
    write(tmp_path, "guard.toml", "[[route]\nname = \n")
    [f] = findings_of(scan(tmp_path), "GD002")
    assert "\n" not in f.message


def test_weak_policy_routes(tmp_path: Path) -> None:
    weak = """
        [[route]]
        name = "open"
        path = "/predict"
        public = true

        [route.input]
        schema = "pass"
        range = "pass"
        ood = "pass"
        injection = "pass"
        pii = "pass"
        secrets = "pass"
        tokens = "pass"
        """
    _project(tmp_path, guarded=True, policy=textwrap.dedent(weak) + CHAT_ROUTE)
    a = scan(tmp_path)
    gd = sorted((f.location.line, f.rule) for f in a.report.findings if f.rule.startswith("GD"))
    # all on the open route's name line; the chat route is fine
    assert gd == [(3, "GD003"), (3, "GD004"), (3, "GD005")]
    assert _control(a, "MS2").status is Status.FAIL
    assert _control(a, "MS5").status is Status.PASS
    assert _control(a, "MS6").status is Status.FAIL


def test_middleware_covers_its_app_and_needs_the_audit_trail(tmp_path: Path) -> None:
    app = MODEL_APP.replace(
        'model = joblib.load("model.joblib")',
        'model = joblib.load("model.joblib")\n'
        "    from secplan.guard.proxy import GuardMiddleware\n"
        "    from secplan.guard.serve import build_gate\n"
        '    guarded = GuardMiddleware(app, build_gate(Path("guard.toml"), None))',
    )
    write(tmp_path, "app.py", app)
    write(tmp_path, "guard.toml", POLICY)
    a = scan(tmp_path)
    assert not findings_of(a, "GD001")
    [f] = findings_of(a, "GD006")
    assert f.location.path == "app.py"
    assert _control(a, "MS5").status is Status.FAIL
    assert _control(a, "MS2").status is Status.PASS


def test_no_serving_endpoint_leaves_ms2_not_applicable(tmp_path: Path) -> None:
    write(tmp_path, "train.py", "import pandas as pd\nprint(pd.read_csv('x.csv').shape)\n")
    a = scan(tmp_path)
    assert not [r for r in rules_of(a) if r.startswith("GD")]
    for cid in ("MS2", "MS5"):
        assert _control(a, cid).status is Status.NOT_APPLICABLE


def test_plain_web_app_is_no_endpoint(tmp_path: Path) -> None:
    write(
        tmp_path,
        "users.py",
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/users/{uid}")
        def user(uid: int) -> dict[str, int]:
            return {"id": uid}
        """,
    )
    a = scan(tmp_path)
    assert not findings_of(a, "GD001")
    assert a.facts.endpoints == ()
    # serving code without a model endpoint: nothing to prove MS2 with
    ms2 = _control(a, "MS2")
    assert ms2.status is Status.NEEDS_EVIDENCE
    assert "the scan found no serving endpoint" in ms2.reasons[0]
