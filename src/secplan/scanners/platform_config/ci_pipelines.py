"""The scripts of CI pipelines other than GitHub Actions and GitLab CI: Azure Pipelines,
Bitbucket Pipelines, CircleCI, Travis CI, Drone, Woodpecker, Buildkite and Google Cloud Build
(``cloudbuild.yaml``: a step's ``script``, or the ``-c`` script of a shell ``entrypoint``).

A pipeline is known by its file's name or folder (``azure-pipelines.yml``,
``.circleci/config.yml``, ``.drone.yml``...). Every script it runs (Azure ``script:``,
``bash:`` and task ``inlineScript``; Bitbucket ``script``; CircleCI ``run``; Travis
``install``/``script``...; Drone and Woodpecker ``commands``; Buildkite ``command``) is
returned with its line, for the command-line rules, and every map of environment variables
(``variables``, ``environment``, ``env``) for the environment checks. Azure's ``$(name)``
macros are read as variables, not as command substitutions.

>>> doc = {"steps": [{"script": "curl -sL https://x.example | sudo bash"}]}
>>> [s for s, _ in pipeline_scripts(doc, "azure")]
['curl -sL https://x.example | sudo bash']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from secplan.model import Artifact
from secplan.scanners.platform_config.common import as_list, as_map, item_line, key_line, line_of

MAX_DEPTH = 12
MAX_SCRIPTS = 2_000
#: The keys whose values are scripts, by kind of pipeline.
SCRIPT_KEYS: dict[str, frozenset[str]] = {
    "azure": frozenset({"script", "bash", "inlineScript"}),
    "bitbucket": frozenset({"script", "after-script"}),
    "circleci": frozenset({"run"}),
    "travis": frozenset(
        {"before_install", "install", "before_script", "script", "after_success"}
        | {"after_failure", "after_script", "before_deploy", "after_deploy"}
    ),
    "drone": frozenset({"commands"}),
    "buildkite": frozenset({"command", "commands"}),
}
_ENV_KEYS = frozenset({"variables", "environment", "env"})
_AZURE_MACRO = re.compile(r"\$\(([A-Za-z_][\w.]{0,100})\)")
_AZURE_DIRS = frozenset({".azure-pipelines", "azure-pipelines", ".azuredevops", ".ado"})


def pipeline_kind(artifact: Artifact) -> str:
    """Which kind of CI pipeline a YAML file is, by its name and folder (``""``: none)."""
    path = PurePosixPath(artifact.relpath)
    name, parents = path.name.lower(), {p.lower() for p in path.parts[:-1]}
    if path.suffix.lower() not in (".yml", ".yaml"):
        return ""
    if name.startswith("azure-pipelines") or parents & _AZURE_DIRS:
        return "azure"
    if name.startswith("bitbucket-pipelines"):
        return "bitbucket"
    if ".circleci" in parents:
        return "circleci"
    if name in (".travis.yml", ".travis.yaml"):
        return "travis"
    if name in (".drone.yml", ".drone.yaml", ".woodpecker.yml", ".woodpecker.yaml"):
        return "drone"
    if ".woodpecker" in parents:
        return "drone"
    if ".buildkite" in parents:
        return "buildkite"
    if name.startswith("cloudbuild"):
        return "cloudbuild"
    return ""


_SHELLS = frozenset({"bash", "sh", "/bin/bash", "/bin/sh", "/usr/bin/bash", "zsh", "ash"})


def _cloud_build_scripts(doc: object) -> Iterator[tuple[str, int | None]]:
    """Google Cloud Build steps: a step's ``script``, and the ``-c`` script of a step whose
    ``entrypoint`` is a shell (``entrypoint: bash``, ``args: ["-c", "..."]``)."""
    for step in as_list(as_map(doc).get("steps")):
        step = as_map(step)
        if isinstance(step.get("script"), str):
            yield step["script"], key_line(step, "script", line_of(step))
        args = as_list(step.get("args"))
        if str(step.get("entrypoint", "")).strip() not in _SHELLS or len(args) < 2:
            continue
        flag = next((i for i, a in enumerate(args[:3]) if a in ("-c", "-ec", "-xc", "-lc")), None)
        if flag is not None and flag + 1 < len(args) and isinstance(args[flag + 1], str):
            line = key_line(step, "args", line_of(step))
            yield args[flag + 1], item_line(args, flag + 1, line)


def _script_values(holder: dict[Any, Any], key: str) -> Iterator[tuple[str, int | None]]:
    value = holder.get(key)
    line = key_line(holder, key, line_of(holder))
    if isinstance(value, str):
        yield value, line
    elif isinstance(value, dict) and isinstance(value.get("command"), str):  # CircleCI run
        yield value["command"], key_line(value, "command", line)
    else:
        for i, item in enumerate(as_list(value)):
            if isinstance(item, str):
                yield item, item_line(value, i, line)


def _walk(node: object, depth: int = 0) -> Iterator[dict[Any, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)


def pipeline_scripts(doc: object, kind: str) -> Iterator[tuple[str, int | None]]:
    """``(script, line)`` of every script a pipeline document runs."""
    if kind == "cloudbuild":
        yield from list(_cloud_build_scripts(doc))[:MAX_SCRIPTS]
        return
    keys = SCRIPT_KEYS.get(kind, frozenset())
    count = 0
    for holder in _walk(doc):
        for key in keys & {k for k in holder if isinstance(k, str)}:
            for script, line in _script_values(holder, key):
                count += 1
                if count > MAX_SCRIPTS:
                    return
                if kind == "azure":
                    script = _AZURE_MACRO.sub(r"$\1", script)
                yield script, line


def pipeline_env(doc: object) -> Iterator[dict[Any, Any]]:
    """The maps of environment variables a pipeline document sets."""
    for holder in _walk(doc):
        for key in _ENV_KEYS:
            value = holder.get(key)
            if isinstance(value, dict):
                yield value


__all__ = ["SCRIPT_KEYS", "pipeline_env", "pipeline_kind", "pipeline_scripts"]
