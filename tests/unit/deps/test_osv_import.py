"""Importing OSV exports: validation, limits, zip bombs, atomic replacement."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.vulndb import InvalidEntry, SourceError, VulnDB, import_osv, parse_entry, sources
from tests.unit.deps.conftest import OSV_DATA


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_import_directory(tmp_path: Path) -> None:
    stats = import_osv(OSV_DATA, tmp_path / "db.sqlite")
    assert (stats.imported, stats.withdrawn, stats.other_ecosystems, stats.rejected) == (5, 1, 1, 0)
    db = VulnDB(tmp_path / "db.sqlite")
    assert [a.id for a in db.advisories_for("MLFLOW")] == ["PYSEC-2024-0001"]
    assert db.advisories_for("numpy") == ()  # withdrawn
    assert db.info.advisories == 5


def test_import_zip_with_bad_members(tmp_path: Path) -> None:
    members = {p.name: p.read_bytes() for p in OSV_DATA.glob("*.json")}
    members["bad.json"] = b"{not json"
    members["invalid.json"] = json.dumps({"id": "../../etc", "modified": "x"}).encode()
    members["README.txt"] = b"ignored"
    members["deep.json"] = b"[" * 100_000 + b"]" * 100_000
    stats = import_osv(_zip(tmp_path / "all.zip", members), tmp_path / "db.sqlite")
    assert stats.imported == 5 and stats.rejected == 3
    assert any("invalid JSON" in r for r in stats.reasons)


def test_zip_bomb_member_is_rejected(tmp_path: Path) -> None:
    members = {p.name: p.read_bytes() for p in OSV_DATA.glob("*.json")}
    members["bomb.json"] = b" " * (3 << 20)  # compresses about 1000:1
    stats = import_osv(_zip(tmp_path / "all.zip", members), tmp_path / "db.sqlite")
    assert stats.imported == 5 and any("ratio" in r for r in stats.reasons)


def test_oversized_member(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_ENTRY_BYTES", 200)
    members = {"a.json": (OSV_DATA / "MAL-2022-0004.json").read_bytes() + b" " * 500}
    with pytest.raises(SourceError, match="no valid PyPI advisory"):
        import_osv(_zip(tmp_path / "all.zip", members), tmp_path / "db.sqlite")


def test_failed_import_keeps_old_database(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    import_osv(OSV_DATA, db)
    with pytest.raises(SourceError):
        import_osv(_zip(tmp_path / "x.zip", {"a.json": b"{}"}), db)
    with pytest.raises(SourceError, match="not a readable zip"):
        import_osv(tmp_path / "db.sqlite", db)
    assert VulnDB(db).info.advisories == 5
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".vulndb-")] == []


def test_newer_duplicate_wins(tmp_path: Path) -> None:
    base = json.loads((OSV_DATA / "MAL-2022-0004.json").read_text())
    newer = dict(base, modified="2024-01-01T00:00:00Z", summary="newer")
    src = tmp_path / "src"
    src.mkdir()
    (src / "b.json").write_text(json.dumps(newer))
    (src / "a.json").write_text(json.dumps(base))
    import_osv(src, tmp_path / "db.sqlite")
    [adv] = VulnDB(tmp_path / "db.sqlite").advisories_for("torchtriton")
    assert adv.summary == "newer"


def test_a_malformed_alias_drops_the_alias_not_the_advisory() -> None:
    # the published database holds an alias with a trailing comma; the advisory still matches
    base = json.loads((OSV_DATA / "MAL-2022-0004.json").read_text())
    doc = dict(base, aliases=["GHSA-jf66-3q76-h5p5,", "not an id!", 7, "CVE-2022-0001"])
    adv = parse_entry(doc)
    assert adv.id == base["id"]
    assert adv.aliases == ("GHSA-jf66-3q76-h5p5", "CVE-2022-0001")
    assert adv.affected == parse_entry(base).affected


def test_a_malformed_id_still_rejects_the_advisory() -> None:
    base = json.loads((OSV_DATA / "MAL-2022-0004.json").read_text())
    with pytest.raises(InvalidEntry):
        parse_entry(dict(base, id="MAL-2022-0004,"))


def test_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "db.sqlite").write_bytes(b"garbage")
    from secplan.vulndb import DatabaseError

    with pytest.raises(DatabaseError):
        VulnDB(tmp_path / "db.sqlite")
    sqlite3.connect(tmp_path / "empty.sqlite").execute(
        "CREATE TABLE meta (key, value)"
    ).connection.commit()
    with pytest.raises(DatabaseError, match="schema"):
        VulnDB(tmp_path / "empty.sqlite")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=30,
)
osv_like = st.fixed_dictionaries(
    {"id": st.text(max_size=20), "modified": st.text(max_size=10)},
    optional={
        "aliases": json_values,
        "withdrawn": json_values,
        "severity": json_values,
        "affected": st.lists(
            st.fixed_dictionaries(
                {
                    "package": st.fixed_dictionaries(
                        {"ecosystem": st.just("PyPI"), "name": st.text(max_size=10)}
                    )
                },
                optional={"ranges": json_values, "versions": json_values},
            )
            | json_values,
            max_size=3,
        ),
    },
)


@given(st.one_of(json_values, osv_like))
def test_parse_entry_only_raises_invalid_entry(doc: object) -> None:
    try:
        adv = parse_entry(doc)
    except InvalidEntry:
        return
    assert adv.id and all(a.name == a.name.lower() for a in adv.affected)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(osv_like, json_values), max_size=6), st.binary(max_size=50))
def test_import_never_crashes(tmp_path: Path, docs: list[object], junk: bytes) -> None:
    members = {f"{i}.json": json.dumps(d).encode() for i, d in enumerate(docs)}
    members["junk.json"] = junk
    members["keep.json"] = (OSV_DATA / "MAL-2022-0004.json").read_bytes()
    stats = import_osv(_zip(tmp_path / "h.zip", members), tmp_path / "h.sqlite")
    assert (
        stats.imported >= 1
        and stats.imported + stats.rejected + stats.withdrawn + stats.other_ecosystems
        <= len(members)
    )
