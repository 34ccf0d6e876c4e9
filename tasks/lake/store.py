"""The lake: where each table's Parquet files go, how a run commits, and what a dead run
leaves behind. A local folder or any fsspec URL (`s3://bucket/lake`).

Protocol (what makes runs incremental, crash-safe and safe for concurrent readers):
- every Parquet file appears whole: locally it is written under a `.tmp` name, synced and
  renamed into place; in object storage a PUT is atomic already. No reader's glob
  (`*.parquet`) ever matches a half-written file;
- a file's name carries the id of the run that wrote it: `part-<run_id>-<n>.parquet`;
- a run commits by writing its row of `runs`, last, then a snapshot of what is now current
  (`live/`: the `sources` row of each file's current version and its articles). The views
  keep only the rows the newest snapshot lists, so the rows of a run that is still going, or
  that died, are invisible, and a changed file's old rows vanish at the very moment its new
  rows appear (the snapshot file appears whole). Working this out once per commit, not in
  every query, is what keeps a one-term query from reading every article of the lake;
- a snapshot's name carries the moment it becomes visible, a little after it is in place, and
  the views read the newest one visible when their query (or transaction) began: a query that
  reads `live/` twice (terms joined to articles) sees one state even when a run commits between
  the two reads;
- under the writer lock, files of runs that never committed are deleted (`remove_orphans`);
- files a compaction replaced are only listed for deletion (`retire`) and deleted by a later
  run once readers had time to finish queries that started before the switch (`empty_trash`).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import re
import secrets
import time
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout
from fsspec.core import url_to_fs

from tasks.lake.schemas import PARTITIONED, TABLES, conform

if TYPE_CHECKING:
    import duckdb

log = logging.getLogger("baoku.lake")

UNKNOWN_MONTH = "unknown"
TRASH = "_trash"  # lists of files that compactions replaced, deleted after a grace period
IDF_CACHE = "_idf"  # the keyword IDF of the lake's own articles, worked out by an earlier run
# Names of people, places and organisations to merge, edited by users (warehouse/views/entity_aliases.sql)
ALIASES = "aliases.csv"
ALIASES_HEADER = "type,alias,canonical\n"
# Long enough for any reader's query that began before a compaction to finish.
RETIRED_GRACE_SECONDS = 600
_PART = re.compile(r"^part-(?P<run>[0-9TZ]+-[0-9a-f]+|schema)(?:-\d+)?\.parquet$")
# Parquet row groups sized for scans: big enough to amortise metadata, small enough to prune.
ROW_GROUP_SIZE = 256 * 1024
# Tables sorted by a word (terms, entities, keywords) get small row groups: a query for one
# word then reads one group of each file instead of the whole file (3x faster term_trends on
# xwlb, +10 % bytes).
LOOKUP_ROW_GROUP_SIZE = 8192
LOOKUP_TABLES = frozenset({"terms", "entities", "keywords"})
# How long after it is placed a snapshot becomes visible: more than placing it can take (a
# local rename, or a PUT of a file of some KB), so no query that began after that moment can
# miss the file. A commit waits this long before it returns.
SNAPSHOT_LEAD_SECONDS = {"local": 0.1, "remote": 2.0}
# Where the writer lock of a lake in object storage lives (buckets have no file locks; across
# machines, the deployment's concurrency limit of 1 keeps writers apart).
LOCK_DIR = Path(os.environ.get("BAOKU_LOCK_DIR", Path.home() / ".cache" / "baoku" / "locks"))


class LakeBusy(RuntimeError):
    """Another run holds the lake's writer lock."""


def new_run_id(now: datetime | None = None) -> str:
    """Sortable and unique: UTC time to the second, then random hex."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _now_us() -> int:
    """The time as the lake's file names carry it: epoch microseconds."""
    return time.time_ns() // 1000


def sql_path(value: str) -> str:
    """A path as the body of a SQL string literal: paths are the only text spliced into SQL
    (DuckDB can't bind parameters inside CREATE VIEW or a glob), so they are quoted here."""
    return value.replace("'", "''")


def month_of(day: date | None) -> str:
    return f"{day:%Y-%m}" if day else UNKNOWN_MONTH


def is_url(root: str | os.PathLike) -> bool:
    return "://" in str(root) and not str(root).startswith("file://")


