"""Property tests for the small parsers every input passes through (whatever the text, each
either gives a value or raises its own one-line error), and for span resolution in
personal-data detection."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan._toml import read_toml
from secplan.data.spans import Span, _rank, resolve
from secplan.errors import ConfigError
from secplan.pathpatterns import check_pattern, compile_lines, pattern_error
from secplan.scanners.platform_config.yamlsafe import YamlError, YamlLimits, load_all

_LINES = st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), max_size=8)
_YAML_BITS = st.sampled_from(["a: ", "- ", "&x ", "*x ", "[", "]", "{", "}", "\n", "  ", "'", '"'])


@settings(max_examples=200)
@given(_LINES)
def test_gitignore_lines_never_raise_and_bad_ones_are_named(lines: list[str]) -> None:
    compiled = compile_lines(lines)
    assert [n for n, _, _ in compiled.errors] == [
        i for i, line in enumerate(lines, 1) if pattern_error(line)
    ]
    for line in lines:
        compiled.spec.match_file(line or "x")
        try:
            assert check_pattern(line) == line
        except ValueError as exc:
            assert "invalid path pattern" in str(exc)


@settings(max_examples=200)
@given(st.lists(_YAML_BITS | st.text(max_size=5), max_size=40))
def test_yaml_loading_gives_values_or_a_yaml_error(parts: list[str]) -> None:
    try:
        docs = load_all("".join(parts), limits=YamlLimits(max_aliases=5, max_expanded_nodes=500))
    except YamlError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(docs, list)


def test_toml_reading_of_arbitrary_bytes(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"

    @settings(max_examples=150)
    @given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        try:
            assert isinstance(read_toml(path, "c.toml"), dict)
        except ConfigError as exc:
            assert exc.message.startswith("c.toml: ") and "\n" not in exc.hint

    check()


def _resolve_by_pairs(spans: list[Span]) -> list[Span]:
    """The definition: best first, each kept unless it overlaps one already kept."""
    kept: list[Span] = []
    for s in sorted(spans, key=_rank, reverse=True):
        if not any(s.overlaps(k) for k in kept):
            kept.append(s)
    return sorted(kept)


_SPANS = st.lists(
    st.builds(
        lambda a, n, label, score: Span(a, a + n, label, score),
        st.integers(0, 40),
        st.integers(0, 8),
        st.sampled_from(["EMAIL_ADDRESS", "PERSON", "URL", "PHONE_NUMBER", "DATE_TIME"]),
        st.sampled_from([0.5, 0.7, 0.9]),
    ),
    max_size=20,
)


@settings(max_examples=300)
@given(_SPANS)
def test_span_resolution_keeps_what_the_pairwise_definition_keeps(spans: list[Span]) -> None:
    assert resolve(spans) == _resolve_by_pairs(spans)


def test_span_resolution_does_not_compare_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = Span.overlaps

    def counting(self: Span, other: Span) -> bool:
        nonlocal calls
        calls += 1
        return real(self, other)

    monkeypatch.setattr(Span, "overlaps", counting)
    spans = [Span(3 * i, 3 * i + 2, "EMAIL_ADDRESS", 0.9) for i in range(5000)]
    assert len(resolve(spans)) == 5000
    assert calls < 10 * len(spans)  # comparing with every kept span made 12.5 million
