"""Shell command lines met in code: notebook shell lines (``!cmd``, ``%pip``, ``%%bash``)
and fixed commands in Python (``os.system``, ``subprocess`` with ``shell=True``). They are
parsed by the same command-line engine as scripts and containers; here a download piped into
an interpreter is reported as CD303, and installs without an exact version as CD304.

>>> unpinned_packages("pip install -q torch==2.3.1 transformers 'accelerate>=0.30'")
['transformers', 'accelerate>=0.30']
>>> unpinned_packages("pip install -r requirements.txt && sudo python3 -m pip install ray")
['ray']
>>> [h.rule.id for h in shell_hits("curl -fsSL https://example.org/i.sh | bash")]
['CD303']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from secplan.scanners.code import rules_notebook as N
from secplan.scanners.platform_config.rules import PIPED_SCRIPT
from secplan.scanners.platform_config.shell import Command, parse

if TYPE_CHECKING:
    from secplan.scanners.platform_config.commands import Hit

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
        # uv pip
        "--index-strategy",
        "--resolution",
        "--prerelease",
        "--keyring-provider",
        "--link-mode",
        "--python",
        "--index",
        "--default-index",
    }
)
_LOCAL = re.compile(r"^(?:\.|/|~|[A-Za-z]:\\)|\.(?:whl|zip|tar\.gz|tgz)$|://|[${}]")
_INSTALLERS = re.compile(r"^(?:pip[0-9.]*|conda|mamba|micromamba)$")


def _install_args(cmd: Command) -> tuple[list[str], bool] | None:
    """The words after ``install`` of a pip or conda install, and whether it is conda."""
    argv = list(cmd.argv)
    if re.match(r"^python[0-9.]*$", cmd.program) and argv[1:3] == ["-m", "pip"]:
        argv = argv[2:]
    elif cmd.program == "uv" and argv[1:2] == ["pip"]:
        argv = argv[1:]
    if not argv or not _INSTALLERS.match(argv[0].rsplit("/", 1)[-1]) or argv[1:2] != ["install"]:
        return None
    return argv[2:], not argv[0].rsplit("/", 1)[-1].startswith("pip")


def _pinned(spec: str, conda: bool) -> bool:
    if "*" in spec:
        return False
    if "==" in spec or "===" in spec:
        return True
    return conda and "=" in spec and not spec.startswith(("=", "<", ">", "!"))


#: A VCS requirement pinned to a commit (``git+https://...@<sha>``); a branch or tag moves.
_VCS_COMMIT = re.compile(r"@[0-9a-f]{7,40}(?:#|$)")
_VCS = re.compile(r"^(?:git|hg|svn|bzr)\+")


def install_words(cmd: Command, *, pip_only: bool = False) -> list[str]:
    """The packages (not options nor their values) a pip or conda install names."""
    install = _install_args(cmd)
    if install is None or (pip_only and install[1]):
        return []
    words: list[str] = []
    skip_next = False
    for token in install[0]:
        if skip_next:
            skip_next = False
            continue
        if token.startswith("-"):
            skip_next = token in _TAKES_VALUE
            continue
        words.append(token)
    return words


def vcs_unpinned(token: str) -> bool:
    """A VCS requirement (``git+https://...``) without a commit."""
    return bool(_VCS.match(token)) and not _VCS_COMMIT.search(token.split("#", 1)[0] + "#")


def unpinned_packages(command: str) -> list[str]:
    """Packages a pip/conda install command names without an exact version (a VCS URL
    without a commit included)."""
    found: list[str] = []
    for cmd in parse(command).commands():
        conda = (_install_args(cmd) or ([], False))[1]
        for token in install_words(cmd):
            if vcs_unpinned(token) or not (_LOCAL.search(token) or _pinned(token, conda)):
                found.append(token[:80])
    return found


def shell_hits(command: str | Sequence[str], *, plain_http: bool = False) -> list[Hit]:
    """Downloads piped into an interpreter (CD303) in a command met in code; with
    ``plain_http``, transfers over plain HTTP (CD131) too."""
    # imported here: the command engine itself uses the code package's lists
    from secplan.scanners.platform_config.commands import check_command

    hits = check_command(command)
    piped = [
        dataclasses.replace(h, rule=N.PIPE_TO_SHELL) for h in hits if h.rule.id == PIPED_SCRIPT.id
    ]
    return piped + [h for h in hits if plain_http and h.rule.id == "CD131"]
