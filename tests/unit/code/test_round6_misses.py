"""Round-6 misses in Python: Hub ids named at run time by what they read, revisions whose
default is a branch, servers a subprocess starts, DataFrame.query of text typed into a web
app, and trust in remote code that follows a variable the project's configuration sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.code.python import analyze_source
from tests.helpers import findings_of, scan, write


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


@pytest.mark.parametrize(
    "src, expected",
    [
        # a server started through a shell from a template: its fixed words are judged
        (
            "import subprocess\nsubprocess.run('mlflow models serve -m runs:/%s/model "
            "-h 0.0.0.0 -p 5001 &' % run_id, shell=True)\n",
            [("CD121", 2), ("CD141", 2)],
        ),
        (
            "import subprocess\nsubprocess.Popen(['mlflow', 'models', 'serve', '-m', uri, "
            "'-h', '0.0.0.0'])\n",
            [("CD141", 2)],
        ),
        (
            "import os\nos.system(f'jupyter lab --ip=0.0.0.0 --NotebookApp.token= --port {p}')\n",
            [
                ("CD121", 2),
                ("CD141", 2),
            ],
        ),
        # on loopback, or with the address decided at run time: not judged
        (
            "import subprocess\nsubprocess.Popen(['mlflow', 'models', 'serve', '-m', uri, "
            "'-h', '127.0.0.1'])\n",
            [],
        ),
        (
            "import subprocess\nsubprocess.run('mlflow server --host {} --port 5000'"
            ".format(host), shell=True)\n",
            [("CD121", 2)],
        ),
    ],
)
def test_servers_started_by_a_subprocess(src: str, expected: list[tuple[str, int]]) -> None:
    assert found(src) == expected


_APP = "import pandas as pd\nimport streamlit as st\nst.login()\ndf = pd.read_csv('claims.csv')\n"


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            _APP
            + "rule = st.text_input('Filter', 'amount > 1000')\nst.dataframe(df.query(rule))\n",
            [("CD120", 6)],
        ),
        (_APP + "st.dataframe(df.query(st.sidebar.text_area('q')))\n", [("CD120", 5)]),
        (_APP + "df.eval(st.chat_input('expr'))\n", [("CD120", 5)]),
        # a column picked from a list, or a literal expression: nothing typed is evaluated
        (_APP + "col = st.selectbox('c', df.columns)\nst.dataframe(df.query('amount > 1'))\n", []),
        (_APP + "q = 'amount > 1'\nst.dataframe(df.query(q))\n", []),
    ],
)
def test_dataframe_query_of_typed_text(src: str, expected: list[tuple[str, int]]) -> None:
    assert [x for x in found(src) if x[0] == "CD120"] == expected


_TRAIN = (
    "import os\nfrom transformers import AutoModel\n"
    "trust = os.environ.get('HF_TRUST_REMOTE_CODE', 'false') == 'true'\n"
    "m = AutoModel.from_pretrained('org/model', revision='" + "a1" * 20 + "', "
    "trust_remote_code=trust)\n"
)


@pytest.mark.parametrize(
    "rel, config, expected",
    [
        ("jobs/train-job.yml", "environment_variables:\n  HF_TRUST_REMOTE_CODE: 'true'\n", [4]),
        (
            "k8s/job.yaml",
            'env:\n  - name: HF_TRUST_REMOTE_CODE\n    value: "true"\n',
            [4],
        ),
        (".env", "HF_TRUST_REMOTE_CODE=1\n", [4]),
        # every configuration turns it off, or none sets it: not reported
        ("jobs/eval-job.yml", "environment_variables:\n  HF_TRUST_REMOTE_CODE: 'false'\n", []),
        ("jobs/other.yml", "environment_variables:\n  OTHER_TRUST_FLAG: 'true'\n", []),
    ],
)
def test_trust_remote_code_from_a_variable_the_project_sets(
    tmp_path: Path, rel: str, config: str, expected: list[int]
) -> None:
    write(tmp_path, "src/train.py", _TRAIN)
    write(tmp_path, rel, config)
    a = scan(tmp_path)
    got = [f.location.line for f in findings_of(a, "CD110") if f.location.path == "src/train.py"]
    assert got == expected


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("os.environ.get('HF_TRUST_REMOTE_CODE', 'false') == 'true'", [4]),
        ("os.environ.get('HF_TRUST_REMOTE_CODE', '0').lower() in ('1', 'true')", [4]),
        ("os.environ.get('HF_TRUST_REMOTE_CODE') != 'false'", [4]),
        # a variable set on makes these false: the code does not trust remote code
        ("os.environ.get('HF_TRUST_REMOTE_CODE', 'true') == 'false'", []),
        ("os.environ.get('HF_TRUST_REMOTE_CODE', 'x') != 'true'", []),
        ("os.environ.get('HF_TRUST_REMOTE_CODE', 'x') not in ('1', 'true')", []),
        ("not os.environ.get('HF_TRUST_REMOTE_CODE')", []),
    ],
)
def test_trust_remote_code_follows_what_the_comparison_says(
    tmp_path: Path, expr: str, expected: list[int]
) -> None:
    src = _TRAIN.replace("os.environ.get('HF_TRUST_REMOTE_CODE', 'false') == 'true'", expr)
    write(tmp_path, "src/train.py", src)
    write(tmp_path, ".env", "HF_TRUST_REMOTE_CODE=1\n")
    a = scan(tmp_path)
    got = [f.location.line for f in findings_of(a, "CD110") if f.location.path == "src/train.py"]
    assert got == expected
