"""The daily flow under Prefect, without an external server (Prefect's test harness runs a
temporary one for this module): the run artifact, the quiet second run, two runs started at
once, and what Prefect's bookkeeping costs on a real slice of the corpus."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from flows.daily import daily_ingest
from tests.corpus import corpus_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"
BAOKU = str(Path(sys.executable).parent / "baoku")
OVERHEAD_LIMIT = 0.10

pytestmark = pytest.mark.timeout(150)


@pytest.fixture(scope="module")
def api_url():
    """The session's Prefect server (see conftest)."""
    from prefect.settings import PREFECT_API_URL
    return PREFECT_API_URL.value()


@contextmanager
def flow_run_logs():
    """The messages the flow logs at INFO and above (the session runs Prefect at WARNING)."""
    logger = logging.getLogger("prefect.flow_runs")
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler, level = Collect(logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def run_flow(inbox: Path, lake: Path, **kw):
    """The daily flow in this process, one worker; (summary, flow run id)."""
    state = daily_ingest(input=str(inbox), lake=str(lake), workers=1, return_state=True, **kw)
    return state.result(), state.state_details.flow_run_id


def run_artifact(flow_run_id) -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["baoku-run"]), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    assert len(found) == 1, found
    return found[0].data


def figures(markdown: str) -> dict[str, str]:
    return dict(re.findall(r"^\| (\w+) \| ([^|]+) \|$", markdown, re.M))


