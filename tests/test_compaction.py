"""Compaction merges a month's small files without a reader ever seeing a row twice or losing
one, and leaves the replaced files for a grace period so queries already running can finish."""
from __future__ import annotations

import shutil
from pathlib import Path

from flows.daily import daily_ingest
from warehouse.compact import compact
from tasks.lake.store import Lake
from tests.corpus import ROOT
from warehouse.build import connect

SAMPLE = ROOT / "flows" / "sample_inbox"
TABLES = ("articles", "terms", "entities", "figures", "keywords", "quotes", "reuse_index", "reuse", "sources")


def counts(lake) -> dict[str, int]:
    con = connect(lake)
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def parts(lake: Path, month: str = "2022-12") -> list[Path]:
    return sorted(lake.glob(f"*/month={month}/part-*.parquet"))


def test_compaction_merges_then_retires_replaced_files(tmp_path):
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    shutil.copytree(SAMPLE, inbox)
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    page = next(inbox.rglob("grrb-20221222-04.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\n\n补充报道。\n", encoding="utf-8")
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)   # a second file per table, and a replaced version
    before, old = counts(lake), parts(lake)

    result = compact(str(lake), min_files=2)
    assert result["months"] == ["2022-12"] and result["files_retired"] == len(old)
    assert counts(lake) == before                      # same rows, once each
    assert all(p.exists() for p in old)                # still there for queries already running
    # one merged file per table with rows, beside them
    assert len(parts(lake)) == len(old) + sum(1 for t in TABLES if before[t])

    assert Lake(lake).remove_orphans() == 0            # within the grace period: kept
    snapshots = sorted((lake / "live").glob("part-2*.parquet"))
    assert len(snapshots) == 3                          # one per commit: two runs, the compaction
    assert Lake(lake).remove_orphans(grace_seconds=0) == len(old) + 2   # and the older snapshots
    assert sorted((lake / "live").glob("part-2*.parquet")) == snapshots[-1:]
    assert not any(p.exists() for p in old) and counts(lake) == before
    assert not list((lake / "_trash").iterdir())


def test_a_compaction_that_died_before_its_commit_deletes_nothing_it_listed(tmp_path):
    lake = tmp_path / "lake"
    daily_ingest(input=str(SAMPLE), lake=str(lake), workers=1)
    files = [p.as_posix() for p in parts(lake)]
    Lake(lake).retire("20990101T000000Z-dead00", files)   # listed, never committed
    assert Lake(lake).remove_orphans(grace_seconds=0) == 0
    assert all(Path(f).exists() for f in files) and not list((lake / "_trash").iterdir())
