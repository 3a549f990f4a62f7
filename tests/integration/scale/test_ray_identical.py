"""A scan on the Ray cluster gives the same report as a local scan of the same tree: the same
findings in the same order and the same posture (timings aside)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from secplan.cli.model_command import run_model_scan
from secplan.scan_command import ScanOptions, run_scan
from tests.integration.scale.corpus import mixed_corpus, without_timings

AS_OF = date(2026, 12, 2)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mixed_corpus(tmp_path_factory.mktemp("scale") / "proj", copies=3)


def _scan(corpus: Path, out: Path, **engine: str) -> dict[str, object]:
    code = run_scan(
        ScanOptions(path=corpus, fmt="json", output=out, as_of=AS_OF, plugins=False, **engine)  # type: ignore[arg-type]
    )
    assert code == 1  # the canary pickle and the privileged pod are findings at or above high
    report: dict[str, object] = json.loads(out.read_text())
    return report


def test_project_scan_on_ray_equals_the_local_scan(
    corpus: Path, tmp_path: Path, ray_cluster: str
) -> None:
    local = _scan(corpus, tmp_path / "local.json")
    ray = _scan(corpus, tmp_path / "ray.json", engine="ray", ray_address=ray_cluster)
    assert without_timings(ray) == without_timings(local)
    rules = [f["rule"] for f in local["findings"]]  # type: ignore[union-attr]
    assert "MF001" in rules or "MF101" in rules  # the canary pickle was analysed
    assert "DT101" in rules  # the personal data was found
    assert not (corpus / "CANARY").exists()


def test_model_scan_on_ray_equals_the_local_pool(
    corpus: Path, tmp_path: Path, ray_cluster: str
) -> None:
    outs = {}
    for name, engine in (("local", {"jobs": 2}), ("ray", {"engine": "ray"})):
        out = tmp_path / f"{name}.json"
        code = run_model_scan(
            [corpus],
            fmt="json",
            output=out,
            as_of="2026-12-02",
            ray_address=ray_cluster if name == "ray" else None,
            **engine,  # type: ignore[arg-type]
        )
        assert code == 1
        outs[name] = without_timings(json.loads(out.read_text()))
    assert outs["ray"] == outs["local"]
    assert len(outs["local"]["findings"]) >= 3  # type: ignore[arg-type]


def test_data_scan_on_ray_equals_the_local_scan(corpus: Path, ray_cluster: str) -> None:
    from secplan.data.ops import data_files
    from secplan.data.ops import run_scan as run_data_scan
    from secplan.data.report import scan_json
    from secplan.data.scan import DetectorSpec
    from secplan.executor import make_executor
    from secplan.services import open_services

    files = data_files([corpus])
    svc = open_services()
    try:
        local = run_data_scan(svc, files, DetectorSpec(), jobs=2)
        with make_executor("ray", address=ray_cluster) as ex:
            ray = run_data_scan(svc, files, DetectorSpec(), executor=ex)
    finally:
        svc.close()
    assert scan_json(ray) == scan_json(local)
    assert any(r.hits for r in local)


def test_a_large_parquet_table_is_spread_by_row_group_with_the_same_result(
    tmp_path: Path, ray_cluster: str
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from secplan.data.ops import run_scan as run_data_scan
    from secplan.data.readers import Limits
    from secplan.data.report import scan_json
    from secplan.data.scan import DetectorSpec
    from secplan.data.split import parts
    from secplan.executor import make_executor
    from secplan.services import open_services

    n = 9_000
    table = pa.table(
        {
            "id": list(range(n)),
            "email": [f"user{i}@example.com" if i % 7 else "" for i in range(n)],
            "phone": [f"+1 202 555 {i % 10000:04d}" for i in range(n)],
            "city": [("Paris", "Lagos", "Osaka")[i % 3] for i in range(n)],
        }
    )
    lake = tmp_path / "lake.parquet"
    pq.write_table(table, lake, row_group_size=2_000)
    assert len(parts(lake, str(lake), DetectorSpec(), Limits()) or []) == 5
    svc = open_services()
    try:
        local = run_data_scan(svc, [lake], DetectorSpec(), jobs=1)
        with make_executor("ray", address=ray_cluster) as ex:
            spread = run_data_scan(svc, [lake], DetectorSpec(), executor=ex)
    finally:
        svc.close()
    assert scan_json(spread) == scan_json(local)
    assert spread[0].records == n and spread[0].complete
    assert {h.entity for h in spread[0].hits} >= {"EMAIL_ADDRESS"}
