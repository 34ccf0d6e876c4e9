"""prefect.yaml end to end, as an operator would use it: a real Prefect server (sqlite, on a free
port of 127.0.0.1), the `baoku` process work pool, `prefect deploy --all`, a triggered daily run
picked up by `prefect worker start --pool baoku`, then a second run over the unchanged inbox.

Every process started here runs in its own process group and is killed at the end, pass or fail.
Deselect with `-m "not deploy"`.
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from tests.servers import Processes

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PREFECT = str(BIN / "prefect")
SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"

pytestmark = [pytest.mark.deploy, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def procs(tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    ps = Processes(logs)
    atexit.register(ps.stop_all)    # also when pytest itself is interrupted
    try:
        yield ps
    finally:
        ps.stop_all()


@pytest.fixture(scope="module")
def server(prefect_env):
    """The session's Prefect server (conftest), and the env of a process that reports to it."""
    api = os.environ["PREFECT_API_URL"]
    return {"api": api, "env": prefect_env.subprocess_env(PREFECT_API_URL=api), "home": prefect_env.home}


def _cli(args: list[str], env: dict, timeout: float = 90, cwd: Path = ROOT) -> str:
    r = subprocess.run([PREFECT, *args], cwd=cwd, env=env, capture_output=True, text=True,
                       timeout=timeout, start_new_session=True)
    out = r.stdout + r.stderr
    assert r.returncode == 0, f"prefect {' '.join(args)} failed ({r.returncode}):\n{out[-4000:]}"
    return out


