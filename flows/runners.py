"""Where a run's batches run: on a Dask cluster when given its address, else on this
machine's cores.

On this machine each batch is a Prefect task run in a thread of the flow's process, which hands
the batch to a plain process pool (`tasks.steps.BATCH_EXECUTOR`). Prefect's own process pool
would start the task engine in every worker: importing Prefect and setting up its context and
API client there cost 1-1.5 s per run, 10-15 % of a whole-corpus run, for nothing the flow
needs (states, retries and logs of the batch tasks stay with the flow's process).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Iterator

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.pool_worker import exit_without_teardown
from tasks.steps import BATCH_EXECUTOR


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@contextmanager
def task_runner(workers: int, dask_address: str | None = None) -> Iterator[TaskRunner]:
    """The entered task runner for the batches of one run."""
    if dask_address:
        from prefect_dask import DaskTaskRunner  # optional extra: only for clusters
        with DaskTaskRunner(address=dask_address) as runner:
            yield runner
        return
    if workers <= 1:   # no process to start: the batch runs in the task's thread
        with ThreadPoolTaskRunner(max_workers=1) as runner:
            yield runner
        return
    # spawn, not fork: the flow's process runs threads (Prefect's), which fork would copy
    # in whatever state they are in
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=exit_without_teardown) as pool, \
            ThreadPoolTaskRunner(max_workers=workers) as runner:
        token = BATCH_EXECUTOR.set(pool)   # copied into each task's thread at submit
        try:
            yield runner
        finally:
            BATCH_EXECUTOR.reset(token)
