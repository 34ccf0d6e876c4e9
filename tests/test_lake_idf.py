"""The keyword IDF of the lake's own articles: worked out over the whole lake once, then kept
in it and reused until the number of articles moved by more than `current.IDF_MAX_DRIFT`."""
from __future__ import annotations

import math
import shutil
from collections import defaultdict
from datetime import datetime, timezone

import pyarrow.parquet as pq

from tasks.ingest import plan
from warehouse import current
from tasks.ingest.discover import discover
from tasks.pipeline import Settings, ingest_batch
from tasks.lake.store import Lake
from flows.steps import run_row
from tests.corpus import ROOT

SAMPLE = ROOT / "flows" / "sample_inbox" / "工人日报"


def _ingest(lake: Lake, inbox, run_id: str) -> None:
    entries = discover(inbox)
    result = ingest_batch(entries, {}, Settings(lake=lake.root, run_id=run_id), 0)
    lake.commit(run_row(run_id, datetime.now(timezone.utc), str(inbox), len(entries), [result]))


def _idf_from_the_files(lake: Lake) -> dict[str, float]:
    """The definition, read straight off the Parquet files (every run here is current)."""
    articles = pq.read_table(lake.path("articles")).num_rows
    seen = defaultdict(set)
    for row in pq.read_table(lake.path("terms"), columns=["term", "article_id"]).to_pylist():
        seen[row["term"]].add(row["article_id"])
    return {t: math.log((articles + 1) / (len(a) + 1)) + 1 for t, a in seen.items()}


def _same(a: dict[str, float], b: dict[str, float]) -> bool:
    return a.keys() == b.keys() and all(math.isclose(a[k], b[k], rel_tol=1e-12) for k in a)


def test_the_lake_idf_is_kept_and_worked_out_again_once_the_lake_has_grown(tmp_path, monkeypatch):
    monkeypatch.setattr(current, "MIN_DOCS_FOR_LAKE_IDF", 5)
    files = sorted(SAMPLE.glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for f in files[:-1]:
        shutil.copy(f, first)
    shutil.copy(files[-1], second)
    lake = Lake(tmp_path / "lake")
    lake.init()
    assert lake.cached_idf() is None

    _ingest(lake, first, "20260101T000000Z-aaaaaa")
    idf = current.lake_idf(lake.root)
    assert _same(idf, _idf_from_the_files(lake)) and len(idf) > 500
    n_docs, kept = lake.cached_idf()
    assert n_docs == pq.read_table(lake.path("articles")).num_rows and kept == idf

    # Reused while the lake has not grown: a stand-in stored in its place is what comes back.
    lake.cache_idf(n_docs, {"工会": 42.0})
    assert current.lake_idf(lake.root) == {"工会": 42.0}

    _ingest(lake, second, "20260102T000000Z-bbbbbb")
    grown = pq.read_table(lake.path("articles")).num_rows
    assert grown > n_docs * (1 + current.IDF_MAX_DRIFT)
    again = current.lake_idf(lake.root)
    assert _same(again, _idf_from_the_files(lake))
    assert lake.cached_idf()[0] == grown
    assert len(list((tmp_path / "lake" / "_idf").iterdir())) == 1     # the one before is gone
