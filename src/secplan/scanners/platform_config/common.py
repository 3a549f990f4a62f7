"""Pieces shared by the Kubernetes and compose checks."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from secplan.model import Artifact, Finding, Location, Severity
from secplan.scanners.platform_config.commands import (
    Hit,
    check_command,
    check_env,
    model_env_hits,
)
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
    r"sglang|llama[.-]?cpp|llama-server|tensorboard|gradio|streamlit|huggingface|"
    r"openvino[/_-]?model[_-]?server|\bovms\b",
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
    injected: frozenset[str] = frozenset()
    templated = "{{" in text and "}}" in text
    if templated:
        text, injected = detemplate(text, chart_values(artifact.path))
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
            doc.injected = injected
    return docs, None


#: What a template expression becomes: a value no check takes for a literal.
TEMPLATE_VALUE = "$TEMPLATE"
_CONTROL_WORDS = ("if", "else", "end", "range", "with", "define", "block", "/*", "-", "")
#: Keys whose inserted YAML writes no security or resource setting of a pod or container.
_INERT_PARENTS = frozenset(
    {
        "labels",
        "annotations",
        "matchlabels",
        "selector",
        "env",
        "envfrom",
        "volumemounts",
        "volumes",
        "ports",
        "args",
        "command",
        "nodeselector",
        "tolerations",
        "affinity",
        "imagepullsecrets",
        "livenessprobe",
        "readinessprobe",
        "startupprobe",
        "lifecycle",
        "data",
        "stringdata",
        "metadata",
        "topologyspreadconstraints",
        "dnsconfig",
        "hostaliases",
        "rules",
        "tls",
    }
)
#: What a template may write, for :func:`detemplate`: ``*`` for anything.
ANY_SETTING = "*"
_INDENT_ARG = re.compile(r"\bn?indent\s+(\d+)")
_LITERAL_KEY = re.compile(r"^(\s*)(?:(-\s+))?([\w.\-/\"']+)\s*:")


def _inserted_topic(parent: str | None) -> str | None:
    """What YAML inserted under ``parent`` may set (``None`` for the list item mapping)."""
    if parent is None:
        return ANY_SETTING
    low = parent.strip("\"'").lower()
    if low.endswith("securitycontext"):
        return "securityContext"
    if low == "resources":
        return "resources"
    return None if low in _INERT_PARENTS else ANY_SETTING


_BLOCK_OUTPUT = re.compile(r"\b(?:toYaml|nindent|indent)\b")


def _inserts(actions: list[str], inline: bool) -> bool:
    """Whether template actions write YAML of their own: on a line of its own, any action
    but a control word or a variable; after a key (``sc: {{- toYaml .x | nindent 4 }}``),
    one that writes a block."""
    if inline:
        return any(_BLOCK_OUTPUT.search(a) for a in actions)
    first = [a.split(None, 1)[0] if a.split() else "" for a in actions]
    return any(w not in _CONTROL_WORDS and not w.startswith(("$", "/*")) for w in first)


def detemplate(text: str, values: object = None) -> tuple[str, frozenset[str]]:
    """The literal YAML of a Helm (Go template) file, without rendering it.

    A line that holds only template actions (``{{- if .Values.x }}``, ``{{- end }}``,
    ``{{- toYaml .Values.resources | nindent 12 }}``) becomes an empty line, so line numbers
    stay those of the file; an action inside a line (``image: "{{ .Values.image }}"``)
    becomes :data:`TEMPLATE_VALUE`. The second value says what actions that insert YAML
    (``toYaml``, ``include``...) may write, by the key they are written under:
    ``securityContext``, ``resources``, or :data:`ANY_SETTING` (a pod's or container's own
    mapping, or a key not known to be harmless). Settings of those kinds that are absent
    from the literal text are unknown. With the chart's ``values``, an action that writes
    a value empty there (``toYaml .Values.securityContext`` with ``securityContext: {}``, or
    ``toYaml .`` inside ``with .Values.securityContext``) writes nothing, but for resources,
    whose empty value the values file is judged for.

    >>> detemplate('a: "{{ .Values.x }}:1"\\n{{- if .Values.b }}\\nb: 1\\n{{- end }}\\n')
    ('a: "$TEMPLATE:1"\\n\\nb: 1\\n\\n', frozenset())
    >>> detemplate("c:\\n  resources:\\n    {{- toYaml .Values.r | nindent 4 }}\\n")[1]
    frozenset({'resources'})
    >>> detemplate("- name: x\\n  {{- include \\"sc\\" . | nindent 2 }}\\n")[1]
    frozenset({'*'})
    """
    out: list[str] = []
    injected: set[str] = set()
    keys: list[tuple[int, str | None]] = []  # (indent, key) of the literal lines above
    scopes: list[str | None] = []  # the values path of each open with (None: another block)

    def add(topic: str | None, actions: list[str]) -> None:
        # an empty resources value is reported in the values file, where it is written
        known = values is not None and topic != "resources"
        if topic and not (known and _inserts_nothing(actions, scopes, values)):
            injected.add(topic)

    for line in text.split("\n"):
        if "{{" not in line:
            out.append(line)
            _push_key(keys, line)
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
        for action in actions:
            _track_scope(scopes, action)
        literal = "".join(p for p in pieces if p != TEMPLATE_VALUE)
        inline = bool(literal.strip())
        inserts = bool(actions) and _inserts(actions, inline)
        if actions and not inline:
            if inserts:
                m = _INDENT_ARG.search(" ".join(actions))
                indent = int(m.group(1)) if m else len(line) - len(line.lstrip())
                parent = next((k for i, k in reversed(keys) if i < indent), "")
                add(_inserted_topic(parent), actions)
            out.append("")
        else:
            written = "".join(pieces)
            out.append(written)
            if inserts and literal.rstrip().endswith(":"):
                m = _LITERAL_KEY.match(literal)
                add(_inserted_topic(m.group(3) if m else ""), actions)
            _push_key(keys, written)
    return "\n".join(out), frozenset(injected)


_VALUES_REF = re.compile(r"(?<![\w$])\.Values((?:\.[\w-]+)*)")
_DOT = re.compile(r"(?<![\w.$])\.(?![\w.])")


def _track_scope(scopes: list[str | None], action: str) -> None:
    """Open and close the blocks of a template: ``with .Values.x`` opens one whose ``.`` is
    ``x``; ``if``, ``range``, ``define`` and ``block`` open others; ``end`` closes one."""
    word = action.split(None, 1)[0] if action.split() else ""
    if word == "with":
        m = _VALUES_REF.search(action)
        scopes.append(m.group(1).lstrip(".") if m else None)
    elif word in ("if", "range", "define", "block"):
        scopes.append(None)
    elif word == "end" and scopes:
        scopes.pop()


def _inserts_nothing(actions: list[str], scopes: list[str | None], values: object) -> bool:
    """Whether every action that inserts YAML writes a chart value that is empty in the
    chart's own values (``toYaml .Values.securityContext`` with ``securityContext: {}``)."""
    refs: list[str] = []
    for action in actions:
        word = action.split(None, 1)[0] if action.split() else ""
        if word in _CONTROL_WORDS or word.startswith(("$", "/*")):
            continue
        m = _VALUES_REF.search(action)
        if m is not None:
            refs.append(m.group(1).lstrip("."))
        elif _DOT.search(action) and scopes and scopes[-1] is not None:
            refs.append(scopes[-1])
        else:
            return False  # an include, a helper: what it writes is not known here
    return bool(refs) and all(_empty(_lookup(values, ref)) for ref in refs)


