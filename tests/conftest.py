"""Shared test setup: every test runs Prefect quiet, offline and in a throwaway PREFECT_HOME,
against one real Prefect server started for the session (no test process starts a temporary
server of its own: a slow first start made them time out).

Prefect reads its settings when it is first imported (prefect.context builds the global
settings then), and test modules import flows at collection time; so the environment is set in
`pytest_configure`, before any test module is imported, not in a fixture. The session fixture
`prefect_env` hands the values to tests that start Prefect processes of their own (a server, a
worker, `baoku run`): pass `prefect_env.subprocess_env()` as their env.
"""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows.settings import QUIET  # noqa: E402

QUIET_ENV = {**QUIET, "PREFECT_UI_ENABLED": "false"}     # as tests.servers.QUIET (imported here, pytest could not rewrite it)
# Settings from the developer's shell or profile that would send tests to some other server
# (or a cloud): tests only ever talk to servers they start themselves.
_CLEARED = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_PROFILE", "PREFECT_PROFILES_PATH")

# Real servers on 127.0.0.1 (Prefect, Dask, S3) as fixtures any test can ask for.
pytest_plugins = ["tests.servers"]

_state: dict[str, str] = {}
_servers: list = []      # the session's Prefect server


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "deploy: starts a real Prefect server and worker "
                                       "(slow, ~1-3 min; deselect with -m 'not deploy')")
    if "PREFECT_HOME" in _state:
        return
    home = tempfile.mkdtemp(prefix="baoku-prefect-home-")
    _state["PREFECT_HOME"] = home
    for key in _CLEARED:
        os.environ.pop(key, None)
    os.environ.update(QUIET_ENV)
    # commands run their flow in their own process; tests/test_agent.py turns the agent on
    os.environ["BAOKU_AGENT"] = "0"
    os.environ["PREFECT_HOME"] = home
    # an explicit profiles file inside the throwaway home: no ~/.prefect/profiles.toml leaks in
    os.environ["PREFECT_PROFILES_PATH"] = str(Path(home) / "profiles.toml")
    if config.option.collectonly or getattr(config, "workerinput", None) is not None:
        return
    from tests.servers import start_prefect_server
    # a session ended by SIGTERM (`timeout`, CI) still stops its server in pytest_unconfigure
    signal.signal(signal.SIGTERM, _interrupted)
    server, url = start_prefect_server(Path(home), Path(home) / "server.log")
    _servers.append(server)
    os.environ["PREFECT_API_URL"] = url


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def pytest_unconfigure(config: pytest.Config) -> None:
    from tests.servers import Processes
    while _servers:
        Processes.stop(_servers.pop())
    home = _state.pop("PREFECT_HOME", None)
    if home:
        shutil.rmtree(home, ignore_errors=True)


@dataclass(frozen=True)
class PrefectEnv:
    home: Path

    def subprocess_env(self, **extra: str) -> dict[str, str]:
        """The environment for a Prefect child process: this session's quiet settings,
        PREFECT_HOME and server (own ones via `extra`)."""
        env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
        env.update(QUIET_ENV)
        env["PREFECT_API_URL"] = os.environ["PREFECT_API_URL"]     # the session's server
        env["PREFECT_HOME"] = str(self.home)
        env["PREFECT_PROFILES_PATH"] = str(self.home / "profiles.toml")
        env.update(extra)
        return env


@pytest.fixture(scope="session", autouse=True)
def prefect_env() -> PrefectEnv:
    """The quiet Prefect environment of this session (set before collection, see above)."""
    home = Path(os.environ["PREFECT_HOME"])
    assert home.is_dir() and os.environ.get("DO_NOT_TRACK") == "1"
    return PrefectEnv(home)
