"""The run agent: one process per PREFECT_HOME that keeps Prefect imported and the models loaded
between commands (in its own process, and in the worker processes of its runs, which it keeps
for the next: `flows.pool.KeptPools`), so that `baoku run` pays for neither. The command sends its run over a Unix
socket; the agent runs the same flow, `daily_ingest`, which Prefect records as always, and sends
back the progress and the summary.

Measured on 2 cores (`time baoku run`, a Prefect server running): Prefect's import is 1.4-1.8 s
of every command and the models' load 1-2 s more; with the agent a run that finds nothing new
takes 0.9-1.1 s and the four sample pages 1.4 s, against 3.6-4.0 s and 4.8-5.2 s.

Its runs send no flow heartbeats: the command itself waits on the run, and Prefect's join of the
heartbeat thread cost 0.2-0.3 s of every command (medians, `time baoku run`, docs/PERFORMANCE.md).
The agent serves one run at a time, is replaced when baoku's code, the interpreter or the
environment it was started with differ from the command's, ends after IDLE_SECONDS without a
run, and `baoku server stop` ends it. BAOKU_AGENT=0 (the tests, scheduled runs) runs the flow in
the command's own process. A command interrupted while it waits leaves its run to finish in the
agent (it holds the lake's lock; it is in the Prefect UI).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from flows.server import alive, kill, prefect_home
from flows.settings import QUIET

IDLE_SECONDS = 30 * 60      # an idle agent gives its memory back
# Its kept worker processes (flows.pool.KeptPools) go sooner: ~0.5 GB on 2 cores, while runs
# that follow each other come within minutes.
POOL_IDLE_SECONDS = 10 * 60
START_TIMEOUT = 120
ROOT = Path(__file__).resolve().parents[1]
_CODE = ("flows", "tasks", "warehouse")


def enabled(env=os.environ) -> bool:
    return env.get("BAOKU_AGENT", "1") != "0"


# What changes from one shell or directory to the next without changing what a run does.
_VOLATILE = {"PWD", "OLDPWD", "SHLVL", "_", "COLUMNS", "LINES", "TERM_SESSION_ID", "WINDOWID"}


def identity(env=os.environ) -> str:
    """What an agent must share with the command it serves: the code (every source and compiled
    file's size and time), the interpreter, and the environment (Prefect's and baoku's settings,
    object-store credentials, proxies: all of it but the shell's own bookkeeping)."""
    h = hashlib.sha256(sys.executable.encode())
    for package in _CODE:
        for p in sorted((ROOT / package).rglob("*")):
            if p.suffix in (".py", ".so", ".sql", ".txt", ".json", ".toml") and "__pycache__" not in p.parts:
                st = p.stat()
                h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    for k in sorted(set(env) - _VOLATILE):
        h.update(f"{k}={env[k]}\0".encode())
    return h.hexdigest()[:16]


@dataclass
class Agent:
    pid: int
    socket: str
    identity: str


def _state_file(home: Path) -> Path:
    return home / "baoku-agent.json"


def _socket_path(home: Path) -> str:
    # Unix socket paths are limited to ~100 bytes: a short one in the temporary folder, per home
    digest = hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:12]
    return os.path.join(tempfile.gettempdir(), f"baoku-agent-{os.getuid()}-{digest}.sock")


