"""Rendering data-scan results: JSON documents and a plain table, values masked throughout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from secplan.data.scan import FileScan


def scan_json(results: Iterable[FileScan]) -> dict[str, Any]:
    files = []
    for r in results:
        files.append(
            {
                "path": r.path,
                "format": r.format,
                "records": r.records,
                "bytes": r.bytes_read,
                "size": r.size,
                "complete": r.complete,
                "truncated": r.truncated or None,
                "errors": list(r.errors),
                "entities": dict(sorted(r.entities.items())),
                "columns": [
                    {
                        "name": c.name,
                        "entity": c.entity or None,
                        "share": c.share,
                        "cells": c.cells,
                        "confidence": c.confidence,
                        "mode": c.mode,
                        "name_hint": c.hint or None,
                    }
                    for c in r.columns
                ],
                "findings": [h.as_json() for h in r.hits],
            }
        )
    return {"version": 1, "files": files}


def scan_table(results: Iterable[FileScan]) -> str:
    lines: list[str] = []
    for r in results:
        state = "" if r.complete else f"  (partial: {r.truncated or 'see the error below'})"
        lines.append(f"{r.path}  [{r.format}, {r.records} records]{state}")
        if not r.hits:
            lines.append("  no personal data found")
        for h in r.hits:
            rows = ", ".join(str(x) for x in h.rows)
            lines.append(
                f"  {h.field:<24} {h.entity:<16} {h.count:>8} in {h.cells:>7} cells"
                f"  score {h.score:.2f}"
                f"  rows {rows}  e.g. {', '.join(h.examples)}"
            )
        typed = [c for c in r.columns if c.entity and c.entity != "MIXED"]
        if typed:
            lines.append(
                "  columns: "
                + ", ".join(f"{c.name}={c.entity} ({c.share:.0%}, {c.confidence})" for c in typed)
            )
        for e in r.errors[:5]:
            lines.append(f"  error: {e}")
    return "\n".join(lines) + "\n"
