"""The whole daily flow on real text: sample inbox and People's Daily, incremental re-runs,
changed files, and every contract table and view present with its declared schema."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.daily import daily_ingest
from tasks.lake.schemas import TABLES
from tests.corpus import ROOT, corpus_path
from warehouse.build import REPORT_VIEWS, TABLE_VIEWS

SAMPLE = ROOT / "flows" / "sample_inbox"


def counts(lake: Path) -> dict[str, int]:
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_VIEWS}


@pytest.fixture
def inbox(tmp_path):
    target = tmp_path / "inbox"
    shutil.copytree(SAMPLE, target)
    return target


def test_sample_inbox_fills_every_table_and_view(inbox, tmp_path):
    lake = tmp_path / "lake"
    s = daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    n_files = sum(1 for p in inbox.rglob("*") if p.is_file())
    assert (s["files_seen"], s["files_new"], s["files_rejected"]) == (n_files, n_files, 0)
    c = counts(lake)
    assert c["articles"] == s["articles_written"] >= 9 + 2 * (n_files - 1)
    assert min(c["terms"], c["entities"], c["figures"], c["keywords"], c["quotes"]) > 0
    assert c["sources"] == n_files and c["runs"] == 1

    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        for table, schema in TABLES.items():
            if table == "live":      # the lake's snapshot: read by the views, not one itself
                continue
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            assert columns == schema.names, table
        for view in REPORT_VIEWS:
            con.execute(f"SELECT * FROM {view} LIMIT 1").fetchall()
        seed = con.execute("""SELECT pub_date, date_source, paper, count(*) FROM articles
                              WHERE source_path LIKE '%000_a0243c8890475cd2.txt' GROUP BY ALL""").fetchall()
        # The seed page's name has no date: it comes from its datelines (本报上海12月20日电).
        assert [(str(d), src, p) for d, src, p, _ in seed] == [("2022-12-20", "text", "工人日报")]
        dated = con.execute("SELECT DISTINCT date_source FROM articles WHERE source_path LIKE '%grrb-%'").fetchall()
        assert dated == [("path",)]
        assert con.execute("SELECT count(*) FROM reporter_output WHERE reporter = '黄洪涛'").fetchone()[0] == 1

    # Every Parquet file of the lake matches its declared schema.
    for table, schema in TABLES.items():
        for f in (lake / table).rglob("*.parquet"):
            assert pq.read_schema(f).names == schema.names, f


def test_second_run_writes_nothing_and_a_changed_file_replaces_its_rows(inbox, tmp_path):
    lake = tmp_path / "lake"
    daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    first = counts(lake)
    files_before = sorted(p.name for p in lake.rglob("*.parquet"))

    again = daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    assert (again["files_new"], again["files_skipped"], again["articles_written"]) == (0, first["sources"], 0)
    c = counts(lake)
    assert {k: v for k, v in c.items() if k != "runs"} == {k: v for k, v in first.items() if k != "runs"}
    assert c["runs"] == 2
    # only the commit row of the second run was added, and the snapshot taken at its commit
    assert len(sorted(p.name for p in lake.rglob("*.parquet"))) == len(files_before) + 2

    page = next(inbox.rglob("grrb-20221222-04.txt"))
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n\n新增短讯标题\n\n本报讯（记者王测试）这是一段新增加的正文，用来检验更新文件时旧行被替换。\n",
                    encoding="utf-8")
    changed = daily_ingest(input=str(inbox), lake=str(lake), workers=1)
    assert changed["files_new"] == 1
    with duckdb.connect(str(lake / "baoku.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT count(*), count(DISTINCT source_id) FROM articles WHERE source_path LIKE '%grrb-20221222-04.txt'").fetchone()
        assert rows[1] == 1  # old version's rows are gone from the views
        assert con.execute("SELECT count(*) FROM articles WHERE list_contains(reporters, '王测试')").fetchone()[0] == 1
        total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert total == first["articles"] + 1
        assert con.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchone()[0] == 0


def test_two_runs_over_peoples_daily_leave_the_article_count_unchanged(tmp_path):
    rmrb = corpus_path("rmrb", "2019-02")
    lake = tmp_path / "lake"
    first = daily_ingest(input=str(rmrb), lake=str(lake), paper="人民日报", workers=2)
    assert first["files_new"] == first["files_seen"] == 1789 and first["files_rejected"] == 0
    n = counts(lake)["articles"]
    assert n == 1789  # one article per file
    second = daily_ingest(input=str(rmrb), lake=str(lake), paper="人民日报", workers=2)
    assert second["files_new"] == 0 and second["files_skipped"] == 1789
    assert counts(lake)["articles"] == n
