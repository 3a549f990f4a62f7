"""The three artifact scanners: Python code, secrets in text files, and notebooks.

Each file is read once, within a size limit; anything over a limit, or that does not parse,
is reported as not verified (SX001) with the limit that applied, never skipped silently.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from typing import ClassVar

from secplan.model import Artifact, ArtifactKind, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.scanners._base import ScanContext
from secplan.scanners.code import rules_load, rules_notebook, rules_run, rules_secrets
from secplan.scanners.code._hit import Hit
from secplan.scanners.code.config_tls import tls_off_lines
from secplan.scanners.code.nbpositions import locate
from secplan.scanners.code.notebook import (
    MAX_CELLS,
    Cell,
    Notebook,
    Output,
    load_notebook,
    python_lines,
)
from secplan.scanners.code.pii import DataPiiDetector, PiiDetector
from secplan.scanners.code.project_guard import guarded_bind
from secplan.scanners.code.project_streamlit import streamlit_served_openly
from secplan.scanners.code.project_torch import torch_loads_weights_only
from secplan.scanners.code.pyconfig import link_configs, link_env
from secplan.scanners.code.pyindex import ModuleIndex
from secplan.scanners.code.pysiblings import link_siblings
from secplan.scanners.code.python import (
    MAX_PYTHON_BYTES,
    analyze,
    cyclic_gc_paused,
    new_index,
    parse,
)
from secplan.scanners.code.secret_compare import compared_secrets
from secplan.scanners.code.secret_detect import SecretHit, find_secrets
from secplan.scanners.code.secret_generic import spaced_settings
from secplan.scanners.code.secret_values import mask
from secplan.scanners.code.shell_lines import shell_hits, unpinned_packages
from secplan.scanners.coverage import not_verified
from secplan.textfile import MAX_TEXT_BYTES, TooLarge, read_text

PYTHON_RULES = rules_load.RULES + rules_run.RULES
#: Notebooks are JSON with outputs (often images) inside; they get a larger limit than code.
MAX_NOTEBOOK_BYTES = 32 << 20
TEXT_DOCUMENTS = frozenset({"markdown", "rst", "text", "html", "asciidoc"})
SECRET_KINDS = frozenset(
    {
        ArtifactKind.CODE,
        ArtifactKind.CONFIG,
        ArtifactKind.DEPENDENCIES,
        ArtifactKind.DEPLOYMENT,
        ArtifactKind.CONTAINER,
    }
)
_PII_NAMES = {
    "email": "e-mail address",
    "phone": "phone number",
    "card": "payment-card number",
    "person": "personal name",
    "ssn": "social-security number",
    "national-id": "national identity number",
    "iban": "bank account number (IBAN)",
    "passport": "passport number",
    "birth-date": "date of birth",
    "address": "street address",
}
#: Lines of one output reported one by one; the rest are counted in one more finding.
MAX_PII_LINES = 20


_DEFAULT_LOAD = "without weights_only=True"
#: Languages whose unquoted values are identifiers (references), never literal secrets.
_DECLARATIVE_CODE = frozenset({".bicep", ".bicepparam"})
#: Kinds of files whose settings may turn a client's certificate checks off.
_SETTINGS_KINDS = frozenset({ArtifactKind.CONFIG, ArtifactKind.DEPLOYMENT})


def _safe_by_default(h: Hit, ctx: ScanContext, path: str) -> bool:
    """A ``torch.load`` without ``weights_only`` in a project that requires PyTorch 2.6+; a
    Streamlit app the project does not serve on every interface."""
    if h.rule.id == rules_run.STREAMLIT_NO_AUTH.id:
        return not streamlit_served_openly(ctx, path)
    return (
        h.rule.id == rules_load.TORCH_LOAD.id
        and _DEFAULT_LOAD in h.message
        and torch_loads_weights_only(ctx)
    )


def hit_finding(h: Hit, path: str, loc: Location | None = None) -> Finding:
    loc = loc or Location(path=path, line=h.line, column=h.column, cell=h.cell)
    return h.rule.at(
        loc,
        h.message,
        evidence=h.evidence,
        severity=h.severity,
        confidence=h.confidence,
        controls=h.controls,
    )


Place = Callable[[int, int | None], Location]


def secret_findings(
    text: str,
    path: str,
    *,
    bare: bool,
    cell: int | None = None,
    where: str = "",
    place: Place | None = None,
    git_ignored: bool = False,
) -> Iterator[Finding]:
    """Findings for the secrets in ``text``: masked values only. ``place`` turns a line and
    column of ``text`` into a location (a notebook cell's lines are elsewhere in its file).
    In a file git ignores, a secret is reported one severity lower and says so."""
    for h in find_secrets(text, bare_values=bare):
        yield _secret_finding(h, path, cell, where, place, git_ignored)


_GIT_IGNORED = (
    " (the file is ignored by git: not committed, but the secret sits in plain text on disk)"
)


def _secret_finding(
    h: SecretHit,
    path: str,
    cell: int | None,
    where: str,
    place: Place | None,
    git_ignored: bool = False,
) -> Finding:
    if where:
        loc = place(h.line, h.column) if place is not None else Location(path=path, cell=cell)
        message = f"{h.title} in {where} (line {h.line} of it)"
    else:
        loc = (
            place(h.line, h.column)
            if place is not None
            else Location(path=path, line=h.line, column=h.column, cell=cell)
        )
        message = f"{h.title} written into the file"
    if git_ignored:
        severity = Severity(max(Severity.LOW, h.rule.severity - 1))
        return h.rule.at(
            loc, message + _GIT_IGNORED, evidence=f"{h.detector}: {h.masked}", severity=severity
        )
    return h.rule.at(loc, message, evidence=f"{h.detector}: {h.masked}")


class PythonCodeScanner:
    """Python rules (one parse, one walk) and secrets, for ``.py`` files."""

    name: ClassVar[str] = "python-code"
    rules: ClassVar[tuple[Rule, ...]] = (
        *PYTHON_RULES,
        rules_notebook.PIPE_TO_SHELL,
        *rules_secrets.RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.CODE and artifact.format == "python"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        path = artifact.relpath
        try:
            text = read_text(artifact.path)
        except TooLarge:
            yield not_verified(
                Location(path=path), f"larger than {MAX_TEXT_BYTES} bytes", self.rules
            )
            return
        yield from secret_findings(text, path, bare=False)
        if artifact.size > MAX_PYTHON_BYTES or len(text) > MAX_PYTHON_BYTES:
            why = f"Python rules skipped: larger than {MAX_PYTHON_BYTES} bytes"
            yield not_verified(Location(path=path), why, PYTHON_RULES)
            return
        tree = parse(text, path)
        if isinstance(tree, str):
            yield not_verified(Location(path=path), f"Python rules skipped: {tree}", PYTHON_RULES)
            return
        with cyclic_gc_paused():
            idx = new_index()
            idx.add(tree)
            link_siblings(idx, tree, path, ctx)
            link_configs(idx, tree, path, ctx)
            link_env(idx, tree, ctx)
            hits = analyze(idx)
        for h in hits:
            if h.rule.id == rules_run.BIND_ALL.id:
                guarded = guarded_bind(h, ctx, path)
                if guarded is None:
                    continue
                h = guarded
            if not _safe_by_default(h, ctx, path):
                yield hit_finding(h, path)
        for line, name, value in compared_secrets(tree):
            yield rules_secrets.GENERIC_SECRET.at(
                Location(path=path, line=line),
                f"{name} is compared with a credential written into the file",
                evidence=f"{name} == {mask(value)}",
            )


class SecretsScanner:
    """Secrets in configuration, dependency, deployment, container, document and other code."""

    name: ClassVar[str] = "secrets"
    rules: ClassVar[tuple[Rule, ...]] = (*rules_secrets.RULES, rules_run.TLS_VERIFICATION_OFF)

    def applies_to(self, artifact: Artifact) -> bool:
        kind = artifact.kind
        if kind is ArtifactKind.CODE:
            return artifact.format != "python"
        if kind is ArtifactKind.DOCUMENT:
            return artifact.format in TEXT_DOCUMENTS
        if kind is ArtifactKind.UNKNOWN:
            return artifact.format == "text"
        return kind in SECRET_KINDS

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        path = artifact.relpath
        try:
            text = read_text(artifact.path)
        except TooLarge:
            yield not_verified(
                Location(path=path), f"larger than {MAX_TEXT_BYTES} bytes", self.rules
            )
            return
        bare = artifact.kind is not ArtifactKind.CODE or artifact.format == "shell"
        if artifact.path.suffix.lower() in _DECLARATIVE_CODE:
            bare = False  # ``password: sqlAdminPassword`` names a parameter, not a value
        settings = spaced_settings(artifact.name, text)
        yield from secret_findings(settings, path, bare=bare, git_ignored=artifact.git_ignored)
        if artifact.kind in _SETTINGS_KINDS or artifact.kind is ArtifactKind.UNKNOWN:
            for line, evidence in tls_off_lines(text):
                yield rules_run.TLS_VERIFICATION_OFF.at(
                    Location(path=path, line=line),
                    f"client setting {evidence}: the server's certificate is not checked",
                    evidence=evidence,
                )


class NotebookScanner:
    """Notebook cells through the Python rules, sources and outputs through secrets and PII."""

    name: ClassVar[str] = "notebook"
    rules: ClassVar[tuple[Rule, ...]] = PYTHON_RULES + rules_secrets.RULES + rules_notebook.RULES

    def __init__(self, pii: PiiDetector | None = None) -> None:
        self.pii: PiiDetector = pii or DataPiiDetector()

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.NOTEBOOK

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        path = artifact.relpath
        try:
            text = read_text(artifact.path, MAX_NOTEBOOK_BYTES)
        except TooLarge:
            why = f"larger than {MAX_NOTEBOOK_BYTES} bytes"
            yield not_verified(Location(path=path), why, self.rules)
            return
        nb = load_notebook(text)
        if isinstance(nb, str):
            yield rules_notebook.MALFORMED_NOTEBOOK.at(
                Location(path=path), f"notebook cannot be read: {nb}", evidence=nb
            )
            yield from secret_findings(text, path, bare=False)
            return
        for f in self._notebook(nb, path):
            default = f.rule == rules_load.TORCH_LOAD.id and _DEFAULT_LOAD in f.message
            if not (default and torch_loads_weights_only(ctx)):
                yield f

    def _notebook(self, nb: Notebook, path: str) -> Iterator[Finding]:
        if nb.truncated:
            why = f"only the first {MAX_CELLS} cells were checked"
            yield not_verified(Location(path=path), why, self.rules)
        idx = new_index()
        for cell in nb.cells:
            yield from secret_findings(
                cell.source,
                path,
                bare=cell.kind != "code",
                cell=cell.number,
                place=partial(cell_location, path, cell),
            )
            if cell.kind == "code":
                yield from self._code(cell, path, idx)
            for out in cell.outputs:
                where = f"output {out.index} of cell {cell.number}"
                place = partial(output_location, path, cell.number, out)
                yield from secret_findings(
                    out.text, path, bare=False, cell=cell.number, where=where, place=place
                )
                yield from self._pii(out, path, cell.number, where)
        cells = {c.number: c for c in nb.cells}
        for h in analyze(idx):
            home = cells.get(h.cell) if h.cell is not None else None
            loc = None if home is None else cell_location(path, home, h.line, h.column, utf8=True)
            yield hit_finding(h, path, loc)

    def _code(self, cell: Cell, path: str, idx: ModuleIndex) -> Iterator[Finding]:
        code, shell = python_lines(cell.source)
        for line in shell:
            yield from _shell_findings(line.command, cell_location(path, cell, line.line, None))
        if not code.strip():
            return
        tree = parse(code, path)
        if isinstance(tree, str):
            yield not_verified(
                Location(path=path, cell=cell.number), f"cell not checked: {tree}", PYTHON_RULES
            )
            return
        idx.add(tree, cell.number)

    def _pii(self, out: Output, path: str, cell: int, where: str) -> Iterator[Finding]:
        """One finding for each line of the output that shows personal data (a table row, a
        printed record), where the file stores it; past :data:`MAX_PII_LINES` lines, one
        more finding counts the rest."""
        by_line: dict[int, Counter[str]] = {}
        starts = [0, *(i + 1 for i, ch in enumerate(out.text) if ch == "\n")]
        for h in self.pii.find(out.text):
            line = bisect.bisect_right(starts, h.start)
            by_line.setdefault(line, Counter())[h.kind] += 1
        lines = sorted(by_line)
        shown, rest = lines[:MAX_PII_LINES], lines[MAX_PII_LINES:]
        for line in shown:
            counts = by_line[line]
            yield rules_notebook.PII_IN_OUTPUT.at(
                output_location(path, cell, out, line, None),
                f"{where} shows personal data (line {line} of it): {_counted(counts)}",
                evidence=", ".join(f"{k}={n}" for k, n in sorted(counts.items())),
            )
        if rest:
            total: Counter[str] = Counter()
            for line in rest:
                total.update(by_line[line])
            yield rules_notebook.PII_IN_OUTPUT.at(
                output_location(path, cell, out, rest[0], None),
                f"{where} shows personal data on {len(rest)} more lines: {_counted(total)}",
                evidence=", ".join(f"{k}={n}" for k, n in sorted(total.items())),
            )


def _counted(counts: Counter[str]) -> str:
    return ", ".join(
        f"{n} {_PII_NAMES.get(k, k)}{'s' if n > 1 else ''}" for k, n in sorted(counts.items())
    )


def output_location(path: str, cell: int, out: Output, line: int, column: int | None) -> Location:
    """Where line ``line`` (and ``column``) of a stored output is in the notebook file."""
    file_line, file_column = locate(out.stored, line, column)
    return Location(path=path, line=file_line, column=file_column, cell=cell)


def cell_location(
    path: str, cell: Cell, line: int, column: int | None, *, utf8: bool = False
) -> Location:
    """Where line ``line`` (and ``column``) of a cell is in the notebook file as stored.

    ``utf8``: the column counts UTF-8 bytes, as :mod:`ast` does, not characters.
    """
    lines = cell.source.split("\n")
    text = lines[line - 1] if utf8 and 1 <= line <= len(lines) else None
    file_line, file_column = locate(cell.stored, line, column, text)
    return Location(path=path, line=file_line, column=file_column, cell=cell.number)


def _shell_findings(command: str, loc: Location) -> Iterator[Finding]:
    for h in shell_hits(command):
        yield h.rule.at(
            loc, h.message, evidence=h.evidence, severity=h.severity, confidence=h.confidence
        )
    unpinned = unpinned_packages(command)
    if unpinned:
        shown = ", ".join(unpinned[:10])
        yield rules_notebook.UNPINNED_INSTALL.at(
            loc, f"installs without an exact version: {shown}", evidence=f"install {shown}"
        )
