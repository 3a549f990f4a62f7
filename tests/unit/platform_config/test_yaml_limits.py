"""The hostile-input YAML loader."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.scanners.platform_config.yamlsafe import (
    YamlError,
    YamlLimitError,
    YamlLimits,
    load_all,
)


def test_lines_are_recorded() -> None:
    [doc] = load_all("a:\n  b:\n  - c: 1\n")
    assert doc.line == 1 and doc["a"].line == 2 and doc["a"]["b"][0].line == 3


@pytest.mark.parametrize(
    "text, limits, word",
    [
        ("---\na: 1\n" * 5, YamlLimits(max_documents=3), "documents"),
        ("[" * 100 + "]" * 100, YamlLimits(max_depth=50), "deeper"),
        ("a: &a 1\nb: [*a, *a, *a]\n", YamlLimits(max_aliases=2), "aliases"),
        ("a: " + "x" * 2000, YamlLimits(max_bytes=1000), "larger"),
    ],
)
def test_limits(text: str, limits: YamlLimits, word: str) -> None:
    with pytest.raises(YamlLimitError, match=word):
        load_all(text, limits)


def test_unsafe_tags_are_refused(tmp_path: object) -> None:
    with pytest.raises(YamlError):
        load_all("!!python/object/apply:os.system ['touch CANARY']\n")


def test_recursive_alias_does_not_hang() -> None:
    [doc] = load_all("a: &a [*a]\n")
    assert doc["a"][0] is doc["a"]


@settings(max_examples=200)
@given(st.text(max_size=400))
def test_any_text_loads_or_raises_yaml_error(text: str) -> None:
    with contextlib.suppress(YamlError):
        load_all(text, YamlLimits(max_bytes=4096, max_aliases=5, max_depth=10))


@given(st.integers(min_value=1, max_value=8), st.integers(min_value=2, max_value=9))
def test_alias_limit_holds_for_any_bomb(depth: int, width: int) -> None:
    lines = ["a0: &a0 x"]
    for i in range(1, depth + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    text = "\n".join(lines) + "\n"
    if depth * width > 20:
        with pytest.raises(YamlLimitError):
            load_all(text, YamlLimits(max_aliases=20))
    else:
        assert load_all(text, YamlLimits(max_aliases=20))
