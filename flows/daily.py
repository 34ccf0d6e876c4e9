"""The daily ingest: discover → read → split → enrich → write → publish, over one inbox."""
from __future__ import annotations

import time
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.futures import as_completed
from prefect.runtime import flow_run

from flows.pool import AGENT_POOLS, LocalPool, default_workers
from flows.progress import DISPLAY
from flows.settings import require_location
from flows.steps import (BatchInput, commit_run, compact_lake, discover_files, ingest_batch_task, link_reuse,
                         load_idf, load_state, prepare_lake, publish, run_row)
from tasks.ingest import plan
from tasks.ingest.papers import read_profiles
from tasks.ingest.plan import BatchResult, Settings
from tasks.lake.store import Lake, LakeBusy, new_run_id

# Each run adds a file per table and month; past this many, the month is merged.
AUTO_COMPACT_FILES = 8


# A run that hangs (a stuck disk, a stuck worker) must not hold the lake lock forever.
@flow(name="daily-ingest", log_prints=False, timeout_seconds=6 * 3600)
def daily_ingest(input: str, lake: str, paper: str | None = None, workers: int | None = None,
                 engine: str = "fast", wait_seconds: float = 600, dask_address: str | None = None,
                 batch_bytes: int = plan.TARGET_BATCH_BYTES, analyses: bool = True) -> dict:
    """Ingest every text file under `input` into the lake at `lake`; incremental.

    `workers` processes (default: all cores) or the Dask cluster at `dask_address` run the
    batches of about `batch_bytes` each; a second run on the same lake waits `wait_seconds`
    for the first, then gives up. `analyses=False` leaves out quotations and text reuse (their
    tables get no rows for this run's articles)."""
    input, lake = require_location(input, "input"), require_location(lake, "lake")
    logger = get_run_logger()
    workers = workers or default_workers()
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    run_id = new_run_id(started)
    store = Lake(lake)
    # a paper's profile tips what the splitter cannot infer; the inbox's overrules the lake's
    profiles = read_profiles(input, lake)      # (a lake in object storage has none: no local file)
    try:
        with store.writer_lock(wait_seconds):
            row, results, n_batches = _ingest(input, str(store.root), run_id, started, workers,
                                              Settings(lake=str(store.root), run_id=run_id, paper=paper,
                                                       engine=engine, profiles=profiles, analyses=analyses),
                                              dask_address, batch_bytes)
    except LakeBusy as e:
        logger.warning("%s; waited %ss, nothing done", e, wait_seconds)
        return {"run_id": None, "status": "busy", "lake": str(store.root)}
    summary = {**row, "status": "ok", "lake": str(store.root), "database": str(store.database),
               "flow_run_id": str(flow_run.id),
               "rejections": [(o.rel, o.error) for r in results for o in r.outcomes if o.status == "rejected"],
               "wall_seconds": time.perf_counter() - t0, "workers": workers, "batches": n_batches,
               "work_seconds": sum(r.seconds for r in results),
               "processes": len({r.pid for r in results})}
    _report(summary)
    if row["files_new"] == 0 and row["files_rejected"] == 0:
        logger.info("nothing new: %d files seen, all already in the lake", row["files_seen"])
    else:
        logger.info("run %s: %d files seen, %d new, %d skipped, %d rejected, %d articles written",
                    run_id, row["files_seen"], row["files_new"], row["files_skipped"],
                    row["files_rejected"], row["articles_written"])
    return summary


def _ingest(inbox: str, lake: str, run_id: str, started: datetime, workers: int, settings: Settings,
            dask_address: str | None, batch_bytes: int) -> tuple[dict, list, int]:
    """The run proper, under the writer lock: discover → plan → run the batches → commit → publish."""
    entries = discover_files(inbox).unquote()
    with LocalPool.for_run(workers, settings.engine, dask_address) as pool:
        # the workers load their models while the lake is prepared, if the inbox looks new (in the
        # run agent, whose own thread has them loaded, only if it holds more than one batch)
        big = AGENT_POOLS.get() is None or sum(max(e.size, 0) for e in entries) > batch_bytes
        pool.start_if(pool.used and big and plan.lake_expects_work(entries, lake))
        prepare_lake(lake)
        known = load_state(lake).unquote()
        todo, unchanged = plan.split_unchanged(entries, known)
        batches = plan.make_batches(todo, workers, batch_bytes)
        results = _run_batches(batches, known, settings, lake, pool)
    if settings.analyses and any(r.articles for r in results):
        link_reuse(lake, run_id)
    row = run_row(run_id, started, inbox, len(entries), results, unchanged)
    commit_run(lake, row)
    compact_lake(lake, AUTO_COMPACT_FILES)
    publish(lake)
    return row, results, len(batches)


def _run_batches(batches: list, known: dict, settings: Settings, lake: str, pool: LocalPool) -> list[BatchResult]:
    """One task per batch, on the pool's processes (or Dask's workers)."""
    if not batches:
        return []
    pool.start_if(len(batches) > 1)     # where the hint missed (files with old times): during load_idf
    settings.idf = load_idf(lake).unquote()
    progress = DISPLAY.get()
    if progress:
        progress.start(sum(map(len, batches)), sum(max(e.size, 0) for b in batches for e in b))
    with pool.task_runner(len(batches)) as runner:
        futures = {runner.submit(ingest_batch_task, {"batch": BatchInput(batch, known, settings, i)}): batch
                   for i, batch in enumerate(batches)}
        if progress:
            for f in as_completed(futures):
                progress.advance(len(futures[f]), f.result().chars, sum(max(e.size, 0) for e in futures[f]))
        return [f.result() for f in futures]


def _report(s: dict) -> None:
    """The run's figures as a Prefect artifact, for the UI and for alerting."""
    lines = [
        f"# baoku run {s['run_id']}", "",
        "| figure | value |", "|---|---|",
        *(f"| {k} | {s[k]} |" for k in ("files_seen", "files_new", "files_skipped", "files_rejected",
                                      "articles_written", "chars", "workers", "batches")),
        f"| seconds | {s['wall_seconds']:.1f} |",
    ]
    if s["rejections"]:
        lines += ["", "## Rejected files", "", "| file | reason |", "|---|---|",
                  *(f"| {p} | {r} |" for p, r in s["rejections"])]
    create_markdown_artifact(markdown="\n".join(lines), key="baoku-run", description="baoku ingest run")
