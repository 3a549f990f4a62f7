"""Protect benchmark: encryption and decryption against the age tool, signing and
verification against the model_signing tool, on the same multi-GB model directory, in one run.

    python benchmarks/protect/run.py --gib 4 --output docs/benchmarks/protect.md

The directory is generated (random bytes, several files) in a temporary directory outside the
project. Every tool reads the same files from the page cache; each measurement is the best of
``--repeat`` runs. Throughput is plaintext GB (10^9 bytes) per second of wall time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from secplan.protect.age import X25519Identity, decrypt_chunks, encrypt_stream
from secplan.protect.signing import sign, verify


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def make_model(root: Path, gib: float, files: int) -> int:
    root.mkdir(parents=True)
    per = int(gib * 2**30 / files)
    block = os.urandom(1 << 24)
    for i in range(files):
        with (root / f"model-{i:05d}-of-{files:05d}.safetensors").open("wb") as fh:
            left = per
            while left > 0:
                fh.write(block[: min(left, len(block))])
                left -= len(block)
    (root / "config.json").write_text('{"architectures": ["Bench"]}')
    return per * files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gib", type=float, default=4.0)
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--output", type=Path)
    args = ap.parse_args()
    age = shutil.which("age")
    ms = shutil.which("model_signing") or str(Path(sys.executable).parent / "model_signing")
    if age is None:
        sys.exit("the age tool is needed (apt-get install age)")
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="secplan-bench-") as tmp:
        base = Path(tmp)
        model = base / "model"
        total = make_model(model, args.gib, args.files)
        big = sorted(model.glob("*.safetensors"))[0]
        size = big.stat().st_size
        ident = X25519Identity.generate()
        (base / "id.txt").write_text(str(ident) + "\n")
        enc_ours, enc_age = base / "ours.age", base / "theirs.age"

        def ours_encrypt() -> None:
            with big.open("rb") as s, enc_ours.open("wb") as d:
                encrypt_stream(s, d, [ident.recipient])

        def ours_decrypt() -> None:
            with enc_ours.open("rb") as s, (base / "ours.out").open("wb") as d:
                for chunk in decrypt_chunks(s, [ident]):
                    d.write(chunk)

        def age_encrypt() -> None:
            subprocess.run(
                [age, "-r", str(ident.recipient), "-o", str(enc_age), str(big)], check=True
            )

        def age_decrypt() -> None:
            subprocess.run(
                [age, "-d", "-i", str(base / "id.txt"), "-o", str(base / "age.out"), str(enc_age)],
                check=True,
            )

        rows["encrypt"] = {
            "secplan": size / best(ours_encrypt, args.repeat) / 1e9,
            "age": size / best(age_encrypt, args.repeat) / 1e9,
        }
        rows["decrypt"] = {
            "secplan": size / best(ours_decrypt, args.repeat) / 1e9,
            "age": size / best(age_decrypt, args.repeat) / 1e9,
        }
        for p in ("ours.out", "age.out", "ours.age", "theirs.age"):
            (base / p).unlink()

        key = ec.generate_private_key(ec.SECP256R1())
        priv, pub = base / "k.pem", base / "k.pub"
        priv.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        pub.write_bytes(
            key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        sig_ours, sig_ms = base / "ours.sig", base / "ms.sig"
        rows["sign"] = {
            "secplan": total / best(lambda: sign(model, priv, sig_ours), args.repeat) / 1e9,
            "model_signing": total
            / best(
                lambda: subprocess.run(
                    [
                        ms,
                        "sign",
                        "key",
                        str(model),
                        "--private_key",
                        str(priv),
                        "--signature",
                        str(sig_ms),
                    ],
                    check=True,
                    capture_output=True,
                ),
                args.repeat,
            )
            / 1e9,
        }

        def ours_verify() -> None:
            assert verify(model, [pub], sig_ours).ok

        rows["verify"] = {
            "secplan": total / best(ours_verify, args.repeat) / 1e9,
            "model_signing": total
            / best(
                lambda: subprocess.run(
                    [
                        ms,
                        "verify",
                        "key",
                        str(model),
                        "--public_key",
                        str(pub),
                        "--signature",
                        str(sig_ms),
                    ],
                    check=True,
                    capture_output=True,
                ),
                args.repeat,
            )
            / 1e9,
        }
    text = render(rows, args, size, total)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


def render(
    rows: dict[str, dict[str, float]], args: argparse.Namespace, size: int, total: int
) -> str:
    age_v = subprocess.run(["age", "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "## Protect: encryption and signing",
        "",
        f"Encryption and decryption of one {size / 2**30:.2f} GiB file; signing and verification "
        f"of a {total / 2**30:.2f} GiB model directory ({args.files} files). Best of "
        f"{args.repeat} runs, files in the page cache, GB/s of plaintext (10^9 bytes).",
        "",
        "| operation | secplan GB/s | anchor | anchor GB/s | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    for op, r in rows.items():
        anchor = "age" if "age" in r else "model_signing"
        lines.append(
            f"| {op} | {r['secplan']:.2f} | {anchor} {age_v if anchor == 'age' else ''}"
            f" | {r[anchor]:.2f} | {r['secplan'] / r[anchor]:.2f}× |"
        )
    lines += [
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}. Encryption runs on one core (ChaCha20-Poly1305 from the "
        "cryptography package); signing hashes files in parallel on every core.",
        "",
        f"Command: `python benchmarks/protect/run.py --gib {args.gib:g} --files {args.files} "
        f"--repeat {args.repeat} --output docs/benchmarks/protect.md`",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
