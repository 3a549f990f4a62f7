"""Notebooks: cells through the Python rules, IPython syntax, outputs, PII, malformed files.

Known false negatives: code that only exists in stored outputs, cells whose magics hide
Python from the parser (``%%writefile`` bodies), and secrets in notebook metadata.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.model import Finding
from secplan.report.json import render_json
from secplan.report.sarif import sarif_dict
from secplan.scanners.code.nbpositions import Positions, decode, locate, source_lines
from secplan.scanners.code.notebook import load_notebook, python_lines
from secplan.scanners.code.pii import BasicPiiDetector, luhn_ok
from secplan.scanners.code.shell_lines import unpinned_packages
from tests.helpers import findings_of, rules_of, scan, write
from tests.unit.code import tokens as T

SARIF_SCHEMA = json.loads(
    (Path(__file__).parents[2] / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def code(source: str | list[str], outputs: list[dict[str, object]] | None = None) -> dict:  # type: ignore[type-arg]
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "source": source,
        "outputs": outputs or [],
    }


def markdown(source: str) -> dict:  # type: ignore[type-arg]
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def notebook(*cells: dict, indent: int | None = 1, ascii: bool = False) -> str:  # type: ignore[type-arg]
    """A notebook as Jupyter stores it (one-space indent, non-ASCII kept) unless told."""
    doc = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)}
    return json.dumps(doc, indent=indent, ensure_ascii=ascii)


def stored(root: Path, f: Finding) -> str:
    """The text of the notebook file from the finding's line and column on."""
    line = (root / f.location.path).read_text(encoding="utf-8").splitlines()[f.location.line - 1]
    return line[f.location.column - 1 :] if f.location.column else line


def stream(text: str) -> dict[str, object]:
    return {"output_type": "stream", "name": "stdout", "text": [text]}


def result(plain: str, html: str = "") -> dict[str, object]:
    data = {"text/plain": [plain]}
    if html:
        data["text/html"] = [html]
    return {"output_type": "execute_result", "execution_count": 1, "data": data, "metadata": {}}


def test_rules_fire_with_cell_and_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "explore.ipynb",
        notebook(
            markdown("# Load the model"),
            code(["import torch\n", "from transformers import AutoModel\n"]),
            code(["m = torch.load('ckpt.pt', weights_only=False)\n"]),
            code("x = 1\nAutoModel.from_pretrained('o/m', trust_remote_code=True)"),
        ),
    )
    a = scan(tmp_path)
    [load] = findings_of(a, "CD103")
    assert load.location.cell == 3 and stored(tmp_path, load).startswith("torch.load(")
    [trust] = findings_of(a, "CD110")
    assert trust.location.cell == 4 and stored(tmp_path, trust).startswith("True)")  # the value
    assert str(trust.location).startswith(f"explore.ipynb[cell 4]:{trust.location.line}:")


def test_imports_in_one_cell_resolve_calls_in_another(tmp_path: Path) -> None:
    write(
        tmp_path,
        "nb.ipynb",
        notebook(code("import yaml as y"), code("cfg = y.load(open('c.yml'), Loader=y.Loader)")),
    )
    [f] = findings_of(scan(tmp_path), "CD106")
    assert f.location.cell == 2


def test_magics_and_shell_lines_do_not_break_parsing(tmp_path: Path) -> None:
    write(
        tmp_path,
        "nb.ipynb",
        notebook(
            code(
                "%matplotlib inline\n!nvidia-smi\nfiles = !ls data\n"
                "if True:\n    !echo hi\n    import pickle\npickle.load(f)\nmodel?\n%time f()"
            ),
            code("%%time\nimport joblib\njoblib.load('m.joblib')"),
            code("%%html\n<b>pickle.load(f)</b>"),
        ),
    )
    a = scan(tmp_path)
    assert [f.location.cell for f in findings_of(a, "CD101")] == [1]
    assert [f.location.cell for f in findings_of(a, "CD102")] == [2]
    assert not findings_of(a, "SX001")


def test_shell_lines_are_judged(tmp_path: Path) -> None:
    write(
        tmp_path,
        "setup.ipynb",
        notebook(
            code("!pip install -q transformers==4.44.2 accelerate\n%pip install torch"),
            code("!curl -fsSL https://get.example.org/install.sh | sudo bash"),
            code("%%bash\nwget -qO- https://x.example.org/i.sh | sh\npip install -r req.txt"),
            code("!pip install -r requirements.txt\n!pip install numpy==2.0.1"),
        ),
    )
    a = scan(tmp_path)
    installs = findings_of(a, "CD304")
    assert [f.location.cell for f in installs] == [1, 1]
    assert all("pip install" in stored(tmp_path, f) for f in installs)
    assert "accelerate" in installs[0].message and "transformers" not in installs[0].message
    pipes = findings_of(a, "CD303")
    assert [f.location.cell for f in pipes] == [2, 3]
    assert "curl" in stored(tmp_path, pipes[0]) and "wget" in stored(tmp_path, pipes[1])


