"""Pieces shared by the Kubernetes and compose checks."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from secplan.model import Artifact, Finding, Location, Severity
from secplan.scanners.platform_config.commands import Hit, check_command, check_env
from secplan.scanners.platform_config.containerrun import DANGEROUS_CAPS as DANGEROUS_CAPS
from secplan.scanners.platform_config.containerrun import host_path_hit
from secplan.scanners.platform_config.rules import (
    CONFIG_NOT_PARSED,
    UNPINNED_BASE_IMAGE,
)
from secplan.scanners.platform_config.yamlsafe import YamlError, YMap, load_all
from secplan.textfile import TooLarge, read_text

MAX_CONFIG_BYTES = 4 << 20
MODEL_SERVER = re.compile(
    r"triton|torchserve|vllm|text-generation-inference|tgi|tensorflow[/_-]?serving|"
    r"tensorflow_model_server|mlflow|rayproject|\bray\b|jupyter|kserve|seldon|bentoml|ollama|"
    r"sglang|llama[.-]?cpp|llama-server|tensorboard|gradio|streamlit|huggingface",
    re.IGNORECASE,
)


def image_parts(image: str) -> tuple[str, str, str]:
    """``(name, tag, digest)`` of an image reference.

    >>> image_parts("registry:5000/team/app:1.2@sha256:ab"), image_parts("prom/prometheus")
    (('registry:5000/team/app', '1.2', 'sha256:ab'), ('prom/prometheus', '', ''))
    """
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = last.split(":", 1)[1] if ":" in last else ""
    return name[: len(name) - len(tag) - 1] if tag else name, tag, digest


def image_finding(image: object, loc: Location, what: str) -> Finding | None:
    """CF101 for a compose or pod ``image:`` with no tag or ``latest``, and no digest; an
    image built from variables (``${TAG}``) is left alone."""
    if not isinstance(image, str) or not image.strip() or "$" in image or "{{" in image:
        return None
    name, tag, digest = image_parts(image.strip())
    if digest or (tag and tag != "latest"):
        return None
    shown = "no tag" if not tag else "the latest tag"
    return UNPINNED_BASE_IMAGE.at(
        loc, f"{what} uses image {name} with {shown} and no digest", evidence=f"image: {image}"
    )


def line_of(value: object, default: int | None = None) -> int | None:
    line = getattr(value, "line", 0)
    return line if isinstance(line, int) and line > 0 else default


def key_line(mapping: object, key: str, default: int | None = None) -> int | None:
    """The line of ``key`` in a mapping read from YAML (``default`` when unknown)."""
    lines = getattr(mapping, "key_lines", None)
    line = lines.get(key) if isinstance(lines, Mapping) else None
    return line if isinstance(line, int) else default


def item_line(sequence: object, index: int, default: int | None = None) -> int | None:
    """The line of item ``index`` of a sequence read from YAML (``default`` when unknown)."""
    lines = getattr(sequence, "item_lines", ())
    return lines[index] if 0 <= index < len(lines) else default


def at_line(loc: Location, line: int | None) -> Location:
    return Location(path=loc.path, line=line if line is not None else loc.line)


def load_documents(artifact: Artifact) -> tuple[list[Any], Finding | None]:
    """The YAML documents of ``artifact``, or a CF116 finding saying why there are none."""
    loc = Location(path=artifact.relpath)
    try:
        text = read_text(artifact.path, MAX_CONFIG_BYTES)
    except TooLarge:
        return [], CONFIG_NOT_PARSED.at(
            loc, f"file larger than {MAX_CONFIG_BYTES} bytes was not verified"
        )
    injected = False
    templated = "{{" in text and "}}" in text
    if templated:
        text, injected = detemplate(text)
    try:
        docs = load_all(text)
    except YamlError as exc:
        if templated:
            return [], CONFIG_NOT_PARSED.at(
                loc,
                "template (Helm or similar) not verified: its literal YAML does not parse; "
                "render it and scan the output",
                evidence=str(exc)[:300],
                severity=Severity.LOW,
            )
        return [], CONFIG_NOT_PARSED.at(loc, f"not verified: {exc}", evidence=str(exc)[:300])
    for doc in docs:
        if injected and isinstance(doc, YMap):
            doc.injected = True
    return docs, None


#: What a template expression becomes: a value no check takes for a literal.
TEMPLATE_VALUE = "$TEMPLATE"
_CONTROL_WORDS = ("if", "else", "end", "range", "with", "define", "block", "/*", "-", "")


def detemplate(text: str) -> tuple[str, bool]:
    """The literal YAML of a Helm (Go template) file, without rendering it.

    A line that holds only template actions (``{{- if .Values.x }}``, ``{{- end }}``,
    ``{{- toYaml .Values.resources | nindent 12 }}``) becomes an empty line, so line numbers
    stay those of the file; an action inside a line (``image: "{{ .Values.image }}"``)
    becomes :data:`TEMPLATE_VALUE`. The second value says whether a line-only action
    inserts YAML (``toYaml``, ``include``...): settings it may write are then unknown.

    >>> detemplate('a: "{{ .Values.x }}:1"\\n{{- if .Values.b }}\\nb: 1\\n{{- end }}\\n')
    ('a: "$TEMPLATE:1"\\n\\nb: 1\\n\\n', False)
    >>> detemplate("sc:\\n  {{- toYaml .Values.sc | nindent 2 }}\\n")[1]
    True
    """
    out: list[str] = []
    injected = False
    for line in text.split("\n"):
        if "{{" not in line:
            out.append(line)
            continue
        pieces: list[str] = []
        actions: list[str] = []
        pos = 0
        while True:
            start = line.find("{{", pos)
            if start < 0:
                pieces.append(line[pos:])
                break
            end = line.find("}}", start + 2)
            if end < 0:
                pieces.append(line[pos:])
                break
            pieces.append(line[pos:start])
            pieces.append(TEMPLATE_VALUE)
            actions.append(line[start + 2 : end].strip("- \t"))
            pos = end + 2
        literal = "".join(p for p in pieces if p != TEMPLATE_VALUE)
        if actions and not literal.strip():
            first = [a.split(None, 1)[0] if a.split() else "" for a in actions]
            if any(w not in _CONTROL_WORDS and not w.startswith(("$", "/*")) for w in first):
                injected = True
            out.append("")
        else:
            out.append("".join(pieces))
    return "\n".join(out), injected


def host_path_finding(path: str, loc: Location, how: str) -> Finding | None:
    """CF111 for GPU device nodes, CF110 for other host paths (runtime sockets critical)."""
    hit = host_path_hit(path, how)
    if hit is None:
        return None
    return hit.rule.at(loc, hit.message, evidence=hit.evidence, severity=hit.severity)


def hit_findings(hits: Iterable[Hit], loc: Location) -> Iterator[Finding]:
    for hit in hits:
        yield hit.rule.at(
            loc,
            hit.message,
            evidence=hit.evidence,
            severity=hit.severity,
            confidence=hit.confidence,
        )


#: Images whose entrypoint is an ML server, so a command or args list that starts with an
#: option is that server's: ``(pattern on the image name, the program it runs)``.
_IMAGE_PROGRAMS = (
    (re.compile(r"(^|/)vllm-openai(:|@|$)"), ("vllm", "serve")),
    (re.compile(r"(^|/)text-generation-inference(:|@|$)"), ("text-generation-launcher",)),
    (re.compile(r"(^|/)(jupyter/|[\w-]*notebook(:|@|$))"), ("start-notebook.py",)),
    (re.compile(r"(^|/)huggingfaceserver(:|@|$)"), ("python", "-m", "huggingfaceserver")),
    (re.compile(r"(^|/)flwr/superlink(:|@|$)"), ("flower-superlink",)),
    (re.compile(r"(^|/)flwr/supernode(:|@|$)"), ("flower-supernode",)),
    (re.compile(r"(^|/)redis(:|@|$)"), ("redis-server",)),
)


#: Options only one server takes: a list of options with one of them is that server's
#: (the image may be a template or a private build).
_OPTION_PROGRAMS = (
    (
        frozenset({"--model-id", "--max-input-length", "--max-total-tokens"}),
        ("text-generation-launcher",),
    ),
    (
        frozenset({"--model_id", "--model_revision", "--trust_remote_code"}),
        ("python", "-m", "huggingfaceserver"),
    ),
)


def program_of_options(command: Sequence[str] | str) -> tuple[str, ...]:
    words = command.split() if isinstance(command, str) else list(command)
    flags = {w.split("=", 1)[0] for w in words if w.startswith("--")}
    for options, program in _OPTION_PROGRAMS:
        if flags & options:
            return program
    return ()


def server_program(image: object) -> tuple[str, ...]:
    """The program an ML server image runs when the command gives only options."""
    name = image_parts(image)[0] if isinstance(image, str) else ""
    for pattern, program in _IMAGE_PROGRAMS:
        if pattern.search(name):
            return program
    return ()


def command_findings(
    command: Sequence[str] | str,
    env: Collection[str],
    loc: Location,
    *,
    image: object = None,
    lines: Sequence[int | None] = (),
) -> Iterator[Finding]:
    """Findings for a container's command. A command of options only runs the image's
    server; ``lines`` (one for each word of a list) place each finding at the word it is
    about."""
    words = command.split(None, 1)[:1] if isinstance(command, str) else list(command[:1])
    program = server_program(image) if words and words[0].startswith("-") else ()
    if words and words[0].startswith("-") and not program:
        program = program_of_options(command)
    if program:
        command = (
            " ".join(program) + " " + command if isinstance(command, str) else [*program, *command]
        )
        lines = [None] * len(program) + list(lines) if lines else ()
    for hit in check_command(command, env):
        line = _word_line(hit.evidence, command, lines) if lines else None
        yield from hit_findings([hit], at_line(loc, line) if line else loc)


def _word_line(
    evidence: str, command: Sequence[str] | str, lines: Sequence[int | None]
) -> int | None:
    """The line of the list item an option (or, failing that, a value) named in
    ``evidence`` is written on."""
    if isinstance(command, str):
        return None
    if evidence.startswith("-"):
        flag = evidence.split()[0].split("=", 1)[0]
        for word, line in zip(command, lines, strict=False):
            if word == flag or word.startswith(flag + "="):
                return line
    for value in reversed(evidence.split()[1:]):
        for word, line in zip(command, lines, strict=False):
            if line is not None and (word == value or word.endswith("=" + value)):
                return line
    return None


def env_findings(name: str, value: object, loc: Location) -> Iterator[Finding]:
    """Environment settings that turn certificate checks off or point at plain HTTP."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        yield from hit_findings(check_env(name, str(value)), loc)


def as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def as_map(value: object) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}
