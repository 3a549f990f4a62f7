"""Verifying model and dataset signatures found in the project (MS1, SC6)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from secplan.errors import SecplanError
from secplan.model import ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.model.rule import atlas, cwe, url
from secplan.scanners._base import ScanContext

C = ControlId
BUNDLE_TYPE = "application/vnd.dev.sigstore.bundle"
MAX_SIG = 16 << 20

SIGNATURE_INVALID = Rule(
    id="MF005",
    name="signature-mismatch",
    title="Signed files changed since signing",
    severity=Severity.HIGH,
    controls=(C("MS1"),),
    summary="A model or dataset signature (OpenSSF model-signing bundle) no longer matches the "
    "files it covers: files were added, removed or changed after signing, or the signature "
    "is malformed.",
    rationale="A signature that does not match means the artifact is not the one that was "
    "reviewed and released: it may have been tampered with or replaced.",
    example="models/model.sig signed model.safetensors; the file changed afterwards.",
    remediation="Find out why the files changed. Restore the signed files, or review the "
    "change and sign again with `secplan model sign`.",
    references=(
        atlas("AML.M0014"),
        cwe(345),
        url("https://github.com/sigstore/model-transparency"),
    ),
)
SIGNER_UNTRUSTED = Rule(
    id="MF006",
    name="untrusted-signer",
    title="Signature by a key the trust policy does not name",
    severity=Severity.HIGH,
    controls=(C("MS1"), C("SC6")),
    summary="A signature does not verify with any key in `[signing] trusted_keys` of "
    "secplan.toml (or none are configured).",
    rationale="Anyone can sign a file. A signature only proves something when the signer is "
    "one the organisation trusts for that artifact.",
    example="model.sig made with a developer's personal key, while the policy names the "
    "release key.",
    remediation="List the release keys' PEM public keys in `[signing] trusted_keys`, and sign "
    "with one of them.",
    references=(atlas("AML.M0013"), cwe(347)),
)
UNSIGNED_CONTENT = Rule(
    id="MF007",
    name="unsigned-content",
    title="Files a signature does not cover",
    severity=Severity.MEDIUM,
    controls=(C("MS1"),),
    summary="A signed model or dataset directory holds files its signature does not cover: "
    "files under the paths the signer left out, by default model_signing's `.git/`, "
    "`.gitattributes`, `.github/` and `.gitignore`. Their content is not verified.",
    rationale="Whatever sits in a signed directory travels with it. A Git hook, attributes "
    "that change how files are checked out, or a CI workflow added after signing passes a "
    "signature check that never looked at it.",
    example="models/churn/.git/hooks/post-checkout appears after models/churn/model.sig was made.",
    remediation="Remove the files, or sign again so that they are covered "
    "(`model_signing sign ... --no-ignore-git-paths`); waive the finding for content you "
    "know, such as the `.git` directory of a cloned model repository.",
    references=(atlas("AML.M0014"), cwe(345)),
)
MAX_LISTED = 5


def subject_of(sig: Path) -> Path:
    """``DIR/model.sig`` covers DIR; ``FILE.sig`` covers FILE."""
    if sig.name == "model.sig":
        return sig.parent
    return sig.with_name(sig.name[: -len(".sig")])


def _is_bundle(path: Path) -> bool:
    try:
        if path.stat().st_size > MAX_SIG:
            return False
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # (nesting deeper than json allows)
        return False
    return isinstance(doc, dict) and str(doc.get("mediaType", "")).startswith(BUNDLE_TYPE)


class SignatureScanner:
    """Every signature bundle in the project, verified against the trust policy."""

    name: ClassVar[str] = "signatures"
    rules: ClassVar[tuple[Rule, ...]] = (SIGNATURE_INVALID, SIGNER_UNTRUSTED, UNSIGNED_CONTENT)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        if not ctx.settings.verify_signatures:
            return
        from secplan.protect.signing import verify

        keys = [ctx.root / rel for rel in ctx.settings.signing_keys]  # load_settings checked
        for a in ctx.artifacts:
            if not a.name.endswith(".sig") or not _is_bundle(a.path):
                continue
            subject = subject_of(a.path)
            loc = Location(path=a.relpath)
            if not subject.exists():
                yield SIGNATURE_INVALID.at(
                    loc, "the signed file or directory is missing", evidence=ctx.relpath(subject)
                )
                continue
            try:
                v = verify(
                    subject,
                    keys,
                    a.path,
                    identities=ctx.settings.signing_identities,
                    oidc_issuer=ctx.settings.signing_issuer,
                )
            except SecplanError as exc:
                yield SIGNATURE_INVALID.at(
                    loc, "signature cannot be verified", evidence=exc.message
                )
                continue
            if v.signer is None:
                yield SIGNER_UNTRUSTED.at(
                    loc,
                    "not signed by a trusted key"
                    if keys
                    else "no trusted signing keys are configured",
                    evidence="; ".join(v.problems),
                    severity=None if keys else Severity.MEDIUM,
                )
                continue
            if not v.ok:
                parts = [
                    f"{label}: {', '.join(names[:5])}"
                    for label, names in (
                        ("added", v.added),
                        ("removed", v.removed),
                        ("changed", v.changed),
                    )
                    if names
                ] + list(v.problems)
                yield SIGNATURE_INVALID.at(
                    loc, "files changed since they were signed", evidence="; ".join(parts)
                )
            if v.unsigned:
                listed = ", ".join(v.unsigned[:MAX_LISTED])
                more = len(v.unsigned) - MAX_LISTED
                yield UNSIGNED_CONTENT.at(
                    loc,
                    f"{len(v.unsigned)} file(s) present that the signature does not cover",
                    evidence=listed + (f" and {more} more" if more > 0 else ""),
                )
