"""Which Prefect task runner does a run's batches: threads for one worker (no process start
cost), a local process pool for several, a Dask cluster when given its address."""
from __future__ import annotations

import os

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def task_runner(workers: int, dask_address: str | None = None) -> TaskRunner:
    if dask_address:
        from prefect_dask import DaskTaskRunner  # optional extra: only for clusters
        return DaskTaskRunner(address=dask_address)
    if workers <= 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=workers)
