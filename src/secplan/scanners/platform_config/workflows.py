"""GitHub Actions workflows (``.github/workflows/*.yml``): the scripts they run and how.
GitLab CI configurations (``.gitlab-ci.yml``) get the first part: their job scripts and
variables through the same engine.

Each ``run:`` script goes through the command-line engine, like a shell script (downloads
piped into a shell, certificate checks off, plain-HTTP package indexes, ML servers started
unsafely, Hub downloads without a commit), with ``${{ }}`` expressions read as variables, and
each ``env:`` setting through the environment checks. Then what only workflows have:
untrusted event data expanded into a script (CF127), a ``pull_request_target`` workflow that
checks out the pull request's code (CF128), third-party actions not pinned to a commit
(CF129), ``permissions: write-all`` (CF130) and secrets printed to the log (CF131). The file
is parsed as YAML data, never run.

>>> untrusted("github.event.issue.title"), untrusted("github.event.issue.number")
(True, False)
>>> untrusted("github.event.pull_request.head.ref"), untrusted("secrets.HF_TOKEN")
(True, False)
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.platform_config.ci_pipelines import (
    pipeline_env,
    pipeline_kind,
    pipeline_scripts,
)
from secplan.scanners.platform_config.commands import COMMAND_RULES, check_env, check_line
from secplan.scanners.platform_config.common import (
    MAX_CONFIG_BYTES,
    as_list,
    as_map,
    hit_findings,
    item_line,
    key_line,
    line_of,
)
from secplan.scanners.platform_config.containerrun import container_run_hits
from secplan.scanners.platform_config.rules import (
    CONFIG_NOT_PARSED,
    WORKFLOW_INJECTION,
    WORKFLOW_PERMISSIONS,
    WORKFLOW_PR_TARGET,
    WORKFLOW_SECRET_PRINTED,
    WORKFLOW_UNPINNED_ACTION,
)
from secplan.scanners.platform_config.shell import parse, script_lines
from secplan.scanners.platform_config.yamlsafe import YamlError, load_all_lenient
from secplan.textfile import TooLarge, read_text

MAX_EXPRESSIONS = 10_000
_EXPRESSION = re.compile(r"\$\{\{(.{0,500}?)\}\}")
#: Event data that whoever triggers the workflow writes (issue, pull request, comment,
#: branch and commit texts, dispatch and call inputs, repository-dispatch payloads).
_UNTRUSTED = re.compile(
    r"^(?:github\.head_ref|github\.event\.(?:issue|pull_request|comment|review|review_comment|"
    r"discussion|discussion_comment|head_commit|commits|pages|workflow_run|inputs|release|"
    r"client_payload|check_run|check_suite|deployment)\b|inputs\.)"
)
#: Fields of that data that are numbers, ids, hashes or flags, not text.
_SAFE_FIELDS = re.compile(
    r"\.(?:number|id|node_id|sha|draft|merged|locked|created_at|updated_at|closed_at|"
    r"comments|additions|deletions|changed_files|commits|run_number|run_id|run_attempt|"
    r"html_url|url|state|author_association|[\w]+_id|[\w]+_count|[\w]+_at)$"
)
_PINNED = re.compile(r"^[0-9a-f]{40}$")
_FIRST_PARTY = frozenset({"actions", "github"})
_HEAD_REF = re.compile(r"pull_request\.head\.(?:ref|sha)|head_ref|refs/pull/|merge_commit_sha")
_PRINTS_SECRET = re.compile(r"\b(?:echo|printf)\b[^|;&]{0,500}\$\{\{\s*secrets\.")


def untrusted(expression: str) -> bool:
    """Whether a ``${{ }}`` expression reads text the triggering user chose."""
    expr = expression.strip()
    return bool(_UNTRUSTED.match(expr)) and not _SAFE_FIELDS.search(expr)


def is_workflow(artifact: Artifact) -> bool:
    """A GitHub Actions workflow, or a GitLab CI configuration."""
    parts = PurePosixPath(artifact.relpath).parts
    return artifact.path.suffix.lower() in (".yml", ".yaml") and (
        (len(parts) >= 3 and parts[-3:-1] == (".github", "workflows")) or is_gitlab_ci(artifact)
    )


def is_gitlab_ci(artifact: Artifact) -> bool:
    parts = PurePosixPath(artifact.relpath).parts
    return artifact.name in (".gitlab-ci.yml", ".gitlab-ci.yaml") or (
        len(parts) >= 2 and ".gitlab" in parts[:-1] and "ci" in parts[:-1]
    )


_GITLAB_SCRIPTS = ("before_script", "script", "after_script")
_GITLAB_RESERVED = frozenset(
    {"stages", "variables", "default", "include", "workflow", "image", "services", "cache"}
)


def _triggers(doc: Mapping[Any, Any]) -> set[str]:
    on = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare ``on`` as true
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(x) for x in on}
    return {str(k) for k in as_map(on)}


def _typed_inputs(doc: Mapping[Any, Any]) -> set[str]:
    """Dispatch and call inputs whose type leaves no room for text (boolean, number, choice)."""
    on = as_map(doc.get("on", doc.get(True)))
    names: set[str] = set()
    for trigger in ("workflow_dispatch", "workflow_call"):
        for name, spec in as_map(as_map(on.get(trigger)).get("inputs")).items():
            if str(as_map(spec).get("type", "")).lower() in (
                "boolean",
                "number",
                "choice",
                "environment",
            ):
                names.add(str(name))
    return names


class _Workflow:
    def __init__(self, rel: str, raw: list[str], doc: Mapping[Any, Any]) -> None:
        self.rel = rel
        self.raw = raw
        self.typed = _typed_inputs(doc)
        self.pr_target = "pull_request_target" in _triggers(doc)

    def at(self, line: int | None) -> Location:
        return Location(path=self.rel, line=line)

    def source_line(self, start: int | None, text: str) -> int | None:
        """The line of the file, from ``start`` on, that holds ``text`` (a script line)."""
        probe = text.strip()[:60]
        if start is None or not probe:
            return start
        for n in range(start, min(len(self.raw), start + 2000) + 1):
            if probe in self.raw[n - 1]:
                return n
        return start

    def is_untrusted(self, expr: str) -> bool:
        expr = expr.strip()
        if not untrusted(expr):
            return False
        name = expr.split(".", 2)
        if expr.startswith("inputs.") and len(name) > 1:
            return name[1] not in self.typed
        if expr.startswith("github.event.inputs.") and len(name) > 2:
            return name[2].split(".")[1] not in self.typed if "." in name[2] else True
        return True

    def env(self, env: object, names: set[str]) -> Iterator[Finding]:
        for name, value in as_map(env).items():
            names.add(str(name))
            if isinstance(value, str) and "${{" in value:
                continue
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                for hit in check_env(str(name), str(value)):
                    yield hit.rule.at(
                        self.at(key_line(env, str(name), line_of(env))),
                        hit.message,
                        evidence=hit.evidence,
                        severity=hit.severity,
                        confidence=hit.confidence,
                    )

    def script(self, body: str, start: int | None, env: set[str], what: str) -> Iterator[Finding]:
        for count, m in enumerate(_EXPRESSION.finditer(body)):
            if count >= MAX_EXPRESSIONS:
                break
            if self.is_untrusted(m.group(1)):
                line_text = body[body.rfind("\n", 0, m.start()) + 1 : body.find("\n", m.end())]
                yield WORKFLOW_INJECTION.at(
                    self.at(self.source_line(start, line_text)),
                    f"{what} expands {m.group(1).strip()} into its script: whoever writes that "
                    "text runs commands on the runner",
                    evidence=m.group(0)[:200],
                )
        if what != "run":
            return
        for line in body.splitlines():
            if _PRINTS_SECRET.search(line) and not re.search(r">>?\s*\S", line.split("}}")[-1]):
                yield WORKFLOW_SECRET_PRINTED.at(
                    self.at(self.source_line(start, line)),
                    "a secret is printed to the job log",
                    evidence=_EXPRESSION.sub("${{ … }}", line.strip())[:200],
                )
        plain = _EXPRESSION.sub("$GITHUB_EXPRESSION", body)
        if self.pr_target and re.search(r"\bgh\s+pr\s+checkout\b", plain):
            yield WORKFLOW_PR_TARGET.at(
                self.at(self.source_line(start, "gh pr checkout")),
                "pull_request_target workflow checks out the pull request with gh pr checkout",
                evidence="gh pr checkout",
            )
        lines = plain.splitlines()
        for number, text in script_lines(plain):
            first = lines[number - 1] if number - 1 < len(lines) else text
            where = self.source_line(start, first)
            for hit in check_line(parse(text), env):
                placed = where
                for word in hit.evidence.split():
                    if word.startswith(("-", "http")) and where is not None:
                        found = self.source_line(where, word)
                        if found is not None and found - where < 50:
                            placed = found
                        break
                yield hit.rule.at(
                    self.at(placed),
                    hit.message,
                    evidence=hit.evidence,
                    severity=hit.severity,
                    confidence=hit.confidence,
                )

    def uses(self, holder: Mapping[Any, Any], what: str) -> Iterator[Finding]:
        ref = holder.get("uses")
        if not isinstance(ref, str) or ref.startswith(("./", "docker://")) or "@" not in ref:
            return
        action, _, version = ref.partition("@")
        owner = action.split("/", 1)[0].lower()
        line = key_line(holder, "uses", line_of(holder))
        if owner not in _FIRST_PARTY and not _PINNED.match(version.strip()):
            yield WORKFLOW_UNPINNED_ACTION.at(
                self.at(line),
                f"{what} uses {action} at {version!r}, not a commit: the code it runs can "
                "change under the workflow",
                evidence=f"uses: {ref}"[:200],
            )
        with_ = as_map(holder.get("with"))
        if self.pr_target and action.lower() == "actions/checkout":
            checkout_ref = with_.get("ref")
            if isinstance(checkout_ref, str) and _HEAD_REF.search(checkout_ref):
                yield WORKFLOW_PR_TARGET.at(
                    self.at(key_line(with_, "ref", line)),
                    "pull_request_target workflow checks out the pull request's head: the "
                    "steps after it run a fork's code with the repository's secrets",
                    evidence=f"ref: {checkout_ref}"[:200],
                )
        script = with_.get("script")
        if action.lower() == "actions/github-script" and isinstance(script, str):
            start = key_line(with_, "script", line)
            yield from self.script(script, start, set(), "github-script")

    def containers(self, job: Mapping[Any, Any]) -> Iterator[Finding]:
        """``container.options`` and ``services.*.options`` of a job: ``docker create``
        options (``--privileged``, ``--network host``, host mounts)."""
        holders = [job.get("container"), *as_map(job.get("services")).values()]
        for holder in holders:
            options = as_map(holder).get("options")
            if not isinstance(options, str):
                continue
            try:
                words = shlex.split(options)
            except ValueError:
                words = options.split()
            line = key_line(holder, "options", line_of(holder))
            argv = ["docker", "create", *words[:500], "image"]
            yield from hit_findings(container_run_hits(argv, image=False), self.at(line))

    def permissions(self, holder: Mapping[Any, Any], what: str) -> Iterator[Finding]:
        if holder.get("permissions") == "write-all":
            yield WORKFLOW_PERMISSIONS.at(
                self.at(key_line(holder, "permissions", line_of(holder))),
                f"{what} gives its token write access to everything",
                evidence="permissions: write-all",
            )


def run_scripts(doc: object) -> Iterator[tuple[str, int | None]]:
    """``(script, line of its run: key)`` of every step of a workflow document, and
    ``(command, line)`` of every script line of a GitLab CI job."""
    for job in as_map(as_map(doc).get("jobs")).values():
        for step in as_list(as_map(job).get("steps")):
            run = as_map(step).get("run")
            if isinstance(run, str):
                yield run, key_line(step, "run", line_of(step))
    yield from gitlab_scripts(doc)


def gitlab_scripts(doc: object) -> Iterator[tuple[str, int | None]]:
    """``(command, line)`` of each ``script``/``before_script``/``after_script`` entry of
    the jobs (and ``default``) of a GitLab CI document."""
    for name, job in as_map(doc).items():
        job = as_map(job)
        if str(name) in _GITLAB_RESERVED - {"default"} or not job:
            continue
        for key in _GITLAB_SCRIPTS:
            value = job.get(key)
            items = [value] if isinstance(value, str) else as_list(value)
            for i, item in enumerate(items):
                if isinstance(item, str):
                    line = item_line(value, i, key_line(job, key, line_of(job)))
                    yield item, line


def gitlab_findings(doc: Mapping[Any, Any], rel: str, raw: list[str]) -> Iterator[Finding]:
    """GitLab CI: job scripts through the command engine, variables as environment."""
    wf = _Workflow(rel, raw, {})
    names: set[str] = set()
    yield from wf.env(doc.get("variables"), names)
    for job in doc.values():
        if isinstance(job, dict):
            yield from wf.env(job.get("variables"), names)
    for command, line in gitlab_scripts(doc):
        yield from wf.script(command, line, names, "run")


def pipeline_findings(
    doc: Mapping[Any, Any], rel: str, raw: list[str], kind: str
) -> Iterator[Finding]:
    """Azure, Bitbucket, CircleCI, Travis, Drone and Buildkite: scripts and variables."""
    wf = _Workflow(rel, raw, {})
    names: set[str] = set()
    for env in pipeline_env(doc):
        yield from wf.env(env, names)
    for script, line in pipeline_scripts(doc, kind):
        yield from wf.script(script, line, names, "run")


def workflow_findings(doc: Mapping[Any, Any], rel: str, raw: list[str]) -> Iterator[Finding]:
    wf = _Workflow(rel, raw, doc)
    top_env: set[str] = set()
    yield from wf.env(doc.get("env"), top_env)
    yield from wf.permissions(doc, "the workflow")
    for job_name, job in as_map(doc.get("jobs")).items():
        job = as_map(job)
        job_env = set(top_env)
        yield from wf.env(job.get("env"), job_env)
        yield from wf.permissions(job, f"job {job_name}")
        yield from wf.containers(job)
        yield from wf.uses(job, f"job {job_name}")
        for step in as_list(job.get("steps")):
            step = as_map(step)
            step_env = set(job_env)
            yield from wf.env(step.get("env"), step_env)
            yield from wf.uses(step, f"step {step.get('name', step.get('uses', '?'))}")
            run = step.get("run")
            if isinstance(run, str):
                start = key_line(step, "run", line_of(step))
                yield from wf.script(run, start, step_env, "run")


class WorkflowScanner:
    """CI files: GitHub Actions workflows (their scripts, triggers, actions and token
    permissions), and the scripts and variables of GitLab CI, Azure Pipelines, Bitbucket,
    CircleCI, Travis, Drone and Buildkite pipelines."""

    name: ClassVar[str] = "ci-workflows"
    rules: ClassVar[tuple[Rule, ...]] = (
        WORKFLOW_INJECTION,
        WORKFLOW_PR_TARGET,
        WORKFLOW_UNPINNED_ACTION,
        WORKFLOW_PERMISSIONS,
        WORKFLOW_SECRET_PRINTED,
        CONFIG_NOT_PARSED,
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind in (ArtifactKind.CONFIG, ArtifactKind.DEPLOYMENT) and (
            is_workflow(artifact) or bool(pipeline_kind(artifact))
        )

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        loc = Location(path=artifact.relpath)
        try:
            text = read_text(artifact.path, MAX_CONFIG_BYTES)
            docs, why = load_all_lenient(text)
        except TooLarge:
            yield CONFIG_NOT_PARSED.at(loc, f"workflow larger than {MAX_CONFIG_BYTES} bytes")
            return
        except YamlError as exc:
            yield CONFIG_NOT_PARSED.at(loc, f"not verified: {exc}", evidence=str(exc)[:300])
            return
        if why:
            # The runner refuses the file as it is; its scripts are still read, with each
            # ``key: text: more`` value taken as the text its writer meant.
            yield CONFIG_NOT_PARSED.at(
                loc, f"{why}; read with such values taken as text", evidence=why[:300]
            )
        raw = text.splitlines()
        gitlab = is_gitlab_ci(artifact)
        kind = "" if is_workflow(artifact) else pipeline_kind(artifact)
        for doc in docs:
            if not isinstance(doc, dict):
                continue
            if kind:
                yield from pipeline_findings(doc, artifact.relpath, raw, kind)
            else:
                findings = gitlab_findings if gitlab else workflow_findings
                yield from findings(doc, artifact.relpath, raw)
