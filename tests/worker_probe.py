"""Functions a test runs inside a pool worker. Their own module: a worker imports the module
of the function it is sent, and the test modules import Prefect and DuckDB themselves."""
from __future__ import annotations

import sys


def batch_and_modules(inbox: str, lake: str) -> tuple[int, bool, bool]:
    """Ingest `inbox` as one batch: (articles written, whether pandas and DuckDB got loaded)."""
    from tasks.ingest.discover import discover
    from tasks.pipeline import Settings, ingest_batch
    result = ingest_batch(discover(inbox), {}, Settings(lake=lake, run_id="20260101T000000Z-abcdef"), 0)
    return result.articles, "pandas" in sys.modules, "duckdb" in sys.modules


def collector_after_batch(inbox: str, lake: str) -> tuple[int, int, int]:
    """Run `inbox` as one batch the way the flow sends one to a pool worker: (articles
    written, objects the garbage collector still walks, objects put out of its reach)."""
    import gc

    from flows.pool import run_batch
    from tasks.ingest.discover import discover
    from tasks.pipeline import Settings
    result = run_batch(discover(inbox), {}, Settings(lake=lake, run_id="20260101T000000Z-abcdef"), 0)
    return result.articles, len(gc.get_objects()), gc.get_freeze_count()
