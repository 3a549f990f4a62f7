"""``secplan model sign|verify`` without the command-line framework.

The commands' bodies (:func:`run_sign`, :func:`run_verify`) are shared by the full command
line (``secplan model ...`` and ``secplan data ...``) and by the lean entry (:func:`run`),
which ``secplan model sign`` and ``secplan model verify`` with only the options below reach
before typer and rich load: hashing runs at the disk's or the hash's speed, so what is left
of a signing's time is this process's start-up. Anything else (another option, ``--help``,
a value missing, a second path) returns ``None`` and the full command line takes the
arguments unchanged, so that its usage errors and help stay the only ones.

>>> parse("sign", ["m", "--key=k.pem", "--keyless"])
{'path': 'm', 'key': ['k.pem'], 'keyless': True}
>>> parse("verify", ["m", "--key", "a.pub", "--key", "b.pub", "-f", "json", "--strict"])
{'path': 'm', 'key': ['a.pub', 'b.pub'], 'fmt': 'json', 'strict': True}
>>> parse("verify", ["m", "--keyless"]) is None
True
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secplan.cli._argv import option_value

if TYPE_CHECKING:
    from secplan.protect.signing import Verification

OK, FINDINGS, ERROR = 0, 1, 2
#: Each command's options that take a value (spelling → name) and its flags.
VALUED = {
    "sign": {"--key": "key", "--signature": "signature"},
    "verify": {"--key": "key", "--signature": "signature", "--format": "fmt", "-f": "fmt"},
}
FLAGS = {"sign": {"--keyless": "keyless"}, "verify": {"--strict": "strict"}}


def parse(command: str, args: list[str]) -> dict[str, Any] | None:
    """The arguments after ``model sign`` or ``model verify`` (``key`` a list, flags
    ``True``), or ``None`` when the full command must parse them."""
    valued, flags = VALUED[command], FLAGS[command]
    values: dict[str, Any] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            if "path" in values or not arg:
                return None  # a second path, an empty one: the full command's usage error
            values["path"] = arg
            continue
        if arg in flags:
            values[flags[arg]] = True
            continue
        name, eq, value = arg.partition("=")
        if name not in valued or (eq and not name.startswith("--")):
            return None  # another option, --help, "--", "-": the full command decides
        taken = option_value(args, i, eq, value)
        if taken is None:
            return None
        value, i = taken
        if valued[name] == "key":
            values.setdefault("key", []).append(value)  # repeatable; sign keeps the last
        else:
            values[valued[name]] = value  # the last one wins, as on the full command line
    return values if "path" in values else None


def run(command: str, args: list[str]) -> int | None:
    """Run ``secplan model sign|verify ARGS`` and return its exit code; ``None`` when the
    arguments are not for the lean entry (nothing has been done then)."""
    opts = parse(command, args)
    if opts is None:
        return None
    path = Path(opts["path"])
    keys = [Path(k) for k in opts.get("key", ())]
    signature = Path(opts["signature"]) if "signature" in opts else None
    try:
        if command == "sign":
            return run_sign(
                "model", path, keys[-1] if keys else None, signature, opts.get("keyless", False)
            )
        return run_verify(
            "model", path, keys, signature, opts.get("fmt", "text"), opts.get("strict", False)
        )
    except KeyboardInterrupt:
        sys.stderr.write("secplan: interrupted\n")
        return 130
    except BrokenPipeError:
        from secplan.cli.lean import reader_gone

        return reader_gone()


def _resource(kind: str, path: Path) -> str:
    """``kind:<path>``, symbolic links resolved and relative to the working directory."""
    from secplan.access.resources import file_resource

    return file_resource(kind, path)


def _noun(kind: str) -> str:
    """The action family: ``model:sign`` for models, ``data:sign`` for datasets."""
    return "data" if kind == "dataset" else "model"


def _echo(text: str) -> None:
    sys.stdout.write(text + "\n")


def run_sign(kind: str, path: Path, key: Path | None, signature: Path | None, keyless: bool) -> int:
    """Sign ``path`` (a ``model`` or a ``dataset``), record it in the audit trail and print
    where the signature went. Returns 0, or 2 (its one-line message printed) on an error."""
    from secplan.cli._services import error_exit, services
    from secplan.errors import SecplanError
    from secplan.protect.signing import hashing_ahead, sign

    # the files hash on the other cores while the services load and access is checked
    ahead = hashing_ahead(path) if key is not None and not keyless else nullcontext()
    try:
        with ahead:
            svc = services()
            svc.access.require(svc.actor, f"{_noun(kind)}:sign", _resource(kind, path))
            sig = sign(
                path,
                key,
                signature,
                keyless=keyless,
                identity_token=os.environ.get("SIGSTORE_ID_TOKEN"),
            )
            svc.audit(f"{_noun(kind)}:signed", _resource(kind, path), signature=str(sig))
    except SecplanError as exc:
        return error_exit(exc)
    _echo(f"signed {path} -> {sig}")
    sys.stdout.flush()
    return OK


def run_verify(
    kind: str, path: Path, keys: list[Path], signature: Path | None, fmt: str, strict: bool
) -> int:
    """Verify ``path`` against ``keys`` (default: ``[signing] trusted_keys``), record the
    outcome in the audit trail and print it. Returns 0 when it verifies, 1 when it does not
    (or, with ``strict``, when files are present that the signature does not cover), 2 on
    an error."""
    from secplan.audit.events import Outcome
    from secplan.cli._services import error_exit, services
    from secplan.config import load_settings
    from secplan.errors import SecplanError
    from secplan.protect.signing import hashing_ahead, verify

    try:
        with hashing_ahead(path):
            root = Path.cwd()
            settings = load_settings(root)
            keys = list(keys) or [root / k for k in settings.signing_keys]
            svc = services()
            svc.access.require(svc.actor, f"{_noun(kind)}:verify", _resource(kind, path))
            v = verify(
                path,
                keys,
                signature,
                identities=settings.signing_identities,
                oidc_issuer=settings.signing_issuer,
            )
            svc.audit(
                f"{_noun(kind)}:verify",
                _resource(kind, path),
                Outcome.ALLOWED if v.ok else Outcome.FAILED,
                signer=v.signer or "",
                added=len(v.added),
                removed=len(v.removed),
                changed=len(v.changed),
                unsigned=len(v.unsigned),
            )
    except SecplanError as exc:
        return error_exit(exc)
    _render(path, v, fmt)
    sys.stdout.flush()
    return FINDINGS if not v.ok or (strict and v.unsigned) else OK


def _render(path: Path, v: Verification, fmt: str) -> None:
    """A verification as JSON, or as lines: what changed, and what the signature does not
    cover (a warning when all else verifies)."""
    if fmt == "json":
        lists = ("added", "removed", "changed", "problems", "unsigned")
        doc = {"ok": v.ok, "signer": v.signer} | {k: list(getattr(v, k)) for k in lists}
        _echo(json.dumps(doc, indent=2))
        return
    if v.ok:
        _echo(f"verified {path}: signed by {v.signer}")
        if v.unsigned:
            _echo(
                f"warning: {len(v.unsigned)} file(s) present that the signature does not "
                "cover (not verified):"
            )
    else:
        _echo(f"{path} does NOT verify:")
    for label, names in (
        ("added", v.added),
        ("removed", v.removed),
        ("changed", v.changed),
        ("problem", v.problems),
        ("unsigned", v.unsigned),
    ):
        for n in names:
            _echo(f"  {label}: {n}")
