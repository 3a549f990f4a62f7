"""Property tests: the text parsers and record loaders never raise on arbitrary input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.errors import ConfigError
from secplan.governance import load_records
from secplan.scanners.governance import headings
from secplan.scanners.platform import dockerfile_instructions, requirement_lines
from tests.helpers import scan, write

lines = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            [
                "FROM a",
                "USER root",
                "\\",
                "# c",
                "RUN x \\",
                "==",
                "a==1",
                "--hash=x",
                "#",
                "===",
                "-----",
                "## h",
                "pkg[extra]>=1; python_version<'3'",
                "USER",
                "FROM",
            ]
        ),
    ),
    max_size=30,
).map("\n".join)


@given(lines)
def test_text_parsers_never_raise(text: str) -> None:
    list(dockerfile_instructions(text))
    list(requirement_lines(text))
    headings(text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=lines)
def test_scanners_survive_arbitrary_project_files(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    root = tmp_path_factory.mktemp("p")
    for name in ("Dockerfile", "requirements.txt", "INCIDENT_RESPONSE.md", "data.csv"):
        write(root, name, text)
    a = scan(root)
    assert not a.report.errors, a.report.errors  # parsed, not failed
    assert len(a.posture.controls) == 30


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(st.binary(max_size=300), lines.map(str.encode)),
    kind=st.sampled_from(["evidence", "waivers", "datasets", "models"]),
)
def test_records_load_or_fail_with_a_config_error(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, kind: str
) -> None:
    root = tmp_path_factory.mktemp("r")
    write(root, f".secplan/{kind}/r.toml", body)
    try:
        load_records(root)
    except ConfigError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f".secplan/{kind}/r.toml: ")
