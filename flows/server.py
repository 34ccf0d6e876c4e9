"""The local Prefect server of the command line: when no PREFECT_API_URL is set, `baoku` starts
one on first use (on 127.0.0.1, with its UI, its database under PREFECT_HOME) and every later
command reuses it, until `baoku server stop`.

Prefect's own fallback, a temporary server per command, cost 11-17 s of every command here
(its start and a database migration), and only the process that started it knew its address.
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import metadata
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
    return server if server and alive(server.pid) and server.healthy() else None


def template_db() -> Path:
    """An empty Prefect database, migrated by the installed Prefect (`make setup` builds it):
    a new PREFECT_HOME starts from a copy instead of migrating, 15 s → 6-8 s of a first start."""
    return Path(sys.prefix) / "share" / "baoku" / f"prefect-{metadata.version('prefect')}.db"


def build_template() -> Path:
    """Migrate an empty database once, in a scratch PREFECT_HOME, and keep it as the template."""
    target = template_db()
    with tempfile.TemporaryDirectory(prefix="baoku-prefect-db-") as scratch:
        env = {**os.environ, **QUIET, "PREFECT_HOME": scratch}
        env.pop("PREFECT_API_URL", None)
        env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)
        subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"], env=env,
                       check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(scratch) / "prefect.db", target.with_suffix(".tmp"))
        os.replace(target.with_suffix(".tmp"), target)
    return target


def wanted(env: dict[str, str] = os.environ) -> bool:
    """Whether a command will report to baoku's local server: no API named in the environment
    or in a Prefect profile (read as text: Prefect is not imported yet when this is asked)."""
    if env.get("PREFECT_API_URL"):
        return False
    profiles = Path(env.get("PREFECT_PROFILES_PATH") or prefect_home() / "profiles.toml")
    try:
        return "PREFECT_API_URL" not in profiles.read_text(encoding="utf-8")
    except OSError:
        return True


class Starting:
    """A server being started: its process and address, until `wait` finds it healthy."""

    def __init__(self, home: Path, port: int | None = None):
        home.mkdir(parents=True, exist_ok=True)
        if not (home / "prefect.db").exists() and template_db().exists():
            shutil.copyfile(template_db(), home / "prefect.db")
        port = port or (DEFAULT_PORT if _free(DEFAULT_PORT) else _free_port())
        env = {**os.environ, **QUIET, "PREFECT_HOME": str(home)}
        env.pop("PREFECT_API_URL", None)
        with open(home / "baoku-server.log", "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host",
                                             "127.0.0.1", "--port", str(port)], env=env, stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.home, self.server = home, Server(self.process.pid, port, str(home))

    def wait(self) -> Server:
        deadline = time.monotonic() + START_TIMEOUT
        while not self.server.healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                kill(self.process.pid, self.process)
                raise RuntimeError(f"the Prefect server did not start (see {self.home / 'baoku-server.log'})")
            time.sleep(0.2)
        _state_file(self.home).write_text(json.dumps(asdict(self.server)))
        return self.server


# The start begun early by the command line (`begin`), which `start` then waits for.
_BEGUN: dict[Path, Starting] = {}


def begin(home: Path | None = None) -> None:
    """Start the local server now, without waiting, if this command will want it and none runs:
    its start (6-15 s) then overlaps the command's own imports and the workers' model loading.
    A command that ends before taking it ends it too (nobody asked for it)."""
    home = home or prefect_home()
    if home not in _BEGUN and wanted() and running(home) is None:
        if not _BEGUN:
            atexit.register(_end_untaken)
        _BEGUN[home] = Starting(home)


def _end_untaken() -> None:
    while _BEGUN:
        process = _BEGUN.popitem()[1].process
        kill(process.pid, process)


def start(home: Path | None = None, port: int | None = None) -> tuple[Server, bool]:
    """The running server, else one started now: (server, whether it was started)."""
    home = home or prefect_home()
    if home in _BEGUN:
        return _BEGUN.pop(home).wait(), True
    server = running(home)
    if server:
        return server, False
    return Starting(home, port).wait(), True


def stop(home: Path | None = None) -> Server | None:
    """Stop the server baoku started under `home`; the one stopped, or None."""
    home = home or prefect_home()
    server = _recorded(home)
    if server is None:
        return None
    kill(server.pid)
    _state_file(home).unlink(missing_ok=True)
    return server


def local(announce=print) -> Server:
    """baoku's local server, started if needed (`announce` tells where its UI is when it starts it)."""
    server, started = start()
    if started:
        announce(f"prefect   started a local Prefect server: {server.ui_url} (its UI; `baoku server stop` ends it)")
    return server


@contextmanager
def prefect_api(announce=print) -> Iterator[str]:
    """The Prefect API this command reports to: PREFECT_API_URL if set, else baoku's local
    server, started if needed (`announce` tells where its UI is, the time it starts it)."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
    if get_current_settings().api.url:
        yield get_current_settings().api.url
        return
    server = local(announce)
    # child processes (a local Dask cluster's workers) report to it too
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def ui_url(api_url: str) -> str:
    return api_url.removesuffix("/").removesuffix("/api")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def kill(pid: int, child: subprocess.Popen | None = None) -> None:
    """End a process group we started (the server's uvicorn and workers, the run agent), TERM
    then KILL. `child`: the process is this one's own, reaped here (else it stays a zombie, which
    `alive` still sees)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        for _ in range(50):
            if (child.poll() is not None) if child else not alive(pid):
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


if __name__ == "__main__":      # `make setup`: python -m flows.server template
    if sys.argv[1:] == ["template"]:
        print(f"prefect database template {build_template()}")
