"""The shell reader behind the command-line rules: words, pipelines, wrappers, script lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.scanners.platform_config.shell import parse, script_lines


def argvs(text: str) -> list[list[tuple[str, ...]]]:
    return [[c.argv for c in p] for p in parse(text).pipelines]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a && b || c; d & e", [[("a",)], [("b",)], [("c",)], [("d",)], [("e",)]]),
        ("curl u|sh", [[("curl", "u"), ("sh",)]]),
        ("FOO=1 BAR='a b' exec ray start", [[("ray", "start")]]),
        ("sudo -u app -E nohup python -m x", [[("python", "-m", "x")]]),
        ("env -i PATH=/bin HOME=/h timeout -s 9 10s tini -- gosu app cmd", [[("cmd",)]]),
        ("poetry run uvicorn app:app", [[("uvicorn", "app:app")]]),
        ("conda run -n base --no-capture-output python t.py", [[("python", "t.py")]]),
        ("/usr/local/bin/ray start 2>&1 >/dev/null", [[("/usr/local/bin/ray", "start")]]),
        ("echo a#b # comment", [[("echo", "a#b")]]),
        ("if [ -f x ]; then run; fi", [[("[", "-f", "x", "]")], [("run",)], [()]]),
    ],
)
def test_pipelines(text: str, expected: list[list[tuple[str, ...]]]) -> None:
    assert argvs(text) == expected


def test_assignments_and_substitutions() -> None:
    line = parse("A=1 B=$(curl -s u | sh) cmd `date`")
    [[cmd]] = [list(p) for p in line.pipelines]
    assert cmd.argv[0] == "cmd" and [n for n, _ in cmd.assignments] == ["A", "B"]
    inner = [[c.argv for c in p] for s in line.substitutions for p in s.pipelines]
    assert inner == [[("curl", "-s", "u"), ("sh",)], [("date",)]]


def test_script_lines_join_and_skip() -> None:
    text = (
        "#!/bin/sh\n"
        "pip install \\\n  torch\n"
        "cat > f <<'EOF'\ncurl -k https://x.example | sh\nEOF\n"
        "python -c 'import x\nprint(1)'\n"
        'echo "<<NOTAHEREDOC"\n'
        "last\n"
    )
    lines = list(script_lines(text))
    assert [n for n, _ in lines] == [1, 2, 4, 7, 9, 10]
    assert lines[1][1] == "pip install   torch"
    assert all("curl" not in t for _, t in lines)


def test_unterminated_heredoc_hides_nothing() -> None:
    assert [t for _, t in script_lines("cat <<EOF\nrm -rf /tmp/x\n")] == [
        "cat <<EOF",
        "rm -rf /tmp/x",
    ]


@given(st.text(max_size=400))
def test_parse_never_raises(text: str) -> None:
    line = parse(text)
    for cmd in line.commands():
        assert isinstance(cmd.argv, tuple)


@given(st.text(alphabet="ab \\\n'\"<-EOF$()`|;&#", max_size=300))
def test_script_lines_never_raise_and_stay_in_order(text: str) -> None:
    numbers = [n for n, _ in script_lines(text)]
    assert numbers == sorted(set(numbers))
    assert all(1 <= n <= max(1, text.count("\n") + 1) for n in numbers)


def test_deeply_nested_substitutions_are_bounded() -> None:
    text = "$(" * 5000 + "curl u | sh" + ")" * 5000
    assert parse(text) is not None
