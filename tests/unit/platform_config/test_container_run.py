"""``docker run`` / ``podman run`` options judged like the same settings in compose or a pod:
in shell scripts, Makefile recipes, Slurm batch files and CI steps, at the option's line.

Known false negatives: options held in a variable (``docker run $DOCKER_OPTS img``), and
``docker compose run`` (its options do not grant privileges).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.platform_config.commands import check_command
from secplan.scanners.platform_config.containerrun import run_options
from tests.helpers import line_with, scan, write


def ids(cmd: str) -> list[str]:
    return sorted(h.rule.id for h in check_command(cmd))


@pytest.mark.parametrize(
    "cmd, expected",
    [
        ("docker run --rm --gpus all --privileged -p 7860:7860 img:1", ["CF105"]),
        ("docker run --privileged=true img:1", ["CF105"]),
        ("docker run --privileged=false img:1", []),
        ("sudo podman run --net=host img:1", ["CF106"]),
        ("docker run --network host img:1", ["CF106"]),
        ("docker run --pid=host --ipc host --uts=host img:1", ["CF106", "CF106", "CF106"]),
        ("docker run --network bridge --ipc=private img:1", []),
        ("nerdctl run --cap-add=SYS_ADMIN img:1", ["CF109"]),
        ("docker run --cap-add ALL img:1", ["CF109"]),
        ("docker run --cap-add CAP_NET_ADMIN img:1", ["CF109"]),
        ("docker run --cap-add NET_BIND_SERVICE --cap-drop ALL img:1", []),
        ("docker run --security-opt seccomp=unconfined img:1", ["CF126"]),
        ("docker run --security-opt apparmor:unconfined img:1", ["CF126"]),
        ("docker run --security-opt label=disable img:1", ["CF126"]),
        ("docker run --security-opt no-new-privileges img:1", []),
        ("docker run -v /:/host:ro,rslave img:1", ["CF110"]),
        ("docker run -v /var/run/docker.sock:/var/run/docker.sock img:1", ["CF110"]),
        ("docker run --volume=/etc:/host-etc img:1", ["CF110"]),
        ("docker run --mount type=bind,source=/proc,target=/hp img:1", ["CF110"]),
        ("docker run --mount type=bind,src=/var/run/docker.sock,dst=/s img:1", ["CF110"]),
        ("docker run --mount type=volume,source=models,target=/m img:1", []),
        ("docker run -v /data/models:/models -v $(pwd):/work -v cache:/c img:1", []),
        ("docker run -v /etc/myapp:/etc/myapp:ro img:1", []),
        ("docker run -u 0 img:1", ["CF107"]),
        ("docker run --user root img:1", ["CF107"]),
        ("docker run --user 1000:1000 img:1", []),
        ("docker run --device /dev/nvidia0 img:1", ["CF111"]),
        ("docker run --device /dev/fuse img:1", []),
        ("docker container create --privileged img:1", ["CF105"]),
        ("docker --context prod run --net=host img:1", ["CF106"]),
        ("docker run -dit --net=host img:1", ["CF106"]),
        # what follows the image is the container's own command, not docker's options
        ("docker run --rm img:1 tool --privileged --net=host -v /:/x", []),
        ("docker run -e A=1 -w /w img:1 sh -c 'mount --privileged'", []),
        # other subcommands and programs
        ("docker exec -it box sh", []),
        ("docker build --network host -t x .", []),
        ("docker compose run --rm app", []),
        ("mydocker run --privileged", []),
        # a known unauthenticated UI published beyond loopback
        ("docker run -d -p 8080:8080 provectuslabs/kafka-ui:v0.7.2", ["CF117"]),
        ("docker run -d -p 6333:6333 qdrant/qdrant:v1.9.0", ["CF117"]),
        ("docker run -d -p 127.0.0.1:8080:8080 provectuslabs/kafka-ui:v0.7.2", []),
        ("docker run -d -e AUTH_TYPE=LOGIN_FORM -p 8080:8080 provectuslabs/kafka-ui:v0.7.2", []),
        ("docker run -d ollama/ollama:0.3.0", []),
        ("docker run -p 7860:7860 demo:1 python gradio_app.py", ["CF117"]),
        ("docker run -p 127.0.0.1:7860:7860 demo:1 python gradio_app.py", []),
    ],
)
def test_run_options(cmd: str, expected: list[str]) -> None:
    assert ids(cmd) == sorted(expected)


def test_options_stop_at_the_image() -> None:
    words = ["docker", "run", "-it", "-v/:/h", "--name", "x", "img", "--pid=host"]
    assert [(n, v) for n, v, _ in run_options(words)] == [
        ("-i", ""),
        ("-t", ""),
        ("-v", "/:/h"),
        ("--name", "x"),
    ]


PROVISION = """\
    #!/bin/sh
    set -eu
    docker run -d --name node-exporter \\
      --net=host \\
      --pid=host \\
      -v /srv/data:/data \\
      -v /:/host:ro,rslave \\
      quay.io/prometheus/node-exporter:v1.7.0 --path.rootfs=/host
    docker run --rm -p 127.0.0.1:9000:9000 minio/minio:RELEASE.2024-01-01T00-00-00Z server /d
    """

MAKEFILE = (
    "build:\n\tdocker build -t $(IMAGE) .\n"
    "run-gpu:\n\tdocker run --rm --gpus all --privileged $(IMAGE)\n"
    "run:\n\tdocker run --rm -p 127.0.0.1:7860:7860 $(IMAGE)\n"
)

SBATCH = """\
    #!/bin/bash
    #SBATCH --job-name=eval
    #SBATCH --gres=gpu:1
    podman run --rm --security-opt seccomp=unconfined --ipc=host img:1 python eval.py
    """


def test_findings_land_on_the_option_line(tmp_path: Path) -> None:
    write(tmp_path, "fleet/provision.sh", PROVISION)
    write(tmp_path, "Makefile", MAKEFILE)
    write(tmp_path, "slurm/eval.sbatch", SBATCH)
    found = {
        (f.rule, f.location.path, f.location.line)
        for f in scan(tmp_path).report.findings
        if f.rule in ("CF105", "CF106", "CF110", "CF126")
    }
    assert found == {
        ("CF106", "fleet/provision.sh", line_with(PROVISION, "--net=host")),
        ("CF106", "fleet/provision.sh", line_with(PROVISION, "--pid=host")),
        ("CF110", "fleet/provision.sh", line_with(PROVISION, "-v /:/host")),
        ("CF105", "Makefile", 4),
        ("CF126", "slurm/eval.sbatch", 4),
        ("CF106", "slurm/eval.sbatch", 4),
    }
