"""The validated snapshots of the packaged data files: current, equal to validating the files,
and never used for a file changed since the snapshot was made."""

from __future__ import annotations

import tomllib

import pytest

from secplan import _snapshot
from secplan.catalog import build_catalog, load_catalog
from secplan.errors import CatalogError
from secplan.modelfile import policy as policy_mod
from secplan.modelfile.policy import Policy


@pytest.mark.parametrize("source", sorted(_snapshot.SOURCES))
def test_each_snapshot_is_the_validated_file(source: str) -> None:
    text = _snapshot.read_source(source)
    assert _snapshot.snapshot_of(source, text) == _snapshot.validate(source, text), (
        "stale snapshot: run python scripts/snapshot_data.py"
    )


def test_the_catalog_from_snapshots_equals_the_validated_catalog() -> None:
    docs = [tomllib.loads(_snapshot.read_source(s)) for s in ("controls.toml", "frameworks.toml")]
    assert load_catalog() == build_catalog(*docs)


def test_the_policy_from_its_snapshot_equals_the_validated_policy() -> None:
    source = policy_mod.SOURCE
    validated = policy_mod._from_doc(_snapshot.validate(source, _snapshot.read_source(source)))
    assert Policy.packaged() == validated
    assert Policy.packaged().effects == validated.effects
    assert dict(Policy.packaged().anomalies) == dict(validated.anomalies)


@pytest.mark.parametrize("source", sorted(_snapshot.SOURCES))
def test_a_changed_file_is_validated_again(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _snapshot.read_source(source)
    assert _snapshot.snapshot_of(source, text + "\n# edited\n") is None
    # a broken edit stops the program, as it did before snapshots
    monkeypatch.setattr(_snapshot, "read_source", lambda s: text + "\n[[broken\n")
    with pytest.raises(CatalogError):
        _snapshot.load(source)


def test_a_snapshot_that_is_not_json_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_snapshot, "read_packaged", lambda package, *parts: b"{not json")
    assert _snapshot.snapshot_of("controls.toml", "anything") is None


def test_packaged_files_are_read_from_the_package_folder() -> None:
    from importlib import resources

    from secplan._io import read_packaged

    want = resources.files("secplan.catalog").joinpath("controls.toml").read_bytes()
    assert read_packaged("secplan.catalog", "controls.toml") == want
    assert _snapshot.read_source("controls.toml") == want.decode("utf-8")
