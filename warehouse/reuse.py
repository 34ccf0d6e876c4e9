"""Text reuse, the lake's side: a run's new articles compared with the lake's and with each
other, and the pairs that share long passages written to `reuse`.

The index (`reuse_index`, written by the workers: `tasks.enrich.reuse`) holds each article's
MinHash signature and its 32 band hashes. A run joins its own band hashes with those of the
articles in view; only the new articles are looked up, so a run's work grows with what it
brings, not with the lake. Candidate pairs whose signatures agree in few values are dropped;
each remaining pair is measured on the two texts (`shared`) and kept when it shares a passage
that counts.

What stays out (so that boilerplate does not flood the table):
- texts too short or not Chinese prose (no fingerprint: see tasks/enrich/reuse.py);
- band hashes that more than `BUCKET_CAP` articles share: a text printed that often is a
  fixture, and comparing all of them would be quadratic;
- pairs that share less than `MIN_SHARED` letters, or less than `MIN_SHARE` of the shorter text;
- a paper's recurring fixture (a weather box, a standing notice): once an article matches
  articles of its own paper on `FIXTURE_DAYS` other days or more, its same-paper pairs are
  dropped, so a fixture gives at most a few pairs, not one per pair of days.

Rows carry the run's id and follow the commit protocol: the view `reuse` keeps pairs of
committed runs whose two articles are both in view, so a dead run leaves no pairs and a
changed file's old articles take their pairs with them.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date

import numpy as np
import pyarrow as pa

from tasks.enrich.reuse import Text, shared
from tasks.lake.schemas import SORT_KEYS, TABLES
from tasks.lake.store import Lake, month_of, sql_path
from warehouse.build import connect

log = logging.getLogger("baoku.reuse")

BUCKET_CAP = 200
# Signatures agreeing in fewer values than this rarely share much: 9 in 10 candidates of
# xwlb are below it, and measuring only the others made linking 4x faster; a pair with a
# Jaccard similarity of 0.25 passes with probability 0.99.
MIN_ESTIMATE = 0.1
MIN_SHARED = 100
MIN_SHARE = 0.5
FIXTURE_DAYS = 3


def _run_parts(table: str, run_id: str) -> str:
    """The files of `table` that run `run_id` wrote, as a glob inside the lake."""
    return f"{table}/*/part-{run_id}-*.parquet"


def candidates_sql(lake: Lake, run_id: str) -> str:
    """Pairs (a < b) of articles that share a band hash, one of them fingerprinted by run
    `run_id`, the other in view or fingerprinted by the run too."""
    q = lambda pattern: sql_path(lake.url(pattern))  # noqa: E731
    return f"""
    WITH new AS (
        SELECT article_id, bands FROM read_parquet('{q(_run_parts("reuse_index", run_id))}')
    ), replaced AS (    -- files this run read again: their old articles leave the comparison
        SELECT source_path FROM read_parquet('{q(_run_parts("sources", run_id))}', union_by_name = true)
    ), in_view AS (
        SELECT a.article_id, run_id
        FROM (SELECT run_id, unnest(articles) AS a FROM live_snapshot()
              WHERE status = 'ok' AND source_path NOT IN (SELECT source_path FROM replaced))
    ), indexed AS (
        SELECT i.article_id, i.bands
        FROM read_parquet('{q("reuse_index")}/*/*.parquet', union_by_name = true) AS i
        SEMI JOIN in_view AS v ON i.article_id = v.article_id AND i.run_id = v.run_id
        UNION ALL SELECT * FROM new
    ), new_keys AS (
        SELECT article_id, unnest(bands) AS band_key FROM new
    ), hits AS (
        SELECT article_id, band_key
        FROM (SELECT article_id, unnest(bands) AS band_key FROM indexed)
        SEMI JOIN new_keys USING (band_key)
    ), buckets AS (
        SELECT band_key FROM hits GROUP BY band_key
        HAVING count(DISTINCT article_id) BETWEEN 2 AND {BUCKET_CAP}
    )
    SELECT DISTINCT least(n.article_id, h.article_id) AS a, greatest(n.article_id, h.article_id) AS b
    FROM new_keys AS n JOIN hits AS h USING (band_key)
    WHERE n.article_id <> h.article_id AND band_key IN (SELECT band_key FROM buckets)
    """


def similar_enough(con, lake: Lake, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs whose signatures agree in MIN_ESTIMATE of their values or more (numpy: a
    DuckDB lambda comparing the lists took 0.17 s per 13k pairs, 40 % of the lookup)."""
    if not pairs:
        return []
    ids = sorted({x for p in pairs for x in p})
    con.execute("CREATE OR REPLACE TEMP TABLE wanted AS SELECT unnest($1::VARCHAR[]) AS article_id", [ids])
    data = con.sql(f"""
        SELECT article_id, any_value(signature) AS signature
        FROM read_parquet('{sql_path(lake.url("reuse_index"))}/*/*.parquet', union_by_name = true)
        WHERE article_id IN (SELECT article_id FROM wanted) GROUP BY article_id""").to_arrow_table()
    row = {aid: i for i, aid in enumerate(data["article_id"].to_pylist())}
    sig = data["signature"].combine_chunks().flatten().to_numpy().reshape(len(row), -1)
    a = np.array([row[x] for x, _ in pairs])
    b = np.array([row[y] for _, y in pairs])
    agreement = (sig[a] == sig[b]).mean(axis=1)
    return [pairs[i] for i in np.flatnonzero(agreement >= MIN_ESTIMATE).tolist()]


