"""Failure isolation: one part of a file that cannot be analysed (an archive member, one
interpretation of a polyglot, one pickle stream) is reported on its own, as not verified
(MF104), and never hides its siblings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.rules import NOT_VERIFIED

if TYPE_CHECKING:
    import logging


def logger(name: str = __name__) -> logging.Logger:
    """The analyzer's logger called ``name`` (logging loads only when an analysis fails)."""
    import logging

    return logging.getLogger(name)


MAX_REASON = 300


def short(exc: BaseException) -> str:
    """``Type: message`` of an exception, cut to a length fit for a finding."""
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


@contextmanager
def isolated(where: Where, ctx: Ctx, what: str) -> Iterator[None]:
    """Run the analysis of one part of a file (an archive member, one interpretation of a
    polyglot); whatever it raises becomes an MF104 finding for that part alone, and the caller
    goes on with the next. Only the file's own budget (deadline, opcodes, bytes) stops the
    whole file: its :class:`LimitExceeded` passes through."""
    try:
        yield
    except LimitExceeded:
        raise
    except (RecursionError, MemoryError) as exc:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            f"{what} not analysed: the analysis ran out of resources ({type(exc).__name__})",
            evidence="the rest of the file was analysed",
        )
    except Exception as exc:  # a parser bug or a library's error: this part only
        logger().debug("analysis of %s failed", where.member or where.path, exc_info=True)
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            f"{what} could not be analysed: {short(exc)}",
            evidence="the rest of the file was analysed; report this file to the secplan "
            "maintainers if it is legitimate",
        )
