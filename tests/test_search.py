"""Ranked search: `baoku search` and the SQL macro search() rank a planted article first for its
distinctive phrase, honour paper and date filters and exclusions, score by BM25 as computed here
from `terms` independently, answer bad queries with a message, and find what a later run adds
without rewriting what earlier runs indexed."""
from __future__ import annotations

import json
import math
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.daily import daily_ingest
from tests.corpus import ROOT, corpus_path
from warehouse.build import connect

SAMPLE = ROOT / "flows" / "sample_inbox"
PHRASE = "量子蜂巢储能站"     # made up: no paper prints it

PLANTED = f"""{PHRASE}在杭州并网投运

本报讯（记者 王小明）1月15日，全省首座{PHRASE}在杭州钱塘区并网投运。这座{PHRASE}由三百个储能单元组成，可为周边两万户居民提供应急电力。

据介绍，项目采用模块化设计，建设周期比传统电站缩短一半。运维人员表示，下一步将总结经验，在更多园区推广。
"""
# Decoys print the phrase's words often, but never the phrase.
DECOY_QUANTUM = """量子科技人才培养基地揭牌

本报讯（记者 李华）量子通信、量子计算、量子测量三个方向的实验室昨天同时揭牌。专家认为，量子科技正在从实验室走向应用，量子人才的培养需要高校和企业共同发力。
"""
DECOY_STORAGE = """新型储能项目集中开工

本报讯（记者 赵敏）全市十个新型储能项目集中开工，储能总规模达到一百万千瓦。储能电池、储能变流器等产业链企业纷纷落户，储能产业成为新的增长点。
"""


def _page(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    """The seed pages, a month of the evening news, the planted article in two papers and
    months, and the decoys."""
    base = tmp_path_factory.mktemp("search")
    inbox = base / "inbox"
    shutil.copytree(SAMPLE, inbox)
    for f in sorted(corpus_path("xwlb", "2023").glob("xwlb-202301*.txt")):
        shutil.copyfile(f, (inbox / f.name))
    _page(inbox / "钱江晚报", "qjwb-20230115-03.txt", PLANTED)
    _page(inbox / "都市快报", "dskb-20230220-05.txt", PLANTED.replace("1月15日", "2月20日"))
    _page(inbox / "钱江晚报", "qjwb-20230116-04.txt", DECOY_QUANTUM)
    _page(inbox / "钱江晚报", "qjwb-20230117-04.txt", DECOY_STORAGE)
    daily_ingest(input=str(inbox), lake=str(base / "lake"), workers=1)
    return base / "lake"


def _cli(*args: str):
    return CliRunner().invoke(app, ["search", *args])


def _db(lake: Path) -> duckdb.DuckDBPyConnection:
    """The database file BI tools open: the macro as SQL users get it."""
    return duckdb.connect(str(lake / "baoku.duckdb"), read_only=True)


def test_command_ranks_the_planted_article_first(lake):
    r = _cli(PHRASE, "--lake", str(lake), "--json")
    assert r.exit_code == 0, r.output
    hits = [json.loads(line) for line in r.output.splitlines()]
    assert {hits[0]["paper"], hits[1]["paper"]} == {"钱江晚报", "都市快报"}
    assert all(h["headline"] == f"{PHRASE}在杭州并网投运" for h in hits[:2])
    assert f"【{PHRASE}】" in hits[0]["snippet"]
    # the decoys hold the phrase's words, so they match, below both copies
    assert {h["headline"] for h in hits[2:]} >= {"量子科技人才培养基地揭牌", "新型储能项目集中开工"}


def test_command_prints_a_readable_list(lake):
    r = _cli(PHRASE, "--lake", str(lake), "--limit", "3")
    assert r.exit_code == 0, r.output
    assert " 1. " + f"{PHRASE}在杭州并网投运" in r.output and "score" in r.output
    assert r.output.count("\n 1. ") == 1 and "\n 4. " not in r.output


def test_filters_and_exclusions(lake):
    def papers(*args):
        r = _cli(PHRASE, "--lake", str(lake), "--json", *args)
        assert r.exit_code == 0, r.output
        return [(json.loads(x)["paper"], json.loads(x)["headline"]) for x in r.output.splitlines()]

    assert papers("--paper", "都市快报") == [("都市快报", f"{PHRASE}在杭州并网投运")]
    assert [p for p, h in papers("--from", "2023-02") if h.startswith(PHRASE)] == ["都市快报"]
    assert [p for p, h in papers("--to", "2023-01-31") if h.startswith(PHRASE)] == ["钱江晚报"]
    assert papers("--from", "2024-01") == []
    # excluding a word the planted article holds drops both copies, not the decoys
    r = _cli(f"量子 储能 -钱塘区", "--lake", str(lake), "--json")
    assert r.exit_code == 0 and "钱塘区" not in r.output and "量子科技人才培养基地揭牌" in r.output

    con = _db(lake)
    sql = "SELECT paper, headline FROM search(?, paper := ?, date_from := ?, date_to := ?)"
    planted = f"{PHRASE}在杭州并网投运"
    assert sorted(con.execute(sql, [f'"{PHRASE}"', None, None, None]).fetchall()) == [
        ("都市快报", planted), ("钱江晚报", planted)]
    assert con.execute(sql, [f'"{PHRASE}"', "钱江晚报", None, None]).fetchall() == [("钱江晚报", planted)]
    assert con.execute(sql, [f'"{PHRASE}"', None, "2023-02", "2023-02"]).fetchall() == [("都市快报", planted)]
    assert con.execute(sql, [f'"{PHRASE}" -"钱塘区"', None, None, None]).fetchall() == []
    storage = con.execute(sql, [f'储能 -"{PHRASE}"', None, None, None]).fetchall()
    assert ("钱江晚报", "新型储能项目集中开工") in storage and all(h != planted for _, h in storage)


def test_sql_phrase_and_words_rank_alike_with_the_command(lake):
    r = _cli(PHRASE, "--lake", str(lake), "--json", "--limit", "5")
    from_command = [(json.loads(x)["article_id"], round(json.loads(x)["score"], 9)) for x in r.output.splitlines()]
    con = _db(lake)
    asked = " ".join(["量子", "蜂巢", "储能", "站", f'"{PHRASE}"'])
    from warehouse.search import macro_query
    assert sorted(macro_query(PHRASE).split()) == sorted(asked.split())
    from_sql = [(a, round(s, 9)) for a, s in con.execute(
        "SELECT article_id, score FROM search(?, top := 5)", [macro_query(PHRASE)]).fetchall()]
    assert from_sql == from_command


def _bm25(con, words: list[str]) -> dict[str, float]:
    """BM25 (k1 1.2, b 0.75) over the articles in view, from `terms` and live_articles here."""
    docs = dict(con.execute("SELECT article_id, n_words FROM live_articles").fetchall())
    n, avgdl = len(docs), sum(docs.values()) / len(docs)
    tf: dict[str, Counter] = defaultdict(Counter)
    for article, term, count in con.execute(
            "SELECT article_id, term, count FROM terms WHERE NOT is_stop AND list_contains(?, term)",
            [words]).fetchall():
        tf[term][article] += count
    scores: Counter = Counter()
    for term, per_article in tf.items():
        idf = math.log(1 + (n - len(per_article) + 0.5) / (len(per_article) + 0.5))
        for article, f in per_article.items():
            scores[article] += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * docs[article] / avgdl))
    return scores


