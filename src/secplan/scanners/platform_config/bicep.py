"""Azure Bicep files and ARM templates: secrets written as parameter defaults, and secrets
handed out as plain outputs (CD208); in Bicep files also resources that accept plain HTTP
and the commands their containers run.

A ``param`` whose name says it holds a password, key or secret and whose default is a
literal string puts the secret in the repository and in every deployment's history, with
or without ``@secure()``. An ``output`` that carries a secret (a secret-looking name, a
``list*()`` call such as ``listKeys()``, or a secret parameter) without ``@secure()`` is
stored in clear in the deployment history, readable by anyone who can read the resource
group. A secret parameter without a default, used as a value, is the safe pattern.

>>> src = "@secure()\\nparam dbPassword string\\nparam adminPassword string = 'Q7m!x2Lp-9Rz'\\n"
>>> [(f.location.line, f.rule) for f in bicep_findings(src, "main.bicep")]
[(3, 'CD208')]
>>> src = "param adminPassword string = 'Q7m!x2Lp-9Rz'\\noutput pw string = adminPassword\\n"
>>> [(f.location.line, f.rule) for f in bicep_findings(src, "main.bicep")]
[(1, 'CD208'), (2, 'CD208')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from secplan.model import Artifact, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code.rules_secrets import GENERIC_SECRET
from secplan.scanners.code.secret_generic import secret_name_kind
from secplan.scanners.code.secret_values import is_placeholder
from secplan.scanners.platform_config.commands import COMMAND_RULES, Hit, check_command
from secplan.scanners.platform_config.common import hit_findings
from secplan.scanners.platform_config.rules import CONFIG_NOT_PARSED, UNENCRYPTED_STORAGE
from secplan.scanners.platform_config.secrets import redact
from secplan.textfile import TooLarge, read_text

MAX_BICEP_BYTES = 2 << 20
MAX_LINE = 4096
_DECORATOR = re.compile(r"^\s*@(\w+)\s*\(")
#: Matched against lines without trailing white space.
_PARAM = re.compile(r"^\s*(?:@\w+\([^)]*\)\s*)*param\s+(\w+)\s+([\w.]+)(?:\s*=[ \t]*(\S.*))?$")
_OUTPUT = re.compile(r"^\s*(?:@\w+\([^)]*\)\s*)*output\s+(\w+)\s+([\w.]+)\s*=[ \t]*(\S.*)$")
_INLINE_SECURE = re.compile(r"^\s*(?:@\w+\([^)]*\)\s*)*@secure\(\)")
#: ``listKeys()``, ``listSecrets()``, ``listConnectionStrings()``, ``storage.listKeys()``.
_LIST_CALL = re.compile(r"(?:^|[.\s(])list[A-Z]\w*\s*\(")
_WORD = re.compile(r"[A-Za-z_]\w*")
_PUBLIC = ("ssh-", "ecdsa-", "-----BEGIN PUBLIC", "-----BEGIN CERTIFICATE")


def secret_named(name: str) -> bool:
    """A parameter or output name that says it holds a credential (any case style)."""
    low = name.lower()
    if "public" in low or "connectionstring" in low:
        return "connectionstring" in low
    return bool(secret_name_kind(name))


def literal_secret(value: str) -> bool:
    """A literal string a credential could be (not empty, a placeholder or a public key)."""
    text = value.strip()
    if len(text) < 2 or text[0] != "'" or text[-1] != "'" or "${" in text:
        return False
    inner = text[1:-1]
    return len(inner) >= 4 and not inner.startswith(_PUBLIC) and not is_placeholder(inner)


def bicep_findings(text: str, rel: str) -> Iterator[Finding]:
    secure: set[str] = set()
    secret_params: set[str] = set()
    pending: list[str] = []  # decorators seen above the next declaration
    outputs: list[tuple[int, str, str, bool]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw[:MAX_LINE].rstrip()
        if (d := _DECORATOR.match(line)) and not _PARAM.match(line) and not _OUTPUT.match(line):
            pending.append(d.group(1))
            continue
        is_secure = "secure" in pending or bool(_INLINE_SECURE.match(line))
        if m := _PARAM.match(line):
            name, default = m.group(1), m.group(3) or ""
            if is_secure:
                secure.add(name)
            if secret_named(name):
                secret_params.add(name)
                if literal_secret(default):
                    yield GENERIC_SECRET.at(
                        Location(path=rel, line=number),
                        f"parameter {name} has a literal default: the credential is in the "
                        "repository and in every deployment that does not override it",
                        evidence=f"param {name} = {redact(default.strip(chr(39)))}",
                    )
        elif m := _OUTPUT.match(line):
            outputs.append((number, m.group(1), m.group(3), is_secure))
        pending = [] if line.strip() and not line.strip().startswith("//") else pending
    for number, name, value, is_secure in outputs:
        if is_secure:
            continue
        why = _output_secret(name, value, secure | secret_params)
        if why:
            yield GENERIC_SECRET.at(
                Location(path=rel, line=number),
                f"output {name} passes out {why} without @secure(): it is stored in clear "
                "in the deployment history, readable by anyone who can read deployments",
                evidence=f"output {name} = {_shown(value)}",
            )


_HTTPS_ONLY_OFF = re.compile(r"^\s*(supportsHttpsTrafficOnly|httpsOnly)\s*:\s*false\b")
_COMMAND = re.compile(r"^\s*command\s*:\s*\[(.*)$")
_ITEM = re.compile(r"'((?:[^'\\]|\\.)*)'")
MAX_COMMAND_LINES = 50


def bicep_settings(text: str, rel: str) -> Iterator[Finding]:
    """Resource properties of a Bicep file: a storage account or web app that accepts plain
    HTTP (``supportsHttpsTrafficOnly: false``, ``httpsOnly: false``), and each container's
    ``command`` (a container group's, a container app's), judged by the command-line rules
    (a server started on every interface without authentication, a download piped into a
    shell).

    >>> src = "properties: {\\n  supportsHttpsTrafficOnly: false\\n}\\n"
    >>> [(f.location.line, f.rule) for f in bicep_settings(src, "main.bicep")]
    [(2, 'CF134')]
    >>> src = "command: [ 'mlflow', 'server', '--host', '0.0.0.0' ]\\n"
    >>> [(f.location.line, f.rule) for f in bicep_settings(src, "main.bicep")]
    [(1, 'CF117')]
    """
    lines = text.splitlines()
    for number, raw in enumerate(lines, 1):
        line = raw[:MAX_LINE]
        hits: list[Hit] = []
        if m := _HTTPS_ONLY_OFF.match(line):
            why = "the resource accepts plain HTTP, so data and keys cross the network in clear"
            hits = [
                Hit(UNENCRYPTED_STORAGE, f"{m.group(1)} is false: {why}", f"{m.group(1)}: false")
            ]
        elif m := _COMMAND.match(line):
            body, end = m.group(1), number
            while "]" not in body and end < min(len(lines), number + MAX_COMMAND_LINES):
                body += " " + lines[end][:MAX_LINE]
                end += 1
            words = [w.replace("\\'", "'") for w in _ITEM.findall(body.split("]", 1)[0])]
            hits = check_command(words) if words else []
        yield from hit_findings(hits, Location(path=rel, line=number))


def _shown(value: str) -> str:
    text = value.strip()
    return redact(text.strip("'")) if text.startswith("'") else text[:80]


def _output_secret(name: str, value: str, secrets: set[str]) -> str:
    if _LIST_CALL.search(value):
        return "a key from a list*() call"
    used = secrets & set(_WORD.findall(value))
    if used:
        return f"the secret parameter {sorted(used)[0]}"
    if secret_named(name) and value.strip().startswith("'"):
        return "a literal secret" if literal_secret(value) else ""
    return "a secret" if secret_named(name) else ""


# -- ARM JSON templates ---------------------------------------------------------------------

_ARM_SCHEMA = "deploymentTemplate.json"


def arm_findings(text: str, rel: str) -> Iterator[Finding]:
    """``parameters`` with a literal default for a secret, ``outputs`` that pass one out
    (an ARM template is JSON with ``$schema`` naming a deployment template)."""
    if _ARM_SCHEMA not in text:
        return
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return
    if not isinstance(doc, dict):
        return
    lines = text.splitlines()
    params = doc.get("parameters")
    secrets: set[str] = set()
    for name, spec in params.items() if isinstance(params, dict) else ():
        if not isinstance(spec, dict) or not isinstance(name, str):
            continue
        kind = str(spec.get("type", "")).lower()
        if kind in ("securestring", "secureobject") or secret_named(name):
            secrets.add(name)
        default = spec.get("defaultValue")
        literal = isinstance(default, str) and not default.startswith("[")
        if name in secrets and literal and literal_secret(f"'{default}'"):
            yield GENERIC_SECRET.at(
                Location(path=rel, line=_line_of(lines, f'"{name}"')),
                f"parameter {name} has a literal defaultValue: the credential is in the "
                "repository and in every deployment that does not override it",
                evidence=f"{name}.defaultValue = {redact(default)}",
            )
    outputs = doc.get("outputs")
    for name, spec in outputs.items() if isinstance(outputs, dict) else ():
        if not isinstance(spec, dict) or not isinstance(name, str):
            continue
        if str(spec.get("type", "")).lower() in ("securestring", "secureobject"):
            continue
        value = _text(spec.get("value"))
        used = sorted(s for s in secrets if f"parameters('{s}')" in value)
        why = f"the secret parameter {used[0]}" if used else _output_secret(name, value, set())
        shown = value[:80] if value.startswith("[") else redact(value)
        if why:
            yield GENERIC_SECRET.at(
                Location(path=rel, line=_line_of(lines, f'"{name}"', after='"outputs"')),
                f"output {name} passes out {why} as a plain string: it is stored in clear in "
                "the deployment history",
                evidence=f"output {name} = {shown}",
            )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _line_of(lines: list[str], needle: str, after: str = "") -> int:
    start = 0
    if after:
        start = next((i for i, ln in enumerate(lines) if after in ln), 0)
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    return 1


class BicepScanner:
    """Azure Bicep files and ARM JSON templates: secrets in parameter defaults and outputs."""

    name: ClassVar[str] = "bicep"
    rules: ClassVar[tuple[Rule, ...]] = (
        GENERIC_SECRET,
        CONFIG_NOT_PARSED,
        UNENCRYPTED_STORAGE,
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.path.suffix.lower() in (".bicep", ".json")

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        json_file = artifact.path.suffix.lower() == ".json"
        try:
            if json_file and artifact.path.stat().st_size > MAX_BICEP_BYTES:
                return  # data, not a template (templates are far smaller than this)
        except OSError:
            return
        try:
            text = read_text(artifact.path, MAX_BICEP_BYTES)
        except TooLarge:
            yield CONFIG_NOT_PARSED.at(
                Location(path=artifact.relpath),
                f"template larger than {MAX_BICEP_BYTES} bytes was not verified",
            )
            return
        if not json_file:
            yield from bicep_findings(text, artifact.relpath)
            yield from bicep_settings(text, artifact.relpath)
        else:
            yield from arm_findings(text, artifact.relpath)
