"""What a worker process of the run's process pool does as it starts.

Its own module, importing nothing heavy: the pool pickles its initializer by reference, so
each worker imports the module that defines it. Defined beside the task runner it imported
Prefect into every worker (1.2 s each run, most of the flow's overhead over a direct run).
"""
from __future__ import annotations

import atexit
import importlib.abc
import logging
import os
import sys
from pathlib import Path

# A page of real layout (the embedded sample) for a worker to warm up on.
SAMPLE_PAGE = Path(__file__).with_name("sample_inbox") / "工人日报" / "000_a0243c8890475cd2.txt"


def start_worker(engine: str) -> None:
    """Run in each pool worker as it starts: load the models and run the steps once, so
    that a pool started while the flow prepares the lake is ready when the batches come."""
    exit_without_teardown()
    without_pandas()
    try:
        from tasks.pipeline import freeze_survivors, warm_up
        warm_up(engine, SAMPLE_PAGE if SAMPLE_PAGE.exists() else None)
        freeze_survivors()
    except Exception as e:      # an initializer that raises breaks the whole pool: the batches
        # load what they need themselves, and report what fails per file
        logging.getLogger("baoku.worker").warning("warm-up failed: %s: %s", type(e).__name__, e)


def without_pandas() -> None:
    """pyarrow imports pandas on its first array (0.3 s and 60 MB per worker, inside the first
    batch) only to check whether it was handed pandas objects; a batch never hands it any
    (Arrow and numpy throughout), so in a worker pandas is not found and pyarrow goes on
    without it. The process of `baoku run` does the same: nothing in a run uses pandas."""
    if "pandas" not in sys.modules:
        sys.meta_path.insert(0, _NoPandas())


class _NoPandas(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path=None, target=None):
        if fullname.partition(".")[0] == "pandas":
            raise ModuleNotFoundError("pandas is not loaded in an ingest worker", name=fullname)
        return None


def exit_without_teardown() -> None:
    """Tearing down an interpreter that holds the dictionaries and models (millions of
    objects, freed one by one) kept the flow waiting 1-2 s at the end of every run; the
    worker has nothing left to do by then."""
    atexit.register(_hard_exit)


def _hard_exit() -> None:
    # The pool's result queue was flushed before atexit runs; what is left is our own streams.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