def test_outputs_go_through_secrets_and_pii(tmp_path: Path) -> None:
    token = T.hf()
    write(
        tmp_path,
        "nb.ipynb",
        notebook(
            code("print(os.environ['HF_TOKEN'])", [stream(token + "\n")]),
            code(
                "df.head()",
                [result("  name  email\n0  Ana  ana.silva@mail.pt", "<td>+351 912 345 678</td>")],
            ),
            code("df2.head()", [result("0  4539 1488 0343 6467")]),
            code("print('ok')", [stream("contact: team@example.com, build 2024-01-02\n")]),
        ),
    )
    a = scan(tmp_path)
    [leak] = findings_of(a, "CD202")
    assert leak.location.cell == 1 and "output 1 of cell 1" in leak.message
    pii = findings_of(a, "CD302")
    assert [f.location.cell for f in pii] == [2, 2, 3]
    assert "e-mail" in pii[0].message and "phone" in pii[1].message
    assert "payment-card" in pii[2].message
    assert "ana.silva" not in pii[0].evidence + pii[0].message
    # each at the line of the file that stores the data
    assert "ana.silva@mail.pt" in stored(tmp_path, pii[0])
    assert "+351 912 345 678" in stored(tmp_path, pii[1])
    assert "4539 1488" in stored(tmp_path, pii[2])
    assert "HF_TOKEN" not in stored(tmp_path, leak) and token[:8] in stored(tmp_path, leak)


def test_output_findings_point_at_their_stored_line(tmp_path: Path) -> None:
    rows = [f"{i}  Customer {i}  user{i}.name@mail-provider.org\n" for i in range(30)]
    traceback = [
        "ConnectionError: max retries",
        f"  token sent: {T.github()}",
    ]
    error = {"output_type": "error", "ename": "E", "evalue": "boom", "traceback": traceback}
    write(
        tmp_path,
        "nb.ipynb",
        notebook(markdown("# Customers"), code("df", [stream("".join(rows)), error])),
    )
    a = scan(tmp_path)
    pii = findings_of(a, "CD302")
    # MAX_PII_LINES lines one by one, then one finding for the rest
    assert len(pii) == 21 and "10 more lines" in pii[-1].message
    for i, f in enumerate(pii[:20]):
        assert f"user{i}.name@" in stored(tmp_path, f)
    assert "user20.name@" in stored(tmp_path, pii[-1])
    [leak] = findings_of(a, "CD203")
    assert stored(tmp_path, leak).startswith("ghp_")  # line and column of the token


def test_markdown_and_code_sources_are_searched_for_secrets(tmp_path: Path) -> None:
    write(
        tmp_path,
        "nb.ipynb",
        notebook(markdown(f"token: {T.github()}"), code(f"key = '{T.openai()}'")),
    )
    a = scan(tmp_path)
    assert [f.location.cell for f in findings_of(a, "CD203")] == [1]
    assert [f.location.cell for f in findings_of(a, "CD202")] == [2]


@pytest.mark.parametrize(
    "content",
    [
        '{"cells": [',
        "[1, 2, 3]",
        '{"nbformat": 4}',
        "[" * 100_000,
        '{"cells": "not a list"}',
    ],
)
def test_malformed_notebook_is_a_finding(tmp_path: Path, content: str) -> None:
    write(tmp_path, "broken.ipynb", content)
    a = scan(tmp_path)
    [f] = findings_of(a, "CD301")
    assert f.location.path == "broken.ipynb"
    assert not a.report.errors


def test_malformed_notebook_is_still_searched_for_secrets(tmp_path: Path) -> None:
    write(tmp_path, "broken.ipynb", '{"cells": [{"source": "t = \'' + T.github() + "'\"")
    assert rules_of(scan(tmp_path)).count("CD203") == 1


def test_cell_that_does_not_parse_is_not_verified(tmp_path: Path) -> None:
    write(
        tmp_path, "nb.ipynb", notebook(code("print 'py2'"), code("import pickle\npickle.load(f)"))
    )
    a = scan(tmp_path)
    [nv] = findings_of(a, "SX001")
    assert nv.location.cell == 1 and "cell not checked" in nv.message
    assert findings_of(a, "CD101")


