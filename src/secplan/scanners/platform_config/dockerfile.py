"""Dockerfiles: root user (CF001), base images, remote sources, piped scripts, build secrets
and the ML servers the image starts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.platform import (
    CONTAINER_ROOT,
    Instruction,
    dockerfile_instructions,
)
from secplan.scanners.platform_config.commands import COMMAND_RULES, Hit, check_command, check_env
from secplan.scanners.platform_config.common import image_parts, model_env_findings
from secplan.scanners.platform_config.rules import (
    BUILD_SECRET,
    CONFIG_NOT_PARSED,
    HEALTHCHECK_MISSING,
    REMOTE_ADD,
    UNPINNED_BASE_IMAGE,
)
from secplan.scanners.platform_config.secrets import is_literal_secret, redact
from secplan.scanners.platform_config.servers import hub_url_hits
from secplan.textfile import TooLarge, read_text

MAX_DOCKERFILE_BYTES = 1 << 20
_VAR = re.compile(r"\$\{?([A-Za-z_]\w*)(?::?-([^}]*))?\}?")


def _resolve(text: str, args: dict[str, str]) -> str:
    return _VAR.sub(lambda m: args.get(m.group(1), m.group(2) or ""), text)


def _pairs(args: str) -> list[tuple[str, str]]:
    """``KEY=value`` pairs of ENV/ARG (also the legacy ``ENV KEY value`` form)."""
    if "=" not in args.split(" ", 1)[0]:
        key, _, value = args.partition(" ")
        return [(key, value.strip())] if key else []
    out = []
    # a name starts where a word starts: from every letter of a long word, the name would be
    # scanned to the word's end again (quadratic)
    for m in re.finditer(r"(?<![\w.-])([A-Za-z_][\w.-]*+)=(\"[^\"]*\"|'[^']*'|\S*)", args):
        out.append((m.group(1), m.group(2).strip("\"'")))
    return out


def _command_text(args: str) -> str | list[str]:
    if args.startswith("["):
        try:
            value = json.loads(args)
        except ValueError:
            return args
        if isinstance(value, list):
            return [str(v) for v in value]
    return args


class DockerfileChecks:
    """Every CF check of one Dockerfile; CF001 keeps the behaviour of the first scanner."""

    name: ClassVar[str] = "dockerfile-config"
    rules: ClassVar[tuple[Rule, ...]] = (
        CONTAINER_ROOT,
        UNPINNED_BASE_IMAGE,
        REMOTE_ADD,
        BUILD_SECRET,
        HEALTHCHECK_MISSING,
        CONFIG_NOT_PARSED,
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.CONTAINER

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        try:
            text = read_text(artifact.path, MAX_DOCKERFILE_BYTES)
        except TooLarge:
            yield CONFIG_NOT_PARSED.at(
                Location(path=artifact.relpath),
                f"Dockerfile larger than {MAX_DOCKERFILE_BYTES} bytes was not verified",
            )
            return
        instructions = list(dockerfile_instructions(text))
        rel = artifact.relpath
        yield from _root_user(instructions, rel)
        yield from _healthcheck(instructions, rel)
        args: dict[str, str] = {}
        stages: set[str] = set()
        env_names: set[str] = set()
        env = [
            (k, v, ins.line)
            for ins in instructions
            if ins.keyword == "ENV"
            for k, v in _pairs(ins.args)
        ]
        yield from model_env_findings(env, Location(path=rel))
        for ins in instructions:
            loc = Location(path=rel, line=ins.line)
            if ins.keyword == "ARG":
                for key, value in _pairs(ins.args):
                    args.setdefault(key, value)
            if ins.keyword in ("ENV", "ARG"):
                env_names.update(k for k, v in _pairs(ins.args) if v.strip().strip("'\""))
                yield from _secrets(ins, loc)
            elif ins.keyword == "FROM":
                yield from _base_image(ins, loc, args, stages)
            elif ins.keyword == "ADD":
                yield from _remote_add(ins, loc)
        for ins in instructions:
            loc = Location(path=rel, line=ins.line)
            if ins.keyword in ("RUN", "CMD", "ENTRYPOINT"):
                hits = check_command(_command_text(ins.args), env_names)
            elif ins.keyword in ("ENV", "ARG"):  # an ARG is in RUN's environment too
                hits = [h for k, v in _pairs(ins.args) for h in check_env(k, v, services=True)]
            else:
                continue
            yield from (_finding(h, loc) for h in hits)


def _finding(hit: Hit, loc: Location) -> Finding:
    return hit.rule.at(
        loc, hit.message, evidence=hit.evidence, severity=hit.severity, confidence=hit.confidence
    )


def _healthcheck(instructions: list[Instruction], rel: str) -> Iterator[Finding]:
    """CF122: the final stage has no ``HEALTHCHECK`` of its own nor from a stage it builds on."""
    if ".devcontainer" in PurePosixPath(rel).parts:
        return
    checked: dict[str, bool] = {}
    current, stage, start = False, "", None
    for ins in instructions:
        if ins.keyword == "FROM":
            parts = [p for p in ins.args.split() if not p.startswith("--")]
            current = checked.get(parts[0].lower(), False) if parts else False
            stage = parts[2].lower() if len(parts) >= 3 and parts[1].lower() == "as" else ""
            start = ins
        elif ins.keyword == "HEALTHCHECK":
            current = True  # HEALTHCHECK NONE is an explicit choice, not an omission
        if stage:
            checked[stage] = current
    if start is None or current:
        return
    image = ([p for p in start.args.split() if not p.startswith("--")] or [""])[0]
    yield HEALTHCHECK_MISSING.at(
        Location(path=rel, line=start.line),
        "final stage has no HEALTHCHECK: a hung server looks healthy to the runtime",
        evidence=f"FROM {image}"[:200],
    )


_ROOT_USERS = {"root", "0", "0:0", "root:root", "root:0", "0:root"}


def _root_user(instructions: list[Instruction], rel: str) -> Iterator[Finding]:
    """CF001: the user of the final stage (a stage built FROM another inherits its user)."""
    stage_user: dict[str, str | None] = {}
    current: str | None = None
    from_line = user_line = 0
    image = stage = ""
    for ins in instructions:
        if ins.keyword == "FROM":
            parts = [p for p in ins.args.split() if not p.startswith("--")]
            image = parts[0] if parts else ""
            stage = parts[2].lower() if len(parts) >= 3 and parts[1].lower() == "as" else ""
            current = stage_user.get(image.lower())
            if current is None and (":nonroot" in image or image.endswith("-nonroot")):
                current = "nonroot"
            from_line, user_line = ins.line, 0
        elif ins.keyword == "USER":
            current = ins.args.split()[0] if ins.args else None
            user_line = ins.line
        if stage:
            stage_user[stage] = current
    if not from_line:
        return
    if current is None:
        yield CONTAINER_ROOT.at(
            Location(path=rel, line=from_line),
            "final stage sets no USER, so the container runs as root",
            evidence=f"FROM {image}",
        )
    elif current.lower() in _ROOT_USERS:
        yield CONTAINER_ROOT.at(
            Location(path=rel, line=user_line),
            "final stage switches to the root user",
            evidence=f"USER {current}",
        )


def _secrets(ins: Instruction, loc: Location) -> Iterator[Finding]:
    for key, value in _pairs(ins.args):
        if is_literal_secret(key, value):
            yield BUILD_SECRET.at(
                loc,
                f"{ins.keyword} {key} holds a literal secret that stays in the image",
                evidence=f"{ins.keyword} {key}={redact(value)}",
            )


def _base_image(
    ins: Instruction, loc: Location, args: dict[str, str], stages: set[str]
) -> Iterator[Finding]:
    parts = [p for p in ins.args.split() if not p.startswith("--")]
    if not parts:
        return
    if len(parts) >= 3 and parts[1].lower() == "as":
        stages.add(parts[2].lower())
    image = _resolve(parts[0], args)
    if not image or image.lower() == "scratch" or image.lower() in stages or "$" in image:
        return
    name, tag, digest = image_parts(image)
    if digest:
        return
    if not tag or tag == "latest":
        shown = "no tag" if not tag else "the latest tag"
        yield UNPINNED_BASE_IMAGE.at(
            loc, f"base image {name} has {shown} and no digest", evidence=f"FROM {parts[0]}"
        )


def _remote_add(ins: Instruction, loc: Location) -> Iterator[Finding]:
    if "--checksum" in ins.args:
        return
    for part in ins.args.split():
        yield from (_finding(h, loc) for h in hub_url_hits(part, "ADD"))
    for part in ins.args.split():
        if re.match(r"^(https?|ftp)://", part, re.IGNORECASE):
            yield REMOTE_ADD.at(
                loc, "ADD downloads a URL without a checksum", evidence=f"ADD {part}"[:300]
            )
            return
