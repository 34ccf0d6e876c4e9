"""The run's worker processes start early, when a run looks likely to have work, and load
what every batch needs before the first batch comes (flows.pool.LocalPool)."""
from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timezone

import pyarrow.parquet as pq

from flows.pool import LocalPool
from tasks.ingest.discover import discover
from tasks.pipeline import Settings, ingest_batch
from tasks.lake.store import Lake
from tasks.ingest.plan import expects_work
from flows.steps import run_row
from tests.corpus import ROOT
from tests.worker_probe import batch_and_modules, collector_after_batch

SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"


def _loaded() -> dict:
    """What a worker process holds already, asked inside it."""
    import gc

    from tasks.enrich.enricher import shared_enricher
    from tasks.enrich.keywords import jieba_idf
    return {"enricher": shared_enricher.cache_info().currsize, "idf": jieba_idf.cache_info().currsize,
            "frozen": gc.get_freeze_count(), "pid": os.getpid()}



def _ended(processes: list) -> bool:
    """Whether every one of a pool's worker processes has exited (waiting a little for each)."""
    for p in processes:
        p.join(timeout=30)
    return not any(p.is_alive() for p in processes)


def test_a_started_pool_has_its_workers_warm_before_any_batch():
    with LocalPool(2) as pool:
        executor = pool.start()
        # Both processes exist before any work is submitted.
        assert len(executor._processes) == 2
        answers = [f.result(timeout=120) for f in [executor.submit(_loaded) for _ in range(4)]]
    assert all(a["enricher"] == 1 and a["idf"] == 1 for a in answers), answers
    assert all(a["frozen"] > 20_000 for a in answers), answers     # its models out of the collector's walks
    assert os.getpid() not in {a["pid"] for a in answers}


def test_the_hint_says_whether_a_run_will_find_files_to_read(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    entries = discover(inbox)
    lake = Lake(tmp_path / "lake")
    assert lake.last_snapshot() is None
    assert expects_work(entries, None) and not expects_work([], None)       # a lake not yet written

    lake.init()
    ingest_batch(entries, {}, Settings(lake=lake.root, run_id="20260101T000000Z-abcdef"), 0)
    lake.commit(run_row("20260101T000000Z-abcdef", datetime.now(timezone.utc), str(inbox), len(entries), []))
    newest, _ = lake.last_snapshot()
    assert newest == max(e.mtime_ns for e in entries) // 1000
    assert not expects_work(entries, newest)                 # nothing modified since it was read

    # Times come from the inbox's file system, never this process's clock: a file changed
    # after the commit counts even when that file system's clock runs minutes behind.
    changed = inbox / "工人日报" / "grrb-20221222-04.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补记。", encoding="utf-8")
    behind = newest / 1e6 + 1
    os.utime(changed, (behind, behind))
    assert behind < time.time() - 60 and expects_work(discover(inbox), newest)


def test_a_worker_whose_warm_up_fails_still_takes_batches():
    # An initializer that raises would break the whole pool; the warm-up is an optimisation.
    with LocalPool(1, engine="no-such-engine") as pool:
        assert pool.start().submit(os.getpid).result(timeout=120) != os.getpid()


def test_the_hint_leaves_out_files_that_need_no_worker(tmp_path):
    # A broken link is recorded as rejected by the flow's own thread: no reason to start workers.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    entries = discover(tmp_path / "in")
    assert [e.size for e in entries] == [-1]
    assert not expects_work(entries, int(time.time() * 1e6) - 10**9)


def test_a_worker_writes_its_batch_without_loading_pandas_or_duckdb(tmp_path):
    # pyarrow would import pandas on its first array (0.3 s per worker, in the first batch),
    # and tasks.lake.store used to import DuckDB, which only the flow's process queries with.
    lake = Lake(tmp_path / "lake")
    lake.init()
    with LocalPool(1) as pool:
        articles, pandas, duckdb = pool.start().submit(batch_and_modules, str(SAMPLE_INBOX), lake.root).result(timeout=120)
    assert articles > 10
    assert not pandas and not duckdb
    written = pq.read_table(lake.path("articles"))     # what it wrote reads back, pandas or not
    assert written.num_rows == articles


def test_a_worker_leaves_what_outlives_a_batch_out_of_the_garbage_collectors_walks(tmp_path):
    # Its models and word caches, hundreds of thousands of objects, were walked by every full
    # collection: 4 % of a worker's time.
    lake = Lake(tmp_path / "lake")
    lake.init()
    with LocalPool(1) as pool:
        articles, walked, frozen = pool.start().submit(collector_after_batch, str(SAMPLE_INBOX),
                                                       lake.root).result(timeout=120)
    assert articles > 10
    assert frozen > 20_000 and walked < 1_000, (walked, frozen)


def test_the_hint_counts_files_the_lake_does_not_list_whatever_their_times(tmp_path):
    # A copy that keeps modification times (rsync -t, cp -p) delivers new files that look old.
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    lake = Lake(tmp_path / "lake")
    assert lake.last_snapshot() is None
    lake.init()
    ingest_batch(discover(inbox), {}, Settings(lake=lake.root, run_id="20260101T000000Z-abcdef"), 0)
    lake.commit(run_row("20260101T000000Z-abcdef", datetime.now(timezone.utc), str(inbox), 4, []))
    newest, listed = lake.last_snapshot()
    assert listed == len(discover(inbox)) == 4
    old = inbox / "工人日报" / "grrb-19990101-01.txt"
    old.write_text("旧闻\n\n本报讯 一篇旧稿。\n", encoding="utf-8")
    os.utime(old, (946684800, 946684800))
    entries = discover(inbox)
    assert not expects_work(entries, newest)                   # by the times alone: nothing new
    assert expects_work(entries, newest, listed)               # five files, the lake lists four
    old.unlink()
    assert not expects_work(discover(inbox), newest, listed)   # the same four: nothing to start