class Lake:
    def __init__(self, root: str | os.PathLike):
        if is_url(root):
            self.fs, path = url_to_fs(str(root))
            self.protocol = str(root).split("://", 1)[0]
            self.base = path.rstrip("/")
            self.root = f"{self.protocol}://{self.base}"
        else:
            self.fs = fsspec.filesystem("file")
            self.protocol = ""
            self.base = self.root = Path(root).absolute().as_posix()

    @property
    def local(self) -> bool:
        return not self.protocol

    def path(self, *parts: str) -> str:
        """A path inside the lake, as the filesystem sees it (no protocol)."""
        return posixpath.join(self.base, *parts)

    def url(self, *parts: str) -> str:
        """A path inside the lake as DuckDB and users see it (with protocol)."""
        return f"{self.protocol}://{self.path(*parts)}" if self.protocol else self.path(*parts)

    @property
    def database(self) -> str:
        return self.url("baoku.duckdb")

    def table_dir(self, table: str, month: str | None = None) -> str:
        return self.path(table, f"month={month}") if table in PARTITIONED else self.path(table)

    # -- setup ---------------------------------------------------------------------------
    def init(self) -> None:
        """Create the folders and one empty file per table, so every view answers (with no
        rows) even before a table has data; and the alias file users edit, with its header."""
        for table, schema in TABLES.items():
            target = posixpath.join(self.table_dir(table, UNKNOWN_MONTH), "part-schema.parquet")
            if not self.fs.exists(target):
                self.write_table(schema.empty_table(), target)
        if not self.fs.exists(self.path(ALIASES)):
            with self.fs.open(self.path(ALIASES), "w", encoding="utf-8") as f:
                f.write(ALIASES_HEADER)

    @contextmanager
    def writer_lock(self, wait_seconds: float = 0) -> Iterator[None]:
        """One writer per lake. A second run waits up to `wait_seconds`, then gives up with
        LakeBusy (it never writes beside the first)."""
        if self.local:
            Path(self.base).mkdir(parents=True, exist_ok=True)
            lock_path = Path(self.base) / ".writer.lock"
        else:
            LOCK_DIR.mkdir(parents=True, exist_ok=True)
            lock_path = LOCK_DIR / (hashlib.sha256(self.root.encode()).hexdigest()[:24] + ".lock")
        lock = FileLock(str(lock_path))
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout:
            raise LakeBusy(f"another run is writing {self.root}") from None
        try:
            yield
        finally:
            lock.release()

    # -- writing -------------------------------------------------------------------------
    def write_table(self, table: pa.Table, target: str, row_group_size: int = ROW_GROUP_SIZE) -> None:
        """Readers see the whole file or none of it."""
        if not self.local:
            pq.write_table(table, target, filesystem=self.fs, compression="zstd", row_group_size=row_group_size)
            return
        os.replace(self._written_aside(table, target, row_group_size), target)

    @staticmethod
    def _written_aside(table: pa.Table, target: str, row_group_size: int = ROW_GROUP_SIZE) -> str:
        """`table` written and synced under a `.tmp` name beside local `target`; that name."""
        os.makedirs(posixpath.dirname(target), exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_size)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        return tmp

    def write_part(self, table: str, month: str, run_id: str, part: int, data: pa.Table) -> str:
        target = posixpath.join(self.table_dir(table, month), f"part-{run_id}-{part:05d}.parquet")
        self.write_table(data, target, LOOKUP_ROW_GROUP_SIZE if table in LOOKUP_TABLES else ROW_GROUP_SIZE)
        return target

    def commit(self, run_row: dict) -> None:
        """The commit point of a run: its row in `runs`, then the snapshot that shows it."""
        # The run's parts were written by its workers, other processes: listings this one
        # cached before (an object store's client keeps them) would hide them.
        self.fs.invalidate_cache()
        data = pa.Table.from_pylist([run_row], schema=TABLES["runs"])
        self.write_table(data, posixpath.join(self.table_dir("runs"), f"part-{run_row['run_id']}.parquet"))
        self.snapshot(run_row["run_id"])

    # -- what is current -----------------------------------------------------------------
    def duckdb_connection(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection that can read this lake."""
        import duckdb   # here: the ingest workers, which only write Parquet, never load it
        return self.reach(duckdb.connect())

    def reach(self, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        """Let `con` read this lake: one in object storage through its fsspec filesystem
        (DuckDB would otherwise try to download its httpfs extension for s3:// paths)."""
        if not self.local:
            con.execute("SET autoinstall_known_extensions = false")
            con.execute("SET autoload_known_extensions = false")
            con.register_filesystem(self.fs)
        return con

    def snapshot(self, run_id: str) -> str:
        """Work out what is current and write it as a snapshot named after `run_id` (a
        committed run: the last one). The definition of "current" is this query: per file
        path, the `sources` row of the committed run that finished last; per such row that
        is `ok`, the articles that run wrote for it."""
        taken = datetime.now(timezone.utc)
        q = lambda table: sql_path(self.url(table))  # noqa: E731
        sql = f"""
        WITH runs AS (SELECT run_id, finished_at FROM read_parquet('{q("runs")}/*.parquet', union_by_name = true)),
        current AS (
            SELECT s.* EXCLUDE (month) FROM read_parquet('{q("sources")}/*/*.parquet', hive_partitioning = true,
                hive_types = {{'month': 'VARCHAR'}}, union_by_name = true) AS s
            JOIN runs AS r ON r.run_id = s.run_id
            QUALIFY row_number() OVER (PARTITION BY s.source_path ORDER BY r.finished_at DESC, s.run_id DESC) = 1
        ), shown AS (
            SELECT a.source_path, a.source_id, a.run_id,
                   list({{'article_id': a.article_id, 'n_words': a.n_words}} ORDER BY a.seq, a.article_id) AS articles
            FROM read_parquet('{q("articles")}/*/*.parquet', hive_partitioning = true,
                hive_types = {{'month': 'VARCHAR'}}, union_by_name = true) AS a
            SEMI JOIN current AS c ON a.source_path = c.source_path AND a.source_id = c.source_id
                                  AND a.run_id = c.run_id AND c.status = 'ok'
            GROUP BY ALL
        )
        SELECT c.*, s.articles, '{taken.isoformat()}'::TIMESTAMPTZ AS taken_at
        FROM current AS c LEFT JOIN shown AS s USING (source_path, source_id, run_id)
        ORDER BY c.source_path"""
        con = self.duckdb_connection()
        try:
            data = con.sql(sql).to_arrow_table()
        finally:
            con.close()
        return self._place_snapshot(conform(data, "live"), run_id)

    def _place_snapshot(self, data: pa.Table, run_id: str) -> str:
        """Put the snapshot in `live/` under the name of the moment it becomes visible, and
        return once that moment has passed (the caller's next query sees it)."""
        named = lambda visible: posixpath.join(self.table_dir("live"), f"part-{run_id}-{visible}.parquet")  # noqa: E731
        # Written first, so that placing it (all the lead must cover) is a rename or one PUT.
        if self.local:
            staged = self._written_aside(data, named("next"))
            place = lambda target: os.replace(staged, target)  # noqa: E731
        else:
            buf = pa.BufferOutputStream()
            pq.write_table(data, buf, compression="zstd", row_group_size=ROW_GROUP_SIZE)
            place = lambda target: self.fs.pipe_file(target, buf.getvalue().to_pybytes())  # noqa: E731
        visible = _now_us() + int(SNAPSHOT_LEAD_SECONDS["local" if self.local else "remote"] * 1e6)
        target = named(visible)
        place(target)
        late_us = _now_us() - visible
        if late_us > 0:
            # A query that began in those `late_us` may have read two states; say so.
            log.warning("snapshot %s was placed %.3f s after the moment it names", target, late_us / 1e6)
        else:
            time.sleep(-late_us / 1e6)
        return target

    def snapshot_is_current(self) -> bool:
        """Whether the newest snapshot was taken after the last commit (false after a crash
        between a commit and its snapshot, or in a lake from before snapshots)."""
        con = self.duckdb_connection()
        try:
            finished, taken = con.execute(f"""
                SELECT (SELECT max(finished_at) FROM read_parquet('{sql_path(self.url("runs"))}/*.parquet')),
                       (SELECT max(taken_at) FROM read_parquet('{sql_path(self.url("live"))}/*.parquet'))""").fetchone()
        finally:
            con.close()
        return finished is None or (taken is not None and taken >= finished)

    def ensure_snapshot(self) -> bool:
        """Take the snapshot the last commit did not (caller holds the writer lock); True
        when one was taken."""
        if self.snapshot_is_current():
            return False
        self.snapshot(max(self.committed_runs()))
        return True

    def put_file(self, local: str | os.PathLike, name: str) -> None:
        """Place a local file in the lake root under `name`, atomically."""
        target = self.path(name)
        if self.local:
            os.replace(local, target)
        else:
            self.fs.put_file(str(local), target)

    # -- reading state -------------------------------------------------------------------
    def _glob(self, pattern: str) -> list[str]:
        return sorted(self.fs.glob(self.path(pattern)))

    def committed_runs(self) -> set[str]:
        ids: set[str] = set()
        for f in self._glob("runs/part-*.parquet"):
            m = _PART.match(posixpath.basename(f))
            if m and m["run"] != "schema":
                ids.add(m["run"])
        return ids

    def part_files(self) -> Iterator[tuple[str, str]]:
        """(file, run_id) for every data file of every table."""
        for table in TABLES:
            pattern = f"{table}/*/part-*.parquet" if table in PARTITIONED else f"{table}/part-*.parquet"
            for f in self._glob(pattern):
                m = _PART.match(posixpath.basename(f))
                if m and m["run"] != "schema":
                    yield f, m["run"]

    def remove(self, files: list[str]) -> None:
        for f in files:
            try:
                self.fs.rm_file(f)
            except FileNotFoundError:
                pass

    def remove_orphans(self, grace_seconds: float = RETIRED_GRACE_SECONDS) -> int:
        """Delete what dead runs left (files of uncommitted runs, `.tmp` files) and the files
        compactions retired more than `grace_seconds` ago. Call only while holding the writer
        lock (no other run can be writing)."""
        committed = self.committed_runs()
        dead = [f for f, run in self.part_files() if run not in committed]
        dead += self._old_snapshots(grace_seconds)
        if self.local:
            dead += [p.as_posix() for p in Path(self.base).rglob("*.tmp")]
        self.remove(dead)
        return len(dead) + self._empty_trash(committed, grace_seconds)

    def _snapshot_times(self) -> dict[str, int]:
        """Snapshot file → when it became visible (epoch µs, from its name; the time it was
        taken, in lakes from before the lead)."""
        taken = {}
        for f in self._glob("live/part-*.parquet"):
            m = _PART.match(posixpath.basename(f))
            if m and m["run"] != "schema":
                taken[f] = int(f.rsplit("-", 1)[1].split(".")[0])
        return taken

    def last_snapshot(self) -> tuple[int | None, int] | None:
        """(the newest modification time among the files the newest snapshot lists, in epoch
        µs, None when it lists none; how many files it lists), read from its footer, no rows;
        None in a lake without one. Cheap enough to ask before a run has the lake prepared.
        The time is the inbox's file system's, not this process's clock: the two differed by
        8 minutes on a CI machine, and a file changed after the commit looked older than it."""
        taken = self._snapshot_times()
        if not taken:
            return None
        meta = pq.read_metadata(max(taken, key=taken.get), filesystem=self.fs)
        column = meta.schema.names.index("mtime")
        stats = [meta.row_group(i).column(column).statistics for i in range(meta.num_row_groups)]
        # A timestamp column's raw statistics are its int64 µs.
        newest = max((s.max_raw for s in stats if s is not None and s.has_min_max), default=None)
        return newest, meta.num_rows

    def cached_idf(self) -> tuple[int, dict[str, float]] | None:
        """(articles it was worked out over, term → IDF) as `cache_idf` last stored it."""
        stored = {}     # file → (stored at, in epoch µs; articles), from its name
        for f in self._glob(f"{IDF_CACHE}/idf-*-*.parquet"):
            at, n_docs = posixpath.basename(f).removesuffix(".parquet").split("-")[1:]
            stored[f] = (int(at), int(n_docs))
        if not stored:
            return None
        newest = max(stored, key=stored.get)
        data = pq.read_table(newest, filesystem=self.fs)
        return stored[newest][1], dict(zip(data["term"].to_pylist(), data["idf"].to_pylist()))

    def cache_idf(self, n_docs: int, idf: dict[str, float]) -> None:
        """Store the IDF worked out over `n_docs` articles, in place of the one before (call
        only while holding the writer lock)."""
        older = self._glob(f"{IDF_CACHE}/idf-*.parquet")
        data = pa.table({"term": pa.array(list(idf), pa.string()), "idf": pa.array(list(idf.values()), pa.float64())})
        self.write_table(data, self.path(IDF_CACHE, f"idf-{_now_us()}-{n_docs}.parquet"))
        self.remove(older)

    def _old_snapshots(self, grace_seconds: float) -> list[str]:
        """Snapshots a newer one replaced more than `grace_seconds` ago (readers that began
        before the switch have finished with them)."""
        taken = self._snapshot_times()
        by_time = sorted(taken, key=taken.get)
        cutoff = (time.time() - grace_seconds) * 1e6
        # Each snapshot but the newest was replaced when the next one was taken.
        return [f for f, nxt in zip(by_time, by_time[1:]) if taken[nxt] < cutoff]

    def retire(self, run_id: str, files: list[str]) -> None:
        """List `files` for deletion once run `run_id` (which replaced them) has committed.
        Written before that commit: if the run dies, the list is dropped, the files stay."""
        self.fs.makedirs(self.path(TRASH), exist_ok=True)
        with self.fs.open(self.path(TRASH, f"{run_id}.json"), "w") as f:
            json.dump({"retired_at": time.time(), "files": files}, f)

    def _empty_trash(self, committed: set[str], grace_seconds: float) -> int:
        removed = 0
        for marker in self._glob(f"{TRASH}/*.json"):
            run_id = posixpath.basename(marker)[: -len(".json")]
            if run_id in committed:
                with self.fs.open(marker, "r") as f:
                    listed = json.load(f)
                if time.time() - listed["retired_at"] < grace_seconds:
                    continue
                self.remove(listed["files"])
                removed += len(listed["files"])
            self.remove([marker])
        return removed


def month_dir_of(file: str) -> tuple[str, str] | None:
    """(table, month) of a partitioned data file's path, else None."""
    parent = posixpath.basename(posixpath.dirname(file))
    if not parent.startswith("month="):
        return None
    return posixpath.basename(posixpath.dirname(posixpath.dirname(file))), parent[len("month="):]
