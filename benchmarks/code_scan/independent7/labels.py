"""Check the round-7 labels with round 1's loader (``python labels.py --check``, ``--fix``)."""

from __future__ import annotations

import sys

import _round1


def main() -> int:
    status = _round1.labels.main()
    found, _ = _round1.labels.load()
    problems = _round1.check_classes(found)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else status


if __name__ == "__main__":
    sys.exit(main())
