"""Scanners for code, secrets and notebooks (rules CD1xx, CD2xx, CD3xx).

* :class:`PythonCodeScanner`: Python files, parsed once with :mod:`ast` (never imported or
  run) and checked in one walk for unsafe deserialization, remote-code trust, unpinned hub
  downloads, code execution on inputs, insecure transport and exposed serving; plus secrets.
* :class:`SecretsScanner`: known token formats and secret-looking assignments in
  configuration, dependency, deployment, container, document and other code files.
* :class:`NotebookScanner`: every code cell of a notebook through the Python rules (IPython
  magics and shell lines neutralised, shell lines judged on their own), sources and stored
  outputs through the secret detectors, outputs through a basic personal-data detector.

Reports only ever show masked secrets.

>>> sorted(s.name for s in SCANNERS)
['notebook', 'python-code', 'secrets']
"""

from secplan.scanners.code.pii import BasicPiiDetector, PiiDetector, PiiHit
from secplan.scanners.code.scanners import NotebookScanner, PythonCodeScanner, SecretsScanner
from secplan.scanners.code.secret_detect import SecretHit, find_secrets

SCANNERS: tuple[PythonCodeScanner | SecretsScanner | NotebookScanner, ...] = (
    PythonCodeScanner(),
    SecretsScanner(),
    NotebookScanner(),
)

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
