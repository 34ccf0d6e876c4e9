"""The lake: where each table's Parquet files go, how a run commits, and what a dead run
leaves behind. A local folder or any fsspec URL (`s3://bucket/lake`).

Protocol (what makes runs incremental, crash-safe and safe for concurrent readers):
- every Parquet file appears whole: locally it is written under a `.tmp` name, synced and
  renamed into place; in object storage a PUT is atomic already. No reader's glob
  (`*.parquet`) ever matches a half-written file;
- a file's name carries the id of the run that wrote it: `part-<run_id>-<n>.parquet`;
- a run commits by writing its row of `runs`, last. The views keep only rows whose
  (source_id, run_id) is the current committed version of a file, so the rows of a run that
  is still going, or that died, are invisible, and a changed file's old rows vanish at the
  very moment its new rows appear;
- under the writer lock, files of runs that never committed are deleted (`remove_orphans`);
- files a compaction replaced are only listed for deletion (`retire`) and deleted by a later
  run once readers had time to finish queries that started before the switch (`empty_trash`).
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import secrets
import time
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout
from fsspec.core import url_to_fs

from tasks.schemas import PARTITIONED, TABLES

UNKNOWN_MONTH = "unknown"
TRASH = "_trash"  # lists of files that compactions replaced, deleted after a grace period
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
# Where the writer lock of a lake in object storage lives (buckets have no file locks; across
# machines, the deployment's concurrency limit of 1 keeps writers apart).
LOCK_DIR = Path(os.environ.get("BAOKU_LOCK_DIR", Path.home() / ".cache" / "baoku" / "locks"))


class LakeBusy(RuntimeError):
    """Another run holds the lake's writer lock."""


def new_run_id(now: datetime | None = None) -> str:
    """Sortable and unique: UTC time to the second, then random hex."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


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
        rows) even before a table has data."""
        for table, schema in TABLES.items():
            target = posixpath.join(self.table_dir(table, UNKNOWN_MONTH), "part-schema.parquet")
            if not self.fs.exists(target):
                self.write_table(schema.empty_table(), target)

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
        os.makedirs(posixpath.dirname(target), exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_size)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)

    def write_part(self, table: str, month: str, run_id: str, part: int, data: pa.Table) -> str:
        target = posixpath.join(self.table_dir(table, month), f"part-{run_id}-{part:05d}.parquet")
        self.write_table(data, target, LOOKUP_ROW_GROUP_SIZE if table in LOOKUP_TABLES else ROW_GROUP_SIZE)
        return target

    def commit(self, run_row: dict) -> None:
        """The commit point of a run: its row in `runs`."""
        data = pa.Table.from_pylist([run_row], schema=TABLES["runs"])
        self.write_table(data, posixpath.join(self.table_dir("runs"), f"part-{run_row['run_id']}.parquet"))

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
        if self.local:
            dead += [p.as_posix() for p in Path(self.base).rglob("*.tmp")]
        self.remove(dead)
        return len(dead) + self._empty_trash(committed, grace_seconds)

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
