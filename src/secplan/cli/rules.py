"""``secplan rules``: every rule with its controls and default severity."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def rules_command(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json or markdown (the docs/rules.md page)")
    ] = "table",
) -> None:
    """List every rule: id, name, default severity and the controls it bears on."""
    from secplan.docs import rules_markdown
    from secplan.scanners import default_registry

    rules = default_registry(plugins=fmt != "markdown").rules
    if fmt == "markdown":
        typer.echo(rules_markdown(rules), nl=False)
    elif fmt == "json":
        typer.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "name": r.name,
                        "title": r.title,
                        "severity": r.severity.label,
                        "controls": list(r.controls),
                        "summary": r.summary,
                        "references": [str(ref) for ref in r.references],
                    }
                    for r in rules
                ],
                indent=2,
            )
        )
    elif fmt == "table":
        table = Table(show_edge=False)
        for col in ("Rule", "Name", "Severity", "Controls", "Title"):
            table.add_column(col)
        for r in rules:
            table.add_row(r.id, r.name, r.severity.label, ", ".join(r.controls), r.title)
        Console(highlight=False).print(table)
    else:
        raise typer.BadParameter("use table, json or markdown", param_hint="--format")
