"""Scale-out on existing engines, for real on this machine: the flow's batches on a Dask
cluster (scheduler and workers on 127.0.0.1), and the lake in S3-compatible object storage
(a moto server on 127.0.0.1) that DuckDB then reads where it lives."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from flows.daily import daily_ingest
from tests.corpus import ROOT
from warehouse.build import connect

SAMPLE = ROOT / "flows" / "sample_inbox"
TABLES = ("articles", "terms", "entities", "figures", "keywords", "quotes", "sources")


def table_counts(con) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The sample inbox ingested locally in one process: what every other way must equal."""
    lake = tmp_path_factory.mktemp("reference") / "lake"
    daily_ingest(input=str(SAMPLE), lake=str(lake), workers=1)
    return table_counts(connect(lake))


def test_batches_run_on_a_dask_cluster(tmp_path, dask_cluster, use_prefect_server, reference):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE, inbox)
    for i in range(3):  # several batches, so both workers get some
        shutil.copytree(SAMPLE, inbox / f"copy{i}", dirs_exist_ok=True)
        for f in (inbox / f"copy{i}").rglob("*.txt"):
            f.write_bytes(f.read_bytes() + f"\n\n第{i}份副本。\n".encode(
                "gb18030" if "20221223" in f.name else "utf-8"))
    lake = tmp_path / "lake"
    s = daily_ingest(input=str(inbox), lake=str(lake), workers=2, dask_address=dask_cluster, batch_bytes=32_000)
    assert s["files_rejected"] == 0 and s["files_new"] == s["files_seen"] == 16
    assert s["batches"] >= 2
    from distributed import Client
    with Client(dask_cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
    local = tmp_path / "local"
    daily_ingest(input=str(inbox), lake=str(local), workers=1)
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        on_dask = table_counts(con)
    assert on_dask == table_counts(connect(local))
    assert on_dask["sources"] == 16 and on_dask["articles"] > 4 * reference["articles"] - 4


def test_lake_in_object_storage(s3_server, monkeypatch, reference):
    import boto3
    for k, v in s3_server.items():
        monkeypatch.setenv(k, v)
    boto3.client("s3", endpoint_url=s3_server["AWS_ENDPOINT_URL"]).create_bucket(Bucket="baoku-lake")
    lake = "s3://baoku-lake/papers/lake"

    # Batches small enough to run on two worker processes, which write the parts; the flow's
    # process then commits what it has not written itself.
    first = daily_ingest(input=str(SAMPLE), lake=lake, workers=2, batch_bytes=8_000)
    assert first["files_new"] == 4 and first["files_rejected"] == 0
    assert first["batches"] >= 2        # so the pool's processes ran them, not the flow's thread
    assert first["database"] == lake + "/baoku.duckdb"

    # DuckDB reads the Parquet files where they live (through fsspec: no extension download).
    con = connect(lake)
    assert table_counts(con) == reference
    assert con.execute("SELECT count(*) FROM place_trends").fetchone()[0] > 0

    keys = [o["Key"] for o in boto3.client("s3", endpoint_url=s3_server["AWS_ENDPOINT_URL"])
            .list_objects_v2(Bucket="baoku-lake", Prefix="papers/lake/")["Contents"]]
    assert "papers/lake/baoku.duckdb" in keys
    assert any(k.startswith("papers/lake/articles/month=2022-12/part-") for k in keys)
    assert not any(k.endswith(".tmp") for k in keys)

    second = daily_ingest(input=str(SAMPLE), lake=lake, workers=1)
    assert second["files_new"] == 0 and second["files_skipped"] == 4
    from warehouse.compact import compact
    assert compact(lake, min_files=1)["months"]
    assert table_counts(connect(lake)) == reference
