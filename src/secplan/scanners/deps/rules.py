"""Rules of dependency scanning (DP): pins, hashes, lock files and known vulnerabilities."""

from __future__ import annotations

from secplan.model import Confidence, ControlId, Rule, Severity
from secplan.model.rule import cwe, url
from secplan.scanners.platform import UNPARSEABLE_REQUIREMENT, UNPINNED_DEPENDENCY

C = ControlId
OSV = url("https://ossf.github.io/osv-schema/")

VULNERABLE_DEPENDENCY = Rule(
    id="DP101",
    name="vulnerable-dependency",
    title="Dependency version with a known vulnerability",
    severity=Severity.HIGH,
    controls=(C("PS1"), C("PS2"), C("MS4")),
    summary="A pinned, locked or installed version of a package is affected by an advisory in "
    "the offline OSV database; for a version range, every version the range allows is affected. "
    "The severity follows the advisory's CVSS base score (else its database severity, else high).",
    rationale="ML stacks pull in large native libraries (PyTorch, TensorFlow, transformers, "
    "MLflow, Ray) whose advisories include remote code execution through model loading and "
    "unauthenticated APIs. A known, fixed vulnerability is the cheapest way in.",
    example="torch==2.5.1  (GHSA-53q9-r3pm-6pq6 / CVE-2025-32434, fixed in 2.6.0)",
    remediation="Upgrade to the fixed version named in the finding (then re-lock); where no fix "
    "exists, replace the package or record a waiver with the mitigations in place.",
    references=(cwe(1395), OSV),
)

UNHASHED_DEPENDENCIES = Rule(
    id="DP102",
    name="unhashed-dependencies",
    title="Dependencies installed without hashes in a deployable project",
    severity=Severity.MEDIUM,
    controls=(C("PS2"), C("MS4")),
    summary="A deployable project (it has a container, a deployment manifest or serving code) "
    "installs from a requirements or lock file in which some packages carry no hash, so pip "
    "cannot run in hash-checking mode and a replaced file on the index would be installed.",
    rationale="Exact versions say what to install, hashes prove that what arrived is what was "
    "reviewed. Compromised mirrors and re-uploaded releases are caught only by hashes.",
    example="torch==2.6.0   (no --hash=sha256:...)",
    remediation="Generate the file with hashes (`pip-compile --generate-hashes`, `uv pip "
    "compile --generate-hashes`, `poetry lock`) and install with `pip install --require-hashes`.",
    references=(cwe(494), url("https://pip.pypa.io/en/stable/topics/secure-installs/")),
)

MISSING_LOCK_FILE = Rule(
    id="DP103",
    name="unlocked-dependencies",
    title="Deployable project without a lock file",
    severity=Severity.MEDIUM,
    controls=(C("PS2"),),
    summary="A deployable project declares dependencies as ranges (pyproject.toml, Pipfile) but "
    "no lock file (uv.lock, poetry.lock, Pipfile.lock, pylock.toml, or a fully pinned "
    "requirements file) sits beside it or above it.",
    rationale="Without a lock file every build resolves afresh, so what is deployed is not what "
    "was tested, and an advisory cannot be traced to the projects it touches. A library's "
    "ranges are fine; the application that deploys it needs the pins.",
    example="pyproject.toml with dependencies = ['torch>=2'] and a Dockerfile, no lock file.",
    remediation="Commit a lock file (`uv lock`, `poetry lock`, `pipenv lock`, `pip-compile`) "
    "and install from it in the image.",
    references=(cwe(1357),),
)

VULNDB_MISSING = Rule(
    id="DP104",
    name="vulnerability-database-missing",
    title="No vulnerability database to check dependencies against",
    severity=Severity.MEDIUM,
    controls=(C("PS1"),),
    summary="The project has dependencies but no offline OSV database has been imported, so no "
    "dependency was checked for known vulnerabilities. Reported once per scan.",
    rationale="A vulnerability scan without data reports nothing, which looks like a pass. PS1 "
    "must not pass silently because the database was never set up.",
    example="A first scan on a new machine.",
    remediation="Run `secplan vulndb update` (online) or `secplan vulndb import all.zip` with "
    "the PyPI OSV export copied from a connected machine.",
    confidence=Confidence.HIGH,
    references=(OSV,),
)