def test_oversized_notebook_is_not_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secplan.scanners.code import scanners

    monkeypatch.setattr(scanners, "MAX_NOTEBOOK_BYTES", 100)
    write(tmp_path, "big.ipynb", notebook(code("x = 1\n" * 100)))
    [f] = findings_of(scan(tmp_path), "SX001")
    assert "larger than 100 bytes" in f.message


def test_cell_limit_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    from secplan.scanners.code import notebook as nbmod

    monkeypatch.setattr(nbmod, "MAX_CELLS", 2)
    nb = load_notebook(notebook(code("a"), code("b"), code("c")))
    assert not isinstance(nb, str)
    assert nb.truncated and len(nb.cells) == 2


def test_version_3_notebooks_are_read() -> None:
    v3 = {"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1"}]}]}
    nb = load_notebook(json.dumps(v3))
    assert not isinstance(nb, str) and nb.cells[0].source == "x = 1"


def test_python_lines_keeps_line_numbers() -> None:
    source = "a = 1\n!ls \\\n  -l\nb = %env HOME\nc = 3"
    out, shell = python_lines(source)
    assert len(out.splitlines()) == len(source.splitlines())
    assert out.splitlines()[3] == "b = None"
    assert [s.line for s in shell] == [2]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("pip install torch", ["torch"]),
        ("pip install torch==2.3.1", []),
        ("pip install -U 'numpy<2' scipy==1.13.0", ["numpy<2"]),
        ("python -m pip install --index-url https://x/simple pkg", ["pkg"]),
        ("pip install -e . && pip install ./wheel.whl", []),
        ("conda install -c conda-forge numpy=1.26 pandas", ["pandas"]),
        # a VCS URL moves with its branch unless it names a commit
        ("pip install git+https://github.com/o/r.git", ["git+https://github.com/o/r.git"]),
        (
            "pip install git+https://github.com/o/r.git@v1.2",
            ["git+https://github.com/o/r.git@v1.2"],
        ),
        ("pip install git+https://github.com/o/r.git@0123456789abcdef", []),
        ("pip install 'git+https://github.com/o/r.git@0123456#egg=r'", []),
        ("echo pip install torch", []),
        ("pip install $PACKAGES", []),
        # an option's value is not a package (uv's resolver options)
        ("uv pip install --index-strategy unsafe-best-match -r req.txt", []),
        ("uv pip install --resolution lowest-direct numpy==2.0.0", []),
        ("uv pip install --prerelease allow torch", ["torch"]),
    ],
)
def test_unpinned_packages(command: str, expected: list[str]) -> None:
    assert unpinned_packages(command) == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("ana.silva@mail.pt", ["email"]),
        ("see docs@example.com", []),
        ("+1 (415) 839-0132", ["phone"]),
        ("(415) 839-0132", ["phone"]),
        ("(415) 555-0234", ["phone"]),
        # numbers kept for fiction (555-01xx) or that the numbering plan gives no one
        ("+1 (415) 555-0132", []),
        ("+1 202 555 0147", []),
        ("(555) 010-4477", []),
        ("415-055-1234", []),
        ("0.12345678901 1.5", []),
        ("2024-01-02 12:30:00", []),
        # a download log's resolved address is an IP address, not a phone number
        ("Resolving ommer-lab.com... 141.84.41.65", []),
        ("Connecting to 141.84.41.65:443... connected.", []),
        ("5500 0055 5555 5559", ["card"]),
        ("1234 5678 9012 3456", []),
        ("id 4539148803436467", ["card"]),
    ],
)
def test_basic_pii(text: str, kinds: list[str]) -> None:
    assert [h.kind for h in BasicPiiDetector().find(text)] == kinds


def test_luhn() -> None:
    assert luhn_ok("4539148803436467") and not luhn_ok("4539148803436468")


def test_a_fuller_pii_engine_can_replace_the_basic_one(tmp_path: Path) -> None:
    from secplan.config import Settings
    from secplan.engine import scan as engine_scan
    from secplan.governance.records import Records
    from secplan.scanners import NOT_VERIFIED, build_registry
    from secplan.scanners.code import NotebookScanner, PiiHit
    from tests.helpers import AS_OF

    class EveryOutput:
        def find(self, text: str):  # type: ignore[no-untyped-def]
            yield PiiHit("name", 0, len(text))

    write(tmp_path, "nb.ipynb", notebook(code("x", [stream("Ana Silva")])))
    reg = build_registry(
        (NotebookScanner(pii=EveryOutput()),), plugins=False, engine_rules=(NOT_VERIFIED,)
    )
    report = engine_scan(tmp_path, Settings(), Records(), reg, as_of=AS_OF)
    [f] = [f for f in report.findings if f.rule == "CD302"]
    assert "1 name" in f.message


