"""``secplan bom``: a CycloneDX 1.6 bill of materials of a project's dependencies and its model
and dataset files; with ``--upload``, also fed to the project's third-party register on the
governance server, with the project's model and dataset records."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from secplan._io import atomic_write
from secplan.cli._common import errors_as_exit, upload_target


def bom_command(
    path: Annotated[Path, typer.Argument(help="Project directory.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the BOM here instead of stdout.")
    ] = None,
    upload: Annotated[
        str | None,
        typer.Option(
            "--upload",
            help="Also feed the project's third-party register on the governance server "
            "from this BOM and the model and dataset records under .secplan/: its page URL, "
            "https://HOST/projects/NAME (credential: SECPLAN_TOKEN, a token with "
            "register:write, or secplan login HOST).",
        ),
    ] = None,
) -> None:
    """Write a CycloneDX 1.6 JSON SBOM / ML-BOM: libraries, models and datasets with hashes.

    Examples:

      secplan bom . --output bom.cdx.json

      secplan bom . --upload https://secplan.example.org/projects/churn
    """
    from secplan.bom import records_payload, render_bom
    from secplan.engine import check_target

    target = upload_target(upload) if upload else None
    with errors_as_exit():
        root = check_target(path)
    if not root.is_dir():
        sys.stderr.write(f"secplan: error: {path}: not a directory (pass the project directory)\n")
        raise typer.Exit(2)
    with errors_as_exit():
        text = render_bom(root)
        payload = records_payload(root, text) if target is not None else None
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        atomic_write(output, text + "\n")
    if target is not None and payload is not None:
        _upload(target, text, payload)


def _upload(target: tuple[str, str], text: str, payload: dict[str, list[Any]]) -> None:
    """Send the BOM, then the records, to the project's third-party register."""
    from secplan import remote

    base, name = target
    api = f"/api/v1/projects/{name}/third-parties"
    with errors_as_exit():
        bom = remote.call("POST", base, f"{api}/bom", raw=text.encode())
        records = remote.call("POST", base, f"{api}/records", payload)
    sys.stderr.write(
        f"third-party register of {base}/projects/{name}: from the BOM {bom['added']} added, "
        f"{bom['updated']} updated; from the records {records['added']} added, "
        f"{records['updated']} updated\n"
    )
