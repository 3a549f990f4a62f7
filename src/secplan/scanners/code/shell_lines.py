"""Judging notebook shell lines: downloads piped into shells, and unpinned installs.

>>> unpinned_packages("pip install -q torch==2.3.1 transformers 'accelerate>=0.30'")
['transformers', 'accelerate>=0.30']
>>> unpinned_packages("pip install -r requirements.txt")
[]
"""

from __future__ import annotations

import re
import shlex

_INSTALL = re.compile(
    r"^(?:sudo\s+)?(?:(?:python[0-9.]*|py)\s+-m\s+)?(?:uv\s+)?"
    r"(?P<tool>pip[0-9.]*|conda|mamba|micromamba)\s+install\b(?P<args>.*)$"
)
_CHAIN = re.compile(r"&&|\|\||;")
_TAKES_VALUE = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "--src",
        "--upgrade-strategy",
        "--python-version",
        "--platform",
        "--implementation",
        "--abi",
        "--only-binary",
        "--no-binary",
        "--progress-bar",
        "--log",
        "--cache-dir",
        "--trusted-host",
        "--proxy",
        "--timeout",
        "--retries",
        "--exists-action",
        "--report",
        "-C",
        "--config-settings",
        "--channel",
        "-n",
        "--name",
        "-p",
        "--file",
    }
)
_LOCAL = re.compile(r"^(?:\.|/|~|[A-Za-z]:\\)|\.(?:whl|zip|tar\.gz|tgz)$|://|[${}]")


def _tokens(args: str) -> list[str]:
    try:
        return shlex.split(args, comments=True)
    except ValueError:
        return args.split()


def _pinned(spec: str, conda: bool) -> bool:
    if "*" in spec:
        return False
    if "==" in spec or "===" in spec:
        return True
    return conda and "=" in spec and not spec.startswith(("=", "<", ">", "!"))


def unpinned_packages(command: str) -> list[str]:
    """Packages a pip/conda install command names without an exact version."""
    found: list[str] = []
    for part in _CHAIN.split(command):
        m = _INSTALL.match(part.strip())
        if m is None:
            continue
        conda = not m.group("tool").startswith("pip")
        skip_next = False
        for token in _tokens(m.group("args")):
            if skip_next:
                skip_next = False
                continue
            if token.startswith("-"):
                skip_next = token in _TAKES_VALUE
                continue
            if _LOCAL.search(token) or _pinned(token, conda):
                continue
            found.append(token[:80])
    return found
