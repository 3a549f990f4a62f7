"""The packaged credential patterns are validated as strictly as the code-rule lists."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import pytest

from secplan._snapshot import read_source
from secplan.errors import CatalogError
from secplan.scanners.code import _secret_lists


def _packaged() -> dict[str, Any]:
    return tomllib.loads(read_source("lists/secrets.toml"))


def _load(monkeypatch: pytest.MonkeyPatch, data: dict[str, Any]) -> _secret_lists.SecretLists:
    monkeypatch.setattr(_secret_lists, "read_list", lambda name: data)
    return _secret_lists.secret_lists.__wrapped__()


def test_packaged_lists_load_without_pydantic() -> None:
    lists = _secret_lists.secret_lists()
    assert any(d.id == "huggingface-token" for d in lists.detectors)
    assert isinstance(lists.generic.min_entropy, float)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["detector"][0].update(colour="red"), "detector.0.colour: unknown field"),
        (lambda d: d["detector"][0].update(rule="CD101"), "detector.0.rule"),
        (lambda d: d["detector"][0].update(keywords=[]), "detector.0.keywords"),
        (lambda d: d["detector"][0].update(reason="short"), "detector.0.reason"),
        (lambda d: d["detector"][0].update(validator="luhn"), "detector.0.validator"),
        (lambda d: d["detector"][0].update(group="1"), "detector.0.group: expected int"),
        (lambda d: d["detector"][0].update(pattern="(unclosed"), "secrets.toml"),
        (lambda d: d["detector"][0].pop("title"), "detector.0.title: field required"),
        (lambda d: d["generic"].update(min_length=True), "generic.min_length: expected int"),
        (lambda d: d.update(extra=1), "extra: unknown field"),
        (lambda d: d.pop("placeholders"), "placeholders: expected a table"),
        (lambda d: d["known_example"][0].update(reason="x"), "known_example.0.reason"),
    ],
)
def test_a_broken_entry_is_a_catalog_error(
    monkeypatch: pytest.MonkeyPatch, change: Any, message: str
) -> None:
    data = copy.deepcopy(_packaged())
    change(data)
    with pytest.raises(CatalogError) as exc:
        _load(monkeypatch, data)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_an_integer_is_taken_for_a_float(monkeypatch: pytest.MonkeyPatch) -> None:
    data = copy.deepcopy(_packaged())
    data["generic"]["min_entropy"] = 3
    assert _load(monkeypatch, data).generic.min_entropy == 3.0
