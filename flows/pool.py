"""This machine's worker processes for a run: starting them (ahead of the flow when the
command line can), what each does as it starts, and the task runner that hands them the
batches.

A batch is a Prefect task run in a thread of the flow's process, which hands the batch's work
to a plain process pool: Prefect's own process pool would start its task engine in every
worker (importing Prefect and setting up its API client there cost 1–1.5 s per run) for
nothing the flow needs (the batch tasks' states, retries and logs stay with the flow's
process). So this module imports Prefect only inside `LocalPool.task_runner`: each worker
imports it to find its start-up function, and stays light.

A worker loads the dictionaries and models as it starts (about 1 s), so a pool is started as
soon as a run looks likely to have work (`tasks.ingest.plan.lake_expects_work`): by the
command line before it imports Prefect and creates the flow run (`PRESTARTED`), or by the
flow while it prepares the lake.
"""
from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Iterator

NO_PANDAS = Path(__file__).with_name("no_pandas")
# A page of real layout (the embedded sample) for a worker to warm up on.
SAMPLE_PAGE = Path(__file__).with_name("sample_inbox") / "工人日报" / "000_a0243c8890475cd2.txt"

# The pool that the batch tasks of the flow hand their work to; unset, a batch runs where its
# task runs (a Dask worker, or the one thread of a one-worker run).
BATCH_EXECUTOR: ContextVar[Executor | None] = ContextVar("baoku_batch_executor", default=None)


# Set in the run agent (flows/agent.py), whose own process has the models loaded: a run of one
# batch goes in its thread there, processes are started only for a run of several, and they
# are kept for the runs after it (`KeptPools`).
AGENT_POOLS: ContextVar["KeptPools | None"] = ContextVar("baoku_agent_pools", default=None)


def batch_executor() -> Executor | None:
    # Read through a function: a task shipped to Dask is pickled by value, with the globals
    # its code names, and a ContextVar cannot be pickled (a module function goes by name).
    return BATCH_EXECUTOR.get()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def runs_on_pool(workers: int, dask_address: str | None = None) -> bool:
    """Whether a run's batches go to this machine's worker processes (not to a Dask cluster,
    nor, with one worker, to the flow's own thread)."""
    return not dask_address and workers > 1


def without_pandas() -> None:
    """Nothing in a run uses pandas, but pyarrow imports it on its first array only to check
    for pandas input: 0.3 s (1.2 s on a busy machine) and 60 MB per process. A stand-in
    first on sys.path raises ImportError, so pyarrow goes on without it."""
    if "pandas" not in sys.modules:
        sys.path.insert(0, str(NO_PANDAS))