def test_scores_are_bm25_over_the_lake_terms(lake):
    con = connect(lake)
    words = ["劳动者", "就业", "工会"]
    expected = _bm25(con, words)
    got = dict(con.execute("SELECT article_id, score FROM search(?, top := 1000)", [" ".join(words)]).fetchall())
    assert len(got) == len(expected) >= 5
    for article, score in expected.items():
        assert got[article] == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize("query, says", [
    ("", "the query is empty"),
    ("   ", "the query is empty"),
    ("的 了 我们", "nothing to look for"),
    ("-工会", "nothing to look for"),
    ("工" * 10_000, "at most 1,000"),
])
def test_bad_queries_say_why(lake, query, says):
    r = _cli(query, "--lake", str(lake))
    assert r.exit_code == 2, r.output          # the command's own refusal, not a crash (exit 1)
    assert says in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("query, says", [
    ("", "the query is empty"),
    ("的 了 我们", "nothing to look for"),
    ("-工会", "nothing to look for"),
    ("工" * 10_000, "at most 1000"),
])
def test_bad_queries_in_sql_say_why(lake, query, says):
    with pytest.raises(duckdb.Error, match=says):
        _db(lake).execute("SELECT * FROM search(?)", [query]).fetchall()


def test_quotes_and_sql_in_a_query_are_text(lake):
    for query in ["工会'; DROP VIEW articles; --", 'O\'Brien "劳动者', "工会 ' OR 1=1"]:
        r = _cli(query, "--lake", str(lake), "--json")
        assert r.exit_code == 0, r.output
        _db(lake).execute("SELECT * FROM search(?)", [query]).fetchall()
    assert _db(lake).execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    r = _cli("工会", "--lake", str(lake), "--from", "2023-13")
    assert r.exit_code == 2 and "--from '2023-13' is no date" in r.output


def test_a_later_run_is_found_without_rewriting_the_index(lake, tmp_path):
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy)
    before = {p: p.stat().st_mtime_ns for p in (copy / "terms").rglob("*.parquet")}
    inbox = tmp_path / "inbox"
    _page(inbox / "钱江晚报", "qjwb-20230301-02.txt",
          PLANTED.replace(PHRASE, "星火潮汐发电阵列").replace("1月15日", "3月1日"))
    daily_ingest(input=str(inbox), lake=str(copy), workers=1)
    r = _cli("星火潮汐发电阵列", "--lake", str(copy), "--json")
    assert r.exit_code == 0 and "星火潮汐发电阵列在杭州并网投运" in r.output.splitlines()[0]
    after = {p: p.stat().st_mtime_ns for p in (copy / "terms").rglob("*.parquet")}
    assert {p: t for p, t in after.items() if p in before} == before     # earlier parts untouched
    assert len(after) > len(before)
