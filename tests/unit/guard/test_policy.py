"""The guard policy: a schema, one-line errors, and reloads that keep the last good policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secplan.errors import ConfigError
from secplan.guard.policy import PolicyHolder, load_policy

GOOD = """
[[route]]
name = "iris"
path = "/v2/models/iris/infer"
protocol = "oip-v2"
[route.input]
profile = "iris.json"
range = "reject"
[route.output]
round = 2

[[route]]
name = "chat"
path = "/v1/**"
protocol = "openai-chat"
public = true
"""

PROFILE = {
    "version": 1,
    "columns": [
        {
            "name": "sepal_length",
            "type": "number",
            "count": 10,
            "missing": 0,
            "distinct": 5,
            "min": 4.3,
            "max": 7.9,
            "mean": 5.8,
            "std": 0.8,
        },
        {
            "name": "species",
            "type": "category",
            "count": 10,
            "missing": 0,
            "distinct": 3,
            "categories": ["setosa", "versicolor", "virginica"],
        },
    ],
}


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "iris.json").write_text(json.dumps(PROFILE))
    p = tmp_path / "guard.toml"
    p.write_text(text)
    return p


def test_a_good_policy_compiles_routes_and_the_profile_schema(tmp_path: Path) -> None:
    p = load_policy(_write(tmp_path, GOOD))
    iris = p.match("POST", "/v2/models/iris/infer")
    assert iris is not None and iris.schema is not None
    assert iris.schema.names == ("sepal_length", "species")
    chat = p.match("POST", "/v1/chat/completions")
    assert chat is not None and chat.spec.public
    assert p.match("GET", "/v2/models/iris/infer") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[route]]\nname='a'\npath='/a'\nprotocol='grpc'\n", "route.0.protocol"),
        ("[[route]]\nname='a'\npath='/a'\ncolour=1\n", "route.0.colour: unknown field"),
        ("[[route]]\nname='a'\npath='/a'\n[[route]]\nname='a'\npath='/b'\n", "defined twice"),
        ("[[route]]\nname='a'\npath='/a'\n[route.input]\nprofile='none.json'\n", "cannot read"),
        ("[[route]]\nname='a'\npath='/a'\n[route.input]\nprofile='/dev/zero'\n", "not a regular"),
        ("[[route]]\nname='a'\npath='/a'\n[route.output]\njson_schema='.'\n", "not a regular"),
        ("[[route]]\nname='a'\npath='/a'\n[route.abuse]\nentropy=1.5\n", "route.0.abuse.entropy"),
        (
            "[[route]]\nname='a'\npath='/a'\n[route.abuse]\nentropy_action='alert'\n",
            "entropy_action",
        ),
        ("[[route]\n", "invalid TOML"),
        ("version = 1\n", "route"),
    ],
)
def test_a_bad_policy_is_one_line_error(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as exc:
        load_policy(_write(tmp_path, text))
    assert expected in exc.value.message
    assert "\n" not in exc.value.message


def test_a_failed_reload_keeps_the_last_good_policy(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    holder = PolicyHolder(path)
    path.write_text("[[route]]\nname = 'x'\npath = 'no-slash'\n")
    assert holder.changed()
    why = holder.reload()
    assert why is not None and "route.0.path" in why
    assert holder.policy.match("POST", "/v2/models/iris/infer") is not None
    path.write_text("[[route]]\nname = 'only'\npath = '/only'\n")
    assert holder.reload() is None
    assert holder.policy.match("POST", "/v2/models/iris/infer") is None
    assert holder.policy.match("POST", "/only") is not None


def test_globs_stay_within_a_segment_and_unsafe_paths_match_nothing(tmp_path: Path) -> None:
    p = load_policy(
        _write(
            tmp_path,
            "[[route]]\nname = 'm'\npath = '/v2/models/*/infer'\n"
            "[[route]]\nname = 'all'\npath = '/open/**'\n",
        )
    )
    assert p.match("POST", "/v2/models/iris/infer") is not None
    assert p.match("POST", "/v2/models/a/b/infer") is None
    assert p.match("POST", "/open/a/b/c") is not None
    for bad in (
        "/open/../admin",
        "/open/./x",
        "/open//x",
        "/open/a\\..\\b",
        "/open/..",
        "/open/a\x00",
    ):
        assert p.match("POST", bad) is None, bad
