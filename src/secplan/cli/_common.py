"""What every command shares: one-line errors with exit code 2, and opening the services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from secplan.cli._services import error_exit
from secplan.cli._services import local_only as local_only
from secplan.cli._services import services as services
from secplan.errors import SecplanError

OK, FINDINGS, ERROR = 0, 1, 2


def fail(exc: SecplanError) -> typer.Exit:
    return typer.Exit(error_exit(exc))


@contextmanager
def errors_as_exit() -> Iterator[None]:
    """Turn a :class:`SecplanError` into its one-line message and exit code 2."""
    try:
        yield
    except SecplanError as exc:
        raise fail(exc) from None


Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where the files are scanned: local (processes of this machine) or ray (the tasks "
        "of a Ray cluster, same results; needs secplan[ray]). See docs/scale.md.",
    ),
]
RayAddress = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        envvar="RAY_ADDRESS",
        show_envvar=True,
        help="The Ray cluster to join with --engine ray (host:port, ray://host:10001 or auto); "
        "default: start one on this machine.",
    ),
]

Resume = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="Record each finished file in the database and skip the files an earlier "
        "--resume run of the same scan finished (an interrupted scan picks up where it "
        "stopped; a file changed since is scanned again).",
    ),
]


def check_engine(engine: str) -> str:
    """The engine ``--engine`` names, lower-cased (exit 2 on a name it does not know)."""
    from secplan.executor import ENGINES

    name = engine.lower()
    if name not in ENGINES:
        raise typer.BadParameter(
            f"unknown engine {engine!r} (use {' or '.join(ENGINES)})", param_hint="--engine"
        )
    return name


def upload_target(url: str) -> tuple[str, str]:
    """(server, project) from a project page URL ``https://HOST/projects/NAME``."""
    from urllib.parse import quote, urlsplit

    parts = urlsplit(url)
    segs = [p for p in parts.path.split("/") if p]
    if parts.scheme not in ("https", "http") or len(segs) < 2 or segs[-2] != "projects":
        raise typer.BadParameter(
            f"{url!r} is not a project URL (https://HOST/projects/NAME)", param_hint="--upload"
        )
    prefix = "/".join(segs[:-2])
    base = f"{parts.scheme}://{parts.netloc}" + (f"/{prefix}" if prefix else "")
    return base, quote(segs[-1], safe="")
