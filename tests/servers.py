"""Real servers on 127.0.0.1 that tests start, use and always stop: a Prefect API server, a
Dask scheduler with workers, an S3-compatible object store (moto). Import the fixtures into a
test module to use them."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.corpus import ROOT

BIN = Path(sys.executable).parent
QUIET = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
         "PREFECT_SERVER_LOGGING_LEVEL": "WARNING", "PREFECT_UI_ENABLED": "false"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{what} did not start")
            time.sleep(0.3)


@contextmanager
def process(cmd: list[str], env: dict, **kw) -> Iterator[subprocess.Popen]:
    """A background process in its own group, killed with all its children at the end."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, **kw)
    try:
        yield p
    finally:
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
            try:
                os.killpg(p.pid, sig)
                p.wait(wait)
                break
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue


@pytest.fixture(scope="module")
def prefect_server_env(tmp_path_factory) -> Iterator[dict]:
    """Env for processes that should report to one real Prefect server (so none of them starts
    a temporary server of its own)."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    env = {**os.environ, **QUIET, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    with process([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                  "--port", str(port)], env) as server:
        url = f"http://127.0.0.1:{port}/api"
        wait_http(url + "/health", server, "prefect server")
        yield {**QUIET, "PREFECT_API_URL": url, "PREFECT_HOME": str(home)}


@pytest.fixture
def use_prefect_server(prefect_server_env, monkeypatch) -> Iterator[str]:
    """Point this process's flows at the real server too."""
    from prefect.settings import PREFECT_API_URL, temporary_settings
    monkeypatch.setenv("PREFECT_API_URL", prefect_server_env["PREFECT_API_URL"])
    with temporary_settings(updates={PREFECT_API_URL: prefect_server_env["PREFECT_API_URL"]}):
        yield prefect_server_env["PREFECT_API_URL"]


@pytest.fixture(scope="module")
def dask_cluster(prefect_server_env) -> Iterator[str]:
    """A Dask scheduler and two single-threaded worker processes on 127.0.0.1."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, **prefect_server_env, "PYTHONPATH": str(ROOT)}
    with process([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                  "--dashboard-address", f"127.0.0.1:{free_port()}"], env) as scheduler, \
         process([str(BIN / "dask"), "worker", address, "--nworkers", "2", "--nthreads", "1",
                  "--dashboard-address", "127.0.0.1:0"], env, cwd=ROOT):
        from distributed import Client
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(1, timeout=30)
                break
            except OSError:
                if scheduler.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("dask scheduler did not start")
                time.sleep(0.5)
        yield address


@pytest.fixture(scope="module")
def s3_server() -> Iterator[dict]:
    """An S3-compatible server (moto) on 127.0.0.1, and the env that points S3 clients at it."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    with process([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)], dict(os.environ)) as server:
        wait_http(endpoint + "/moto-api/", server, "moto server")
        yield {"AWS_ACCESS_KEY_ID": "baoku", "AWS_SECRET_ACCESS_KEY": "baoku-secret",
               "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint}
