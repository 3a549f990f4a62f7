"""Compose services."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, line_with, rules_of, scan, write


def test_risky_compose(tmp_path: Path) -> None:
    write(
        tmp_path,
        "docker-compose.yml",
        """\
        services:
          notebook:
            image: jupyter/base-notebook:2024-01-01
            privileged: true
            network_mode: host
            user: root
            cap_add: [NET_ADMIN]
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock
              - ./data:/data
              - /etc:/host-etc:ro
            devices: ["/dev/nvidia0:/dev/nvidia0"]
            environment:
              OPENAI_API_KEY: sk-live-0123456789
              MODEL_DIR: /models
            command: jupyter lab --ip=0.0.0.0 --ServerApp.token=''
          tracking:
            image: ghcr.io/mlflow/mlflow:v2.16.0
            command: ["mlflow", "server", "--host", "0.0.0.0"]
            environment: ["MLFLOW_TRACKING_PASSWORD=hunter2hunter2"]
            deploy: {resources: {limits: {memory: 2g}}}
        """,
    )
    a = scan(tmp_path)
    for rule in ("CF105", "CF106", "CF107", "CF109", "CF110", "CF111", "CF112", "CF113", "CF117"):
        assert rule in rules_of(a), rule
    assert len(findings_of(a, "CF110")) == 2  # the socket and /etc, not ./data
    assert len(findings_of(a, "CF113")) == 2
    assert len(findings_of(a, "CF117")) == 2
    assert [f.message for f in findings_of(a, "CF112")] == ["service notebook has no memory limit"]


def test_hardened_compose_is_silent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "compose.yaml",
        """\
        services:
          api:
            image: example/api:1.0
            user: "10001"
            mem_limit: 1g
            volumes: ["./models:/models:ro"]
            environment: {HF_TOKEN: "${HF_TOKEN}", LOG_LEVEL: info}
            deploy:
              resources:
                reservations:
                  devices: [{capabilities: [gpu]}]
        """,
    )
    assert not [r for r in rules_of(scan(tmp_path)) if r.startswith("CF")]


def test_yaml_bomb_is_not_expanded(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 15):  # 10**14 nodes if expanded
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    write(tmp_path, "compose.yaml", "services: {}\n" + "\n".join(levels) + "\n")
    [f] = findings_of(scan(tmp_path), "CF116")
    assert "aliases" in f.message


def test_findings_sit_on_the_offending_key(tmp_path: Path) -> None:
    text = """\
        services:
          notebook:
            image: jupyter/base-notebook:2024-01-01
            privileged: true
            network_mode: host
            user: root
            cap_add:
              - CHOWN
              - SYS_ADMIN
            volumes:
              - ./data:/data
              - /var/run/docker.sock:/var/run/docker.sock
              - type: bind
                source: /etc
                target: /host-etc
            devices: ["/dev/nvidia0:/dev/nvidia0"]
            environment:
              MODEL_DIR: /models
              OPENAI_API_KEY: sk-live-0123456789
              MLFLOW_TRACKING_URI: http://mlflow.corp:5000
            command: jupyter lab --ip=0.0.0.0 --ServerApp.token=''
          api:
            image: example/api:1.0
            environment:
              - LOG_LEVEL=info
              - HF_TOKEN=hf_live_value_123456
        """
    write(tmp_path, "docker-compose.yml", text)
    findings = [f for f in scan(tmp_path).report.findings if f.location.path.endswith(".yml")]
    got = {(f.rule, f.evidence.split("=")[0]): f.location.line for f in findings}
    assert got["CF105", "privileged: true"] == line_with(text, "privileged")
    assert got["CF106", "network_mode: host"] == line_with(text, "network_mode")
    assert got["CF107", "user: root"] == line_with(text, "user: root")
    assert got["CF109", "cap_add: ['SYS_ADMIN']"] == line_with(text, "- SYS_ADMIN")
    assert got["CF110", "/var/run/docker.sock"] == line_with(text, "docker.sock:")
    assert got["CF110", "/etc"] == line_with(text, "source: /etc")
    assert got["CF111", "/dev/nvidia0"] == line_with(text, "devices:")
    assert got["CF113", "OPENAI_API_KEY"] == line_with(text, "OPENAI_API_KEY")
    assert got["CF113", "HF_TOKEN"] == line_with(text, "HF_TOKEN")
    assert got["CD131", "MLFLOW_TRACKING_URI"] == line_with(text, "MLFLOW_TRACKING_URI")
    assert got["CF117", "token"] == line_with(text, "command:")
    limits = {f.location.line for f in findings if f.rule == "CF112"}
    # an absence is reported on the service's own line
    assert limits == {line_with(text, "notebook:"), line_with(text, "api:")}
