"""This machine's worker processes for a run, and starting them ahead of the flow.

No Prefect here: the command line starts the pool (`prestart`) before it imports Prefect and
creates the flow run (about a second, on one core), so the workers load their models in that
time instead of after the flow has begun; the flow then takes that pool (`LocalPool.for_run`).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from flows.pool_worker import start_worker


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def runs_on_pool(workers: int, dask_address: str | None = None) -> bool:
    """Whether a run's batches go to this machine's worker processes (not to a Dask cluster,
    nor, with one worker, to the flow's own thread)."""
    return not dask_address and workers > 1


class LocalPool:
    """This machine's worker processes for one run. Each loads the models as it starts
    (`flows.pool_worker.start_worker`, about 1 s), so the flow starts them as soon as a run
    looks likely to have work, and prepares the lake meanwhile; else they start with the
    first batch. Closed on leaving the `with` block."""

    def __init__(self, workers: int, engine: str = "fast"):
        self.workers, self.engine = workers, engine
        self.executor: ProcessPoolExecutor | None = None

    @classmethod
    def for_run(cls, workers: int, engine: str = "fast") -> "LocalPool":
        """The pool `prestart` started for this run when it has the same shape, else a new one."""
        global _prestarted
        pool = _prestarted
        if pool is not None and (pool.workers, pool.engine) == (workers, engine):
            _prestarted = None
            return pool
        discard_prestarted()
        return cls(workers, engine)

    def start(self) -> ProcessPoolExecutor:
        if self.executor is None:
            # spawn, not fork: the flow's process runs threads (Prefect's), which fork would
            # copy in whatever state they are in
            self.executor = ProcessPoolExecutor(max_workers=self.workers,
                                                mp_context=multiprocessing.get_context("spawn"),
                                                initializer=start_worker, initargs=(self.engine,))
            for _ in range(self.workers):   # a pool spawns a process per waiting task: all now
                self.executor.submit(int)
        return self.executor

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()
            self.executor = None

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_prestarted: LocalPool | None = None


def prestart(inbox: str, lake: str, workers: int, engine: str = "fast", dask_address: str | None = None) -> bool:
    """Start the workers of a coming run on `inbox` now, if it runs on them and looks likely
    to have work (`tasks.ingest.plan.lake_expects_work`, the flow's own hint); True if started. The
    flow of this process takes them; `discard_prestarted` closes them if it never does."""
    global _prestarted
    from tasks.ingest import plan
    from tasks.ingest.discover import discover

    if not runs_on_pool(workers, dask_address):
        return False
    try:
        if not plan.lake_expects_work(discover(inbox), lake):
            return False
    except Exception:   # an unreachable lake, say: the flow reports it; the workers start there if at all
        return False
    discard_prestarted()
    _prestarted = LocalPool(workers, engine)
    _prestarted.start()
    return True


def discard_prestarted() -> None:
    global _prestarted
    pool, _prestarted = _prestarted, None
    if pool is not None:
        pool.close()
