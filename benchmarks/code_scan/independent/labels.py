"""Load the labelled problems and locate each one in the corpus.

A label names a file and a line (and, with ``also``, other lines where reporting the problem
is as right: the dictionary that sets ``shell=True`` as well as the call that uses it), or a
whole file (``scope = "file"``) for a problem that is an
absence (no ``USER`` in a Dockerfile, no ``runAsNonRoot`` in a pod). Lines are stored, and
each carries ``match``, a piece of the text on that line, so an edit of the corpus that moves
lines is caught: ``python labels.py --check`` fails when a stored line no longer holds its
match, and ``--fix`` rewrites the stored lines from the matches.

Sources are keys of ``sources.toml`` (each an advisory, CWE entry or tool documentation page).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "projects"
LABEL_DIR = HERE / "labels"
SOURCES = HERE / "sources.toml"


#: Container and pod settings carry a topic, derived from the labelled text unless given, so a
#: tool's finding about one setting is matched only to a label about the same setting.
PLATFORM_CLASSES = ("container-hardening", "kubernetes-hardening")
TOPICS = (
    ("privileged", r"privileged"),
    ("host-namespace", r"hostNetwork|hostPID|hostIPC|network_mode|pid: host|ipc: host"),
    ("privilege-escalation", r"allowPrivilegeEscalation"),
    ("root-user", r"runAsUser|runAsNonRoot|user: root|USER |allow_root|value: \"yes\"|NOPASSWD"),
    ("capabilities", r"SYS_|NET_ADMIN|cap_add"),
    ("host-path", r"hostPath|path: /|docker\.sock|containerd\.sock|/:/host|/dev/nvidia"),
    ("seccomp", r"seccomp"),
    ("remote-add", r"^ADD "),
    ("image-tag", r"^FROM |image: "),
    ("resource-limits", r"^  [\w-]+:$"),  # a compose service with no memory limit
)


def derive_topic(cls: str, match: str) -> str:
    if cls not in PLATFORM_CLASSES:
        return ""
    for topic, pattern in TOPICS:
        if re.search(pattern, match):
            return topic
    return ""


@dataclass(frozen=True)
class Label:
    file: str
    line: int | None  # None for a whole-file label
    cls: str
    positive: bool
    source: str
    topic: str = ""
    note: str = ""
    match: str = ""
    also: tuple[int, ...] = ()  # other lines where reporting the problem is as right

    @property
    def lines(self) -> tuple[int, ...]:
        return () if self.line is None else (self.line, *self.also)

    @property
    def key(self) -> str:
        where = self.line if self.line is not None else f"file:{self.topic}"
        return f"{self.file}:{where}:{self.cls}"


def locate(text: str, match: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``match``."""
    seen = 0
    for n, line in enumerate(text.splitlines(), 1):
        if match in line:
            seen += 1
            if seen == occurrence:
                return n
    raise LookupError(f"{match!r} (occurrence {occurrence}) not found")


def _check_unique(text: str, match: str, where: str) -> list[str]:
    count = sum(1 for line in text.splitlines() if match in line)
    return [] if count == 1 else [f"{where}: {match!r} is on {count} lines; give occurrence"]


def load(fix: bool = False) -> tuple[list[Label], list[str]]:
    sources = tomllib.loads(SOURCES.read_text())["source"]
    labels: list[Label] = []
    problems: list[str] = []
    for path in sorted(LABEL_DIR.glob("*.toml")):
        raw = tomllib.loads(path.read_text())["label"]
        for i, entry in enumerate(raw):
            where = f"{path.name} label {i + 1}"
            target = CORPUS / entry["file"]
            if not target.is_file():
                problems.append(f"{where}: no file {entry['file']}")
                continue
            if entry["source"] not in sources:
                problems.append(f"{where}: unknown source {entry['source']!r}")
            line = None
            also: tuple[int, ...] = ()
            if entry.get("scope") != "file":
                text = target.read_text()
                occ = entry.get("occurrence", 1)
                if "occurrence" not in entry:
                    problems += _check_unique(text, entry["match"], where)
                try:
                    line = locate(text, entry["match"], occ)
                except LookupError as exc:
                    problems.append(f"{where}: {exc}")
                    continue
                try:
                    also = tuple(locate(text, m) for m in entry.get("also", []))
                except LookupError as exc:
                    problems.append(f"{where}: also {exc}")
                if entry.get("line") not in (None, line) and not fix:
                    problems.append(
                        f"{where}: stored line {entry.get('line')} but match is on {line}"
                    )
            labels.append(
                Label(
                    file=entry["file"],
                    line=line,
                    cls=entry["class"],
                    positive=entry["positive"],
                    source=entry["source"],
                    topic=entry.get("topic")
                    or derive_topic(entry["class"], entry.get("match", "")),
                    note=entry.get("note", ""),
                    match=entry.get("match", ""),
                    also=also,
                )
            )
    return labels, problems


def write_lines() -> None:
    """Store the resolved line of every label right after its ``file`` key."""
    for path in sorted(LABEL_DIR.glob("*.toml")):
        out: list[str] = []
        entries = tomllib.loads(path.read_text())["label"]
        idx = -1
        for raw_line in path.read_text().splitlines():
            if raw_line == "[[label]]":
                idx += 1
            if raw_line.startswith("line = "):
                continue
            out.append(raw_line)
            entry = entries[idx] if idx >= 0 else {}
            if raw_line.startswith("file = ") and entry.get("scope") != "file":
                text = (CORPUS / entry["file"]).read_text()
                out.append(f"line = {locate(text, entry['match'], entry.get('occurrence', 1))}")
        path.write_text("\n".join(out) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail on stale or ambiguous labels")
    ap.add_argument("--fix", action="store_true", help="rewrite stored lines from the matches")
    args = ap.parse_args()
    if args.fix:
        write_lines()
    labels, problems = load(fix=args.fix)
    for p in problems:
        print(p, file=sys.stderr)
    pos = sum(lb.positive for lb in labels)
    print(f"{len(labels)} labels: {pos} problems, {len(labels) - pos} hard negatives")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
