"""``secplan controls``: the plan's 30 controls, and one of them explained."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

controls_app = typer.Typer(
    help="List the Security Plan's 30 controls, or explain one: secplan controls show MS4",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


@controls_app.callback()
def list_controls(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="table, json or markdown (the docs/controls.md page)"),
    ] = "table",
) -> None:
    """List the controls with their pillar and title."""
    if ctx.invoked_subcommand is not None:
        return
    from secplan.catalog import load_catalog

    catalog = load_catalog()
    if fmt == "markdown":
        from secplan.docs import controls_markdown
        from secplan.scanners import default_registry

        typer.echo(controls_markdown(catalog, default_registry(plugins=False).rules), nl=False)
        return
    if fmt == "json":
        typer.echo(
            json.dumps(
                [
                    {"id": c.id, "pillar": c.pillar, "title": c.title, "manual": c.manual}
                    for c in catalog.controls
                ],
                indent=2,
            )
        )
        return
    if fmt != "table":
        raise typer.BadParameter("use table, json or markdown", param_hint="--format")
    console = Console(highlight=False)
    table = Table(show_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Pillar")
    table.add_column("Control")
    table.add_column("Proven by")
    for c in catalog.controls:
        table.add_row(
            c.id,
            catalog.pillar(c.pillar).title,
            c.title,
            "records" if c.manual else "checks + records",
        )
    console.print(table)
    console.print("Explain one with: secplan controls show ID")


@controls_app.command("show")
def show_control(
    control_id: Annotated[str, typer.Argument(metavar="ID", help="A control id, e.g. MS4.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """Explain one control: requirement, applicability, rules, evidence and crosswalk."""
    from secplan.catalog import load_catalog
    from secplan.scanners import default_registry

    catalog = load_catalog()
    try:
        control = catalog.control(control_id)
    except KeyError:
        ids = ", ".join(c.id for c in catalog.controls)
        raise typer.BadParameter(
            f"unknown control {control_id!r}; known: {ids}", param_hint="ID"
        ) from None
    rules = [r for r in default_registry().rules if control.id in r.controls]
    if fmt == "json":
        typer.echo(
            json.dumps(
                {
                    "id": control.id,
                    "pillar": control.pillar,
                    "title": control.title,
                    "requirement": control.requirement,
                    "applies_when": [f.value for f in control.applies_when],
                    "manual": control.manual,
                    "evidence": list(control.evidence),
                    "rules": [r.id for r in rules],
                    "crosswalk": {fw: list(ids) for fw, ids in control.crosswalk},
                },
                indent=2,
            )
        )
        return
    console = Console(highlight=False)
    pillar = catalog.pillar(control.pillar)
    console.print(f"[bold]{control.id}[/bold]  {control.title}")
    console.print(f"Pillar: {pillar.title} (goals: {', '.join(pillar.goals)})\n")
    console.print(control.requirement + "\n", markup=False)
    console.print(
        "Applies when the project has: " + ", ".join(f.value for f in control.applies_when)
    )
    console.print(
        "Proven by: "
        + ("evidence records only" if control.manual else "automatic checks and evidence records")
    )
    console.print("\n[bold]Rules[/bold]")
    if rules:
        for r in rules:
            console.print(f"  {r.id}  {r.name}  ({r.severity.label}) — {r.title}", markup=False)
    else:
        console.print("  none yet: status comes from evidence records")
    console.print("\n[bold]Evidence an auditor expects[/bold]")
    for e in control.evidence:
        console.print(f"  - {e}", markup=False)
    console.print("\n[bold]Crosswalk[/bold]")
    notes = dict(control.crosswalk_notes)
    for fw_id, mapped in control.crosswalk:
        fw = catalog.framework(fw_id)
        if mapped:
            items = "; ".join(f"{i} {fw.title_of(i)}".strip() for i in mapped)
        else:
            items = notes.get(fw_id, "not mapped yet" if not fw.complete else "no mapping")
        name = fw.name if fw.version in fw.name else f"{fw.name} {fw.version}"
        console.print(f"  {name}: {items}", markup=False)
