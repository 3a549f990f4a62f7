"""A Parquet table split by row group gives the result of a whole-file scan, and a row group
that was lost leaves the file incomplete with the reason, never clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.data.readers import Limits
from secplan.data.report import scan_json
from secplan.data.scan import DetectorSpec, scan_file
from secplan.data.split import join, parts, scan_part

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _table(path: Path, rows: int = 3_000, group: int = 1_000) -> Path:
    cols = {
        "id": list(range(rows)),
        "email": [f"u{i}@example.com" for i in range(rows)],
        "note": ["ok" if i % 5 else f"call +44 20 7946 0{i % 1000:03d}" for i in range(rows)],
    }
    pq.write_table(pa.table(cols), path, row_group_size=group)
    return path


def test_row_groups_joined_equal_the_whole_file(tmp_path: Path) -> None:
    path = _table(tmp_path / "t.parquet")
    spec = DetectorSpec()
    split = parts(path, "t.parquet", spec, Limits())
    assert split is not None and [p.group for p in split] == [0, 1, 2]
    joined = join(split, [scan_part(spec, p) for p in split], path.stat().st_size)
    assert scan_json([joined]) == scan_json([scan_file(path, shown="t.parquet", spec=spec)])


def test_a_lost_row_group_leaves_the_file_incomplete(tmp_path: Path) -> None:
    path = _table(tmp_path / "t.parquet")
    spec = DetectorSpec()
    split = parts(path, "t.parquet", spec, Limits())
    assert split is not None
    got = [scan_part(spec, p) for p in split]
    joined = join(split, [got[0], "worker failed: WorkerCrashedError", got[2]], 1)
    assert not joined.complete and joined.records == 2_000
    assert joined.errors == ("row group 1 not verified: worker failed: WorkerCrashedError",)


def test_small_or_other_files_are_not_split(tmp_path: Path) -> None:
    one = _table(tmp_path / "one.parquet", rows=500, group=1_000)
    csv = tmp_path / "t.csv"
    csv.write_text("id,email\n1,a@example.com\n")
    assert parts(one, "one", DetectorSpec(), Limits()) is None
    assert parts(csv, "t", DetectorSpec(), Limits()) is None
