"""Without a PREFECT_API_URL, the first `baoku run` starts a local Prefect server under
PREFECT_HOME and says where its UI is; later commands reuse it; `baoku server stop` ends it and
nothing is left running."""
import subprocess
import sys
import time

import pytest

from flows.server import alive as _alive
from tests.corpus import ROOT

BAOKU = [sys.executable, "-m", "flows.cli"]
SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"

pytestmark = pytest.mark.timeout(400)


def _baoku(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([*BAOKU, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


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


def test_a_new_home_starts_from_the_migrated_template(tmp_path):
    """`make setup` migrates an empty Prefect database once; a new PREFECT_HOME starts from a
    copy of it instead of migrating its own (the bulk of a first start)."""
    import hashlib
    import sqlite3

    from flows import server
    template = server.template_db()
    if not template.exists():
        pytest.skip(f"no template at {template}: `make setup` builds it (python -m flows.server template)")
    with sqlite3.connect(template) as db:
        tables = {t for t, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert db.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    assert {"flow_run", "task_run", "artifact"} <= tables
    home = tmp_path / "home"
    starting = server.Starting(home)
    try:
        # compared at once: the new server spends seconds importing before it opens the file
        digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()   # noqa: E731
        assert digest(home / "prefect.db") == digest(template)
        assert starting.wait().healthy()
    finally:
        server.kill(starting.process.pid)


def test_a_server_begun_early_and_never_taken_is_ended(tmp_path, monkeypatch):
    """`baoku run` begins the server's start before it imports the rest; a command that ends
    before it takes the server (an error, Ctrl-C) ends that server too: no process left behind."""
    from flows import server
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_PROFILES_PATH", str(tmp_path / "profiles.toml"))
    home = tmp_path / "home"
    server.begin(home)
    try:
        pid = server._BEGUN[home].process.pid
        assert _alive(pid)
    finally:
        server._end_untaken()
    assert not _alive(pid) and not (home / "baoku-server.json").exists()
    # with an API named, nothing is begun
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    server.begin(home)
    assert home not in server._BEGUN
