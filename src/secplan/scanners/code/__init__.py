"""Scanners for code, secrets and notebooks (rules CD1xx, CD2xx, CD3xx).

* :class:`PythonCodeScanner`: Python files, parsed once with :mod:`ast` (never imported or
  run) and checked in one walk for unsafe deserialization, remote-code trust, unpinned hub
  downloads, code execution on inputs, insecure transport and exposed serving; plus secrets.
* :class:`SecretsScanner`: known token formats and secret-looking assignments in
  configuration, dependency, deployment, container, document and other code files.
* :class:`NotebookScanner`: every code cell of a notebook through the Python rules (IPython
  magics and shell lines neutralised, shell lines judged on their own), sources and stored
  outputs through the secret detectors, outputs through a basic personal-data detector.

Reports only ever show masked secrets. The names below are imported on first use: the
personal-data detector needs the secret detection only, not the code scanners' rules and
parsers.

>>> from secplan.scanners.code import SCANNERS
>>> sorted(s.name for s in SCANNERS)
['notebook', 'python-code', 'secrets']
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.scanners.code.pii import BasicPiiDetector, PiiDetector, PiiHit
    from secplan.scanners.code.scanners import NotebookScanner, PythonCodeScanner, SecretsScanner
    from secplan.scanners.code.secret_detect import SecretHit, find_secrets

    SCANNERS: tuple[PythonCodeScanner | SecretsScanner | NotebookScanner, ...]

#: The module each exported name lives in.
_HOME = {
    "BasicPiiDetector": "pii",
    "PiiDetector": "pii",
    "PiiHit": "pii",
    "NotebookScanner": "scanners",
    "PythonCodeScanner": "scanners",
    "SecretsScanner": "scanners",
    "SecretHit": "secret_detect",
    "find_secrets": "secret_detect",
}


@cache
def _scanners() -> tuple[Any, ...]:
    from secplan.scanners.code.scanners import NotebookScanner, PythonCodeScanner, SecretsScanner

    return (PythonCodeScanner(), SecretsScanner(), NotebookScanner())


def __getattr__(name: str) -> Any:
    if name == "SCANNERS":
        return _scanners()
    if name in _HOME:
        return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCANNERS",
    "BasicPiiDetector",
    "NotebookScanner",
    "PiiDetector",
    "PiiHit",
    "PythonCodeScanner",
    "SecretHit",
    "SecretsScanner",
    "find_secrets",
]
