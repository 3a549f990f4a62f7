"""Re-identification: tokens issued by the vault replaced by the values behind them.

Only tokens are touched; the rest of the file is copied as it is. CSV cells and JSON strings
are rewritten through their format, so a value with a comma or a quote stays well-formed.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

from secplan.data.output import atomic_output, check_output
from secplan.data.readers import reader_format
from secplan.data.vault import TOKEN, TokenVault


class _Revealer:
    def __init__(self, vault: TokenVault) -> None:
        self.vault = vault
        self.counts: Counter[str] = Counter()
        self.unknown = 0

    def text(self, value: str) -> str:
        def swap(m: Any) -> str:
            token = m.group()
            plain = self.vault.reveal(token)
            if plain is None:
                self.unknown += 1
                return str(token)
            self.counts[token[4 : token.rfind("_")]] += 1
            return plain

        return TOKEN.sub(swap, value) if "TOK_" in value else value

    def json(self, obj: Any, depth: int = 0) -> Any:
        if depth > 64:
            return obj
        if isinstance(obj, str):
            return self.text(obj)
        if isinstance(obj, list):
            return [self.json(v, depth + 1) for v in obj]
        if isinstance(obj, dict):
            return {k: self.json(v, depth + 1) for k, v in obj.items()}
        return obj


def reidentify_file(
    src: Path, dst: Path, vault: TokenVault, *, overwrite: bool = False
) -> tuple[dict[str, int], int]:
    """Write ``src`` with its tokens revealed to ``dst``; (counts by type, unknown tokens)."""
    check_output(src, dst, overwrite=overwrite)
    fmt = reader_format(src)
    r = _Revealer(vault)
    with (
        atomic_output(dst) as out,
        src.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh,
    ):
        if fmt in ("csv", "tsv"):
            delim = "\t" if fmt == "tsv" else ","
            writer = csv.writer(out, delimiter=delim, lineterminator="\n")
            for row in csv.reader(fh, delimiter=delim):
                writer.writerow([r.text(c) for c in row])
        elif fmt == "jsonl":
            for line in fh:
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    out.write(r.text(line))
                    continue
                out.write(json.dumps(r.json(obj), ensure_ascii=False) + "\n")
        else:
            for line in fh:
                out.write(r.text(line))
    return dict(r.counts), r.unknown
