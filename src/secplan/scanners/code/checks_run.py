"""Checks for CD120-CD122: code execution on inputs (eval, shells, Jinja2 templates)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from secplan.model import Severity
from secplan.model.finding import Confidence
from secplan.scanners.code import rules_run as R
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code._lists import Shell
from secplan.scanners.code.pyindex import MISSING, ModuleIndex, dotted_text
from secplan.scanners.code.shell_lines import shell_hits

JINJA_TEMPLATES = frozenset({"jinja2.Template", "jinja2.environment.Template"})
JINJA_ENVS = frozenset({"jinja2.Environment", "jinja2.environment.Environment"})
_EVALUATORS = {"builtins.eval": "eval", "builtins.exec": "exec", "builtins.compile": "compile"}


def check_evaluator(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    func = _EVALUATORS.get(site.qualname or "")
    if func is None or not site.call.args:
        return
    source = site.call.args[0]
    if idx.str_const(source) is not None or isinstance(source, ast.Constant):
        return
    severity = Severity.MEDIUM if func == "compile" else None
    yield hit(
        R.DYNAMIC_EVAL,
        site.call,
        site.cell,
        f"{func}() of a value built at run time runs it as Python",
        f"{func}({_shape(source)})",
        severity=severity,
    )


def _shape(node: ast.expr) -> str:
    """A safe description of an argument: its kind and, for names, the name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return dotted_text(node) or "<attribute>"
    if isinstance(node, ast.JoinedStr):
        return "<f-string>"
    if isinstance(node, ast.Call):
        return "<call result>"
    if isinstance(node, ast.BinOp):
        return "<expression>"
    return "<value>"


def _programs(command: str) -> str:
    """Only the program names of a shell command (never its arguments, which may be secret)."""
    names = []
    for part in re.split(r"[|;&]+", command):
        words = part.split()
        if words:
            names.append(words[0].rsplit("/", 1)[-1][:40])
    return " | ".join(names[:6])


def check_shell(idx: ModuleIndex, site: CallSite, spec: Shell) -> Iterator[Hit]:
    call = site.call
    confidence = None
    if not spec.always:
        value = idx.const(idx.arg(call, "shell"))
        if idx.arg(call, "shell") is None or (value is not MISSING and not value):
            return
        if value is MISSING:
            confidence = Confidence.LOW
    command = idx.arg(call, "args", 0) or idx.arg(call, "cmd", 0) or idx.arg(call, "command", 0)
    if command is None:
        return
    text = idx.str_const(command)
    if text is None and isinstance(command, ast.List | ast.Tuple):
        parts = [idx.str_const(e) for e in command.elts]
        known = [p for p in parts if p is not None]
        text = " ".join(known) if len(known) == len(parts) else None
    how = "may run" if confidence is Confidence.LOW else "runs"
    if text is None:
        yield hit(
            R.SHELL_COMMAND,
            call,
            site.cell,
            f"{site.shown} {how} a command built at run time through a shell",
            f"{site.shown}({_shape(command)})",
            confidence=confidence,
        )
        return
    yield hit(
        R.SHELL_COMMAND,
        call,
        site.cell,
        f"{site.shown} {how} a fixed command through a shell",
        f"{site.shown}({_programs(text)!r})",
        severity=Severity.LOW,
        confidence=confidence,
    )
    for h in shell_hits(text)[:1]:
        yield hit(
            h.rule,
            call,
            site.cell,
            f"{site.shown} pipes a download straight into an interpreter",
            _programs(text),
        )


def jinja_envs(idx: ModuleIndex) -> frozenset[str]:
    """Targets (``env``, ``self.env``) assigned a non-sandboxed Jinja2 Environment."""
    if not any(
        isinstance(c.func, ast.Attribute) and c.func.attr == "from_string" for c, _ in idx.calls
    ):
        return frozenset()
    return frozenset(
        dotted_text(target)
        for target, call in idx.env_candidates
        if idx.qualname(call.func) in JINJA_ENVS and dotted_text(target)
    )


def check_jinja(idx: ModuleIndex, site: CallSite, envs: frozenset[str]) -> Iterator[Hit]:
    call = site.call
    if site.qualname in JINJA_TEMPLATES:
        source = idx.arg(call, "source", 0)
    elif isinstance(call.func, ast.Attribute) and call.func.attr == "from_string":
        receiver = call.func.value
        unsafe = (isinstance(receiver, ast.Call) and idx.qualname(receiver.func) in JINJA_ENVS) or (
            dotted_text(receiver) in envs if dotted_text(receiver) else False
        )
        if not unsafe:
            return
        source = idx.arg(call, "source", 0)
    else:
        return
    if source is None or idx.str_const(source) is not None:
        return
    chat = "chat_template" in ast.dump(source)
    what = "a model's chat_template" if chat else "a template built at run time"
    yield hit(
        R.UNSANDBOXED_TEMPLATE,
        call,
        site.cell,
        f"{site.shown} compiles {what} outside a Jinja2 sandbox",
        f"{site.shown}({_shape(source)})",
        severity=Severity.HIGH if chat else None,
    )
