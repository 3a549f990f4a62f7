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


def test_images_security_profiles_and_sudo(tmp_path: Path) -> None:
    text = """\
        services:
          monitor:
            image: prom/prometheus
            mem_limit: 1g
            security_opt:
              - no-new-privileges:true
              - seccomp:unconfined
          proxy:
            image: nginx:latest
            mem_limit: 1g
            security_opt: ["apparmor=unconfined"]
          notebook:
            image: quay.io/jupyter/scipy-notebook:2024-10-14
            mem_limit: 1g
            environment:
              GRANT_SUDO: "yes"
          pinned:
            image: registry.local:5000/team/app@sha256:0123
            mem_limit: 1g
          templated:
            image: "ghcr.io/org/app:${TAG:-1.0}"
            mem_limit: 1g
          built:
            build: .
            mem_limit: 1g
        """
    write(tmp_path, "docker-compose.yml", text)
    a = scan(tmp_path)
    images = findings_of(a, "CF101")
    assert [f.location.line for f in images] == [
        line_with(text, "prom/prometheus"),
        line_with(text, "nginx:latest"),
    ]
    assert "no tag" in images[0].message and "latest" in images[1].message
    profiles = findings_of(a, "CF126")
    assert [f.location.line for f in profiles] == [
        line_with(text, "seccomp:unconfined"),
        line_with(text, "apparmor=unconfined"),
    ]
    [sudo] = findings_of(a, "CF125")
    assert sudo.location.line == line_with(text, "GRANT_SUDO")


def test_server_exposure_is_judged_by_published_ports(tmp_path: Path) -> None:
    text = """\
        services:
          board:
            image: tensorflow/tensorflow:2.17.0
            command: tensorboard --logdir /logs --host 0.0.0.0
            ports: ["127.0.0.1:6006:6006"]
            mem_limit: 1g
          tracking:
            image: ghcr.io/mlflow/mlflow:v2.16.0
            command: >
              mlflow server
              --backend-store-uri sqlite:///m.db
              --host 0.0.0.0 --port 5000
            ports: ["5000:5000"]
            mem_limit: 1g
          tgi:
            image: ghcr.io/huggingface/text-generation-inference:2.4.1
            command: --model-id org/model --trust-remote-code
            ports:
              - "8080:80"
            mem_limit: 1g
        """
    write(tmp_path, "compose.yaml", text)
    a = scan(tmp_path)
    assert findings_of(a, "CF118") == []  # TensorBoard published on loopback only
    exposed = findings_of(a, "CF117")
    assert [f.location.line for f in exposed] == [
        line_with(text, "--port 5000"),  # the option, inside the folded command
        line_with(text, '"8080:80"'),  # TGI's image runs the server: its published port
    ]
    [trust] = findings_of(a, "CF121")
    assert trust.location.line == line_with(text, "--trust-remote-code")


def test_interpolated_secrets_are_references(tmp_path: Path) -> None:
    text = """\
        services:
          db:
            image: postgres:16.4
            mem_limit: 1g
            environment:
              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
              MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD}
              REDIS_PASSWORD: ${REDIS_PASSWORD:-Xq7-s3cr3t-Vw9}
        """
    write(tmp_path, "compose.yaml", text)
    [f] = findings_of(scan(tmp_path), "CF113")
    assert f.location.line == line_with(text, "REDIS_PASSWORD")  # a literal default
