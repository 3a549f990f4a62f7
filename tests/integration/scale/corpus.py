"""A mixed project for the scale-out tests: code, configuration, model files (one a canary
pickle, never loaded) and data files with made-up personal data."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.modelfile.build import safetensors, system


def mixed_corpus(root: Path, copies: int = 3) -> Path:
    """``copies`` of each kind of file under ``root``; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "secplan.toml").write_text('fail_on = "high"\n')
    for i in range(copies):
        d = root / f"part{i:02d}"
        (d / "src").mkdir(parents=True)
        (d / "models").mkdir()
        (d / "data").mkdir()
        (d / "deploy").mkdir()
        (d / "src" / "train.py").write_text(
            "import pickle\nimport torch\n\n"
            f"model = torch.load('models/m{i}.pt')\n"
            "with open('models/model.pkl', 'rb') as f:\n    clf = pickle.load(f)\n"
            "API_KEY = 'AKIAIOSFODNN7EXAMPLE'\n"
        )
        (d / "deploy" / "pod.yaml").write_text(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: serve\nspec:\n  containers:\n"
            "  - name: serve\n    image: serve:latest\n    securityContext:\n"
            "      privileged: true\n"
        )
        (d / "Dockerfile").write_text("FROM python:latest\nUSER root\nADD http://x.test/a.sh /\n")
        (d / "models" / "model.pkl").write_bytes(system(root))
        (d / "models" / "config.json").write_text(
            json.dumps({"auto_map": {"AutoModel": "modeling.Model"}, "model_type": "x"})
        )
        (d / "models" / "weights.safetensors").write_bytes(
            safetensors({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}, 8)
        )
        rows = "\n".join(
            f"{n},person{n}@example.com,+1 202 555 01{n:02d},{n * 7 % 90 + 10}" for n in range(40)
        )
        (d / "data" / "customers.csv").write_text(f"id,email,phone,age\n{rows}\n")
        (d / "data" / "notes.txt").write_text(
            "Call Jane Roe at jane.roe@example.org or +44 20 7946 0958 about the refund.\n"
        )
    return root


def without_timings(report: dict[str, object]) -> dict[str, object]:
    """A JSON report with the fields that differ from run to run removed."""
    out = json.loads(json.dumps(report))
    run = out.get("run")
    if isinstance(run, dict):
        for key in ("started", "duration_s", "finished"):
            run.pop(key, None)
    return dict(out)
