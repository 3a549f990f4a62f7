"""Terraform (``.tf``, ``.tfvars``), read line by line: nothing is planned or applied.

- Scripts in heredocs of provisioning attributes (``user_data``, ``metadata_startup_script``,
  ``custom_data``, provisioner ``command``...) go through the command-line engine, like a
  shell script.
- A ``variable`` whose name says secret with a literal ``default``, and a secret-named
  assignment in a ``.tfvars`` file, is a credential written into the repository (CD208).
- Service keys set to a non-local ``http://`` URL send that traffic in clear text (CD131).
- Ingress from ``0.0.0.0/0`` or ``::/0`` (Azure: source ``*``, ``Internet``, ``Any``) to a
  port ML servers listen on (Jupyter, MLflow, Ray, TensorBoard, Gradio, Streamlit, Triton,
  TorchServe...) puts them on the internet (CF132): AWS security groups and rules, Azure
  network security rules (inline or not), Google firewalls, OCI security lists; reported at
  the line that lets any source in.
- Storage with public ACLs (CF133) or encryption turned off (CF134).
- Container environments (``environment = { KEY = "v" }`` maps, and ECS ``{ name = "KEY",
  value = "v" }`` entries): each setting through the environment checks (plain-HTTP service
  addresses, certificate checks off, ``TRUST_REMOTE_CODE``), and a Hub model
  (``HF_MODEL_ID``) with no commit in a revision variable beside it. ECS container
  definitions (``container_definitions``) are judged for an unpinned ``image``,
  ``privileged = true`` and ``user = "root"``.

>>> [h[0] for h in heredocs(["a = 1", "user_data = <<-EOT", "  echo hi", "  EOT"])]
[('user_data', 3, ['  echo hi'])]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from secplan.model import Artifact, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code.checks_net import shown_url
from secplan.scanners.code.rules_run import PLAINTEXT_URL
from secplan.scanners.code.rules_secrets import GENERIC_SECRET
from secplan.scanners.platform_config.commands import (
    COMMAND_RULES,
    check_env,
    check_line,
)
from secplan.scanners.platform_config.common import hit_findings, image_finding, model_env_findings
from secplan.scanners.platform_config.endpoints import endpoint_lines
from secplan.scanners.platform_config.rules import (
    CONFIG_NOT_PARSED,
    INTERNET_INGRESS,
    PRIVILEGED,
    PUBLIC_STORAGE,
    UNENCRYPTED_STORAGE,
    WORKLOAD_ROOT,
)
from secplan.scanners.platform_config.secrets import is_literal_secret, redact
from secplan.scanners.platform_config.shell import parse, script_lines
from secplan.textfile import TooLarge, read_text

MAX_TERRAFORM_BYTES = 4 << 20
MAX_LINE = 4000
_HEREDOC = re.compile(r"^\s*+([\w-]{1,80})\s*+=\s*+<<(-?)([A-Za-z_]\w{0,40})\s*$")
SCRIPT_KEYS = frozenset(
    {
        "user_data",
        "custom_data",
        "metadata_startup_script",
        "startup_script",
        "command",
        "script",
        "inline",
        "content",
        "init_script",
    }
)
_ASSIGN = re.compile(r'^\s*+"?([\w-]{1,80})"?\s*+=\s*+"([^"\n]{0,500})"')
_VARIABLE = re.compile(r'^\s*+variable\s++"([\w-]{1,80})"')
_OPEN_WORLD = re.compile(r'"(?:0\.0\.0\.0/0|::/0)"')
#: Azure's and Google's ways of saying "any source": ``source_address_prefix = "*"``,
#: ``"Internet"``, ``"Any"``; a list of prefixes holding one of them.
_ANY_SOURCE = re.compile(
    r"^\s*+(?:source_address_prefix(?:es)?|source_ranges|source|cidr_ipv[46]|cidr_blocks|"
    r"ipv6_cidr_blocks)\s*+=\s*+\[?"
    r'[^#\n]{0,200}?"(?:\*|Internet|Any|0\.0\.0\.0/0|::/0)"',
    re.IGNORECASE,
)
_PORT = re.compile(r"^\s*+(from_port|to_port|port|min|max)\s*+=\s*+(-?\d{1,5})\b")
#: Quoted ports and ranges: ``destination_port_range = "8000-9000"``, ``ports = ["8888"]``.
_QUOTED_PORTS = re.compile(r'"(\d{2,5})(?:-(\d{2,5}))?"')
_ALL_PORTS = re.compile(r'^\s*+destination_port_ranges?\s*+=\s*+\[?\s*+"\*"')
_NOT_INBOUND = re.compile(
    r'type\s*=\s*"egress"|direction\s*=\s*"(?:EGRESS|Outbound)"|access\s*=\s*"Deny"'
    r"|action\s*=\s*\"(?:deny|Deny)\"",
)
#: Ports ML servers listen on by default, and few other servers do: Jupyter, MLflow, Ray
#: (dashboard, client, GCS), TensorBoard, Gradio, Streamlit, Triton (gRPC, metrics),
#: TorchServe (management, metrics), Ollama, Flower, Dask. Generic web ports (80, 443, 8000,
#: 8080) are left out: too many other servers use them.
ML_PORTS = frozenset(
    {8888, 5000, 8265, 10001, 6379, 6006, 7860, 8501, 8001, 8002, 8081, 8082, 11434}
    | {9091, 9092, 9093, 8786, 8787}
)
_INGRESS_BLOCK = re.compile(
    r'^\s*+(?:(?:ingress|security_rule|ingress_security_rules)\s*+\{|resource\s++"'
    r"(?:aws_security_group_rule|aws_vpc_security_group_ingress_rule|google_compute_firewall|"
    r'azurerm_network_security_rule|oci_core_network_security_group_security_rule)")'
)
#: terraform-aws-modules/security-group: ``ingress_with_cidr_blocks = [{ from_port = ... }]``.
_MODULE_INGRESS = re.compile(r"^\s*+ingress_with_(?:ipv6_)?cidr_blocks\s*+=\s*+\[")
_PUBLIC_ACL = re.compile(
    r'^\s*+(acl|predefined_acl|container_access_type)\s*+=\s*+"(public-read|public-read-write|'
    r"publicRead|publicReadWrite|blob|container)\"",
)
_ENCRYPTION_OFF = re.compile(
    r"^\s*+(encrypted|storage_encrypted|encrypt_at_rest|enable_encryption|"
    r"encryption_enabled|kms_encryption|enable_https_traffic_only)\s*+=\s*+false\b"
)


def heredocs(lines: list[str]) -> Iterator[tuple[tuple[str, int, list[str]], int]]:
    """``((key, first body line, body lines), end line)`` of each heredoc attribute."""
    i = 0
    while i < len(lines):
        m = _HEREDOC.match(lines[i][:MAX_LINE])
        if m is None:
            i += 1
            continue
        key, marker = m.group(1), m.group(3)
        body: list[str] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() != marker:
            body.append(lines[j])
            j += 1
        yield (key, i + 2, body), j + 1
        i = j + 1


def _blocks(lines: list[str], start: int) -> int:
    """The last line (1-based) of the brace block that opens on line ``start``."""
    depth, opened = 0, False
    for n in range(start, min(len(lines), start + 500) + 1):
        text = lines[n - 1][:MAX_LINE]
        depth += text.count("{") - text.count("}")
        opened = opened or "{" in text
        if opened and depth <= 0:
            return n
    return min(len(lines), start + 500)


def _world_line(block: list[str]) -> int | None:
    """The index of the line that lets any source in, if one does."""
    for i, line in enumerate(block):
        if _OPEN_WORLD.search(line) or _ANY_SOURCE.match(line):
            return i
    return None


def _block_ports(block: list[str]) -> set[int]:
    """The ML ports a rule opens: ``from_port``/``to_port`` (or ``port``, OCI's
    ``min``/``max``), quoted ports and ranges (``"8000-9000"``, ``["8888"]``), ``"*"``."""
    numbers: dict[str, int] = {}
    opened: set[int] = set()
    for line in block:
        if m := _PORT.match(line):
            numbers[m.group(1)] = int(m.group(2))
            continue
        quoted = _QUOTED_PORTS.findall(line) if "port" in line.lower() else []
        spans = [(int(lo), int(hi or lo)) for lo, hi in quoted]
        if _ALL_PORTS.match(line):
            spans.append((0, 65535))
        opened |= {p for lo, hi in spans for p in ML_PORTS if lo <= p <= hi}
    if numbers:
        lo = numbers.get("from_port", numbers.get("port", numbers.get("min", 0)))
        hi = numbers.get("to_port", numbers.get("port", numbers.get("max", lo)))
        if lo == 0 and hi in (0, 65535, -1):
            hi = 65535
        opened |= {p for p in ML_PORTS if lo <= p <= hi}
    return opened


def _rule_finding(block: list[str], lines_of: list[int], rel: str) -> Finding | None:
    """CF132 for one rule (its lines, and the file line of each) that lets any source reach
    an ML port."""
    if _NOT_INBOUND.search("\n".join(block)):
        return None
    world = _world_line(block)
    exposed = sorted(_block_ports(block)) if world is not None else []
    if world is None or not exposed:
        return None
    return INTERNET_INGRESS.at(
        Location(path=rel, line=lines_of[world]),
        f"ingress from anywhere to port {', '.join(map(str, exposed[:4]))}, where ML "
        "servers (notebooks, tracking, dashboards, model APIs) listen",
        evidence=f"{block[world].strip()[:80]} -> {exposed[:4]}",
    )


def _module_rules(lines: list[str], start: int) -> Iterator[tuple[list[str], list[int]]]:
    """The rules of a module's ``ingress_with_cidr_blocks = [{...}, ...]`` list starting on
    line ``start``: each item's ``key = value`` parts (one a line, or split at commas), and
    the line of each."""
    depth = 0
    parts: list[str] = []
    where: list[int] = []
    for n in range(start, min(len(lines), start + 500) + 1):
        text = lines[n - 1][:MAX_LINE]
        for piece in re.split(r"([{}\[\],])", text):
            if piece in ("{", "["):
                depth += 1
            elif piece in ("}", "]"):
                depth -= 1
                if piece == "}" and depth == 1 and parts:
                    yield parts, where
                    parts, where = [], []  # the next item
                if depth <= 0:
                    return
            elif depth >= 2 and piece.strip() and piece != ",":
                parts.append(piece)
                where.append(n)


def _ingress(lines: list[str], rel: str) -> Iterator[Finding]:
    for number, raw in enumerate(lines, 1):
        text = raw[:MAX_LINE]
        if _MODULE_INGRESS.match(text):
            rules = list(_module_rules(lines, number))
        elif _INGRESS_BLOCK.match(text):
            end = _blocks(lines, number)
            rules = [
                ([ln[:MAX_LINE] for ln in lines[number - 1 : end]], list(range(number, end + 1)))
            ]
        else:
            continue
        for block, lines_of in rules:
            finding = _rule_finding(block, lines_of, rel)
            if finding is not None:
                yield finding


def _script_findings(lines: list[str], rel: str) -> Iterator[Finding]:
    for (key, first, body), _ in heredocs(lines):
        if key not in SCRIPT_KEYS:
            continue
        script = "\n".join(body)
        # Terraform interpolations are values the script receives: read them as variables
        script = re.sub(r"\$\{([^}\n]{0,200})\}", "$TF_VALUE", script)
        for number, text in script_lines(script):
            for hit in check_line(parse(text), ()):
                yield hit.rule.at(
                    Location(path=rel, line=first + number - 1),
                    hit.message,
                    evidence=hit.evidence,
                    severity=hit.severity,
                    confidence=hit.confidence,
                )


_ENV_BLOCK = re.compile(
    r"^\s*+(?:environment|environment_variables|env|variables|container_env)\s*+=\s*+[{\[]\s*$"
)
_ENV_PAIR = re.compile(r'^\s*+"?([A-Za-z_][\w.]{0,100})"?\s*+=\s*+"([^"\n]{0,500})"\s*+,?\s*$')
_ECS_PAIR = re.compile(
    r'\bname\s*+=\s*+"([A-Za-z_][\w.]{0,100})"\s*+,\s*+value\s*+=\s*+"([^"\n]{0,500})"'
)
_ECS_BLOCK = re.compile(r"^\s*+container_definitions\s*+=\s*+jsonencode\(")
_ECS_SETTING = re.compile(r'^\s*+(image|privileged|user)\s*+=\s*+("[^"\n]{0,500}"|true)\s*+,?\s*$')


def _block_end(lines: list[str], start: int) -> int:
    """The index of the line that closes the bracket opened on line ``start`` (0-based)."""
    depth = 0
    for i in range(start, min(len(lines), start + 5000)):
        text = lines[i][:MAX_LINE]
        depth += text.count("{") + text.count("[") + text.count("(")
        depth -= text.count("}") + text.count("]") + text.count(")")
        if depth <= 0 and i > start:
            return i
    return min(len(lines), start + 5000) - 1


def _bracketed(lines: list[str], opening: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """``(first, last)`` 0-based indexes of the lines inside each block whose opening line
    matches ``opening``."""
    i = 0
    while i < len(lines):
        if opening.match(lines[i][:MAX_LINE]):
            end = _block_end(lines, i)
            yield i + 1, end
            i = end + 1
        else:
            i += 1


def _environment_findings(lines: list[str], rel: str) -> Iterator[Finding]:
    loc = Location(path=rel)
    for i, end in _bracketed(lines, _ENV_BLOCK):
        env: list[tuple[str, object, int | None]] = []
        for n in range(i, end + 1):
            text = lines[n][:MAX_LINE]
            m = _ECS_PAIR.search(text) or _ENV_PAIR.match(text)
            if m is None:
                continue
            name, value = m.group(1), m.group(2)
            env.append((name, None if "${" in value else value, n + 1))
            if "${" in value:
                continue
            where = Location(path=rel, line=n + 1)
            yield from hit_findings(check_env(name, value, services=True), where)
        yield from model_env_findings(env, loc)


def _ecs_findings(lines: list[str], rel: str) -> Iterator[Finding]:
    for i, end in _bracketed(lines, _ECS_BLOCK):
        for n in range(i, end + 1):
            m = _ECS_SETTING.match(lines[n][:MAX_LINE])
            if m is None:
                continue
            key, value = m.group(1), m.group(2).strip('"')
            where = Location(path=rel, line=n + 1)
            if key == "image":
                f = image_finding(value, where, "ECS container definition")
                if f is not None:
                    yield f
            elif key == "privileged":
                yield PRIVILEGED.at(
                    where,
                    "ECS container runs privileged: it has every capability and the host's devices",
                    evidence="privileged = true",
                )
            elif value in ("root", "0") or value.startswith(("root:", "0:")):
                yield WORKLOAD_ROOT.at(
                    where, f"ECS container runs as {value}", evidence=f'user = "{value}"'
                )


def _secret_findings(lines: list[str], rel: str, tfvars: bool) -> Iterator[Finding]:
    variable: str | None = None
    for number, raw in enumerate(lines, 1):
        line = raw[:MAX_LINE]
        v = _VARIABLE.match(line)
        if v is not None:
            variable = v.group(1)
            continue
        m = _ASSIGN.match(line)
        if m is None:
            continue
        key, value = m.groups()
        name = variable if key == "default" and variable else key
        if (key == "default" or tfvars) and "${" not in value and is_literal_secret(name, value):
            where = f"variable {name}'s default" if key == "default" else name
            yield GENERIC_SECRET.at(
                Location(path=rel, line=number),
                f"a literal credential is written as {where}: it is in the repository "
                "and in every plan",
                evidence=f"{name} = {redact(value)}",
            )


def terraform_findings(text: str, rel: str) -> Iterator[Finding]:
    lines = text.splitlines()
    tfvars = rel.endswith(".tfvars")
    yield from _secret_findings(lines, rel, tfvars)
    if tfvars:
        return
    yield from _script_findings(lines, rel)
    yield from _environment_findings(lines, rel)
    yield from _ecs_findings(lines, rel)
    for number, key, url in endpoint_lines(text):
        yield PLAINTEXT_URL.at(
            Location(path=rel, line=number),
            f"{key} points at a plain-HTTP service: traffic can be read and changed",
            evidence=f"{key} = {shown_url(url)}",
        )
    yield from _ingress(lines, rel)
    for number, raw in enumerate(lines, 1):
        if m := _PUBLIC_ACL.match(raw[:MAX_LINE]):
            yield PUBLIC_STORAGE.at(
                Location(path=rel, line=number),
                f"storage is readable by anyone ({m.group(1)} = {m.group(2)})",
                evidence=f'{m.group(1)} = "{m.group(2)}"',
            )
        elif m := _ENCRYPTION_OFF.match(raw[:MAX_LINE]):
            yield UNENCRYPTED_STORAGE.at(
                Location(path=rel, line=number),
                f"{m.group(1)} = false: data (datasets, models, features) is stored or sent "
                "unencrypted",
                evidence=f"{m.group(1)} = false",
            )


class TerraformScanner:
    """Terraform: provisioning scripts, literal credentials, plaintext endpoints, storage
    and ingress open to the internet."""

    name: ClassVar[str] = "terraform"
    rules: ClassVar[tuple[Rule, ...]] = (
        GENERIC_SECRET,
        PLAINTEXT_URL,
        INTERNET_INGRESS,
        PUBLIC_STORAGE,
        UNENCRYPTED_STORAGE,
        CONFIG_NOT_PARSED,
        PRIVILEGED,
        WORKLOAD_ROOT,
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.path.suffix.lower() in (".tf", ".tfvars")

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        try:
            text = read_text(artifact.path, MAX_TERRAFORM_BYTES)
        except TooLarge:
            yield CONFIG_NOT_PARSED.at(
                Location(path=artifact.relpath),
                f"Terraform file larger than {MAX_TERRAFORM_BYTES} bytes was not verified",
            )
            return
        yield from terraform_findings(text, artifact.relpath)