def _lookup(values: object, path: str) -> object:
    node = values
    for part in path.split(".") if path else []:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _empty(value: object) -> bool:
    return value is None or value == {} or value == [] or value == ""


def chart_values(path: Path) -> object:
    """The default values of the Helm chart a template belongs to (``values.yaml`` beside the
    ``Chart.yaml`` above it), or ``None`` when there are none or they cannot be read."""
    for parent in list(path.parents)[:4]:
        try:
            if (parent / "Chart.yaml").is_file():
                docs = load_all(read_text(parent / "values.yaml", MAX_CONFIG_BYTES))
                return docs[0] if docs and isinstance(docs[0], dict) else {}
        except (OSError, TooLarge, YamlError):
            return None
    return None


def _push_key(keys: list[tuple[int, str | None]], line: str) -> None:
    """Track the keys that enclose the next lines: ``None`` stands for a list item's own
    mapping (``- name: x`` opens one)."""
    m = _LITERAL_KEY.match(line)
    if m is None:
        return
    indent = len(m.group(1))
    while keys and keys[-1][0] >= indent:
        keys.pop()
    if m.group(2):
        keys.append((indent, None))
        indent += len(m.group(2))
    keys.append((indent, m.group(3)))


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


#: Images whose entrypoint is a command-line tool that takes a subcommand, so a command
#: (or a pod's ``args``) starting with that subcommand runs it: ``(pattern on the image name,
#: the entrypoint, its subcommands that start a server)``.
_IMAGE_ENTRYPOINTS = ((re.compile(r"(^|/)argocli(:|@|$)"), ("argo",), frozenset({"server"})),)


def entrypoint_of(image: object, first: str) -> tuple[str, ...]:
    """The entrypoint an image runs a subcommand ``first`` with (``argo`` for ``server`` in
    ``argoproj/argocli``), else ``()``."""
    name = image_parts(image)[0] if isinstance(image, str) else ""
    for pattern, program, subcommands in _IMAGE_ENTRYPOINTS:
        if first in subcommands and pattern.search(name):
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
    elif words and not program:
        program = entrypoint_of(image, words[0])
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


def model_env_findings(
    env: Iterable[tuple[str, object, int | None]], loc: Location
) -> Iterator[Finding]:
    """CD112 for a server's model set in an environment (``(name, value, line)``; a value
    not written here is ``None``) with no commit in a revision variable beside it, at the
    line of the model's variable."""
    values: dict[str, object] = {}
    lines: dict[str, int | None] = {}
    for name, value, line in env:
        values[name] = "$" if value is None else value  # set elsewhere: not judged
        lines[name] = line
    for name, hit in model_env_hits(values):
        yield from hit_findings([hit], at_line(loc, lines.get(name)))


def env_findings(name: str, value: object, loc: Location) -> Iterator[Finding]:
    """Environment settings that turn certificate checks off or point at plain HTTP."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        yield from hit_findings(check_env(name, str(value), services=True), loc)


def mappings(node: object, max_depth: int, depth: int = 0) -> Iterator[dict[Any, Any]]:
    """Every mapping under ``node`` (itself included), to ``max_depth`` levels."""
    if depth > max_depth:
        return
    if isinstance(node, dict):
        yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from mappings(child, max_depth, depth + 1)


def as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def as_map(value: object) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}
