"""Where a run's batches run: on a Dask cluster when given its address, else on this
machine's cores.

On this machine each batch is a Prefect task run in a thread of the flow's process, which hands
the batch to a plain process pool (`flows.pool.LocalPool`, through `flows.steps.BATCH_EXECUTOR`).
Prefect's own process pool would start the task engine in every worker: importing Prefect and
setting up its context and API client there cost 1-1.5 s per run, 10-15 % of a whole-corpus
run, for nothing the flow needs (states, retries and logs of the batch tasks stay with the
flow's process).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.pool import LocalPool
from flows.steps import BATCH_EXECUTOR


@contextmanager
def task_runner(workers: int, dask_address: str | None = None, pool: LocalPool | None = None
                ) -> Iterator[TaskRunner]:
    """The entered task runner for the batches of one run: Dask's, or threads that hand each
    batch to `pool` (a thread alone when one worker is enough and no pool was started)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner  # optional extra: only for clusters
        with DaskTaskRunner(address=dask_address) as runner:
            yield runner
        return
    if pool is None or workers <= 1 and pool.executor is None:   # no process to start
        with ThreadPoolTaskRunner(max_workers=1) as runner:
            yield runner
        return
    with ThreadPoolTaskRunner(max_workers=pool.workers) as runner:
        token = BATCH_EXECUTOR.set(pool.start())   # copied into each task's thread at submit
        try:
            yield runner
        finally:
            BATCH_EXECUTOR.reset(token)