UNPARSEABLE_DEPENDENCY_FILE = Rule(
    id="DP105",
    name="unparseable-dependency-file",
    title="Dependency file that could not be parsed",
    severity=Severity.MEDIUM,
    controls=(C("PS1"), C("PS2")),
    summary="A dependency manifest or lock file is malformed, too large or unreadable, so its "
    "dependencies were not verified.",
    rationale="A file that cannot be read is a file whose dependencies nobody checked; the "
    "installer may still read it differently.",
    example="poetry.lock cut short by a bad merge.",
    remediation="Fix or regenerate the file (re-run the lock tool).",
)

UNRESOLVED_INCLUDE = Rule(
    id="DP106",
    name="unresolved-requirement-include",
    title="Requirements include that was not followed",
    severity=Severity.LOW,
    controls=(C("PS2"),),
    summary="A `-r`/`-c` line of a requirements file names a file that is missing, outside the "
    "project, a URL, or nested too deep, so what it installs was not checked.",
    rationale="Includes pulled from outside the reviewed project can change what is installed "
    "without any change to the project itself.",
    example="-r https://example.org/base-requirements.txt",
    remediation="Keep included requirement files inside the project and commit them.",
    references=(url("https://pip.pypa.io/en/stable/reference/requirements-file-format/"),),
)

STALE_VULNDB = Rule(
    id="DP107",
    name="stale-vulnerability-database",
    title="Vulnerability database older than 30 days",
    severity=Severity.LOW,
    controls=(C("PS1"),),
    summary="The offline OSV database was imported more than 30 days before the scan date, so "
    "advisories published since then were not checked.",
    rationale="New advisories for ML libraries appear every week; an old database misses them.",
    example="A database imported in January, scanned with in June.",
    remediation="Run `secplan vulndb update`, or import a fresh export with `secplan vulndb "
    "import`, on a schedule.",
)

INSECURE_INDEX = Rule(
    id="DP108",
    name="insecure-package-index",
    title="Package index reached without TLS verification",
    severity=Severity.MEDIUM,
    controls=(C("PS4"), C("PS2")),
    summary="A dependency file or a command line (`pip install` in a script, a Dockerfile "
    "`RUN`, a compose or Kubernetes command) installs from an `http://` index or find-links "
    "location, or marks a host as trusted (`--trusted-host`, `verify_ssl = false`), so "
    "packages travel without an authenticated TLS connection.",
    rationale="Anyone on the network path can then serve their own packages under any name.",
    example="--index-url http://pypi.internal/simple\n--trusted-host pypi.internal",
    remediation="Serve the index over HTTPS with a valid certificate and remove `--trusted-host`.",
    references=(cwe(319), cwe(295)),
)

__all__ = [
    "INSECURE_INDEX",
    "MISSING_LOCK_FILE",
    "RULES",
    "STALE_VULNDB",
    "UNHASHED_DEPENDENCIES",
    "UNPARSEABLE_DEPENDENCY_FILE",
    "UNPARSEABLE_REQUIREMENT",
    "UNPINNED_DEPENDENCY",
    "UNRESOLVED_INCLUDE",
    "VULNDB_MISSING",
    "VULNERABLE_DEPENDENCY",
]

RULES = (
    UNPINNED_DEPENDENCY,
    UNPARSEABLE_REQUIREMENT,
    VULNERABLE_DEPENDENCY,
    UNHASHED_DEPENDENCIES,
    MISSING_LOCK_FILE,
    VULNDB_MISSING,
    UNPARSEABLE_DEPENDENCY_FILE,
    UNRESOLVED_INCLUDE,
    STALE_VULNDB,
    INSECURE_INDEX,
)
