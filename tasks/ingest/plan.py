"""What a run must do: the lake's current state per file, the work cut into batches, and what
a batch takes and gives back (light records: the flow's process plans with them and never
imports the pipeline itself)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from tasks.ingest.discover import FileEntry
from tasks.ingest.papers import Profile
from tasks.lake.store import Lake

MAX_FILE_BYTES = 64 * 1024 * 1024  # a bigger "page" is not a newspaper page: reject, don't swallow
TARGET_BATCH_BYTES = 4 * 1024 * 1024  # ≈1.3 M characters: seconds of work, so ~20 ms of Prefect per batch is noise
# Less work than one batch still goes to every worker while each gets at least this much
# (≈0.3 M characters, about half a second): a day's delivery of a few MB ran on one core.
MIN_SHARED_BATCH_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Known:
    """What the lake already holds for one path (its current committed version)."""
    source_id: str
    status: str
    error: str | None = None
    bytes: int | None = None
    mtime_us: int | None = None

    def unchanged(self, entry: FileEntry) -> bool:
        """Same size and modification time as when it was ingested: skip without reading
        (the rsync rule; a changed size or time means the content hash decides)."""
        return (self.status == "ok" and self.bytes == entry.size
                and self.mtime_us is not None and self.mtime_us == entry.mtime_ns // 1000)


@dataclass
class Settings:
    """Everything a batch needs besides its files; small and picklable."""
    lake: str
    run_id: str
    paper: str | None = None
    engine: str = "fast"
    idf: dict[str, float] | None = None
    max_bytes: int = MAX_FILE_BYTES
    profiles: dict[str, Profile] | None = None   # papers.toml of the inbox and the lake
    analyses: bool = True       # quotations and text reuse; off, the run writes none of them


@dataclass
class FileOutcome:
    rel: str
    status: str            # new | skipped | rejected
    articles: int = 0
    chars: int = 0
    error: str | None = None


@dataclass
class BatchResult:
    outcomes: list[FileOutcome] = field(default_factory=list)
    files_written: list[str] = field(default_factory=list)
    seconds: float = 0.0   # work time inside the batch (for the orchestration-overhead figure)
    pid: int = 0           # the process that did it (a run says how many worked in parallel)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def articles(self) -> int:
        return sum(o.articles for o in self.outcomes)

    @property
    def chars(self) -> int:
        return sum(o.chars for o in self.outcomes)


def split_unchanged(entries: list[FileEntry], known: dict[str, Known]) -> tuple[list[FileEntry], int]:
    """(files to read, number skipped because size and mtime match what the lake holds)."""
    todo = [e for e in entries if not (e.rel in known and known[e.rel].unchanged(e))]
    return todo, len(entries) - len(todo)


def expects_work(entries: list[FileEntry], newest_known_us: int | None, files_known: int | None = None) -> bool:
    """Whether a run will likely have files to read: the lake knows no file yet, a file was
    modified after the newest modification time the lake knows (`newest_known_us`, epoch µs:
    the same file system's clock), or the inbox has more files than the snapshot lists
    (`files_known`: some are new, whatever their times say, as a copy that keeps times
    delivers them). A hint, read before the lake is prepared, to start the workers early
    (split_unchanged decides); a changed file delivered with an old time is missed by it and
    only starts the workers later."""
    if newest_known_us is None:
        return bool(entries)
    # Not files that cannot be stat'ed (size -1): recording them needs no worker.
    readable = [e for e in entries if e.size >= 0]
    if files_known is not None and len(readable) > files_known:
        return True
    return any(e.mtime_ns // 1000 > newest_known_us for e in readable)


def lake_expects_work(entries: list[FileEntry], lake_root: str) -> bool:
    """`expects_work` against the lake's newest snapshot (its file names and one footer)."""
    return expects_work(entries, *(Lake(lake_root).last_snapshot() or (None, None)))


def _weight(e: FileEntry) -> int:
    """What a file costs to ingest, in bytes: nothing for one rejected unread (too large, or
    no size)."""
    return e.size if 0 <= e.size <= MAX_FILE_BYTES else 0


def make_batches(entries: list[FileEntry], workers: int,
                 target_bytes: int = TARGET_BATCH_BYTES) -> list[list[FileEntry]]:
    """Contiguous batches of about `target_bytes`, as many as a multiple of `workers` (at least
    two per worker when there is enough work), so the cores stay busy to the end: 7 batches
    on 2 cores kept one core idle for the last seventh of a whole-corpus run. Less work than
    one batch is shared by as many workers as get `MIN_SHARED_BATCH_BYTES` each."""
    total = sum(map(_weight, entries))
    if not entries:
        return []
    n = 1
    if total > target_bytes:
        rounds = max(2, math.ceil(total / target_bytes / workers))
        n = min(len(entries), rounds * workers)
    elif workers > 1:
        n = max(1, min(workers, len(entries), total // MIN_SHARED_BATCH_BYTES))
    per_batch = total / n
    batches: list[list[FileEntry]] = [[]]
    filled = in_batch = 0
    for e in entries:
        w = _weight(e)
        # Cut where the bytes so far come closest to a whole number of batches, so that no
        # batch comes out far bigger than the others however the file sizes fall; never
        # leave a batch with less than half its share (after one very big file).
        if (batches[-1] and len(batches) < n and filled + w / 2 > per_batch * len(batches)
                and in_batch >= per_batch / 2):
            batches.append([])
            in_batch = 0
        batches[-1].append(e)
        filled += w
        in_batch += w
    return batches
