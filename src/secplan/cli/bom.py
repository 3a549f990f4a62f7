"""``secplan bom``: a CycloneDX 1.6 bill of materials of a project's dependencies and its model
and dataset files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from secplan._io import atomic_write
from secplan.errors import SecplanError


def bom_command(
    path: Annotated[Path, typer.Argument(help="Project directory.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the BOM here instead of stdout.")
    ] = None,
) -> None:
    """Write a CycloneDX 1.6 JSON SBOM / ML-BOM: libraries, models and datasets with hashes.

    Example:  secplan bom . --output bom.cdx.json
    """
    from secplan.bom import render_bom
    from secplan.engine import check_target

    try:
        root = check_target(path)
    except SecplanError as exc:
        sys.stderr.write(
            f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
        )
        raise typer.Exit(2) from None
    if not root.is_dir():
        sys.stderr.write(f"secplan: error: {path}: not a directory (pass the project directory)\n")
        raise typer.Exit(2)
    text = render_bom(root)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        atomic_write(output, text + "\n")
