"""Which Prefect task runner does a run's batches: threads for one worker (no process start
cost), a local process pool for several, a Dask cluster when given its address."""
from __future__ import annotations

import atexit
import logging
import os
import sys

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def task_runner(workers: int, dask_address: str | None = None) -> TaskRunner:
    if dask_address:
        from prefect_dask import DaskTaskRunner  # optional extra: only for clusters
        return DaskTaskRunner(address=dask_address)
    if workers <= 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=workers, initializer=exit_without_teardown)


def exit_without_teardown() -> None:
    """Run in each pool worker as it starts. Tearing down an interpreter that holds the
    dictionaries and models (millions of objects, freed one by one) kept the flow waiting
    1-2 s at the end of every run; the worker has nothing left to do by then."""
    atexit.register(_hard_exit)


def _hard_exit() -> None:
    # atexit runs handlers last-registered first: Prefect's log and event workers, started
    # later by the first task, have drained by now, and the pool's queues were flushed
    # before atexit. What is left is to flush our own streams.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
