"""The run agent: `baoku run` hands its flow to one process per PREFECT_HOME that keeps Prefect
and the models loaded; Prefect records the run as before, a failed run is reported and the agent
serves the next, other code or settings get a new agent, and `baoku server stop` ends it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from flows.server import alive as _alive
from tests.corpus import ROOT

SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"
BAOKU = str(Path(sys.executable).with_name("baoku"))      # the installed command
pytestmark = pytest.mark.timeout(400)


def _baoku(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def _gone(pid: int) -> bool:
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not _alive(pid)


def _agent(home) -> dict:
    return json.loads((home / "baoku-agent.json").read_text())


def test_runs_go_to_one_agent_that_prefect_records(tmp_path, prefect_env):
    home = tmp_path / "home"
    env = prefect_env.subprocess_env(PREFECT_HOME=str(home), BAOKU_AGENT="1")
    lake = tmp_path / "lake"
    first = _baoku(["run", "--input", str(SAMPLE_INBOX), "--lake", str(lake), "--json"], env)
    try:
        assert first.returncode == 0, first.stderr[-3000:]
        summary = json.loads(first.stdout.splitlines()[-1])
        assert summary["files_new"] == 4 and summary["articles_written"] > 0
        pid = _agent(home)["pid"]
        assert _alive(pid) and pid != os.getpid()
        # Prefect recorded the agent's run: the flow run the command names, completed
        with urllib.request.urlopen(f"{env['PREFECT_API_URL']}/flow_runs/{summary['flow_run_id']}") as r:
            flow_run = json.load(r)
        assert flow_run["state"]["type"] == "COMPLETED" and flow_run["parameters"]["lake"] == str(lake)

        # a relative lake is the command's, not the agent's working directory
        second = subprocess.run([BAOKU, "run", "--input", str(SAMPLE_INBOX), "--lake", "rel-lake"], cwd=tmp_path,
                                env=env, capture_output=True, text=True, timeout=300)
        assert second.returncode == 0, second.stderr[-3000:]
        assert (tmp_path / "rel-lake" / "baoku.duckdb").exists() and "files     4 seen, 4 new" in second.stdout
        assert _agent(home)["pid"] == pid                                # the same agent served it

        again = _baoku(["run", "--input", str(SAMPLE_INBOX), "--lake", str(lake), "--json"], env)
        assert json.loads(again.stdout.splitlines()[-1])["files_skipped"] == 4

        # a run that fails is reported, and the agent serves the next one
        a_file = tmp_path / "not-a-folder"
        a_file.write_text("x")
        failed = _baoku(["run", "--input", str(SAMPLE_INBOX), "--lake", str(a_file / "lake")], env)
        assert failed.returncode == 2 and "the run failed:" in failed.stderr and "Traceback" not in failed.stderr
        assert "Traceback" in (home / "baoku-agent.log").read_text()
        after = _baoku(["run", "--input", str(SAMPLE_INBOX), "--lake", str(lake), "--quiet"], env)
        assert after.returncode == 0 and _agent(home)["pid"] == pid

        # other settings (or code) than the agent was started with: a new agent, the old one ended
        other = _baoku(["run", "--input", str(SAMPLE_INBOX), "--lake", str(lake), "--quiet"],
                       {**env, "BAOKU_PAPER_HINT": "x"})
        assert other.returncode == 0, other.stderr[-3000:]
        assert _agent(home)["pid"] != pid and _gone(pid)
        pid = _agent(home)["pid"]
    finally:
        stopped = _baoku(["server", "stop"], env)
    assert "stopped   the run agent" in stopped.stdout
    assert _gone(pid) and not (home / "baoku-agent.json").exists()


def test_the_agent_relays_progress():
    """The run's progress calls reach the command's display as they are made."""
    from flows.agent import _Relay
    sent = []
    relay = _Relay(sent.append)
    relay.start(3, 300)
    relay.advance(1, 120, 100)
    assert sent == [{"progress": ["start", [3, 300]]}, {"progress": ["advance", [1, 120, 100]]}]