def test_workers_started_ahead_of_the_flow_are_the_ones_it_runs_its_batches_on(use_prefect_server, tmp_path, monkeypatch):
    """`baoku run` starts the workers before it imports Prefect and creates the flow run, so
    they load their models meanwhile: the flow takes that pool instead of starting its own,
    and closes it at the end."""
    from flows import pool as pools
    from flows.daily import daily_ingest
    from flows import steps

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    lake = tmp_path / "lake"
    assert not pools.PRESTARTED.start(str(inbox), str(lake), workers=1)        # one worker: the flow's own thread
    assert pools.PRESTARTED.start(str(inbox), str(lake), workers=2)
    ahead = list(pools.PRESTARTED.pool.executor._processes.values())
    assert len(ahead) == 2
    executor = pools.PRESTARTED.pool.executor
    started, used = [], []       # pools the flow itself had to start; executors its batches went to
    start, batch_executor = LocalPool.start, steps.batch_executor
    monkeypatch.setattr(LocalPool, "start", lambda self: started.append(self.executor is None) or start(self))
    monkeypatch.setattr(steps, "batch_executor", lambda: used.append(batch_executor()) or used[-1])
    summary = daily_ingest(input=str(inbox), lake=str(lake), workers=2, batch_bytes=4096)
    assert summary["files_new"] == 4 and summary["batches"] >= 2
    assert started and not any(started), started
    assert len(used) == summary["batches"] and all(u is executor for u in used), used
    assert pools.PRESTARTED.pool is None
    assert _ended(ahead)         # closed with the run
    # Nothing new for the lake: no workers are started ahead of the next run.
    assert not pools.PRESTARTED.start(str(inbox), str(lake), workers=2)
    assert pools.PRESTARTED.pool is None


def test_the_run_agent_keeps_its_workers_for_the_next_run(use_prefect_server, tmp_path, monkeypatch):
    """In the run agent a run's worker processes outlive it: the next run's batches go to the
    same processes, loaded and warm, and `release` (the agent idle, or ending) ends them."""
    from flows import pool as pools
    from flows.daily import daily_ingest
    from flows import steps

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    kept = pools.KeptPools()
    token = pools.AGENT_POOLS.set(kept)
    used = []
    batch_executor = steps.batch_executor
    monkeypatch.setattr(steps, "batch_executor", lambda: used.append(batch_executor()) or used[-1])
    try:
        first = daily_ingest(input=str(inbox), lake=str(tmp_path / "lake1"), workers=2, batch_bytes=2048)
        # Which of the two processes takes which batch is the pool's choice: one loaded first may take all.
        assert first["files_new"] == 4 and first["batches"] >= 2 and first["processes"] >= 1
        executor = used[0]
        workers = list(executor._processes.values())
        assert len(workers) == 2 and all(p.is_alive() for p in workers)      # the run ended, they did not

        second = daily_ingest(input=str(inbox), lake=str(tmp_path / "lake2"), workers=2, batch_bytes=2048)
        assert second["files_new"] == 4 and second["batches"] >= 2
        assert all(u is executor for u in used) and len(used) == first["batches"] + second["batches"]
        assert list(executor._processes.values()) == workers
    finally:
        pools.AGENT_POOLS.reset(token)
        kept.release()
    assert _ended(workers) and not kept.pools


def test_workers_started_ahead_of_a_run_that_never_takes_them_are_closed(use_prefect_server, tmp_path, monkeypatch):
    """The command line gives up on a lake another run is writing: the workers it started
    for that run do not outlive it."""
    from typer.testing import CliRunner

    from flows import pool as pools
    from flows.cli import app

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    lake = Lake(tmp_path / "lake")
    opened = []
    start = pools.PRESTARTED.start

    def watched(*args, **kwargs):
        started = start(*args, **kwargs)
        opened.extend(pools.PRESTARTED.pool.executor._processes.values() if started else ())
        return started

    monkeypatch.setattr(pools.PRESTARTED, "start", watched)
    with lake.writer_lock():
        result = CliRunner().invoke(app, ["run", "--input", str(inbox), "--lake", lake.root, "--workers", "2",
                                          "--wait", "0"])
    assert result.exit_code == 2 and "another run is writing" in result.output, result.output
    assert len(opened) == 2 and pools.PRESTARTED.pool is None
    assert _ended(opened)


def test_the_process_of_baoku_run_never_imports_pandas(prefect_server_env, tmp_path):
    # pyarrow would import it on the run's first array (0.3 s of every run) for nothing.
    import subprocess
    import sys
    probe = ("import sys; from flows.cli import app; "
             "app(['run', '--input', sys.argv[1], '--lake', sys.argv[2], '--workers', '2', '--quiet'], "
             "standalone_mode=False); print('pandas loaded:', 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe, str(SAMPLE_INBOX), str(tmp_path / "lake")], cwd=ROOT,
                         env={**os.environ, **prefect_server_env}, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "pandas loaded: False" in out.stdout, out.stdout
    assert pq.read_table(tmp_path / "lake" / "articles").num_rows > 10


def test_a_run_of_another_shape_closes_the_workers_started_ahead_and_starts_its_own(tmp_path):
    from flows import pool as pools

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    assert pools.PRESTARTED.start(str(inbox), str(tmp_path / "lake"), workers=2)
    ahead = list(pools.PRESTARTED.pool.executor._processes.values())
    with LocalPool.for_run(3) as pool:          # the run was asked for three workers after all
        assert pool.executor is None and pool.workers == 3 and pools.PRESTARTED.pool is None
        assert _ended(ahead)
