"""The local Prefect server of the command line: when no PREFECT_API_URL is set, `baoku` starts
one on first use (on 127.0.0.1, with its UI, its database under PREFECT_HOME) and every later
command reuses it, until `baoku server stop`.

Prefect's own fallback, a temporary server per command, cost 11-17 s of every command here
(its start and a database migration), and only the process that started it knew its address.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from flows.settings import QUIET

DEFAULT_PORT = 4200
START_TIMEOUT = 180         # a first start creates the database: 15-20 s, longer on a busy machine


@dataclass
class Server:
    pid: int
    port: int
    home: str

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    @property
    def ui_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.api_url + "/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()


def _state_file(home: Path) -> Path:
    return home / "baoku-server.json"


def _recorded(home: Path) -> Server | None:
    """The server baoku last started under `home`, as its state file says."""
    try:
        return Server(**json.loads(_state_file(home).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def running(home: Path | None = None) -> Server | None:
    """The server baoku started under `home` (PREFECT_HOME), if it still answers."""
    server = _recorded(home or prefect_home())
    return server if server and _alive(server.pid) and server.healthy() else None


def start(home: Path | None = None, port: int | None = None) -> tuple[Server, bool]:
    """The running server, else one started now: (server, whether it was started)."""
    home = home or prefect_home()
    server = running(home)
    if server:
        return server, False
    home.mkdir(parents=True, exist_ok=True)
    port = port or (DEFAULT_PORT if _free(DEFAULT_PORT) else _free_port())
    env = {**os.environ, **QUIET, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    with open(home / "baoku-server.log", "ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                    "--port", str(port)], env=env, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(process.pid, port, str(home))
    deadline = time.monotonic() + START_TIMEOUT
    while not server.healthy():
        if process.poll() is not None or time.monotonic() > deadline:
            _kill(process.pid)
            raise RuntimeError(f"the Prefect server did not start (see {home / 'baoku-server.log'})")
        time.sleep(0.2)
    _state_file(home).write_text(json.dumps(asdict(server)))
    return server, True


def stop(home: Path | None = None) -> Server | None:
    """Stop the server baoku started under `home`; the one stopped, or None."""
    home = home or prefect_home()
    server = _recorded(home)
    if server is None:
        return None
    _kill(server.pid)
    _state_file(home).unlink(missing_ok=True)
    return server


@contextmanager
def prefect_api(announce=print) -> Iterator[str]:
    """The Prefect API this command reports to: PREFECT_API_URL if set, else baoku's local
    server, started if needed (`announce` tells where its UI is, the time it starts it)."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
    if get_current_settings().api.url:
        yield get_current_settings().api.url
        return
    server, started = start()
    if started:
        announce(f"prefect   started a local Prefect server: {server.ui_url} (its UI; `baoku server stop` ends it)")
    # child processes (a local Dask cluster's workers) report to it too
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def ui_url(api_url: str) -> str:
    return api_url.removesuffix("/").removesuffix("/api")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def _kill(pid: int) -> None:
    """End the server's process group (uvicorn and its workers), TERM then KILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        for _ in range(50):
            if not _alive(pid):
                return
            time.sleep(0.1)


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
