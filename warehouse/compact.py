"""Compaction: merge a month's many small part files into one sorted file per table, and drop
the rows that later versions of a file replaced.

It is a run of its own (kind 'compact'): the merged files carry the compaction's run id, its
`sources` rows re-point every current file of the month at them, and its row in `runs` commits
them, so readers switch from the old files to the merged ones in one step. The old files are
retired, not deleted: a later run deletes them once queries that began before the switch have
had time to finish (`Lake.remove_orphans`). Call under the writer lock.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import pyarrow as pa

from tasks.lake.store import Lake, month_dir_of, new_run_id, sql_path
from tasks.lake.schemas import PARTITIONED, SORT_KEYS, TABLES, conform
from warehouse.build import connect


def months_to_compact(lake: Lake, min_files: int) -> list[str]:
    """Months where some table has at least `min_files` data files."""
    per_month = Counter(key for f, _run in lake.part_files() if (key := month_dir_of(f)))
    return sorted({month for (_t, month), n in per_month.items() if n >= min_files})


def compact(lake_root: str, min_files: int = 8, months: list[str] | None = None) -> dict:
    lake = Lake(lake_root)
    months = months if months is not None else months_to_compact(lake, min_files)
    if not months:
        return {"run_id": None, "months": []}
    started = datetime.now(timezone.utc)
    run_id = new_run_id(started)
    con = connect(lake.root)
    old_files = [f for f, _ in lake.part_files() if (key := month_dir_of(f)) and key[1] in months]
    rows_written = 0
    for month in months:
        for table in PARTITIONED:
            if not lake.fs.glob(lake.path(table, f"month={month}", "*.parquet")):
                continue        # no rows of this table in this month (no reprints, no quotes)
            data = _live_rows(con, lake, table, month, run_id)
            if data.num_rows:
                lake.write_part(table, month, run_id, 0, data.sort_by(SORT_KEYS[table]))
                rows_written += data.num_rows
    lake.retire(run_id, old_files)
    lake.commit({
        "run_id": run_id, "started_at": started, "finished_at": datetime.now(timezone.utc),
        "files_seen": 0, "files_new": 0, "files_skipped": 0, "files_rejected": 0,
        "articles_written": 0, "kind": "compact", "input": None, "chars": 0,
        "seconds": (datetime.now(timezone.utc) - started).total_seconds(),
    })
    return {"run_id": run_id, "months": months, "files_retired": len(old_files), "rows": rows_written}


def _live_rows(con, lake: Lake, table: str, month: str, run_id: str) -> pa.Table:
    """The month's current rows of `table`, re-stamped with the compaction's run id."""
    folder = sql_path(lake.url(table, f"month={month}"))
    if table == "sources":
        # Every file whose current row sits in this month (rejected ones too).
        sql = f"""SELECT s.* FROM sources s SEMI JOIN
                  (SELECT source_id, run_id, source_path FROM read_parquet('{folder}/*.parquet', union_by_name = true)) p
                  ON s.source_id = p.source_id AND s.run_id = p.run_id AND s.source_path = p.source_path"""
    elif table == "reuse":
        # pairs: rows of the view (both articles in view, one row per pair)
        sql = f"""SELECT t.* FROM read_parquet('{folder}/*.parquet', union_by_name = true) t
                  SEMI JOIN reuse r ON t.article_a = r.article_a AND t.article_b = r.article_b
                                   AND t.run_id = r.run_id"""
    else:
        sql = f"""SELECT t.* FROM read_parquet('{folder}/*.parquet', union_by_name = true) t
                  SEMI JOIN articles a ON t.article_id = a.article_id AND t.run_id = a.run_id"""
    data = conform(con.sql(sql).to_arrow_table(), table)
    return data.set_column(data.schema.get_field_index("run_id"), TABLES[table].field("run_id"),
                           pa.array([run_id] * data.num_rows, pa.string()))
