"""Round-6 causes in command lines: the image a ``docker run`` starts, and findings of a
continued command placed at the physical line that holds what they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.engine import Assessment
from secplan.scanners.platform_config.commands import check_command
from secplan.scanners.platform_config.pycontainers import container_hits
from tests.helpers import findings_of, scan, write


def lines_of(a: Assessment, rule: str) -> list[int | None]:
    return [f.location.line for f in findings_of(a, rule)]


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
        ("docker run --rm -p 127.0.0.1:7860:7860 $(IMAGE)", []),  # a Makefile variable
        ('docker run --rm "$(cat image.txt)"', []),
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
    assert (lines_of(a, "CF106"), lines_of(a, "CF110")) == ([7], [19])


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


def test_nginx_forwarding_in_clear_to_a_remote_upstream(tmp_path: Path) -> None:
    write(
        tmp_path,
        "deploy/nginx.conf",
        "http {\n"
        "  server {\n"
        "    listen 443 ssl;\n"
        "    location /a/ { proxy_pass http://model-server:8000/; }\n"
        "    location /b/ { proxy_pass https://llm.corp.example.net/; }\n"
        "    location /c/ {\n"
        "      proxy_pass http://legacy.corp.example.net/;  # the old cluster\n"
        "    }\n"
        "    location /d/ { proxy_pass http://127.0.0.1:9000; }\n"
        "    location /e/ { grpc_pass grpc://ranker.corp.example.net:50051; }\n"
        "  }\n"
        "}\n",
    )
    lines = sorted(f.location.line for f in findings_of(scan(tmp_path), "CD131"))
    assert lines == [7, 10]


def test_workflow_parameters_naming_a_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        "workflows/nightly.yaml",
        "apiVersion: argoproj.io/v1alpha1\n"
        "kind: CronWorkflow\n"
        "metadata:\n"
        "  name: nightly\n"
        "spec:\n"
        "  schedule: '0 2 * * *'\n"
        "  workflowSpec:\n"
        "    workflowTemplateRef:\n"
        "      name: train\n"
        "    arguments:\n"
        "      parameters:\n"
        "        - name: dataset-url\n"
        "          value: http://data.corp.example.net/nightly.parquet\n"
        "        - name: mirror-url\n"
        "          value: https://data.corp.example.net/mirror\n"
        "        - name: homepage-url\n"
        "          value: http://www.corp.example.net\n"
        "        - name: model\n"
        "          value: acme/ranker\n",
    )
    assert [f.location.line for f in findings_of(scan(tmp_path), "CD131")] == [13]


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--feast_url", "http://feast.corp.example.net:6566"], ["CD131"]),
        (["--tracking-uri=http://mlflow.corp.example.net"], ["CD131"]),
        (["--feast_url", "http://feast-serving:6566"], []),  # a cluster service name
        (["--feast_url", "https://feast.corp.example.net"], []),
        (["--logo-url", "http://cdn.corp.example.net/logo.png"], []),
    ],
)
def test_container_args_naming_a_service(argv: list[str], expected: list[str]) -> None:
    assert [h.rule.id for h in check_command(argv)] == expected


def test_nix_shell_hooks_run_through_the_command_rules(tmp_path: Path) -> None:
    write(
        tmp_path,
        "flake.nix",
        "{\n"
        "  outputs = { self, nixpkgs }: {\n"
        "    devShells.default = pkgs.mkShell {\n"
        "      shellHook = ''\n"
        "        export PIP_INDEX_URL=http://pypi.corp.example.net/simple\n"
        "        pip install --user ''${EXTRA:-} torch==2.5.1 einops\n"
        "      '';\n"
        "    };\n"
        "  };\n"
        '  description = "pip install nothing-here";\n'
        "}\n",
    )
    a = scan(tmp_path)
    assert lines_of(a, "DP108") == [5]
    assert [(f.location.line, f.evidence) for f in findings_of(a, "DP001")] == [
        (6, "einops any version")
    ]


ARGO_TEMPLATE = """\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: etl
spec:
  arguments:
    parameters:
      - name: source
        value: s3://bucket/data
  templates:
    - name: fetch
      container:
        image: alpine:3.20
        command: [sh, -c]
        args: ["aws s3 cp {{workflow.parameters.source}} /tmp/data"]
    - name: train
      container:
        image: registry.example.com/train:1.0
        command: [python, train.py]
        args: ["--data", "{{workflow.parameters.source}}", "--lr", "{{inputs.parameters.lr}}"]
    - name: report
      script:
        image: python:3.12
        command: [python]
        source: |
          import pandas as pd
          df = pd.read_parquet("/tmp/data")
          print(df.query("{{workflow.parameters.filter}}"))
"""


def test_argo_submission_parameters_pasted_into_code(tmp_path: Path) -> None:
    write(tmp_path, "workflows/etl.yaml", ARGO_TEMPLATE)
    a = scan(tmp_path)
    # the shell string and the script source; the exec-form argument stays data
    assert lines_of(a, "CF127") == [15, 28]


@pytest.mark.parametrize(
    "src, expected",
    [
        ("@kubernetes(cpu=4, image='registry.example.com/team/train:latest')\ndef f(): ...\n", [1]),
        ("job = Job(container_uri='europe-docker.pkg.dev/p/train/enc')\n", [1]),  # no tag
        ("job = Job(serving_container_image_uri='gcr.io/p/serve:latest')\n", [1]),
        ("job = Job(container_uri='europe-docker.pkg.dev/p/train/enc:1.4.2')\n", []),
        ("job = Job(image='registry.example.com/t@sha256:" + "ab" * 32 + "')\n", []),
        ("show(image='data/cats/tabby')\n", []),  # a path, not a registry image
        ("show(image='cat.png')\n", []),
    ],
)
def test_images_named_in_python(src: str, expected: list[int]) -> None:
    assert [h.line for h in container_hits(src) if h.rule.id == "CF101"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "$schema: https://azuremlschemas.azureedge.net/latest/"
            "kubernetesOnlineEndpoint.schema.json\nname: scorer\nauth_mode: none\n",
            [3],
        ),
        (
            "$schema: https://azuremlschemas.azureedge.net/latest/"
            "managedOnlineEndpoint.schema.json\nname: scorer\nauth_mode: key\n",
            [],
        ),
        ("name: other-tool\nauth_mode: none\n", []),  # not an Azure ML endpoint
    ],
)
def test_azureml_endpoint_without_authentication(
    tmp_path: Path, text: str, expected: list[int]
) -> None:
    write(tmp_path, "azureml/endpoint.yml", text)
    assert lines_of(scan(tmp_path), "CF117") == expected
