"""What the lake holds, read through its views for a run's planning: each file's current
version, and the keyword IDF of the lake's own articles."""
from __future__ import annotations

from tasks.ingest.plan import Known
from tasks.lake.store import Lake
from warehouse.build import connect

MIN_DOCS_FOR_LAKE_IDF = 1000  # below this the lake's own document frequencies are too noisy
IDF_MAX_DRIFT = 0.10  # the lake's IDF is worked out again once its articles grew (or shrank) by this share


def lake_state(lake_root: str) -> dict[str, Known]:
    """The current version of every path the lake has read."""
    con = connect(lake_root)
    rows = con.execute("SELECT source_path, source_id, status, error, bytes, epoch_us(mtime) FROM sources").fetchall()
    return {path: Known(sid, status, error, size, mtime) for path, sid, status, error, size, mtime in rows}


def lake_idf(lake_root: str) -> dict[str, float] | None:
    """IDF of every word over the lake's own articles, once there are enough of them.

    Worked out over every term of the lake (a scan that grows with it: 0.2-0.5 s at 12k
    articles), then kept in the lake and reused while the number of articles stays within
    `IDF_MAX_DRIFT` of the number it was worked out over: a day's delivery onto a grown
    lake reads it instead of scanning. By then a word's IDF, ln((N + 1) / (df + 1)) + 1, has
    moved by ln 1.1 ≈ 0.1 at most where its document count stood still, and hardly where
    that grew with the lake."""
    con = connect(lake_root)
    n_docs = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    if n_docs < MIN_DOCS_FOR_LAKE_IDF:
        return None
    lake = Lake(lake_root)
    cached = lake.cached_idf()
    if cached is not None and abs(n_docs - cached[0]) <= IDF_MAX_DRIFT * cached[0]:
        return cached[1]
    rows = con.execute(
        "SELECT term, ln((? + 1) / (count(DISTINCT article_id) + 1)) + 1 FROM terms GROUP BY term",
        [n_docs]).fetchall()
    idf = dict(rows)
    lake.cache_idf(n_docs, idf)
    return idf
