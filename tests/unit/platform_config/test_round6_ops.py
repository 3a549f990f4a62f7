"""Round-6 causes in command lines: the image a ``docker run`` starts, and findings of a
continued command placed at the physical line that holds what they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.platform_config.commands import check_command
from tests.helpers import findings_of, scan, write


@pytest.mark.parametrize(
    "cmd, expected",
    [
        ("docker run --rm ghcr.io/acme/server:latest --port 80", ["CF101"]),
        ("podman run -d registry.example.com/team/app", ["CF101"]),  # no tag: latest
        ("docker run --rm ghcr.io/acme/server:2.2.0", []),
        ("docker run --rm ghcr.io/acme/server@sha256:" + "ab" * 32, []),
        ("docker run --rm ghcr.io/acme/server:latest@sha256:" + "ab" * 32, []),
        ("docker run --rm $IMAGE", []),
        ("docker run --rm registry:5000/app:${TAG}", []),
        ("docker compose run trainer", []),
    ],
)
def test_run_image_without_a_fixed_tag(cmd: str, expected: list[str]) -> None:
    assert sorted(h.rule.id for h in check_command(cmd) if h.rule.id == "CF101") == expected


def test_continued_run_places_findings_at_their_own_lines(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serve/launch.sh",
        "#!/usr/bin/env bash\n"
        "docker run --gpus all -p 127.0.0.1:8080:80 \\\n"
        '  -v "$PWD/data:/data" \\\n'
        "  ghcr.io/huggingface/text-generation-inference:latest \\\n"
        "  --model-id acme/support-model\n",
    )
    a = scan(tmp_path)
    [image] = findings_of(a, "CF101")
    [model] = findings_of(a, "CD112")
    assert (image.location.line, model.location.line) == (4, 5)


def test_argo_workflow_pod_settings_are_judged_where_written(tmp_path: Path) -> None:
    write(
        tmp_path,
        "workflows/sweep.yaml",
        "apiVersion: argoproj.io/v1alpha1\n"
        "kind: Workflow\n"
        "metadata:\n"
        "  generateName: sweep-\n"
        "spec:\n"
        "  entrypoint: main\n"
        "  hostNetwork: true\n"
        "  templates:\n"
        "    - name: main\n"
        "      container:\n"
        "        image: registry.example.com/train:1.0\n"
        "        command: [python, train.py]\n"
        "        volumeMounts:\n"
        "          - name: cache\n"
        "            mountPath: /cache\n"
        "      volumes:\n"
        "        - name: cache\n"
        "          hostPath:\n"
        "            path: /var/lib/models\n"
        "        - name: scratch\n"
        "          emptyDir: {}\n",
    )
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF106")] == [7]
    assert [f.location.line for f in findings_of(a, "CF110")] == [19]


def test_workflow_without_host_settings_adds_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        "workflows/ok.yaml",
        "apiVersion: argoproj.io/v1alpha1\n"
        "kind: WorkflowTemplate\n"
        "metadata:\n"
        "  name: ok\n"
        "spec:\n"
        "  hostNetwork: false\n"
        "  volumes:\n"
        "    - name: data\n"
        "      persistentVolumeClaim:\n"
        "        claimName: data\n"
        "  templates:\n"
        "    - name: main\n"
        "      container:\n"
        "        image: registry.example.com/train:1.0\n",
    )
    a = scan(tmp_path)
    assert findings_of(a, "CF106") == [] and findings_of(a, "CF110") == []
