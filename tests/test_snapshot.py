"""The lake's snapshot (LAKE/live): what the views show is what the newest snapshot lists.

A run commits (its `runs` row), then takes the snapshot; a crash between the two leaves the
lake showing the state before the run, whole, and the next run takes the missing snapshot."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from flows.daily import daily_ingest
from tasks.lake.store import Lake
from tests.corpus import ROOT
from warehouse.build import connect

SAMPLE = ROOT / "flows" / "sample_inbox"


def _state(lake) -> dict:
    con = connect(lake)
    return {
        "articles": con.execute("SELECT count(*) FROM articles").fetchone()[0],
        "live": con.execute("SELECT count(*) FROM live_articles").fetchone()[0],
        "terms": con.execute("SELECT count(*) FROM terms").fetchone()[0],
        "words": con.execute("SELECT sum(n_words) FROM articles").fetchone()[0],
        "sources": sorted(con.execute("SELECT source_path, run_id FROM sources").fetchall()),
    }


def test_a_crash_between_commit_and_snapshot_shows_the_state_before_until_the_next_run(tmp_path, monkeypatch):
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    shutil.copytree(SAMPLE, inbox)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    before = _state(lake)
    assert before["articles"] == before["live"] > 0 and before["words"] > 0

    page = next(inbox.rglob("grrb-20221222-04.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　本报讯　补充报道：职工之家建设又有新进展。\n",
                    encoding="utf-8")

    def crash(self, run_id):
        raise OSError("disk gone")

    with monkeypatch.context() as m:
        m.setattr(Lake, "snapshot", crash)
        with pytest.raises(Exception):
            daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    assert not Lake(lake).snapshot_is_current()
    assert _state(lake) == before           # the committed run is not shown yet, and nothing half

    assert Lake(lake).ensure_snapshot()
    after = _state(lake)
    assert after["articles"] == after["live"] >= before["articles"]
    assert after["words"] > before["words"]  # the changed page, with its added paragraph
    changed = [s for s in after["sources"] if s not in before["sources"]]
    assert [p for p, _ in changed] == ["工人日报/grrb-20221222-04.txt"]
    assert not Lake(lake).ensure_snapshot()   # current now: nothing to do


def test_views_read_only_the_newest_snapshot_and_old_ones_go_after_the_grace(tmp_path):
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    shutil.copytree(SAMPLE, inbox)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    first = _state(lake)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)       # nothing new: a second snapshot
    snapshots = sorted((lake / "live").glob("part-2*.parquet"))
    assert len(snapshots) == 2
    rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{lake}/live/part-2*.parquet')").fetchall()[0][0]
    assert rows == 2 * len(first["sources"])                   # both list every file …
    assert _state(lake) == first                               # … and the views count each once
    assert Lake(lake).remove_orphans() == 0                    # replaced just now: kept for readers
    assert Lake(lake).remove_orphans(grace_seconds=0) == 1
    assert sorted((lake / "live").glob("part-2*.parquet")) == snapshots[1:]
    assert _state(lake) == first


def test_a_query_or_transaction_sees_the_snapshot_visible_when_it_began(tmp_path):
    """A run that commits while a transaction is open does not show inside it: each read of
    live/ in it (every view reads it) picks the same snapshot. Taking the newest file at each
    read instead, a query joining terms to articles read two states when a run committed
    between its reads (rows of a changed file's old version, orphaned)."""
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    shutil.copytree(SAMPLE, inbox)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    before = _state(lake)
    page = next(inbox.rglob("grrb-20221222-04.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\n\n　　本报讯　补充报道：职工之家建设又有新进展。\n",
                    encoding="utf-8")

    con = connect(lake)
    con.execute("BEGIN")
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == before["articles"]
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)     # commits: a newer snapshot
    inside = {
        "articles": con.execute("SELECT count(*) FROM articles").fetchone()[0],
        "live": con.execute("SELECT count(*) FROM live_articles").fetchone()[0],
        "terms": con.execute("SELECT count(*) FROM terms").fetchone()[0],
        "words": con.execute("SELECT sum(n_words) FROM articles").fetchone()[0],
        "sources": sorted(con.execute("SELECT source_path, run_id FROM sources").fetchall()),
    }
    orphans = con.execute("SELECT count(*) FROM terms ANTI JOIN articles USING (article_id, run_id)").fetchone()[0]
    con.execute("COMMIT")
    assert inside == before and orphans == 0
    after = _state(lake)                                          # a new query: the new state
    assert after["words"] > before["words"] and after["sources"] != before["sources"]
    snapshots = sorted((lake / "live").glob("part-2*.parquet"))
    assert len(snapshots) == 2
