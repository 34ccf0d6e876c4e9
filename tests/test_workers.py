"""The run's worker processes start early, when a run looks likely to have work, and load
what every batch needs before the first batch comes (flows.runners.LocalPool)."""
from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timezone

import pyarrow.parquet as pq

from flows.runners import LocalPool
from tasks.discover import discover
from tasks.ingest import Settings, ingest_batch
from tasks.lake import Lake
from tasks.plan import expects_work
from tasks.steps import run_row
from tests.corpus import ROOT
from tests.worker_probe import batch_and_modules

SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"


def _loaded() -> dict:
    """What a worker process holds already, asked inside it."""
    from tasks import entities, keywords, segment
    return {"segmenter": segment._segmenter.cache_info().currsize, "idf": keywords.jieba_idf.cache_info().currsize,
            "names": entities._normalize.cache_info().currsize, "pid": os.getpid()}



def test_a_started_pool_has_its_workers_warm_before_any_batch():
    with LocalPool(2) as pool:
        executor = pool.start()
        # Both processes exist before any work is submitted.
        assert len(executor._processes) == 2
        answers = [f.result(timeout=120) for f in [executor.submit(_loaded) for _ in range(4)]]
    assert all(a["segmenter"] == 1 and a["idf"] == 1 for a in answers), answers
    assert all(a["names"] > 20 for a in answers), answers     # the sample page went through
    assert os.getpid() not in {a["pid"] for a in answers}


def test_the_hint_says_whether_a_run_will_find_files_to_read(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    entries = discover(inbox)
    lake = Lake(tmp_path / "lake")
    assert lake.last_snapshot() is None
    assert expects_work(entries, None) and not expects_work([], None)       # a lake not yet written

    lake.init()
    started = datetime.now(timezone.utc)
    lake.commit(run_row("20260101T000000Z-abcdef", started, str(inbox), len(entries), []))
    taken, _ = lake.last_snapshot()
    assert taken is not None and abs(taken / 1e6 - time.time()) < 60
    assert not expects_work(entries, taken)                  # nothing modified since the last commit

    changed = inbox / "工人日报" / "grrb-20221222-04.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补记。", encoding="utf-8")
    assert expects_work(discover(inbox), taken)


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
    # and tasks.lake used to import DuckDB, which only the flow's process queries with.
    lake = Lake(tmp_path / "lake")
    lake.init()
    with LocalPool(1) as pool:
        articles, pandas, duckdb = pool.start().submit(batch_and_modules, str(SAMPLE_INBOX), lake.root).result(timeout=120)
    assert articles > 10
    assert not pandas and not duckdb
    written = pq.read_table(lake.path("articles"))     # what it wrote reads back, pandas or not
    assert written.num_rows == articles


def test_the_hint_counts_files_the_lake_does_not_list_whatever_their_times(tmp_path):
    # A copy that keeps modification times (rsync -t, cp -p) delivers new files that look old.
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    lake = Lake(tmp_path / "lake")
    assert lake.last_snapshot() is None
    lake.init()
    ingest_batch(discover(inbox), {}, Settings(lake=lake.root, run_id="20260101T000000Z-abcdef"), 0)
    lake.commit(run_row("20260101T000000Z-abcdef", datetime.now(timezone.utc), str(inbox), 4, []))
    taken, listed = lake.last_snapshot()
    assert listed == len(discover(inbox)) == 4
    old = inbox / "工人日报" / "grrb-19990101-01.txt"
    old.write_text("旧闻\n\n本报讯 一篇旧稿。\n", encoding="utf-8")
    os.utime(old, (946684800, 946684800))
    entries = discover(inbox)
    assert not expects_work(entries, taken)                   # by the times alone: nothing new
    assert expects_work(entries, taken, listed)               # five files, the lake lists four
    old.unlink()
    assert not expects_work(discover(inbox), taken, listed)   # the same four: nothing to start
