"""What a worker process of the run's process pool does as it starts.

Its own module, importing nothing heavy: the pool pickles its initializer by reference, so
each worker imports the module that defines it. Defined beside the task runner it imported
Prefect into every worker (1.2 s each run, most of the flow's overhead over a direct run).
"""
from __future__ import annotations

import atexit
import logging
import os
import sys


def exit_without_teardown() -> None:
    """Run in each pool worker as it starts. Tearing down an interpreter that holds the
    dictionaries and models (millions of objects, freed one by one) kept the flow waiting
    1-2 s at the end of every run; the worker has nothing left to do by then."""
    atexit.register(_hard_exit)


def _hard_exit() -> None:
    # The pool's result queue was flushed before atexit runs; what is left is our own streams.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
