"""Compose services."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, rules_of, scan, write


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
