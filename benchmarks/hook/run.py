"""Pre-commit hook benchmark: ``secplan model scan --jobs 1 FILE`` (the entry of the
secplan-model-scan hook) on one model file, as whole processes.

    python benchmarks/hook/run.py --runs 5 --picklescan .bench-venv/bin/picklescan \\
        --output docs/benchmarks/hook.md

Timed side by side, alternating (``benchmarks/paired.py``), each a fresh process the way
pre-commit starts it: the interpreter alone (``python -c pass``, the floor),
``secplan --version`` (with the clean file's rounds), the hook's
command (the lean entry; table output, the hook's default, and JSON), the same command
through the full command line (what the hook cost before the lean entry), and picklescan on
the same file when its executable is given (install it apart, e.g.
``python -m venv .bench-venv && .bench-venv/bin/pip install picklescan==1.0.5``).
With ``--before SRC`` the same command also runs from another source tree (an earlier
commit's ``src/``), in the same rounds. Every tree's bytecode is compiled first, as pip does
on install; a tree run from source without it pays for compiling each module every time.
With ``--checkpoint FILE`` a PyTorch checkpoint is timed the same way: the hook's 100 MB case,
written by ``torch.save`` in an environment with PyTorch, e.g.
``python -c "import torch; torch.save({f'w{i}': torch.randn(1024, 1024) for i in range(25)},
'ckpt.pt')"`` (25 float32 matrices of 4 MB).
Reported: median wall and CPU time (user + system of the child) and the paired ratio to
picklescan (to the interpreter alone without it); the target is at most 150 ms for the
hook's command. On a shared machine the CPU column is the steadier figure.

The files are generated here, in a temporary directory outside the project: a small state
dict pickled by ``pickle.dumps`` (clean) and a pickle that calls ``os.system`` with a
harmless canary command (malicious; never loaded, by anyone: each tool only reads it).
"""

from __future__ import annotations

import argparse
import compileall
import os
import pickle
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.paired import Command, compare, machine, table

FULL = "import sys; from secplan.cli.app import main; sys.argv[0] = 'secplan'; main()"
#: The hook's command run from another source tree (an earlier version, for comparison).
OTHER = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'secplan'; "
    "from secplan.cli import main; main()"
)


def clean_pickle(path: Path) -> int:
    """A small state dict of float lists (about 10 KB), as ``pickle.dumps`` writes it."""
    rng = random.Random(7)
    state = {f"layer{i}.weight": [rng.random() for _ in range(128)] for i in range(8)}
    path.write_bytes(pickle.dumps(state, protocol=4))
    return path.stat().st_size


def malicious_pickle(path: Path, canary: Path) -> int:
    """``os.system("touch CANARY")`` written opcode by opcode (GLOBAL, MARK, string, TUPLE,
    REDUCE): a payload nobody runs."""
    cmd = f"touch {canary}".encode()
    path.write_bytes(b"\x80\x02cos\nsystem\n(X" + len(cmd).to_bytes(4, "little") + cmd + b"tR.")
    return path.stat().st_size


def verdicts(argv: list[str], path: Path) -> int:
    """The exit code of one run (0 clean, 1 findings), to check that the tools agree."""
    return subprocess.run(
        [*argv, str(path)], capture_output=True, check=False, timeout=300
    ).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="paired rounds (default 5)")
    ap.add_argument("--picklescan", type=Path, help="a picklescan executable to compare with")
    ap.add_argument(
        "--before",
        type=Path,
        metavar="SRC",
        help="also time the hook's command from this source tree (the src/ folder of an "
        "earlier commit, e.g. from git archive), in the same rounds",
    )
    ap.add_argument(
        "--checkpoint",
        type=Path,
        help="also time a PyTorch checkpoint (a file torch.save wrote, e.g. a 100 MB state "
        "dict), staged the way the hook sees it",
    )
    ap.add_argument("--output", type=Path, help="write the Markdown section here")
    args = ap.parse_args()
    host = machine()
    py = sys.executable
    # an install reads bytecode compiled once; a variable that stops Python writing it makes a
    # source tree compile every module on every run instead (60-90 ms here): never inherited
    inherited = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    # an installed package has its bytecode compiled (pip does it); so must every tree timed
    import secplan

    for tree in (Path(secplan.__file__).parent, args.before):
        if tree is not None and not compileall.compile_dir(tree, quiet=1):
            sys.exit(f"cannot compile {tree}")
    secplan = str(Path(py).with_name("secplan"))
    hook = [secplan, "model", "scan", "--jobs", "1"]
    full = [py, "-c", FULL, "model", "scan", "--jobs", "1"]
    sections = []
    with tempfile.TemporaryDirectory(prefix="secplan-hook-") as tmp:
        base = Path(tmp)
        canary = base / "CANARY"
        files = {"clean": base / "clean.pkl", "malicious": base / "malicious.pkl"}
        sizes = {
            "clean": clean_pickle(files["clean"]),
            "malicious": malicious_pickle(files["malicious"], canary),
        }
        titles = {kind: f"{kind} pickle" for kind in files}
        if args.checkpoint:
            files["checkpoint"] = args.checkpoint.resolve()
            sizes["checkpoint"] = files["checkpoint"].stat().st_size
            titles["checkpoint"] = f"PyTorch checkpoint ({sizes['checkpoint'] / 1e6:.0f} MB)"
        for kind, path in files.items():
            commands = {"python -c pass": Command([py, "-c", "pass"])}
            if kind == "clean":  # the version needs no file: timed once
                commands["secplan --version"] = Command([secplan, "--version"])
            commands["secplan hook entry (table)"] = Command([*hook, str(path)])
            commands["secplan hook entry (json)"] = Command([*hook, "-f", "json", str(path)])
            commands["full command line (table)"] = Command([*full, str(path)])
            if args.before:
                before = [py, "-c", OTHER, str(args.before.resolve()), *hook[1:]]
                commands["before: hook command (table)"] = Command([*before, str(path)])
            agree = [f"secplan exit {verdicts(hook, path)}"]
            if args.picklescan:
                scan = [str(args.picklescan), "--path"]
                commands["picklescan"] = Command([*scan, str(path)])
                agree.append(f"picklescan exit {verdicts(scan, path)}")
            reference = "picklescan" if args.picklescan else "python -c pass"
            result = compare(commands, reference=reference, runs=args.runs)
            sections += [
                f"### {titles[kind]}, {sizes[kind]:,} bytes ({', '.join(agree)})",
                "",
                table(result),
                "",
            ]
        if canary.exists():
            sys.exit("a payload ran: the canary file exists")
    flags = f"--runs {args.runs}" + (" --picklescan PATH" if args.picklescan else "")
    flags += " --before SRC" if args.before else ""
    flags += " --checkpoint FILE" if args.checkpoint else ""
    text = "\n".join(
        [
            "# Pre-commit hook: one model file",
            "",
            "Files: generated by `benchmarks/hook/run.py` (written here). Machine: " + host + ".",
            "",
            f"Command: `python benchmarks/hook/run.py {flags}`",
            "",
            "`PYTHONDONTWRITEBYTECODE` is unset in every timed process"
            + (" (it was set where the runner started, and removed)" if inherited else "")
            + "; each tree's bytecode is compiled before the first round, as pip does on install.",
            "",
            *sections,
        ]
    )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
