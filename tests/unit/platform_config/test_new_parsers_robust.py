"""The parsers added for command lines, CI pipelines, Jenkinsfiles and Terraform rule lists
take any input without raising."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.scanners.code.secret_cli import cli_credentials
from secplan.scanners.platform_config.ci_pipelines import (
    SCRIPT_KEYS,
    pipeline_env,
    pipeline_scripts,
)
from secplan.scanners.platform_config.containerrun import container_run_hits, parse_run
from secplan.scanners.platform_config.scripts import jenkins_steps
from secplan.scanners.platform_config.terraform import terraform_findings
from secplan.scanners.platform_config.uiservers import ui_server_hits

WORDS = st.sampled_from(
    ["docker", "podman", "run", "create", "container", "-v", "--net=host", "--privileged",
     "-p", "8080:8080", "--mount", "type=bind,src=/", "-it", "--", "img", "=", "-", ""]
)  # fmt: skip
PIECES = st.sampled_from([*"sh('\"{}[],=-: \n\tx0/$*", "sh '''", 'sh """', "--token ", "A_KEY="])
TEXT = st.lists(PIECES, max_size=40).map("".join)
YAML: Any = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["script", "run", "steps", "env", "command", "x"]), children,
                      max_size=4),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=12))
def test_run_options(argv: list[str]) -> None:
    parse_run(argv)
    container_run_hits(argv)
    ui_server_hits(argv, ())


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_text_parsers(text: str) -> None:
    list(jenkins_steps(text))
    cli_credentials(text)
    list(terraform_findings("ingress_with_cidr_blocks = [\n" + text, "main.tf"))


@settings(max_examples=200, deadline=None)
@given(YAML)
def test_pipelines(doc: Any) -> None:
    for kind in SCRIPT_KEYS:
        list(pipeline_scripts(doc, kind))
    list(pipeline_env(doc))
