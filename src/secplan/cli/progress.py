"""A progress bar on stderr while scanning, only when stderr is a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

if TYPE_CHECKING:
    from secplan.engine import Observer


class _Bar:
    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("scanning"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("[dim]{task.description}"),
            console=console,
            transient=True,
        )
        self._task: TaskID | None = None

    def discovered(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("", total=total)

    def scanning(self, path: str) -> None:
        if self._task is not None:
            shown = path if len(path) <= 50 else "…" + path[-49:]
            self._progress.update(self._task, advance=1, description=shown)

    def finished(self) -> None:
        self._progress.stop()


def progress_observer(console: Console) -> Observer | None:
    return _Bar(console) if console.is_terminal else None
