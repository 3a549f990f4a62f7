"""Shell scripts (``.sh``, ``.bash``, files with a shell ``#!`` line) and ``.env`` files through
the command-line rules.

A script is read as logical lines (continuations and open quotes joined, here-documents left
out) and every line goes through the same engine as Dockerfile ``RUN`` lines and compose or
Kubernetes commands. Variables the script sets anywhere (``export VLLM_API_KEY=...``) count as
set for every server it starts. A ``.env`` file is a list of assignments: each is checked as
an environment setting. Secrets in both are the secrets scanner's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.coverage import not_verified
from secplan.scanners.platform_config.commands import COMMAND_RULES, Hit, check_env, check_line
from secplan.scanners.platform_config.common import model_env_findings
from secplan.scanners.platform_config.rules import SHELL_EVAL_ARGUMENTS
from secplan.scanners.platform_config.shell import (
    MAX_JOINED_LINES,
    Line,
    assignment,
    parse,
    script_lines,
)
from secplan.textfile import TooLarge, read_text

MAX_SCRIPT_BYTES = 4 << 20
# possessive quantifiers and a value stripped in code keep the match linear on long lines
_DOTENV = re.compile(r"^\s*+(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*+)\s*+=\s*+(.*)$")


def dotenv_pairs(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, name, value)`` of each assignment of a ``.env`` file.

    >>> list(dotenv_pairs("# c\\nexport A='x y'\\nB=http://h:1 # note\\nC=\\"q#r\\""))
    [(2, 'A', 'x y'), (3, 'B', 'http://h:1'), (4, 'C', 'q#r')]
    """
    for number, raw in enumerate(text.splitlines(), 1):
        m = _DOTENV.match(raw)
        if m is None:
            continue
        name, value = m.group(1), m.group(2).rstrip()
        if value[:1] in ("'", '"') and value.find(value[0], 1) > 0:
            value = value[1 : value.find(value[0], 1)]
        else:
            value = re.split(r"\s+#", value, maxsplit=1)[0]
        yield number, name, value


def option_line(raw: list[str], number: int, evidence: str) -> int:
    """The physical line, within the logical line starting at ``number`` (continued with
    ``\\``), that holds the option or URL named in ``evidence``; ``number`` when none does."""
    words = [w.split("=", 1)[0] for w in evidence.split() if w.startswith(("-", "http"))]
    last = min(len(raw), number + MAX_JOINED_LINES)
    if not words:  # a program and the value it acts on ("launcher org/model"): the value's line
        return _value_line(raw, number, last, evidence.split()[-1]) if evidence.split() else number
    if evidence.startswith("-") and " " in evidence:  # an option and its value: the line of both
        option, value = evidence.split(None, 1)
        for n in range(number, last + 1):
            if option in raw[n - 1].split() and value in raw[n - 1]:
                return n
            if not raw[n - 1].rstrip().endswith("\\"):
                break
    for n in range(number, last + 1):
        text = raw[n - 1]
        tokens = text.replace("=", " ").split()
        if any(w in tokens or (w.startswith("http") and w in text) for w in words):
            return n
        if not text.rstrip().endswith("\\"):
            break
    return number


def _value_line(raw: list[str], number: int, last: int, value: str) -> int:
    """The physical line of a continued command, from ``number`` to ``last``, that holds
    ``value`` as a word; ``number`` when none does."""
    for n in range(number, last + 1):
        if value in raw[n - 1].replace("=", " ").split():
            return n
        if not raw[n - 1].rstrip().endswith("\\"):
            break
    return number


def _finding(hit: Hit, rel: str, line: int) -> Finding:
    return hit.rule.at(
        Location(path=rel, line=line),
        hit.message,
        evidence=hit.evidence,
        severity=hit.severity,
        confidence=hit.confidence,
    )


def _env_names(lines: list[tuple[int, Line]]) -> set[str]:
    names: set[str] = set()
    for _, line in lines:
        for cmd in line.commands():
            names.update(n for n, _ in cmd.assignments)
            if cmd.program in ("export", "declare", "typeset", "readonly"):
                names.update(
                    pair[0] if (pair := assignment(w)) else w
                    for w in cmd.argv[1:]
                    if not w.startswith("-")
                )
    return names


_MAKEFILES = frozenset({"Makefile", "makefile", "GNUmakefile"})


def is_makefile(artifact: Artifact) -> bool:
    return artifact.name in _MAKEFILES or artifact.path.suffix.lower() == ".mk"


#: A Makefile variable set on one line to a plain value (``PYTHON ?= python3``).
_MAKE_VAR = re.compile(
    r"^(?:override\s+|export\s+)?([A-Za-z_][A-Za-z0-9_]{0,100})\s*+[?:+!]?:?=\s*+(.*)$"
)
_MAKE_REF = re.compile(r"\$[({]([A-Za-z_][A-Za-z0-9_]{0,100})[)}]")


