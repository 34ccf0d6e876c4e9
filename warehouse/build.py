"""Build `LAKE/baoku.duckdb`: one view per table and per report, reading the Parquet files
by glob (new runs show up without a rebuild).

The file changes only when the view definitions change, and then it is built under a
temporary name and renamed over the old one: a BI tool holding the old file open read-only
keeps reading it and is never blocked, and nobody sees a half-built catalogue.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from tasks.enrich.terms import stopwords
from tasks.lake.store import Lake, sql_path

VIEWS_DIR = Path(__file__).with_name("views")
# Dependency order: later views read earlier ones.
TABLE_VIEWS = ("runs", "sources", "live_articles", "articles", "terms", "entities", "figures", "keywords",
               "quotes", "reuse_index", "reuse")
REPORT_VIEWS = ("term_trends", "emerging_terms", "falling_terms", "place_trends", "reporter_output",
                "entity_aliases", "entity_names", "entity_trends", "emerging_entities",
                "reuse_members", "reuse_clusters", "wire_pickup")
VIEWS = TABLE_VIEWS + REPORT_VIEWS
# Macros the views share (not views: they take no part in BI tools' table lists).
# The file is written in the storage format of the DuckDB command line that `make setup`
# installs (duckdb-cli, pinned in pyproject.toml), which cannot read the newer default.
CLI_STORAGE = "v1.5.0"
MACROS = ("live_snapshot", "reportable", "g2", "search")


def view_sql(lake_root: str | os.PathLike, names: tuple[str, ...] = MACROS + VIEWS) -> str:
    root = sql_path(Lake(lake_root).root)
    # the stop words the pipeline flags, which search leaves out of a query (one list, one file)
    stop = "(" + ", ".join(f"'{sql_path(w)}'" for w in sorted(stopwords())) + ")"
    parts = []
    for name in names:
        text = (VIEWS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        parts.append(text.replace("{lake}", root).replace("{stopwords}", stop))
    return "\n".join(parts)


def create_views(con: duckdb.DuckDBPyConnection, lake_root: str | os.PathLike,
                 names: tuple[str, ...] = MACROS + VIEWS) -> None:
    con.execute(view_sql(lake_root, names))


_DIGEST = ".baoku.duckdb.sha256"  # digest of the view SQL the database file was built from


def _current_digest(lake: Lake) -> str | None:
    try:
        with lake.fs.open(lake.path(_DIGEST), "r") as f:
            return f.read().strip()
    except FileNotFoundError:
        return None


def build_database(lake_root: str | os.PathLike) -> bool:
    """Make sure the database file holds the current views; True when it was (re)built.

    In object storage the file is built locally and uploaded; readers there need DuckDB's
    httpfs (or `connect` below, which reads through fsspec)."""
    lake = Lake(lake_root)
    sql = view_sql(lake.root)
    digest = hashlib.sha256((CLI_STORAGE + sql).encode()).hexdigest()     # the format too
    if _current_digest(lake) == digest and lake.fs.exists(lake.path("baoku.duckdb")):
        return False
    workdir = lake.base if lake.local else tempfile.mkdtemp(prefix="baoku-db-")
    tmp = Path(workdir) / f".baoku.duckdb.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    with lake.reach(duckdb.connect(str(tmp), config={"storage_compatibility_version": CLI_STORAGE})) as con:
        con.execute(sql)
        con.execute("CHECKPOINT")
    lake.put_file(tmp, "baoku.duckdb")
    if not lake.local:
        shutil.rmtree(workdir, ignore_errors=True)
    with lake.fs.open(lake.path(_DIGEST), "w") as f:
        f.write(digest)
    return True


def connect(lake_root: str | os.PathLike, names: tuple[str, ...] = MACROS + VIEWS) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the lake's views (or the `names` among them and the
    macros): what the pipeline itself queries, so it never takes a lock on the database file
    that readers use."""
    lake = Lake(lake_root)
    con = lake.duckdb_connection()
    create_views(con, lake.root, names)
    return con
