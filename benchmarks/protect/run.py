"""Protect benchmark: ``secplan protect encrypt|decrypt`` against the ``age`` command, and
``secplan model sign|verify`` against the ``model_signing`` command, as whole commands.

    python benchmarks/protect/run.py --gib 1 --runs 5 --output docs/benchmarks/protect.md
    python benchmarks/protect/run.py --gib 0.25 --runs 2 --ops encrypt,sign   # a quick look

Every figure is a fresh process run as a user runs it, with interpreter start-up, the key
store and the audit trail (secplan), alternating with the anchor on the same input
(``benchmarks/paired.py``): the median wall and CPU time, and the median of the
pair-by-pair ratios. secplan syncs what it writes before it names it (a file appears only
once it is complete and durable); ``age`` does not, so age is timed twice: as it is, and
followed by ``sync FILE`` on its output. The one-core ceiling of the cipher and the hash
(OpenSSL through the ``cryptography`` package and ``hashlib``) is measured in the same run,
in-process, and shown beside the commands, never in their place.

The input (random bytes) is generated in a temporary directory outside the project (under
``--dir`` if given: put it on the disk you care about). Every tool reads it from the page
cache. Besides wall time, the pair-by-pair ratio of CPU time (user + system) is shown: on a
busy machine it moves less than wall time.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.paired import Command, Comparison, compare, machine, table

OPS = ("encrypt", "decrypt", "sign", "verify")


def make_model(root: Path, gib: float, files: int) -> int:
    root.mkdir(parents=True)
    per = int(gib * 2**30 / files) if files else 0
    block = os.urandom(1 << 24)
    for i in range(files):
        with (root / f"model-{i:05d}-of-{files:05d}.safetensors").open("wb") as fh:
            left = per
            while left > 0:
                fh.write(block[: min(left, len(block))])
                left -= len(block)
    (root / "config.json").write_text('{"architectures": ["Bench"]}')
    return per * files


class _Null:
    """A sink: what is written to it is dropped."""

    def write(self, data: bytes) -> int:
        return len(data)


def loops(data: Path) -> dict[str, float]:
    """In-process, one core: secplan's own encryption and decryption loops over ``data``
    (read from the page cache, output dropped): the crypto part of the commands."""
    import io

    from secplan.protect.age import X25519Identity, decrypt_batches, encrypt_stream

    ident = X25519Identity.generate()
    size = data.stat().st_size
    out: dict[str, float] = {}
    with data.open("rb") as src:
        t0 = time.process_time()
        encrypt_stream(src, _Null(), [ident.recipient])  # type: ignore[arg-type]
        out["secplan encrypt loop"] = size / (time.process_time() - t0) / 1e9
    sealed = io.BytesIO()
    with data.open("rb") as src:
        head = src.read(256 << 20)
    encrypt_stream(io.BytesIO(head), sealed, [ident.recipient])
    sealed.seek(0)
    t0 = time.process_time()
    for _ in decrypt_batches(sealed, [ident]):
        pass
    out[f"secplan decrypt loop ({len(head) >> 20} MiB)"] = (
        len(head) / (time.process_time() - t0) / 1e9
    )
    return out


def ceilings(size: int = 1 << 30) -> dict[str, float]:
    """In-process, one core: ChaCha20-Poly1305 and SHA-256 over 16 KiB and 4 MiB buffers, in
    gigabytes per second of CPU time (a busy machine slows the clock, not the CPU time)."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    out: dict[str, float] = {}
    aead = ChaCha20Poly1305(os.urandom(32))
    for label, block in (("16 KiB", 16 << 10), ("4 MiB", 4 << 20)):
        data = os.urandom(block)
        n = max(1, size // block)
        t0 = time.process_time()
        for _ in range(n):
            aead.encrypt(b"\0" * 12, data, None)
        out[f"ChaCha20-Poly1305, {label}"] = n * block / (time.process_time() - t0) / 1e9
        h = hashlib.sha256()
        t0 = time.process_time()
        for _ in range(n):
            h.update(data)
        out[f"SHA-256, {label}"] = n * block / (time.process_time() - t0) / 1e9
    return out


def _rm(*paths: Path) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gib", type=float, default=1.0, help="size of the data (default 1)")
    ap.add_argument("--files", type=int, default=4, help="files in the signed model")
    ap.add_argument("--runs", type=int, default=5, help="paired rounds per comparison")
    ap.add_argument("--output", type=Path)
    ap.add_argument("--dir", type=Path, help="where the input is made (default: the temp dir)")
    ap.add_argument(
        "--ops",
        default=",".join(OPS),
        help="comma-separated subset of encrypt,decrypt,sign,verify (decrypt needs encrypt)",
    )
    args = ap.parse_args()
    ops = [o.strip() for o in args.ops.split(",") if o.strip()]
    if (
        not ops
        or set(ops) - set(OPS)
        or ("decrypt" in ops and "encrypt" not in ops)
        or ("verify" in ops and "sign" not in ops)
    ):
        ap.error(f"--ops: a subset of {','.join(OPS)}; decrypt needs encrypt, verify needs sign")
    age = shutil.which("age")
    bindir = Path(sys.executable).parent
    secplan = shutil.which("secplan", path=str(bindir)) or "secplan"
    ms = shutil.which("model_signing", path=str(bindir)) or shutil.which("model_signing")
    if age is None or ms is None:
        sys.exit("needs the age tool (apt-get install age) and model_signing (pip install .[dev])")
    host = machine()
    results: dict[str, tuple[Comparison, int]] = {}
    extra: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="secplan-bench-", dir=args.dir) as tmp:
        base = Path(tmp)
        env = {"SECPLAN_HOME": str(base / "home"), "PYTHONDONTWRITEBYTECODE": ""}
        subprocess.run(
            [secplan, "keys", "create", "bench"],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
        model = base / "model"
        total = make_model(model, args.gib, args.files if "sign" in ops else 0)
        data = base / "data.bin"
        size = make_data(data, args.gib if "encrypt" in ops else 0)
        ident = base / "id.txt"
        subprocess.run(["age-keygen", "-o", str(ident)], check=True, capture_output=True)
        recipient = subprocess.run(
            ["age-keygen", "-y", str(ident)], check=True, capture_output=True, text=True
        ).stdout.strip()
        ours_age, theirs_age = base / "data.bin.age", base / "theirs.age"
        if "encrypt" in ops:
            results["encrypt"] = (
                compare(
                    {
                        # every encryption starts with no output file: replacing the last
                        # run's gigabyte (freeing its pages and blocks) is not encryption
                        "secplan": Command(
                            [secplan, "protect", "encrypt", str(data), "--key", "bench", "--force"],
                            env=env,
                            setup=lambda: _rm(ours_age),
                        ),
                        "age": Command(
                            [age, "-r", recipient, "-o", str(theirs_age), str(data)],
                            setup=lambda: _rm(theirs_age),
                        ),
                        "age + sync": Command(
                            [
                                "sh",
                                "-c",
                                f'"{age}" -r {recipient} -o "{theirs_age}" "{data}" '
                                f'&& sync "{theirs_age}"',
                            ],
                            setup=lambda: _rm(theirs_age),
                        ),
                    },
                    reference="age + sync",
                    runs=args.runs,
                ),
                size,
            )
        if "decrypt" in ops:
            out_ours, out_age = base / "ours.out", base / "age.out"
            results["decrypt"] = (
                compare(
                    {
                        "secplan": Command(
                            [
                                secplan,
                                "protect",
                                "decrypt",
                                str(ours_age),
                                "--output",
                                str(out_ours),
                            ],
                            env=env,
                            setup=lambda: _rm(out_ours),
                        ),
                        "age": Command(
                            [age, "-d", "-i", str(ident), "-o", str(out_age), str(theirs_age)],
                            setup=lambda: _rm(out_age),
                        ),
                        "age + sync": Command(
                            [
                                "sh",
                                "-c",
                                f'"{age}" -d -i "{ident}" -o "{out_age}" "{theirs_age}" '
                                f'&& sync "{out_age}"',
                            ],
                            setup=lambda: _rm(out_age),
                        ),
                    },
                    reference="age + sync",
                    runs=args.runs,
                ),
                size,
            )
        _rm(ours_age, theirs_age, base / "ours.out", base / "age.out")
        if "encrypt" in ops:
            extra = loops(data)
        _rm(data)
        priv = base / "signing.pem"
        subprocess.run(
            [secplan, "keys", "new-signing-key", str(priv)],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
        pub = priv.with_suffix(".pub")
        sig_ours, sig_ms = base / "ours.sig", base / "ms.sig"
        for verb, key, ms_key in (("sign", priv, "--private_key"), ("verify", pub, "--public_key")):
            if verb not in ops:
                continue
            ours = [secplan, "model", verb, str(model), "--key", str(key)]
            theirs = [ms, verb, "key", str(model), ms_key, str(key)]
            results[verb] = (
                compare(
                    {
                        "secplan": Command([*ours, "--signature", str(sig_ours)], env=env),
                        "model_signing": Command([*theirs, "--signature", str(sig_ms)]),
                    },
                    reference="model_signing",
                    runs=args.runs,
                ),
                total,
            )
    text = render(results, {**extra, **ceilings()}, args, host)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


def make_data(path: Path, gib: float) -> int:
    size = int(gib * 2**30)
    block = os.urandom(1 << 24)
    with path.open("wb") as fh:
        left = size
        while left > 0:
            fh.write(block[: min(left, len(block))])
            left -= len(block)
    return size


def cpu_ratios(c: Comparison) -> str:
    """The median of the pair-by-pair ratios of CPU time to the reference's, per tool."""
    ref = c.tools[c.reference].cpu
    parts = []
    for name, t in c.tools.items():
        if name != c.reference:
            ratio = statistics.median(a / b for a, b in zip(t.cpu, ref, strict=True) if b > 0)
            parts.append(f"{name} {ratio:.2f}×")
    return f"CPU time, pair by pair, to {c.reference}: " + ", ".join(parts) + "."


def render(
    results: dict[str, tuple[Comparison, int]],
    ceiling: dict[str, float],
    args: argparse.Namespace,
    host: str,
) -> str:
    age_v = subprocess.run(["age", "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "## Protect: encryption and signing, as whole commands",
        "",
        f"Encryption and decryption of one {args.gib:g} GiB file with `secplan protect` and "
        f"`age` {age_v}; signing and verification of a {args.gib:g} GiB model directory "
        f"({args.files} files) with `secplan model sign|verify` and `model_signing sign|verify "
        "key`. Each tool is a fresh process, alternating, "
        f"{args.runs} paired rounds after one warm-up round; the ratio is the median of the "
        "pair-by-pair ratios to the anchor (below 1.00×: faster than the anchor). secplan syncs "
        "its output before naming it; `age` does not, so it is also timed followed by "
        "`sync FILE`. Every encryption and decryption starts with no output file (the last "
        "run's is removed before the timer starts). CPU is user + system time of the process.",
        "",
        f"Machine: {host}.",
        "",
    ]
    for op, (comp, size) in results.items():
        lines += [f"### {op}", "", table(comp, size_bytes=size), "", cpu_ratios(comp), ""]
    lines += [
        f"Load average at the end: {os.getloadavg()[0]:.2f}.",
        "",
        "### One-core ceilings and secplan's own loops (in-process, CPU time, for scale)",
        "",
        "| primitive | GB/s |",
        "|---|---:|",
        *(f"| {k} | {v:.2f} |" for k, v in ceiling.items()),
        "",
        f"Command: `python benchmarks/protect/run.py --gib {args.gib:g} --files {args.files} "
        f"--runs {args.runs}"
        + (f" --ops {args.ops}" if args.ops != ",".join(OPS) else "")
        + " --output docs/benchmarks/protect.md`",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