def make_variables(text: str) -> dict[str, str]:
    """Variables a Makefile sets to a plain value (one word or more, no reference to other
    variables, no continuation), the first setting of each; those set more than one way
    (``+=``, ``!=``) are left out.

    >>> make_variables("PYTHON ?= python3\\nX := $(Y)\\nA = a b\\nA += c\\n\\trun\\n")
    {'PYTHON': 'python3'}
    """
    found: dict[str, str] = {}
    dropped: set[str] = set()
    for raw in text.splitlines():
        if raw.startswith("\t") or "=" not in raw:
            continue
        m = _MAKE_VAR.match(raw)
        if m is None:
            continue
        name, value = m.group(1), m.group(2).split("#", 1)[0].strip()
        head = raw[m.end(1) : m.start(2)]
        if "+" in head or "!" in head or "$" in value or value.endswith("\\") or not value:
            dropped.add(name)
        else:
            found.setdefault(name, value)
    return {k: v for k, v in found.items() if k not in dropped}


def makefile_recipes(text: str) -> Iterator[tuple[int, str]]:
    """``(line, command)`` of each recipe line of a Makefile (a line that starts with a tab),
    continued lines joined, the ``@``/``-``/``+`` prefixes taken off and ``$$`` read as
    the shell's ``$``. Make's own variables (``$(X)``) set to a plain value in the file
    (``PYTHON ?= python3``) are replaced by that value; others stay as written."""
    variables = make_variables(text)
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i]
        start = i + 1
        if not raw.startswith("\t"):
            i += 1
            continue
        parts = [raw[1:]]
        while parts[-1].rstrip().endswith("\\") and i + 1 < len(lines) and len(parts) < 200:
            parts[-1] = parts[-1].rstrip()[:-1]
            i += 1
            parts.append(lines[i].lstrip("\t"))
        i += 1
        command = " ".join(p.strip() for p in parts).lstrip("@-+ ")
        command = _MAKE_REF.sub(lambda m: variables.get(m.group(1), m.group(0)), command)
        command = command.replace("$$", "$")
        if command:
            yield start, command


#: A Jenkins ``sh`` step: ``sh 'cmd'``, ``sh "cmd"``, ``sh '''...'''``, ``sh(script: "...")``.
_JENKINS_SH = re.compile(
    r"\bsh\s*+\(?\s*+(?:(?:label|returnStdout|returnStatus|encoding)\s*+:\s*+[^,)]{0,80},\s*+)*+"
    r"(?:script\s*+:\s*+)?('{3}|\"{3}|'|\")"
)


MAX_STEP = 64 << 10
MAX_STEPS = 2_000


def is_jenkinsfile(artifact: Artifact) -> bool:
    name = artifact.name
    return name == "Jenkinsfile" or name.startswith("Jenkinsfile.") or name.endswith(".jenkinsfile")


def jenkins_steps(text: str) -> Iterator[tuple[int, str]]:
    """``(line, command)`` of each line of the shell steps (``sh``) of a Jenkinsfile. Groovy
    interpolation (``${env.X}``) reads as a shell variable.

    >>> text = "steps {\\n  sh 'make test'\\n  sh \'\'\'\\n    a\\n    b\\n  \'\'\'\\n}"
    >>> list(jenkins_steps(text))
    [(2, 'make test'), (4, '    a'), (5, '    b')]
    """
    for count, m in enumerate(_JENKINS_SH.finditer(text)):
        if count >= MAX_STEPS:
            break
        quote = m.group(1)
        window = text[m.end() : m.end() + MAX_STEP]
        if len(quote) == 1:
            window = window.split("\n", 1)[0]  # a one-line string
        end = window.find(quote)
        if end < 0:
            continue  # unterminated, or a Groovy expression the step builds
        body = window[:end]
        first = text.count("\n", 0, m.end()) + 1
        for number, line in script_lines(body):
            yield first + number - 1, line


def is_nix(artifact: Artifact) -> bool:
    return artifact.name.endswith(".nix")


#: A Nix attribute holding a shell script in an indented string: a dev shell's ``shellHook``,
#: a derivation's phases and hooks (``buildPhase``, ``postInstall``...).
_NIX_SCRIPT = re.compile(
    r"\b(shellHook|\w*Phase|(?:pre|post)(?:Build|Install|Check|Configure|Fixup|Unpack))"
    r"\s*=\s*''"
)
#: The end of an indented string: two single quotes that are not an escape (three quotes,
#: or two before ``$`` or a backslash).
_NIX_END = re.compile(r"''(?!['$\\])")


