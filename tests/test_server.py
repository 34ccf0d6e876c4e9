"""Without a PREFECT_API_URL, the first `baoku run` starts a local Prefect server under
PREFECT_HOME and says where its UI is; later commands reuse it; `baoku server stop` ends it and
nothing is left running."""
import os
import subprocess
import sys
import time

import pytest

from tests.corpus import ROOT

BAOKU = [sys.executable, "-m", "flows.cli"]
SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"

pytestmark = pytest.mark.timeout(400)


def _baoku(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([*BAOKU, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def test_runs_start_a_local_server_once_and_stop_ends_it(tmp_path, prefect_env):
    env = prefect_env.subprocess_env(PREFECT_HOME=str(tmp_path / "home"))
    env.pop("PREFECT_API_URL")
    lake = tmp_path / "lake"
    first = _baoku(["run", "--input", str(SAMPLE_INBOX), "--lake", str(lake), "--workers", "1"], env)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "started a local Prefect server: http://127.0.0.1:" in first.stdout, first.stdout
    assert "/runs/flow-run/" in first.stdout
    try:
        status = _baoku(["server", "status"], env)
        assert status.returncode == 0 and status.stdout.startswith("running"), status.stdout
        pid = int(status.stdout.split("pid ")[1].rstrip(")\n"))

        second = _baoku(["run", "--input", str(SAMPLE_INBOX), "--lake", str(lake), "--workers", "1"], env)
        assert second.returncode == 0, second.stderr[-3000:]
        assert "started a local Prefect server" not in second.stdout      # the same server, reused
        assert _baoku(["server", "status"], env).stdout == status.stdout
    finally:
        stopped = _baoku(["server", "stop"], env)
    assert stopped.stdout.startswith("stopped"), stopped.stdout
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid)
    after = _baoku(["server", "status"], env)
    assert after.returncode == 3 and after.stdout.startswith("stopped")