@contextmanager
def _client(api: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings
    with temporary_settings(updates={PREFECT_API_URL: api}):
        with get_client(sync_client=True) as client:
            yield client


def _trigger(server: dict) -> uuid.UUID:
    out = _cli(["deployment", "run", "daily-ingest/daily"], server["env"])
    m = re.search(r"UUID:\s*([0-9a-f-]{36})", out)
    assert m, f"no flow run id in:\n{out}"
    return uuid.UUID(m.group(1))


def _wait_final(api: str, flow_run_id: uuid.UUID, timeout: float, what, on_poll=lambda run: None):
    """Poll the API until the flow run is final; `what()` explains a timeout."""
    deadline = time.monotonic() + timeout
    with _client(api) as client:
        while True:
            run = client.read_flow_run(flow_run_id)
            if run.state and run.state.is_final():
                return run
            on_poll(run)
            if time.monotonic() > deadline:
                pytest.fail(f"flow run {flow_run_id} still {run.state.type if run.state else None} "
                            f"after {timeout:.0f} s; {what()}")
            time.sleep(1)


def _work(server: dict, procs: Processes, flow_run_id: uuid.UUID, name: str, timeout: float = 100):
    """One worker poll (`--run-once --limit 1` waits for the run it picked up); the run must
    end COMPLETED. Returns the final flow run."""
    # the flow-run subprocess inherits this env: INFO so the run's summary line reaches the API
    env = dict(server["env"], PREFECT_LOGGING_LEVEL="INFO", PREFECT_WORKER_QUERY_SECONDS="2")
    args = [PREFECT, "worker", "start", "--pool", "baoku", "--run-once", "--limit", "1"]
    workers = [procs.start(name, args, env)]

    def poll_again(run) -> None:
        # a one-shot poll that found nothing (the run was scheduled a moment late): poll again
        if workers[-1].poll() is not None and (run.state is None or run.state.is_scheduled()):
            workers.append(procs.start(name, args, env))

    run = _wait_final(server["api"], flow_run_id, timeout, lambda: f"worker log:\n{procs.log(name)[-4000:]}", poll_again)
    worker = workers[-1]
    try:
        worker.wait(30)   # the run's logs are sent when its process exits
    except subprocess.TimeoutExpired:
        Processes.stop(worker)
    assert run.state.is_completed(), (
        f"flow run ended {run.state.type}: {run.state.message}\nworker log:\n{procs.log(name)[-4000:]}")
    return run


def _artifacts_and_logs(api: str, flow_run_id: uuid.UUID) -> tuple[list, list[str]]:
    from prefect.client.schemas.filters import (ArtifactFilter, ArtifactFilterFlowRunId, LogFilter,
                                                LogFilterFlowRunId)
    with _client(api) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
    return artifacts, [entry.message for entry in logs]


def _runs(lake: Path) -> list[tuple]:
    con = duckdb.connect(str(lake / "baoku.duckdb"), read_only=True)
    try:
        return con.execute("SELECT files_seen, files_new, files_skipped, files_rejected, articles_written "
                           "FROM runs ORDER BY started_at").fetchall()
    finally:
        con.close()


def _articles(lake: Path) -> int:
    con = duckdb.connect(str(lake / "baoku.duckdb"), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def test_deploy_all_then_worker_runs_the_daily_ingest(tmp_path, server, procs):
    started = time.monotonic()
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    lake = tmp_path / "lake"
    prefect_file = tmp_path / "deploy" / "prefect.yaml"
    prefect_file.parent.mkdir()
    shutil.copy(ROOT / "prefect.yaml", prefect_file)
    env = dict(server["env"], BAOKU_INBOX=str(inbox), BAOKU_LAKE=str(lake), BAOKU_PAPER="")

    _cli(["work-pool", "create", "baoku", "--type", "process", "--overwrite"], env)
    out = _cli(["--no-prompt", "deploy", "--all", "--prefect-file", str(prefect_file)], env, timeout=120)
    for name in ("daily-ingest/daily", "weekly-report/weekly", "maintenance/maintenance"):
        assert name in out, out

    from prefect.client.schemas.schedules import CronSchedule
    with _client(server["api"]) as client:
        daily = client.read_deployment_by_name("daily-ingest/daily")
    assert daily.work_pool_name == "baoku"
    assert daily.parameters == {"input": str(inbox), "lake": str(lake), "paper": "", "wait_seconds": 1800}
    assert [(s.schedule.cron, s.schedule.timezone) for s in daily.schedules
            if isinstance(s.schedule, CronSchedule)] == [("30 6 * * *", "Asia/Shanghai")]
    assert daily.pull_steps == [{"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
    # one daily run at a time, whichever worker picks it up; a second one waits its turn
    assert daily.global_concurrency_limit.limit == 1
    assert daily.concurrency_options.collision_strategy == "ENQUEUE"

    # first run: the sample inbox lands in the lake
    first = _trigger(server)
    _work(server, procs, first, "worker-1")
    runs = _runs(lake)
    assert _articles(lake) > 0, (runs, procs.log("worker-1")[-4000:])
    assert len(runs) == 1 and runs[0][1] == runs[0][0] > 0, runs
    artifacts, logs = _artifacts_and_logs(server["api"], first)
    report = [a for a in artifacts if a.key == "baoku-run"]
    assert report and f"| files_new | {runs[0][1]} |" in report[0].data, artifacts
    assert any(" new, " in m and "articles written" in m for m in logs), logs

    # second run over the unchanged inbox: nothing ingested, and it says so
    articles_before = _articles(lake)
    second = _trigger(server)
    _work(server, procs, second, "worker-2")
    runs = _runs(lake)
    assert len(runs) == 2, runs
    seen, new, skipped, rejected, written = runs[-1]
    assert new == 0 and skipped == seen == runs[0][0] and rejected == 0 and written == 0, runs
    assert _articles(lake) == articles_before
    artifacts, logs = _artifacts_and_logs(server["api"], second)
    report = [a for a in artifacts if a.key == "baoku-run"]
    assert report and "| files_new | 0 |" in report[0].data
    assert any(m.startswith("nothing new") for m in logs), logs
    print(f"\ndeploy test: {time.monotonic() - started:.1f} s after the server was healthy")


def test_deploying_without_the_lake_variable_is_refused(tmp_path, server):
    # A deployment made with BAOKU_LAKE unset ran to Completed with an empty lake, writing one
    # into the code checkout; `prefect deploy` now stops at prefect.yaml's first build step.
    env = {k: v for k, v in server["env"].items() if k != "BAOKU_LAKE"}
    env["BAOKU_INBOX"] = str(tmp_path)
    _cli(["work-pool", "create", "baoku", "--type", "process", "--overwrite"], env)     # as it would exist
    r = subprocess.run([PREFECT, "--no-prompt", "deploy", "--all"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120, start_new_session=True)
    assert r.returncode != 0
    assert "BAOKU_LAKE is not set" in r.stdout + r.stderr, (r.stdout + r.stderr)[-3000:]
    with _client(server["api"]) as client:
        assert not [d for d in client.read_deployments() if d.name == "daily" and d.parameters.get("lake") == ""]


def test_baoku_serve_registers_the_schedules_and_runs_a_triggered_ingest(tmp_path, server, procs):
    """`baoku serve` (flows/serve.py) on the same kind of server: no work pool, no worker."""
    from prefect.client.schemas.schedules import CronSchedule
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    lake = tmp_path / "lake"
    env = dict(server["env"], PREFECT_RUNNER_POLL_FREQUENCY="2", PREFECT_LOGGING_LEVEL="INFO")
    serving = procs.start("serve", [str(BIN / "baoku"), "serve", "--input", str(inbox), "--lake", str(lake)],
                          env, cwd=tmp_path)     # any working directory: flows load by module path
    try:
        deadline = time.monotonic() + 60
        with _client(server["api"]) as client:
            while True:
                assert serving.poll() is None, f"baoku serve exited:\n{procs.log('serve')[-4000:]}"
                try:
                    daily = client.read_deployment_by_name("daily-ingest/daily")
                    if daily.parameters.get("input") == str(inbox):
                        break
                except Exception:    # not registered yet
                    pass
                assert time.monotonic() < deadline, f"no served deployment:\n{procs.log('serve')[-4000:]}"
                time.sleep(1)
            served = {name: client.read_deployment_by_name(name)
                      for name in ("daily-ingest/daily", "weekly-report/weekly", "maintenance/maintenance")}
        crons = {name: [(s.schedule.cron, s.schedule.timezone) for s in d.schedules
                        if isinstance(s.schedule, CronSchedule)] for name, d in served.items()}
        assert crons == {"daily-ingest/daily": [("30 6 * * *", "Asia/Shanghai")],
                         "weekly-report/weekly": [("0 8 * * 1", "Asia/Shanghai")],
                         "maintenance/maintenance": [("0 3 * * 0", "Asia/Shanghai")]}
        assert served["daily-ingest/daily"].parameters == {"input": str(inbox), "lake": str(lake.absolute()),
                                                           "paper": "", "wait_seconds": 1800}
        run = _wait_final(server["api"], _trigger(server), 90, lambda: f"serve log:\n{procs.log('serve')[-4000:]}")
        assert run.state.is_completed(), f"{run.state.type}: {run.state.message}\n{procs.log('serve')[-4000:]}"
        assert _articles(lake) > 0
    finally:
        Processes.stop(serving)
