"""Build `LAKE/baoku.duckdb`: one view per table and per report, reading the Parquet files
by glob (new runs show up without a rebuild).

The file changes only when the view definitions change, and then it is built under a
temporary name and renamed over the old one: a BI tool holding the old file open read-only
keeps reading it and is never blocked, and nobody sees a half-built catalogue.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb

VIEWS_DIR = Path(__file__).with_name("views")
# Dependency order: later views read earlier ones.
TABLE_VIEWS = ("runs", "sources", "articles", "terms", "entities", "figures", "keywords")
REPORT_VIEWS = ("term_trends", "emerging_terms", "place_trends", "reporter_output")
VIEWS = TABLE_VIEWS + REPORT_VIEWS


def sql_string(value: str) -> str:
    """A SQL string literal; paths are the only text spliced into view SQL (DuckDB can't
    bind parameters inside CREATE VIEW), so they are quoted here and nowhere else."""
    return value.replace("'", "''")


def view_sql(lake_root: str | os.PathLike) -> str:
    root = sql_string(Path(lake_root).absolute().as_posix())
    parts = []
    for name in VIEWS:
        text = (VIEWS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        parts.append(text.replace("{lake}", root))
    return "\n".join(parts)


def create_views(con: duckdb.DuckDBPyConnection, lake_root: str | os.PathLike) -> None:
    con.execute(view_sql(lake_root))


def _current_digest(db: Path) -> str | None:
    if not db.exists():
        return None
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT digest FROM _baoku_meta").fetchone()[0]
    except duckdb.Error:
        return None  # unreadable or older layout: rebuild


def build_database(lake_root: str | os.PathLike) -> bool:
    """Make sure the database file holds the current views; True when it was (re)built."""
    root = Path(lake_root).absolute()
    db = root / "baoku.duckdb"
    sql = view_sql(root)
    digest = hashlib.sha256(sql.encode()).hexdigest()
    if _current_digest(db) == digest:
        return False
    tmp = root / f".baoku.duckdb.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        con.execute(sql)
        con.execute("CREATE TABLE _baoku_meta AS SELECT ? AS digest, current_timestamp AS built_at", [digest])
        con.execute("CHECKPOINT")
    os.replace(tmp, db)
    return True


def connect(lake_root: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the lake's views: what the pipeline itself queries, so it
    never takes a lock on the database file that readers use."""
    con = duckdb.connect()
    create_views(con, lake_root)
    return con