def _texts(con, lake: Lake, ids: list[str]) -> dict[str, tuple[str, date | None, Text]]:
    """article_id → (paper, pub_date, body as analysed (simplified), made ready to compare)."""
    con.execute("CREATE OR REPLACE TEMP TABLE wanted AS SELECT unnest($1::VARCHAR[]) AS article_id", [ids])
    rows = con.execute(f"""
        SELECT article_id, any_value(paper), any_value(pub_date), any_value(body), any_value(script)
        FROM read_parquet('{sql_path(lake.url("articles"))}/*/*.parquet', union_by_name = true)
        WHERE article_id IN (SELECT article_id FROM wanted)
        GROUP BY article_id""").fetchall()
    if any(script == "traditional" for *_, script in rows):
        # here: the splitter it comes with takes 0.45 s to import, and most lakes need none
        from tasks.han import to_simplified
        rows = [(*row[:3], to_simplified(row[3]) if row[4] == "traditional" else row[3], row[4]) for row in rows]
    texts = Text.many([body or "" for *_, body, _ in rows])
    return {aid: (paper, day, text) for (aid, paper, day, _, _), text in zip(rows, texts)}


def _row(a: str, b: str, texts: dict, run_id: str) -> dict | None:
    """The pair's row, or None when it does not share enough."""
    (paper_a, day_a, text_a), (paper_b, day_b, text_b) = texts[a], texts[b]
    s = shared(text_a, text_b, MIN_SHARED, MIN_SHARE)
    if s is None or min(s.chars_a, s.chars_b) < MIN_SHARED:
        return None
    earlier = b if (day_b or date.max, b) < (day_a or date.max, a) else a
    return {"article_a": a, "article_b": b, "similarity": s.similarity,
            "shared_chars": min(s.chars_a, s.chars_b),
            "share_a": s.chars_a / text_a.letters if text_a.letters else 0.0,
            "share_b": s.chars_b / text_b.letters if text_b.letters else 0.0,
            "earlier": earlier, "same_paper": paper_a == paper_b, "run_id": run_id}


def _without_fixtures(rows: list[dict], texts: dict, new: set[str]) -> list[dict]:
    """Drop the same-paper pairs of a new article that matches its own paper on FIXTURE_DAYS
    other days or more."""
    days = defaultdict(set)
    for r in rows:
        if r["same_paper"]:
            for this, other in ((r["article_a"], r["article_b"]), (r["article_b"], r["article_a"])):
                if this in new and texts[other][1] != texts[this][1]:
                    days[this].add(texts[other][1])
    fixtures = {aid for aid, seen in days.items() if len(seen) >= FIXTURE_DAYS}
    return [r for r in rows if not (r["same_paper"] and (r["article_a"] in fixtures or r["article_b"] in fixtures))]


def link(lake_root: str, run_id: str) -> dict:
    """Find and write the pairs of the articles run `run_id` wrote, with the articles in view
    and with each other (before the run's commit, under the writer lock)."""
    lake = Lake(lake_root)
    if not lake.fs.glob(lake.path(_run_parts("reuse_index", run_id))):     # no article of it fingerprinted
        return {"candidates": 0, "compared": 0, "pairs": 0}
    con = connect(lake.root, ("live_snapshot",))
    try:
        candidates = con.sql(candidates_sql(lake, run_id)).fetchall()
        pairs = similar_enough(con, lake, candidates)
        new = {r[0] for r in con.sql(f"""SELECT article_id FROM read_parquet(
            '{sql_path(lake.url(_run_parts("reuse_index", run_id)))}')""").fetchall()}
        texts = _texts(con, lake, sorted({x for p in pairs for x in p})) if pairs else {}
    finally:
        con.close()
    rows = [r for a, b in pairs if a in texts and b in texts if (r := _row(a, b, texts, run_id))]
    rows = _without_fixtures(rows, texts, new)
    by_month = defaultdict(list)
    for r in rows:      # a pair lives in the month of its later article
        later = r["article_b"] if r["earlier"] == r["article_a"] else r["article_a"]
        by_month[month_of(texts[later][1])].append(r)
    for month, month_rows in sorted(by_month.items()):
        data = pa.Table.from_pylist(month_rows, schema=TABLES["reuse"]).sort_by(SORT_KEYS["reuse"])
        lake.write_part("reuse", month, run_id, 0, data)
    log.info("reuse: %d candidate pairs, %d compared, %d kept", len(candidates), len(pairs), len(rows))
    return {"candidates": len(candidates), "compared": len(pairs), "pairs": len(rows)}
