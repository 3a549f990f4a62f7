"""Build the labelled corpus of the code-scanning benchmark.

    python benchmarks/code_scan/generate.py OUT_DIR [--seed N]

Writes one snippet per file under OUT_DIR and ``OUT_DIR/manifest.json``, a list of
``{"path", "class", "positive", "note"}``. A positive file holds exactly one instance of its
class; a negative file holds a safe use or a look-alike of that class (it must not be reported
for any class). Secret values are generated at run time, never stored.
"""

from __future__ import annotations

import argparse
import json
import random
import textwrap
from pathlib import Path

from cases_notebooks import code, markdown, notebook, pii_negative, pii_positive, shell_cases
from cases_python import CLASSES as PYTHON_CLASSES
from cases_python import Pair
from cases_secrets import SECRET_CLASSES, Tokens, negatives

#: Class name -> (group, ML-specific). Classes of one group share detectors (secrets).
CLASSES: dict[str, tuple[str, bool]] = {
    "unsafe-deserialization": ("code", True),
    "remote-code-trust": ("code", True),
    "unpinned-model-revision": ("code", True),
    "chat-template-injection": ("code", True),
    "plaintext-ml-endpoint": ("code", True),
    "ml-serving-exposure": ("code", True),
    "code-execution": ("code", False),
    "tls-verification-off": ("code", False),
    "ml-platform-token": ("secrets", True),
    "cloud-credential": ("secrets", False),
    "forge-or-service-token": ("secrets", False),
    "private-key": ("secrets", False),
    "url-with-password": ("secrets", False),
    "jwt": ("secrets", False),
    "generic-secret": ("secrets", False),
    "notebook-output-pii": ("notebook", True),
    "notebook-shell-risk": ("notebook", True),
}
CONTEXTS = ("module", "function", "method", "main")


def render(imports: str, body: str, context: str) -> str:
    head = imports + "\n\n" if imports else ""
    if context == "module":
        return head + body + "\n"
    if context == "function":
        return head + "\ndef run():\n" + textwrap.indent(body, "    ") + "\n"
    if context == "method":
        return (
            head + "\nclass Job:\n    def run(self):\n" + textwrap.indent(body, "        ") + "\n"
        )
    return head + '\nif __name__ == "__main__":\n' + textwrap.indent(body, "    ") + "\n"


def as_comment(imports: str, body: str) -> str:
    lines = [*imports.splitlines(), *body.splitlines()]
    return "\n".join(f"# {line}" for line in lines) + "\nprint('done')\n"


def as_docstring(imports: str, body: str) -> str:
    text = (imports + "\n" + body).replace('"""', "'''")
    return f'"""Example:\n\n{textwrap.indent(text, "    ")}\n"""\n\nUSAGE = {body!r}\n'


def as_notebook(imports: str, body: str) -> str:
    return notebook(
        markdown("# Experiment"),
        code(imports or "import os"),
        code("%matplotlib inline\n!nvidia-smi\n" + body),
    )


class Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: list[dict[str, object]] = []

    def add(self, cls: str, positive: bool, rel: str, content: str, note: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        self.entries.append({"path": rel, "class": cls, "positive": positive, "note": note})


def python_cases(corpus: Corpus) -> None:
    for cls, (pos, neg) in PYTHON_CLASSES.items():
        for label, pairs in ((True, pos), (False, neg)):
            _python_pairs(corpus, cls, label, pairs)


def _python_pairs(corpus: Corpus, cls: str, positive: bool, pairs: list[Pair]) -> None:
    kind = "pos" if positive else "neg"
    for i, (imports, body) in enumerate(pairs):
        for context in CONTEXTS:
            rel = f"{cls}/{kind}_{i:02d}_{context}.py"
            corpus.add(
                cls, positive, rel, render(imports, body, context), f"{context}: {body[:60]}"
            )
        if positive:
            corpus.add(
                cls, False, f"{cls}/neg_comment_{i:02d}.py", as_comment(imports, body), "comment"
            )
            corpus.add(
                cls, False, f"{cls}/neg_docstring_{i:02d}.py", as_docstring(imports, body), "string"
            )
            if i % 2 == 0:
                corpus.add(
                    cls, True, f"{cls}/pos_{i:02d}.ipynb", as_notebook(imports, body), "notebook"
                )


def secret_cases(corpus: Corpus, seed: int) -> None:
    tokens = Tokens(seed)
    for cls, make in SECRET_CLASSES.items():
        for stem, suffix, content in make(tokens):
            corpus.add(cls, True, f"{cls}/{stem}{suffix}", content, stem)
    for stem, suffix, content in negatives(tokens):
        corpus.add("generic-secret", False, f"secret-negatives/{stem}{suffix}", content, stem)


def notebook_cases(corpus: Corpus, seed: int) -> None:
    rng = random.Random(seed)
    for i, nb in enumerate(pii_positive(rng, 32)):
        corpus.add(
            "notebook-output-pii", True, f"notebook-output-pii/pos_{i:02d}.ipynb", nb, "output"
        )
    for i, nb in enumerate(pii_negative(rng, 36)):
        corpus.add(
            "notebook-output-pii", False, f"notebook-output-pii/neg_{i:02d}.ipynb", nb, "output"
        )
    pos, neg = shell_cases()
    for i, nb in enumerate(pos):
        corpus.add(
            "notebook-shell-risk", True, f"notebook-shell-risk/pos_{i:02d}.ipynb", nb, "shell"
        )
    for i, nb in enumerate(neg):
        corpus.add(
            "notebook-shell-risk", False, f"notebook-shell-risk/neg_{i:02d}.ipynb", nb, "shell"
        )


def generate(root: Path, seed: int = 2026) -> list[dict[str, object]]:
    """Write the corpus under ``root`` and return its manifest."""
    corpus = Corpus(root)
    python_cases(corpus)
    secret_cases(corpus, seed)
    notebook_cases(corpus, seed)
    (root / "manifest.json").write_text(json.dumps(corpus.entries, indent=1), encoding="utf-8")
    return corpus.entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    entries = generate(args.out, args.seed)
    positives = sum(1 for e in entries if e["positive"])
    print(f"{len(entries)} files ({positives} positive) in {args.out}")


if __name__ == "__main__":
    main()
