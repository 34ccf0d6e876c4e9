"""A Prefect API for the command line's runs.

With no PREFECT_API_URL, Prefect starts a temporary server on demand, but only the process
that started it knows its address: other processes that run tasks (a local Dask cluster's
workers) would each start one of their own (seconds each). So the command line starts it once,
up front, and hands its address to every process it spawns.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def prefect_api() -> Iterator[str | None]:
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
    if get_current_settings().api.url:
        yield get_current_settings().api.url
        return
    from prefect.server.api.server import SubprocessASGIServer
    server = SubprocessASGIServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()
