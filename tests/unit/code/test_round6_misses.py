"""Round-6 misses in Python: Hub ids named at run time by what they read, and revisions
whose default is a branch."""

from __future__ import annotations

import pytest

from secplan.scanners.code.python import analyze_source


def found(src: str) -> list[tuple[str, int]]:
    return sorted((h.rule.id, h.line) for h in analyze_source(src))


_ARGS = (
    "import argparse, os\nfrom transformers import AutoModel\n"
    "p = argparse.ArgumentParser()\np.add_argument('--base-model', required=True)\n"
    "p.add_argument('--model-dir')\nargs = p.parse_args()\n"
)


@pytest.mark.parametrize(
    "src, expected",
    [
        # an option named for a base model: a Hub id, fetched with no revision
        (_ARGS + "m = AutoModel.from_pretrained(args.base_model)\n", [("CD112", 7)]),
        # ... its revision read from the environment, defaulting to a branch
        (
            _ARGS + "m = AutoModel.from_pretrained(args.base_model, "
            "revision=os.environ.get('REV', 'main'))\n",
            [("CD112", 7)],
        ),
        # ... a revision from the environment with no default, or a commit default: pinned
        (
            _ARGS + "m = AutoModel.from_pretrained(args.base_model, revision=os.environ['REV'])\n",
            [],
        ),
        (
            _ARGS + "m = AutoModel.from_pretrained(args.base_model, "
            f"revision=os.getenv('REV', '{'a1' * 20}'))\n",
            [],
        ),
        # a directory option is a local path, not a Hub id
        (_ARGS + "m = AutoModel.from_pretrained(args.model_dir)\n", []),
        # a variable bound to an environment variable named for a Hub model id
        (
            "import os\nfrom transformers import AutoModel\nmid = os.environ['HF_MODEL_ID']\n"
            "m = AutoModel.from_pretrained(mid)\n",
            [("CD112", 4)],
        ),
        (
            "import os\nfrom transformers import AutoModel\n"
            "mid = os.getenv('MODEL_OUTPUT_DIR')\nm = AutoModel.from_pretrained(mid)\n",
            [],
        ),
        # a literal id whose revision defaults to a branch
        (
            "import os\nfrom transformers import AutoModel\n"
            "m = AutoModel.from_pretrained('org/model', "
            "revision=os.environ.get('MODEL_REVISION', 'main'))\n",
            [("CD112", 3)],
        ),
    ],
)
def test_run_time_hub_ids_and_defaulted_revisions(
    src: str, expected: list[tuple[str, int]]
) -> None:
    assert found(src) == expected
