"""Runs Presidio's analyzer over the corpus (in a separate environment with
presidio-analyzer and a spaCy pipeline).

    python presidio_runner.py text CORPUS/text.jsonl OUT.jsonl --model en_core_web_sm
    python presidio_runner.py tables CORPUS/tables OUT.json --model en_core_web_sm

Presidio's entity names are mapped to the corpus's; types Presidio does not have
(STREET_ADDRESS, DATE_OF_BIRTH, API_KEY; its DATE_TIME and LOCATION are broader) stay
unmapped, so it scores no recall on them. Prints one JSON line of timings to stdout.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from pathlib import Path

MAP = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN_CODE",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "URL": "URL",
    "CRYPTO": "CRYPTO",
    "US_PASSPORT": "PASSPORT",
    "IT_PASSPORT": "PASSPORT",
    "ES_NIF": "NATIONAL_ID",
    "ES_NIE": "NATIONAL_ID",
    "IT_FISCAL_CODE": "NATIONAL_ID",
    "PL_PESEL": "NATIONAL_ID",
    "FI_PERSONAL_IDENTITY_CODE": "NATIONAL_ID",
    "UK_NHS": "NATIONAL_ID",
    "UK_NINO": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID",
    "MAC_ADDRESS": "MAC_ADDRESS",
    "EMAIL": "EMAIL_ADDRESS",
}


def engine(model: str):  # type: ignore[no-untyped-def]
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


def text(src: Path, out: Path, model: str) -> dict[str, object]:
    t0 = time.perf_counter()
    an = engine(model)
    entities = sorted(an.get_supported_entities("en"))
    records = [json.loads(line) for line in src.open(encoding="utf-8")]
    t1 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for i, rec in enumerate(records):
            res = an.analyze(text=rec["text"], language="en")
            spans = [
                {
                    "start": r.start,
                    "end": r.end,
                    "label": MAP[r.entity_type],
                    "score": round(r.score, 2),
                }
                for r in res
                if r.entity_type in MAP
            ]
            fh.write(json.dumps({"record": i, "spans": spans}) + "\n")
    t2 = time.perf_counter()
    return {
        "records": len(records),
        "bytes": src.stat().st_size,
        "setup_s": t1 - t0,
        "detect_s": t2 - t1,
        "entities": entities,
    }


def tables(src: Path, out: Path, model: str, sample: int = 100) -> dict[str, object]:
    an = engine(model)
    result: dict[str, dict[str, str]] = {}
    t0 = time.perf_counter()
    for f in sorted(src.glob("*.csv")):
        with f.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        header, body = rows[0], rows[1 : sample + 1]
        cols: dict[str, str] = {}
        for i, name in enumerate(header):
            votes: Counter[str] = Counter()
            for row in body:
                found = {
                    MAP[r.entity_type]
                    for r in an.analyze(text=row[i], language="en", context=[name])
                    if r.entity_type in MAP
                }
                votes.update(found)
            label, n = votes.most_common(1)[0] if votes else ("NONE", 0)
            cols[name] = label if n >= 0.5 * len(body) else "NONE"
        result[f.name] = cols
    t1 = time.perf_counter()
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return {"detect_s": t1 - t0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["text", "tables"])
    ap.add_argument("src", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", default="en_core_web_sm")
    a = ap.parse_args()
    stats = text(a.src, a.out, a.model) if a.mode == "text" else tables(a.src, a.out, a.model)
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
