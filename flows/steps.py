"""The pipeline's steps as Prefect tasks: thin wrappers, one step each; the logic lives in the
plain functions of tasks/ and warehouse/ they call. Tasks work on batches of files, never on
single articles: a Prefect task run costs ~20 ms, more than splitting and enriching an article."""
from __future__ import annotations

from datetime import datetime, timezone

from prefect import get_run_logger, task
from prefect.cache_policies import NONE
from prefect.utilities.annotations import quote

from flows.pool import batch_executor, run_batch
from tasks.ingest.discover import FileEntry, discover
from tasks.ingest.plan import BatchResult, Known, Settings
from tasks.lake.store import Lake
from warehouse import current
from warehouse.build import build_database
from warehouse.compact import compact

# Lake I/O on a network disk or bucket fails transiently; parsing does not, so only the
# I/O-bound steps retry.
IO_RETRIES = dict(retries=3, retry_delay_seconds=[2, 10, 30], retry_jitter_factor=0.5)


@task(name="prepare-lake", cache_policy=NONE, **IO_RETRIES)
def prepare_lake(lake: str) -> int:
    """Create the lake's folders and clear what dead runs left (caller holds the lock)."""
    store = Lake(lake)
    store.init()
    removed = store.remove_orphans()
    if removed:
        get_run_logger().info("removed %d files left by an interrupted run", removed)
    if store.ensure_snapshot():     # a crash between a commit and its snapshot, or an old lake
        get_run_logger().info("took the snapshot the last commit had not")
    return removed


# Big values cross Prefect opaque: it walks every element of a task's parameters and of its
# return value (looking for futures and states), about 1 s per 150k entries, so a lake's IDF
# or the state of a large inbox would cost seconds per task and per batch. Return values are
# quoted (`.unquote()` gives them back); a batch's parameters are one `BatchInput`.
@task(name="discover", cache_policy=NONE, **IO_RETRIES)
def discover_files(inbox: str) -> quote:
    """quote(list[FileEntry])"""
    return quote(discover(inbox))


@task(name="lake-state", cache_policy=NONE, **IO_RETRIES)
def load_state(lake: str) -> quote:
    """quote(dict[str, Known])"""
    return quote(current.lake_state(lake))


@task(name="lake-idf", cache_policy=NONE, **IO_RETRIES)
def load_idf(lake: str) -> quote:
    """quote(keyword IDF from the lake's own articles, or None while the lake is small)"""
    return quote(current.lake_idf(lake))


class BatchInput:
    """One batch's files, what the lake knows of them and the run's settings: the single
    parameter of `ingest_batch_task`. A plain object, which Prefect does not walk (a
    dataclass, dict or list it would), and which reaches a Dask worker as it is (Dask rebuilds
    tuples, so a `quote` arrives there as a bare tuple)."""
    __slots__ = ("entries", "known", "settings", "part")

    def __init__(self, entries: list[FileEntry], known: dict[str, Known], settings: Settings, part: int):
        self.entries, self.settings, self.part = entries, settings, part
        self.known = {e.rel: known[e.rel] for e in entries if e.rel in known}

    def __repr__(self) -> str:      # what Prefect shows of the parameter
        return f"BatchInput(part {self.part}: {len(self.entries)} files)"


def run_batch_here(*args) -> BatchResult:
    """A batch in this process (a Dask worker, or a one-worker run): the pipeline is imported
    only here, so that the flow's own process, which only plans and commits, never loads it
    (its dictionaries' regexes alone took 0.5-2 s to compile)."""
    from tasks.pipeline import ingest_batch
    return ingest_batch(*args)


@task(name="ingest-batch", cache_policy=NONE)
def ingest_batch_task(batch: BatchInput) -> BatchResult:
    args = (batch.entries, batch.known, batch.settings, batch.part)
    executor = batch_executor()
    result = run_batch_here(*args) if executor is None else executor.submit(run_batch, *args).result()
    logger = get_run_logger()
    for o in result.outcomes:
        if o.status == "rejected":
            logger.warning("rejected %s: %s", o.rel, o.error)
        else:
            logger.debug("%s %s (%d articles)", o.status, o.rel, o.articles)
    return result


@task(name="link-reuse", cache_policy=NONE, **IO_RETRIES)
def link_reuse(lake: str, run_id: str) -> dict:
    """Compare the run's new articles with the lake's and with each other, and write the pairs
    that share long passages (before the commit, which makes them visible)."""
    from warehouse.reuse import link    # here: a run with nothing new never loads it
    result = link(lake, run_id)
    get_run_logger().info("text reuse: %d candidate pairs, %d compared, %d kept",
                          result["candidates"], result["compared"], result["pairs"])
    return result


@task(name="commit-run", cache_policy=NONE, **IO_RETRIES)
def commit_run(lake: str, run_row: dict) -> None:
    Lake(lake).commit(run_row)


@task(name="compact", cache_policy=NONE)
def compact_lake(lake: str, min_files: int) -> dict:
    """Merge months that gathered `min_files` or more small files (caller holds the lock)."""
    result = compact(lake, min_files=min_files)
    if result["months"]:
        get_run_logger().info("compacted %s: %d files merged (deleted after a grace period)",
                              ", ".join(result["months"]), result["files_retired"])
    return result


@task(name="publish", cache_policy=NONE, **IO_RETRIES)
def publish(lake: str) -> bool:
    """Make sure LAKE/baoku.duckdb has the current views (rebuilt only when they change)."""
    return build_database(lake)


def run_row(run_id: str, started: datetime, inbox: str, seen: int, results: list[BatchResult],
            unchanged: int = 0) -> dict:
    finished = datetime.now(timezone.utc)
    count = lambda status: sum(r.count(status) for r in results)  # noqa: E731
    return {
        "run_id": run_id, "started_at": started, "finished_at": finished,
        "files_seen": seen, "files_new": count("new"),
        "files_skipped": unchanged + count("skipped"), "files_rejected": count("rejected"),
        "articles_written": sum(r.articles for r in results), "kind": "ingest", "input": inbox,
        "chars": sum(r.chars for r in results), "seconds": (finished - started).total_seconds(),
    }
