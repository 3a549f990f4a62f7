"""Scripts of Azure Pipelines, Bitbucket, CircleCI, Travis, Drone/Woodpecker, Buildkite
and Jenkinsfile sh steps go through the command-line rules, at the line of the script.

Known false negatives: PowerShell steps (``powershell:``/``pwsh:``), scripts in templates
that a pipeline includes from another repository, Groovy-built sh strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import line_with, scan, write

PIPED = "curl -sL https://aka.ms/InstallAzureCLIDeb | sudo bash"

AZURE = f"""\
    trigger:
      - main
    pool:
      vmImage: ubuntu-22.04
    variables:
      GIT_SSL_NO_VERIFY: "1"
    stages:
      - stage: build
        jobs:
          - job: deploy
            steps:
              - script: {PIPED}
                displayName: Install Azure CLI
              - bash: |
                  set -e
                  docker run --rm --privileged img:1
              - task: AzureCLI@2
                inputs:
                  scriptType: bash
                  inlineScript: kubectl apply -f k8s/ --insecure-skip-tls-verify
              - script: az login -u app -p "$(AZURE_SP_SECRET)" && curl -sLo i.sh https://x.example/i
"""

CASES = {
    "azure-pipelines.yml": AZURE,
    "bitbucket-pipelines.yml": f"""\
        pipelines:
          default:
            - step:
                script:
                  - echo build
                  - {PIPED}
    """,
    ".circleci/config.yml": f"""\
        version: 2.1
        jobs:
          build:
            docker:
              - image: cimg/python:3.11
            steps:
              - checkout
              - run: echo hi
              - run:
                  name: install
                  command: {PIPED}
    """,
    ".travis.yml": f"""\
        language: python
        install:
          - pip install -r requirements.txt
          - {PIPED}
    """,
    ".drone.yml": f"""\
        kind: pipeline
        steps:
          - name: build
            image: python:3.11
            commands:
              - {PIPED}
    """,
    ".buildkite/pipeline.yml": f"""\
        steps:
          - label: build
            command: {PIPED}
    """,
}


@pytest.mark.parametrize("rel", sorted(CASES))
def test_piped_script_found_at_its_line(tmp_path: Path, rel: str) -> None:
    write(tmp_path, rel, CASES[rel])
    found = [
        (f.location.path, f.location.line) for f in scan(tmp_path).report.findings
        if f.rule == "CF103"
    ]  # fmt: skip
    assert found == [(rel, line_with(CASES[rel], PIPED))]


def test_azure_steps_tasks_and_variables(tmp_path: Path) -> None:
    write(tmp_path, "azure-pipelines.yml", AZURE)
    found = {(f.rule, f.location.line) for f in scan(tmp_path).report.findings}
    assert ("CF105", line_with(AZURE, "--privileged")) in found
    assert ("CF123", line_with(AZURE, "--insecure-skip-tls-verify")) in found
    assert ("CF123", line_with(AZURE, "GIT_SSL_NO_VERIFY")) in found
    # the macro is a variable, not a literal password; the download goes to a file
    assert not {rule for rule, line in found if line == line_with(AZURE, "az login")}


def test_other_yaml_is_not_a_pipeline(tmp_path: Path) -> None:
    write(tmp_path, "config/steps.yml", f"steps:\n  - script: {PIPED}\n")
    assert "CF103" not in {f.rule for f in scan(tmp_path).report.findings}


JENKINSFILE = """\
pipeline {
  agent any
  stages {
    stage('setup') {
      steps {
        sh 'pip install -r requirements.txt'
        sh "curl -sL https://aka.ms/InstallAzureCLIDeb | sudo bash"
        sh '''
          set -e
          docker run --rm --net=host img:1
        '''
        sh(script: "kubectl apply -f k8s/ --insecure-skip-tls-verify", label: 'deploy')
        echo 'curl -k https://example.com | sh'
      }
    }
  }
}
"""


def test_jenkinsfile_sh_steps(tmp_path: Path) -> None:
    write(tmp_path, "Jenkinsfile", JENKINSFILE)
    found = {(f.rule, f.location.line) for f in scan(tmp_path).report.findings}
    assert ("CF103", line_with(JENKINSFILE, "InstallAzureCLIDeb")) in found
    assert ("CF106", line_with(JENKINSFILE, "--net=host")) in found
    assert ("CF123", line_with(JENKINSFILE, "--insecure-skip-tls-verify")) in found
    assert not {r for r, line in found if line == line_with(JENKINSFILE, "echo 'curl")}


WORKFLOW = """\
on: push
jobs:
  gpu:
    runs-on: [self-hosted, gpu]
    container:
      image: nvcr.io/nvidia/pytorch:24.05-py3
      options: --gpus all --privileged -v /var/run/docker.sock:/var/run/docker.sock
    services:
      redis:
        image: redis:7.2.4
        options: --health-cmd "redis-cli ping" --health-interval 10s
    steps:
      - run: python train.py
"""


def test_workflow_container_options(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/gpu.yml", WORKFLOW)
    found = {(f.rule, f.location.line) for f in scan(tmp_path).report.findings}
    options = line_with(WORKFLOW, "--privileged")
    assert {("CF105", options), ("CF110", options)} <= found
    assert not {r for r, line in found if line == line_with(WORKFLOW, "--health-cmd")}
