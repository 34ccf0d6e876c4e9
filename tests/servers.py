"""Real servers on 127.0.0.1 that tests start, use and always stop: a Prefect API server, a
Dask scheduler with workers, an S3-compatible object store (moto). The fixtures are a pytest
plugin (see conftest.py); `Processes` is for tests that start and watch processes of their own."""
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

from flows import settings
from tests.corpus import ROOT

BIN = Path(sys.executable).parent
# Prefect's quiet settings, and no UI for a test's server
QUIET = {**settings.QUIET, "PREFECT_UI_ENABLED": "false"}


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


class Processes:
    """Children started in their own process groups; `stop_all` ends each group (TERM, then KILL)."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict, cwd: Path = ROOT) -> subprocess.Popen:
        out = open(self.logs / f"{name}.log", "ab")
        p = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True)
        out.close()
        self.started.append((name, p))
        return p

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @staticmethod
    def stop(p: subprocess.Popen, grace: float = 10) -> None:
        """End the process's group and every descendant, also those in sessions of their own
        (a process worker starts each flow run in a new session). A process already reaped is
        left alone: its pid, and so its group id, may belong to someone else by now."""
        import psutil
        if p.poll() is not None:
            return
        try:
            family = psutil.Process(p.pid).children(recursive=True)
        except psutil.Error:
            family = []
        groups = {p.pid}
        for child in family:
            try:
                groups.add(os.getpgid(child.pid))
            except OSError:
                pass
        groups.discard(os.getpgid(0))            # never this test process's own group
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for g in groups:
                try:
                    os.killpg(g, sig)
                except (ProcessLookupError, PermissionError):
                    pass
            if sig == signal.SIGTERM:
                try:
                    p.wait(grace)
                except subprocess.TimeoutExpired:
                    pass
                psutil.wait_procs(family, timeout=2)
        p.wait()

    def stop_all(self) -> None:
        for _, p in reversed(self.started):
            self.stop(p)



@contextmanager
def process(cmd: list[str], env: dict, **kw) -> Iterator[subprocess.Popen]:
    """A background process in its own group, stopped with all its descendants at the end."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, **kw)
    try:
        yield p
    finally:
        Processes.stop(p, grace=20)


def start_prefect_server(home: Path, log: Path, timeout: float = 300) -> tuple[subprocess.Popen, str]:
    """A real Prefect server on 127.0.0.1 with its database under `home`: (its process, its
    API URL). Its first start creates the database, which took 17-18 s on a busy machine:
    more than the 20 s Prefect gives a temporary server, so the tests start one of their own,
    once, and wait for it as long as it takes."""
    port = free_port()
    env = {**os.environ, **QUIET, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    with open(log, "ab") as out:
        server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                   "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        wait_http(url + "/health", server, "prefect server", timeout)
    except BaseException:
        Processes.stop(server)
        raise
    return server, url


@pytest.fixture(scope="module")
def prefect_server_env() -> Iterator[dict]:
    """Env for processes that should report to the session's Prefect server (so none of them
    starts a temporary server of its own)."""
    yield {**QUIET, "PREFECT_API_URL": os.environ["PREFECT_API_URL"], "PREFECT_HOME": os.environ["PREFECT_HOME"]}


@pytest.fixture
def use_prefect_server(prefect_server_env, monkeypatch) -> Iterator[str]:
    """Point this process's flows at the real server too."""
    from prefect.settings import PREFECT_API_URL, temporary_settings
    monkeypatch.setenv("PREFECT_API_URL", prefect_server_env["PREFECT_API_URL"])
    with temporary_settings(updates={PREFECT_API_URL: prefect_server_env["PREFECT_API_URL"]}):
        yield prefect_server_env["PREFECT_API_URL"]
        # What this process's flows reported goes out while the server is still up: once it
        # is gone, Prefect's services retry every event at exit, a hang of many minutes.
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker
        EventsWorker.drain_all(timeout=60)
        APILogWorker.drain_all(timeout=60)


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