def query(lake: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(lake / "baoku.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def lake_counts(lake: Path) -> dict[str, int]:
    articles, ids = query(lake, "SELECT count(*), count(DISTINCT article_id) FROM articles")[0]
    terms, term_total = query(lake, "SELECT count(*), coalesce(sum(count), 0) FROM terms")[0]
    # every Parquet row, committed or not: a second writer's rows would show here
    raw = duckdb.sql(f"SELECT count(*), count(DISTINCT article_id) FROM "
                     f"read_parquet('{lake}/articles/*/*.parquet')").fetchall()[0]
    return {"articles": articles, "distinct_ids": ids, "terms": terms, "term_total": int(term_total),
            "raw_articles": raw[0], "raw_distinct_ids": raw[1]}


@pytest.fixture(scope="module")
def clean_run(api_url, tmp_path_factory):
    """One run of the sample inbox into a fresh lake: the reference for the other tests."""
    lake = tmp_path_factory.mktemp("clean") / "lake"
    with flow_run_logs() as logs:
        summary, flow_run_id = run_flow(SAMPLE_INBOX, lake)
    return {"lake": lake, "summary": summary, "flow_run_id": flow_run_id, "logs": logs,
            "counts": lake_counts(lake)}


def test_run_publishes_an_artifact_with_its_figures(clean_run):
    s = clean_run["summary"]
    assert s["status"] == "ok" and s["files_seen"] == s["files_new"] == 4 and s["articles_written"] > 0
    table = figures(run_artifact(clean_run["flow_run_id"]))
    for key in ("files_seen", "files_new", "files_skipped", "files_rejected", "articles_written", "seconds"):
        assert key in table, (key, table)
    assert {k: int(table[k]) for k in ("files_seen", "files_new", "files_skipped", "files_rejected",
                                       "articles_written")} == \
        {k: s[k] for k in ("files_seen", "files_new", "files_skipped", "files_rejected", "articles_written")}
    assert float(table["seconds"]) > 0
    assert any("4 new" in m and "articles written" in m for m in clean_run["logs"]), clean_run["logs"]


def test_second_run_over_unchanged_inbox_adds_nothing_and_says_so(clean_run):
    lake = clean_run["lake"]
    before = query(lake, "SELECT count(*) FROM runs")[0][0]
    with flow_run_logs() as logs:
        summary, flow_run_id = run_flow(SAMPLE_INBOX, lake)
    assert summary["files_new"] == 0 and summary["files_skipped"] == summary["files_seen"] == 4
    assert summary["articles_written"] == 0
    assert lake_counts(lake) == clean_run["counts"]          # no new rows in any table
    runs = query(lake, "SELECT files_seen, files_new, files_skipped, articles_written FROM runs "
                       "ORDER BY started_at")
    assert len(runs) == before + 1 and runs[-1] == (4, 0, 4, 0)
    assert any(m.startswith("nothing new") for m in logs), logs
    assert figures(run_artifact(flow_run_id))["files_new"] == "0"


def test_two_runs_started_at_once_leave_the_lake_as_one_run_would(api_url, clean_run, tmp_path, prefect_env):
    lake = tmp_path / "lake"
    env = prefect_env.subprocess_env(PREFECT_API_URL=api_url)
    cmd = [BAOKU, "run", "--input", str(SAMPLE_INBOX), "--lake", str(lake), "--workers", "1"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True) for _ in range(2)]
    try:
        outs = [p.communicate(timeout=120)[0] for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, 9)
                p.wait()
    codes = [p.returncode for p in procs]

    counts = lake_counts(lake)
    assert counts == clean_run["counts"], (counts, outs)
    assert counts["distinct_ids"] == counts["articles"] == counts["raw_articles"]
    runs = query(lake, "SELECT files_new, files_skipped FROM runs ORDER BY started_at")
    if codes == [0, 0]:    # the second waited for the lock, then found everything in the lake
        assert runs == [(4, 0), (0, 4)], (runs, outs)
        assert sum("4 new" in o for o in outs) == 1 and sum("0 new" in o for o in outs) == 1, outs
    else:                  # or it gave up waiting and said the lake was busy
        assert sorted(codes) == [0, 2] and runs == [(4, 0)], (codes, outs)
        assert "another run is writing" in outs[codes.index(2)]


def _slice(tmp_path: Path, n: int) -> Path:
    """The first `n` days of the xwlb corpus (all of it: 1,423 files, 10.6 M characters:
    Prefect's cost is fixed per run, so it is measured on the corpus the issue names) as links
    in a temp inbox (the corpus is never copied)."""
    files = sorted(corpus_path("xwlb").rglob("xwlb-*.txt"))[:n]
    if len(files) < 1000:
        pytest.skip(f"the xwlb corpus holds only {len(files)} files")
    inbox = tmp_path / "xwlb"
    inbox.mkdir()
    for f in files:
        (inbox / f.name).symlink_to(f)
        f.read_bytes()               # into the page cache, so neither timing pays the disk
    return inbox


class WorkClock:
    """Wall time spent inside the pipeline's own functions (the ones the Prefect tasks wrap),
    summed. With one worker the batches run one after another, so the sum is the work; the
    rest of the flow's wall time is Prefect: flow and task runs, states, artifact, heartbeat."""

    def __init__(self, monkeypatch):
        from flows import daily
        from tasks.lake import store as lake
        from tasks.ingest import plan
        from warehouse import current
        from flows import steps
        from tests.step_costs import Clock
        self._clock = Clock()
        for owner, name in [(steps, "discover"), (steps, "run_batch_here"), (steps, "compact"),
                            (steps, "build_database"), (current, "lake_state"), (current, "lake_idf"),
                            (plan, "make_batches"), (lake.Lake, "init"), (lake.Lake, "remove_orphans"),
                            (lake.Lake, "commit"), (daily, "run_row")]:
            monkeypatch.setattr(owner, name, self._clock.wrap(getattr(owner, name), "work"))

    @property
    def seconds(self) -> float:
        return self._clock.seconds["work"]

    @property
    def calls(self) -> int:
        return self._clock.calls["work"]


def test_prefect_overhead_is_a_small_share_of_a_run(api_url, tmp_path, monkeypatch, capsys):
    inbox = _slice(tmp_path, 1423)
    run_flow(SAMPLE_INBOX, tmp_path / "warm")    # dictionaries, caches, client: loaded before timing
    clock = WorkClock(monkeypatch)
    t0 = time.perf_counter()
    summary, _ = run_flow(inbox, tmp_path / "lake")
    wall = time.perf_counter() - t0
    assert summary["files_new"] == summary["files_seen"] > 1000 and clock.calls >= 10
    overhead = wall - clock.seconds
    share = overhead / wall
    with capsys.disabled():                      # the figure shows in every test run's output
        print(f"\nprefect overhead: {summary['files_seen']} files in {summary['batches']} batches, flow wall "
              f"{wall:.2f} s, pipeline work {clock.seconds:.2f} s -> Prefect {overhead:.2f} s = {share:.1%}")
    assert share < OVERHEAD_LIMIT


def test_serve_runs_the_schedules_of_prefect_yaml():
    """`baoku serve` and `prefect deploy --all` read the same file: same flows, schedules, parameters."""
    from flows.serve import deployments, read_config, render
    config = read_config()
    served = {d.name: d for d in deployments("/data/inbox", "/data/lake", None)}
    assert set(served) == {spec["name"] for spec in config["deployments"]} == {"daily", "weekly", "maintenance"}
    for spec in config["deployments"]:
        d = served[spec["name"]]
        assert d.flow_name == {"daily": "daily-ingest", "weekly": "weekly-report",
                               "maintenance": "maintenance"}[spec["name"]]
        assert [(s.schedule.cron, s.schedule.timezone) for s in d.schedules] == \
            [(s["cron"], s["timezone"]) for s in spec["schedules"]]
        assert all(s["timezone"] == "Asia/Shanghai" for s in spec["schedules"])
        assert spec["work_pool"]["name"] == "baoku" and d.work_pool_name is None   # serve needs no pool
    assert served["daily"].parameters == {"input": "/data/inbox", "lake": "/data/lake", "paper": "",
                                          "wait_seconds": 1800}
    assert served["maintenance"].parameters["lake"] == "/data/lake"
    with pytest.raises(KeyError, match="BAOKU_LAKE"):
        render({"lake": "{{ $BAOKU_LAKE }}"}, {})


def test_batches_run_in_worker_processes_and_their_outcomes_reach_the_logs(api_url, tmp_path):
    """With two workers the batch tasks hand their work to the pool's processes (flows.pool;
    a worker warm before the other may take both small batches),
    which end without tearing down their interpreter; what the batches found must still reach
    the flow run's logs: here, the rejection of a bad file."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    (inbox / "工人日报" / "broken-20221220.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    state = daily_ingest(input=str(inbox), lake=str(tmp_path / "lake"), workers=2, batch_bytes=4096,
                         return_state=True)
    summary, flow_run_id = state.result(), state.state_details.flow_run_id
    assert summary["batches"] >= 2 and summary["files_rejected"] == 1, summary
    deadline = time.monotonic() + 30
    while True:
        with get_client(sync_client=True) as client:
            logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
        messages = [log.message for log in logs]
        if any("rejected" in m and "broken-20221220.txt" in m for m in messages):
            break
        assert time.monotonic() < deadline, messages
        time.sleep(0.5)


def test_big_values_cross_prefect_without_being_walked(api_url, tmp_path, monkeypatch):
    """Prefect walks every element of a task's parameters and return value (~1 s per 150k
    entries): a grown lake's IDF, handed to every batch, made a run on it twice as long. The
    steps pass such values quoted; here a 200k-word IDF and a 50k-file inbox state."""
    from prefect import flow
    from prefect.utilities.engine import collect_task_run_inputs_sync

    from tasks.ingest import plan
    from warehouse import current
    from tasks.ingest.discover import FileEntry
    from tasks.ingest.plan import Known, Settings
    from flows.steps import BatchInput, load_idf, load_state

    idf = {f"词{i}": 1.0 + i % 7 for i in range(200_000)}
    state = {f"{i}.txt": Known(f"s{i}", "ok", None, 100, 0) for i in range(50_000)}
    monkeypatch.setattr(current, "lake_idf", lambda lake: idf)
    monkeypatch.setattr(current, "lake_state", lambda lake: state)

    @flow
    def plan_a_run() -> tuple:
        t0 = time.perf_counter()
        got_idf, got_state = load_idf(str(tmp_path)).unquote(), load_state(str(tmp_path)).unquote()
        return got_idf, got_state, time.perf_counter() - t0

    got_idf, got_state, seconds = plan_a_run()
    assert got_idf == idf and got_state == state
    assert seconds < 0.5, seconds                 # walked: ~2 s

    entries = [FileEntry(f"/in/{i}.txt", f"{i}.txt", 100, 0) for i in range(50_000)]
    batch = BatchInput(entries, state, Settings(lake="x", run_id="r", idf=idf), 0)
    t0 = time.perf_counter()
    collect_task_run_inputs_sync({"batch": batch})
    assert time.perf_counter() - t0 < 0.1         # walked: ~1.5 s
    assert batch.settings.idf is idf and batch.entries is entries and batch.known == state


def test_a_delivery_the_hint_misses_starts_the_workers_before_the_lake_idf(api_url, tmp_path, monkeypatch):
    """Files delivered with their old modification times (rsync -t, a copy that keeps times)
    do not start the workers before the lake is read; once the lake's state shows two or
    more batches to run, they start at once, loading their models while the lake's IDF is
    worked out, instead of after it."""
    from flows.pool import LocalPool
    from tasks.ingest import plan
    from warehouse import current

    lake = tmp_path / "lake"
    daily_ingest(input=str(SAMPLE_INBOX / "工人日报"), lake=str(lake), workers=1)   # a lake with a snapshot
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    for f in inbox.rglob("*.txt"):
        f.write_text(f.read_text(encoding="gb18030" if "20221223" in f.name else "utf-8") + "\n补记。\n",
                     encoding="utf-8")
        os.utime(f, (946684800, 946684800))     # 2000-01-01: older than the lake's snapshot
    events = []
    start, lake_idf = LocalPool.start, current.lake_idf
    monkeypatch.setattr(LocalPool, "start", lambda self: events.append("workers") or start(self))
    monkeypatch.setattr(current, "lake_idf", lambda root: events.append("idf") or lake_idf(root))
    summary = daily_ingest(input=str(inbox), lake=str(lake), workers=2, batch_bytes=4096)
    assert summary["files_new"] == 4 and summary["batches"] >= 2
    assert events[0] == "workers" and "idf" in events, events