def nix_scripts(text: str) -> Iterator[tuple[int, str]]:
    """``(line, script)`` of each shell script a Nix file holds in a ``shellHook`` or a
    build phase, with the line its first line has in the file.

    >>> list(nix_scripts("{\\n  shellHook = ''\\n    export A=1\\n  '';\\n}"))
    [(2, '\\n    export A=1\\n  ')]
    """
    for count, m in enumerate(_NIX_SCRIPT.finditer(text)):
        if count >= MAX_STEPS:
            break
        end = _NIX_END.search(text, m.end(), m.end() + MAX_STEP)
        if end is None:
            continue
        yield text.count("\n", 0, m.end()) + 1, text[m.end() : end.start()]


def nix_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line, command)`` of each line of the shell scripts of a Nix file."""
    for first, script in nix_scripts(text):
        for number, line in script_lines(script):
            yield first + number - 1, line


#: A reference to the script's arguments: ``$*``, ``$@``, ``$1``, ``${1}``, ``${1:-x}``,
#: ``${@:2}``.
_ARGUMENTS = re.compile(r"\$(?:[*@1-9]|\{[*@1-9])")
_VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]{0,100})")


def eval_argument_lines(lines: list[tuple[int, Line]]) -> Iterator[tuple[int, str]]:
    """``(line, evidence)`` of each ``eval`` that runs the script's arguments, directly or
    through a variable set from them (``CMD="$1"``); command substitutions
    (``eval "$(ssh-agent -s)"``) are not arguments.

    >>> from secplan.scanners.platform_config.shell import parse
    >>> text = ['CMD="$1"; shift', 'eval "$CMD $*"', 'eval "$(pyenv init -)"', 'X=a; eval "$X"']
    >>> list(eval_argument_lines([(n, parse(t)) for n, t in enumerate(text, 1)]))
    [(2, 'eval $CMD $*')]
    """
    tainted: set[str] = set()
    for _, line in lines:
        for cmd in line.commands():
            tainted.update(n for n, v in cmd.assignments if _ARGUMENTS.search(v))
    for number, line in lines:
        for cmd in line.commands():
            if cmd.program != "eval":
                continue
            words = " ".join(cmd.argv[1:])
            if _ARGUMENTS.search(words) or any(
                m.group(1) in tainted for m in _VARIABLE.finditer(words)
            ):
                yield number, f"eval {words}"[:200]
                break


class ShellScriptScanner:
    """The command-line rules over shell scripts, Makefile recipes, the ``sh`` steps of
    Jenkinsfiles, the shell hooks and build phases of Nix files and ``.env`` files."""

    name: ClassVar[str] = "shell-scripts"
    rules: ClassVar[tuple[Rule, ...]] = (*COMMAND_RULES, SHELL_EVAL_ARGUMENTS)

    def applies_to(self, artifact: Artifact) -> bool:
        if artifact.kind is ArtifactKind.CODE:
            return artifact.format == "shell"
        if artifact.kind is ArtifactKind.UNKNOWN and (
            is_makefile(artifact) or is_jenkinsfile(artifact) or is_nix(artifact)
        ):
            return True
        return artifact.kind is ArtifactKind.CONFIG and artifact.format == "dotenv"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        rel = artifact.relpath
        try:
            text = read_text(artifact.path, MAX_SCRIPT_BYTES)
        except TooLarge:
            why = f"larger than {MAX_SCRIPT_BYTES} bytes"
            yield not_verified(Location(path=rel), why, self.rules)
            return
        if artifact.kind is ArtifactKind.CONFIG:
            pairs = list(dotenv_pairs(text))
            for number, name, value in pairs:
                yield from (_finding(h, rel, number) for h in check_env(name, value, services=True))
            yield from model_env_findings(((n, v, i) for i, n, v in pairs), Location(path=rel))
            return
        raw = text.splitlines()
        if is_jenkinsfile(artifact):
            commands = jenkins_steps(text)
        elif is_nix(artifact):
            commands = nix_lines(text)
        else:
            commands = makefile_recipes(text) if is_makefile(artifact) else script_lines(text)
        lines = [(number, parse(line)) for number, line in commands]
        env = _env_names(lines)
        for number, line in lines:
            for h in check_line(line, env):
                yield _finding(h, rel, option_line(raw, number, h.evidence))
        if artifact.kind is ArtifactKind.CODE:  # a shell script: its own arguments
            for number, evidence in eval_argument_lines(lines):
                yield SHELL_EVAL_ARGUMENTS.at(
                    Location(path=rel, line=number),
                    "the script's arguments are evaluated as shell code",
                    evidence=evidence,
                )
