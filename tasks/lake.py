"""The lake on disk: where each table's Parquet files go, how a run commits, and what a dead
run leaves behind.

Protocol (what makes runs incremental, crash-safe and safe for concurrent readers):
- every Parquet file is written under a `.tmp` name and renamed into place, so no reader's
  glob (`*.parquet`) ever matches a half-written file;
- a file's name carries the id of the run that wrote it: `part-<run_id>-<n>.parquet`;
- a run commits by writing its row of `runs`, last. The views keep only rows whose
  (source_id, run_id) is the current committed version of a file, so the rows of a run that
  is still going, or that died, are invisible, and a changed file's old rows vanish at the
  very moment its new rows appear;
- under the writer lock, files of runs that never committed are deleted (`remove_orphans`).
"""
from __future__ import annotations

import os
import re
import secrets
import time
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from tasks.schemas import PARTITIONED, TABLES

UNKNOWN_MONTH = "unknown"
_PART = re.compile(r"^part-(?P<run>[0-9TZ]+-[0-9a-f]+|schema)(?:-\d+)?\.parquet$")
# Parquet row groups sized for scans: big enough to amortise metadata, small enough to prune.
ROW_GROUP_SIZE = 256 * 1024


class LakeBusy(RuntimeError):
    """Another run holds the lake's writer lock."""


def new_run_id(now: datetime | None = None) -> str:
    """Sortable and unique: UTC time to the second, then random hex."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def month_of(day: date | None) -> str:
    return f"{day:%Y-%m}" if day else UNKNOWN_MONTH


class Lake:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).absolute()

    @property
    def database(self) -> Path:
        return self.root / "baoku.duckdb"

    def table_dir(self, table: str, month: str | None = None) -> Path:
        d = self.root / table
        return d / f"month={month}" if table in PARTITIONED else d

    # -- setup ---------------------------------------------------------------------------
    def init(self) -> None:
        """Create the folders and one empty file per table, so every view answers (with no
        rows) even before a table has data."""
        for table, schema in TABLES.items():
            d = self.table_dir(table, UNKNOWN_MONTH)
            target = d / "part-schema.parquet"
            if not target.exists():
                self.write_table(schema.empty_table(), target)

    @contextmanager
    def writer_lock(self, wait_seconds: float = 0) -> Iterator[None]:
        """One writer per lake. A second run waits up to `wait_seconds`, then gives up with
        LakeBusy (it never writes beside the first)."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / ".writer.lock"))
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout:
            raise LakeBusy(f"another run is writing {self.root}") from None
        try:
            yield
        finally:
            lock.release()

    # -- writing -------------------------------------------------------------------------
    @staticmethod
    def write_table(table: pa.Table, target: Path) -> None:
        """Write to `<target>.tmp`, fsync, rename: readers see the whole file or none."""
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
        pq.write_table(table, tmp, compression="zstd", row_group_size=ROW_GROUP_SIZE)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)

    def write_part(self, table: str, month: str, run_id: str, part: int, data: pa.Table) -> Path:
        target = self.table_dir(table, month) / f"part-{run_id}-{part:05d}.parquet"
        self.write_table(data, target)
        return target

    def commit(self, run_row: dict) -> None:
        """The commit point of a run: its row in `runs`."""
        data = pa.Table.from_pylist([run_row], schema=TABLES["runs"])
        self.write_table(data, self.table_dir("runs") / f"part-{run_row['run_id']}.parquet")

    # -- reading state -------------------------------------------------------------------
    def committed_runs(self) -> set[str]:
        runs_dir = self.table_dir("runs")
        ids: set[str] = set()
        if not runs_dir.exists():
            return ids
        for f in runs_dir.glob("part-*.parquet"):
            m = _PART.match(f.name)
            if m and m["run"] != "schema":
                ids.add(m["run"])
        return ids

    def part_files(self) -> Iterator[tuple[Path, str]]:
        """(file, run_id) for every data file of every table."""
        for table in TABLES:
            d = self.root / table
            if not d.exists():
                continue
            for f in d.rglob("part-*.parquet"):
                m = _PART.match(f.name)
                if m and m["run"] != "schema":
                    yield f, m["run"]

    def remove_orphans(self, older_than_seconds: float = 0) -> int:
        """Delete what dead runs left: files of uncommitted runs and `.tmp` files. Call only
        while holding the writer lock (no other run can be writing)."""
        committed = self.committed_runs()
        removed = 0
        now = time.time()
        for f, run in list(self.part_files()):
            if run not in committed and now - f.stat().st_mtime >= older_than_seconds:
                f.unlink(missing_ok=True)
                removed += 1
        for f in self.root.rglob("*.tmp"):
            if now - f.stat().st_mtime >= older_than_seconds:
                f.unlink(missing_ok=True)
                removed += 1
        return removed