STORED = [
    markdown("# Explore\n\nSome text."),
    code(["import torch\n", "import subprocess\n", "import pickle as pk\n"]),
    code(
        [
            "# load the checkpoint\n",
            "m = torch.load('ckpt.pt', weights_only=False)\n",
            "s = 'caf\u00e9 \\\\ \"q\"'; obj = pk.loads(blob)\n",
            "!curl -fsSL https://get.example.org/i.sh | bash\n",
        ]
    ),
    code("x = 1\ny = 2\nsubprocess.run(cmd, shell=True)"),
]


@pytest.mark.parametrize("ascii", [False, True], ids=["as-jupyter-writes", "ascii-escaped"])
def test_locations_are_lines_of_the_stored_file(tmp_path: Path, ascii: bool) -> None:
    write(tmp_path, "nb.ipynb", notebook(*STORED, ascii=ascii))
    a = scan(tmp_path)
    expected = {
        "CD103": (3, "torch.load("),
        "CD101": (3, "pk.loads("),
        "CD303": (3, None),
        "CD121": (4, "subprocess.run("),
    }
    for rule, (cell, code_text) in expected.items():
        [f] = findings_of(a, rule)
        assert f.location.cell == cell, rule
        line = stored(tmp_path, f)
        if code_text:
            assert line.startswith(code_text), (rule, line)
        else:
            assert "curl -fsSL" in line and f.location.column is None


def test_source_as_one_string_maps_to_its_line(tmp_path: Path) -> None:
    text = notebook(code(["import os\n"]), code("a = 1\nos.system(f'rm {path}')\n"))
    write(tmp_path, "one.ipynb", text)
    [f] = findings_of(scan(tmp_path), "CD121")
    assert f.location.cell == 2
    assert stored(tmp_path, f).startswith("os.system(f'rm {path}')")


def test_secrets_in_cells_sit_on_their_stored_line(tmp_path: Path) -> None:
    token = T.hf()
    write(
        tmp_path,
        "keys.ipynb",
        notebook(markdown("notes"), code(["import os\n", f"os.environ['HF_TOKEN'] = '{token}'\n"])),
    )
    [f] = findings_of(scan(tmp_path), "CD202")
    assert f.location.cell == 2 and stored(tmp_path, f).startswith(token[:8])


def test_sarif_and_json_carry_the_cell(tmp_path: Path) -> None:
    write(tmp_path, "nb.ipynb", notebook(*STORED))
    a = scan(tmp_path)
    sarif = sarif_dict(a)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "CD103"]
    region = result["locations"][0]["physicalLocation"]["region"]
    [f] = findings_of(a, "CD103")
    assert (region["startLine"], region["startColumn"]) == (f.location.line, f.location.column)
    assert result["properties"]["cell"] == 3
    [item] = [x for x in json.loads(render_json(a))["findings"] if x["rule"] == "CD103"]
    assert item["location"]["cell"] == 3 and item["location"]["line"] == f.location.line


@given(st.lists(st.text(alphabet="ab\u00e9\\\"'\n\t\u2603\U0001f600", max_size=12), max_size=6))
def test_stored_positions_round_trip(parts: list[str]) -> None:
    """Every character of every cell line is found where the JSON file stores it."""
    text = json.dumps({"cells": [{"source": parts}]}, indent=1, ensure_ascii=False)
    doc = decode(text)
    lines = source_lines(doc["cells"][0]["source"], Positions(text))
    source = "".join(parts)
    for number, line in enumerate(source.split("\n")[: len(lines)], 1):
        for column in range(1, len(line) + 1):
            file_line, file_column = locate(lines, number, column)
            assert file_line is not None and file_column is not None
            stored_line = text.splitlines()[file_line - 1]
            encoded = json.dumps(line[column - 1], ensure_ascii=False)[1:-1]
            assert stored_line[file_column - 1 :].startswith(encoded)


def test_output_pii_uses_the_data_engine_and_skips_placeholders() -> None:
    from secplan.scanners.code.pii import DataPiiDetector

    d = DataPiiDetector()
    kinds = [h.kind for h in d.find("Jonathan Pereira  536-22-8174  4539 1488 0343 6467")]
    assert kinds == ["person", "ssn", "card"]
    assert [h.kind for h in d.find("{'name': 'Jane Doe', 'email': 'jane.doe@example.com'}")] == []
    assert list(d.find("accuracy 0.913 on 12,480 tickets, build 10.2.3.4")) == []
