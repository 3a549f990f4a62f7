"""Malformed chart values, templates, workflows, Terraform and deployment configs: a finding
or nothing, never a failed scanner."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, scan, write

FILES = {
    "charts/c/Chart.yaml": "apiVersion: v2\nname: c\n",
    "charts/c/values.yaml": "a: [1\n{{{{ }}\n",
    "charts/c/templates/p.yaml": "apiVersion: v1\nkind: Pod\n{{ if }}\nspec: {{ x }\n  c: - {{\n",
    ".github/workflows/a.yml": "on: push\njobs: [1, 2]\n",
    ".github/workflows/b.yml": (
        "on: {pull_request_target: null}\njobs:\n  x:\n"
        '    steps: [1, {uses: 5}, {run: 7}, {run: "echo ${{ github.event.issue.title"}]\n'
        "    permissions: 3\n"
    ),
    "x.tf": "user_data = <<EOT\n",
    "y.tfvars": '\x00\x01 = = "\n',
    ".gitlab-ci.yml": "stages: 1\njob: {script: [1, null, {a: 1}]}\n",
    "requirements/dev.txt": "== garbage ==\n",
    "config.yaml": "singleuser:\n  image: 5\n  uid: [0]\nhub: 1\n",
    "bentofile.yaml": "applications: 3\nhttp_options: [1]\nenvs: [1, {name: 1}]\npython: 2\n",
    "serve_config.yaml": "applications: [1, {runtime_env: {pip: 3}}]\nhttp_options: {host: [1]}\n",
}


def test_malformed_inputs_never_fail_a_scanner(tmp_path: Path) -> None:
    for name, text in FILES.items():
        write(tmp_path, name, text)
    a = scan(tmp_path)
    assert not findings_of(a, "SX001"), [f.message for f in findings_of(a, "SX001")]
    unparsed = {f.location.path for f in findings_of(a, "CF116")}
    assert {"charts/c/values.yaml", "charts/c/templates/p.yaml"} <= unparsed