def recorded(home: Path | None = None) -> Agent | None:
    try:
        return Agent(**json.loads(_state_file(home or prefect_home()).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def stop(home: Path | None = None) -> Agent | None:
    """End the agent of `home` (PREFECT_HOME), if one runs: the one ended, or None."""
    home = home or prefect_home()
    agent = recorded(home)
    if agent is None:
        return None
    if alive(agent.pid):
        kill(agent.pid)
    _state_file(home).unlink(missing_ok=True)
    Path(agent.socket).unlink(missing_ok=True)
    return agent


def _connect(agent: Agent) -> socket.socket | None:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(agent.socket)
        return s
    except OSError:
        s.close()
        return None


class Pending:
    """This home's agent, being started (or already running) while the command goes on."""

    def __init__(self, home: Path):
        self.home, want = home, identity()
        self.process = None
        home.mkdir(parents=True, exist_ok=True)
        # two commands at once: the second finds the agent the first started
        with open(home / "baoku-agent.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            agent = recorded(home)
            if agent and agent.identity == want and alive(agent.pid):
                self.agent = agent
                return
            stop(home)
            path = _socket_path(home)
            Path(path).unlink(missing_ok=True)
            with open(home / "baoku-agent.log", "ab") as log:
                self.process = subprocess.Popen([sys.executable, "-m", "flows.agent", str(home), path, want],
                                                cwd=ROOT, env={**os.environ, **QUIET}, stdin=subprocess.DEVNULL,
                                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            self.agent = Agent(self.process.pid, path, want)
            _state_file(home).write_text(json.dumps(asdict(self.agent)))

    def connect(self) -> socket.socket:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            conn = _connect(self.agent) if os.path.exists(self.agent.socket) else None
            if conn:
                return conn
            dead = self.process.poll() is not None if self.process else not alive(self.agent.pid)
            if dead or time.monotonic() > deadline:
                if self.process:
                    kill(self.process.pid, self.process)
                stop(self.home)
                raise AgentError(f"the baoku agent did not start (see {self.home / 'baoku-agent.log'})")
            time.sleep(0.05)


def begin() -> Pending:
    """This PREFECT_HOME's agent: the running one if it serves this code and environment, else
    one started now (its imports and model loading overlap the command's other waits)."""
    return Pending(prefect_home())


class AgentError(RuntimeError):
    """The run failed in the agent (its traceback is in the agent's log)."""


def run(pending: Pending, params: dict, api_url: str | None, progress=None) -> dict:
    """`daily_ingest(**params)` in the agent, reporting to `api_url` (None: the agent's own
    Prefect settings); `progress` gets the run's progress calls. The run's summary."""
    with pending.connect() as conn, conn.makefile("rwb") as f:
        f.write(json.dumps({"params": params, "api_url": api_url}).encode() + b"\n")
        f.flush()
        for line in f:
            event = json.loads(line)
            if "progress" in event:
                if progress is not None:
                    method, args = event["progress"]
                    getattr(progress, method)(*args)
            elif "summary" in event:
                return event["summary"]
            elif "error" in event:
                raise AgentError(event["error"])
    raise AgentError(f"the baoku agent (pid {pending.agent.pid}) ended during the run "
                     f"(see {pending.home / 'baoku-agent.log'})")


# -- the agent's own process ----------------------------------------------------------------

class _Relay:
    """The run's progress display, forwarded to the command as events."""

    def __init__(self, send: Callable[[dict], None]):
        self.send = send

    def start(self, files: int, size: int) -> None:
        self.send({"progress": ["start", [files, size]]})

    def advance(self, files: int, chars: int, size: int) -> None:
        self.send({"progress": ["advance", [files, chars, size]]})


def serve(home: Path, path: str, ident: str) -> None:
    """Accept runs on the socket at `path`, one at a time, until idle for IDLE_SECONDS."""
    from prefect.settings import (PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings,
                                  temporary_settings)

    from flows.daily import daily_ingest
    from flows.pool import AGENT_POOLS, KeptPools
    from flows.progress import DISPLAY
    from tasks.pipeline import warm_up

    pools = KeptPools()
    AGENT_POOLS.set(pools)
    Path(path).unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(8)
    listener.settimeout(60)
    # the models loaded before the first command needs them, in this process: small runs
    # go in its own thread, bigger ones to worker processes started for them
    threading.Thread(target=warm_up, daemon=True).start()
    last = time.monotonic()
    while time.monotonic() - last < IDLE_SECONDS and recorded(home) in (None, Agent(os.getpid(), path, ident)):
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            if time.monotonic() - last > POOL_IDLE_SECONDS:
                pools.release()
            continue
        with conn, conn.makefile("rwb") as f:
            def send(event: dict) -> None:
                try:
                    f.write(json.dumps(event, default=str, ensure_ascii=False).encode() + b"\n")
                    f.flush()
                except OSError:     # the command was interrupted: the run goes on
                    pass
            try:
                request = json.loads(f.readline())
                updates = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
                if request.get("api_url"):
                    updates[PREFECT_API_URL] = request["api_url"]
                token = DISPLAY.set(_Relay(send))
                try:
                    with temporary_settings(updates=updates):
                        summary = daily_ingest(**request["params"])
                        summary["api_url"] = get_current_settings().api.url
                finally:
                    DISPLAY.reset(token)
                send({"summary": summary})
            except Exception as e:      # the command reports it; the agent serves the next
                traceback.print_exc()
                sys.stdout.flush()
                send({"error": f"{type(e).__name__}: {e}"})
        last = time.monotonic()
    pools.release()
    listener.close()
    Path(path).unlink(missing_ok=True)


if __name__ == "__main__":
    from flows.settings import quiet
    quiet()
    serve(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