class LocalPool:
    """This machine's worker processes for one run, closed on leaving the `with` block."""

    def __init__(self, workers: int, engine: str = "fast", dask_address: str | None = None, kept: bool = False):
        self.workers, self.engine, self.dask_address = workers, engine, dask_address
        self.executor: ProcessPoolExecutor | None = None
        self.kept = kept        # outlives the run (`KeptPools`): leaving the `with` block leaves it running

    @classmethod
    def for_run(cls, workers: int, engine: str = "fast", dask_address: str | None = None) -> "LocalPool":
        """The pool started ahead of the flow for this run (`PRESTARTED`), else the run agent's
        kept one, else a new one."""
        kept = AGENT_POOLS.get()
        return (PRESTARTED.take(workers, engine, dask_address)
                or (kept.lend(workers, engine) if kept is not None and runs_on_pool(workers, dask_address) else None)
                or cls(workers, engine, dask_address))

    @property
    def used(self) -> bool:
        return runs_on_pool(self.workers, self.dask_address)

    def start(self) -> ProcessPoolExecutor:
        """The processes, started now if they are not: each loads the models while the caller
        goes on."""
        if self.executor is None:
            # spawn, not fork: the flow's process runs threads (Prefect's), which fork would
            # copy in whatever state they are in
            self.executor = ProcessPoolExecutor(max_workers=self.workers,
                                                mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_start_worker, initargs=(self.engine,))
            for _ in range(self.workers):   # a pool spawns a process per waiting task: all now
                self.executor.submit(int)
        return self.executor

    def start_if(self, likely: bool) -> None:
        """Start the processes if the run's batches go to them and `likely` says it has work."""
        if likely and self.used:
            self.start()

    @contextmanager
    def task_runner(self, batches: int):
        """The entered Prefect task runner for a run's batches: Dask's, or threads that hand
        each batch to this pool's processes once started (else one thread that runs them)."""
        from prefect.task_runners import ThreadPoolTaskRunner

        if self.dask_address:
            from prefect_dask import DaskTaskRunner  # optional extra: only for clusters
            with DaskTaskRunner(address=self.dask_address) as runner:
                yield runner
            return
        if self.executor is None:
            with ThreadPoolTaskRunner(max_workers=1) as runner:
                yield runner
            return
        with ThreadPoolTaskRunner(max_workers=min(self.workers, batches)) as runner:
            token = BATCH_EXECUTOR.set(self.executor)    # copied into each task's thread at submit
            try:
                yield runner
            finally:
                BATCH_EXECUTOR.reset(token)

    @property
    def broken(self) -> bool:
        """A worker died (killed for memory, say): the executor takes no more work."""
        return self.executor is not None and bool(getattr(self.executor, "_broken", False))

    def close(self) -> None:
        """The run is done with the pool: its processes end, unless it is kept."""
        if not self.kept:
            self.shutdown()

    def shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()
            self.executor = None

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Prestarted:
    """The pool the command line started for the run it is about to create; the flow of that
    run takes it (`LocalPool.for_run`), and the command line closes it if the flow never did
    (another run held the lake)."""

    def __init__(self) -> None:
        self.pool: LocalPool | None = None

    def start(self, inbox: str, lake: str, workers: int, engine: str = "fast",
              dask_address: str | None = None) -> bool:
        """Start the workers of a coming run on `inbox` now, if it runs on them and looks
        likely to have work; True if started."""
        from tasks.ingest import plan
        from tasks.ingest.discover import discover

        if not runs_on_pool(workers, dask_address):
            return False
        try:
            if not plan.lake_expects_work(discover(inbox), lake):
                return False
        except Exception:   # an unreachable lake, say: the flow reports it
            return False
        self.discard()
        self.pool = LocalPool(workers, engine)
        self.pool.start()
        return True

    def take(self, workers: int, engine: str, dask_address: str | None) -> LocalPool | None:
        """The pool if it has the run's shape (else it is closed)."""
        pool, self.pool = self.pool, None
        if pool is not None and (pool.workers, pool.engine, dask_address) == (workers, engine, None):
            return pool
        if pool is not None:
            pool.close()
        return None

    def discard(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.close()


PRESTARTED = Prestarted()


class KeptPools:
    """The run agent's worker processes, kept from one run to the next: a new pool's workers
    spend their first 1.3-1.5 s loading the models while its first batches wait, and kept
    workers have met the words of the runs before (the whole xwlb corpus, `baoku run` timed
    whole, 17.9-19.6 s -> 15.0-16.1 s on 2 cores; docs/PERFORMANCE.md). Ended by `release`
    after POOL_IDLE_SECONDS without a run, and with the agent."""

    def __init__(self) -> None:
        self.pools: dict[tuple[int, str], LocalPool] = {}

    def lend(self, workers: int, engine: str) -> LocalPool:
        """The kept pool of this shape, a new one (started by the run as any other) if there is
        none or its processes broke."""
        pool = self.pools.get((workers, engine))
        if pool is None or pool.broken:
            if pool is not None:
                pool.shutdown()
            pool = self.pools[workers, engine] = LocalPool(workers, engine, kept=True)
        return pool

    def release(self) -> None:
        """End every kept pool's processes."""
        for pool in self.pools.values():
            pool.shutdown()
        self.pools.clear()


# What runs in a worker process of the pool.

def _start_worker(engine: str) -> None:
    """As a worker starts: load the models and run the steps once, so that a pool started
    while the flow prepares the lake is ready when the batches come."""
    atexit.register(_exit_without_teardown)
    without_pandas()
    try:
        from tasks.pipeline import warm_up
        warm_up(engine, SAMPLE_PAGE if SAMPLE_PAGE.exists() else None)
        freeze_survivors()
    except Exception as e:      # an initializer that raises breaks the whole pool: the batches
        # load what they need themselves, and report what fails per file
        logging.getLogger("baoku.worker").warning("warm-up failed: %s: %s", type(e).__name__, e)


def run_batch(*args):
    """`tasks.pipeline.ingest_batch` in a worker of the pool."""
    from tasks.pipeline import ingest_batch
    try:
        return ingest_batch(*args)
    finally:
        freeze_survivors()


def freeze_survivors() -> None:
    """What is alive after a batch (the models, the words met so far) is put out of the
    garbage collector's walks, after one last collection: its full collections took 4 % of a
    worker's time walking these."""
    gc.collect()
    gc.freeze()


def _exit_without_teardown() -> None:
    """Tearing down an interpreter that holds the models (millions of objects, freed one by
    one) kept the flow waiting 1–2 s at the end of every run; the worker is done by then."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
