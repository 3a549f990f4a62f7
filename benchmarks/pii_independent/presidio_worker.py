"""Run Presidio's analyzer over a corpus; executed by the Python of a separate Presidio venv.

    python presidio_worker.py CORPUS.jsonl OUT.jsonl MODEL

Writes one line per record, ``{"id": ..., "spans": [[start, end, entity, score], ...]}``, and
prints a JSON line of timings to stderr (model load, analysis, in-process CPU seconds).
This file imports nothing from secplan and runs with the default recognizers, language
``en``, as a new user runs Presidio.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> int:
    corpus, out, model = sys.argv[1], sys.argv[2], sys.argv[3]
    t0, c0 = time.perf_counter(), time.process_time()
    from presidio_analyzer import AnalyzerEngine  # type: ignore[import-not-found]
    from presidio_analyzer.nlp_engine import (  # type: ignore[import-not-found]
        NlpEngineProvider,
    )

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": model}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    analyzer.analyze(text="warm-up", language="en")
    t1, c1 = time.perf_counter(), time.process_time()
    n = 0
    with Path(corpus).open(encoding="utf-8") as src, Path(out).open("w", encoding="utf-8") as dst:
        for line in src:
            rec = json.loads(line)
            results = analyzer.analyze(text=rec["text"], language="en")
            spans = [[r.start, r.end, r.entity_type, round(r.score, 3)] for r in results]
            dst.write(json.dumps({"id": rec["id"], "spans": spans}) + "\n")
            n += 1
    t2, c2 = time.perf_counter(), time.process_time()
    timings = {
        "records": n,
        "load_wall": t1 - t0,
        "load_cpu": c1 - c0,
        "analyze_wall": t2 - t1,
        "analyze_cpu": c2 - c1,
    }
    print(json.dumps(timings), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
