"""The report views on real news: four months of the evening news transcript (xwlb) must show
the events everyone remembers rising in the month they happened."""
from __future__ import annotations

import math
import re
from collections import defaultdict

import duckdb
import pytest

from flows.daily import daily_ingest
from tests.corpus import corpus_path


@pytest.fixture(scope="module")
def lake_path(tmp_path_factory):
    root = corpus_path("xwlb", "2022")
    inbox = tmp_path_factory.mktemp("xwlb")
    for f in sorted(root.glob("xwlb-2022*.txt")) + sorted(corpus_path("xwlb", "2023").glob("xwlb-202301*.txt")):
        (inbox / f.name).symlink_to(f)
    lake = tmp_path_factory.mktemp("lake") / "lake"
    daily_ingest(input=str(inbox), lake=str(lake), workers=2)
    return lake


@pytest.fixture(scope="module")
def lake(lake_path):
    with duckdb.connect(str(lake_path / "baoku.duckdb"), read_only=True) as con:
        yield con


def top(con, view: str, month: str, n: int = 20) -> list[str]:
    return [r[0] for r in con.execute(
        f"SELECT term FROM {view} WHERE month = ?::DATE AND rank <= ? ORDER BY rank", [month, n]).fetchall()]


def test_emerging_terms_follow_the_news(lake):
    dec = top(lake, "emerging_terms", "2022-12-01")
    # Jiang Zemin died on 30 Nov 2022; Xi Jinping visited Saudi Arabia (Riyadh summits) in December;
    # the country's first COVID wave after reopening filled December with fever and medicine.
    assert "江泽民" in dec
    assert {"沙特", "阿拉伯", "利雅得"} & set(dec)
    assert {"发热", "药品", "医疗", "新冠", "感染", "疫情"} & set(dec)
    jan = top(lake, "emerging_terms", "2023-01-01")
    assert {"春节", "春运"} <= set(jan)
    # nothing that should be filtered: numbers, single characters, stop words
    rows = lake.execute("SELECT term FROM emerging_terms").fetchall()
    assert all(len(t) >= 2 and not t.isdigit() for (t,) in rows)
    assert not {"我们", "一个", "进行"} & {t for (t,) in rows}


def test_emerging_scores_rank_and_baseline(lake):
    rows = lake.execute("""SELECT month, rank, score, mentions, baseline FROM emerging_terms
                           ORDER BY month, rank""").fetchall()
    assert rows and all(score > 0 and mentions > baseline for _, _, score, mentions, baseline in rows)
    for month in {r[0] for r in rows}:
        scores = [r[2] for r in rows if r[0] == month]
        assert scores == sorted(scores, reverse=True)
    # the first month has no earlier months to rise against
    assert min(r[0] for r in rows).isoformat() > "2022-09-01"


def test_term_trends_shares_and_places(lake):
    months = lake.execute("SELECT month, mentions, share FROM term_trends WHERE term = '春运' ORDER BY month").fetchall()
    by_month = {m.isoformat()[:7]: share for m, _, share in months}
    assert by_month["2023-01"] > 5 * by_month.get("2022-10", 0)
    total = lake.execute("SELECT sum(share) FROM term_trends WHERE month = '2022-10-01'").fetchone()[0]
    assert 0.5 < total <= 1.0  # shares of one month add up to the non-stop-word part of it
    provinces = dict(lake.execute("SELECT province, sum(mentions) FROM place_trends GROUP BY ALL").fetchall())
    assert provinces.get("北京市", 0) > 100 and len(provinces) >= 30


def test_term_trends_agrees_with_the_terms_view(lake):
    """term_trends reads the term files directly (for speed); the answer must be what the
    consistent `terms` and `articles` views give."""
    for term in ("春运", "发展", "高质量发展"):
        got = lake.execute("SELECT month, mentions, articles, share FROM term_trends WHERE term = ? ORDER BY month",
                           [term]).fetchall()
        want = lake.execute("""
            WITH m AS (SELECT date_trunc('month', pub_date)::DATE AS month, sum(n_words) AS words
                       FROM articles GROUP BY ALL)
            SELECT date_trunc('month', t.pub_date)::DATE AS month, sum(t.count), count(DISTINCT t.article_id),
                   sum(t.count) / any_value(m.words)
            FROM terms AS t JOIN m ON m.month = date_trunc('month', t.pub_date)::DATE
            WHERE t.term = ? AND NOT t.is_stop GROUP BY ALL ORDER BY month""", [term]).fetchall()
        assert len(got) >= 2 and len(got) == len(want)
        for g, w in zip(got, want):
            assert g[:3] == w[:3] and g[3] == pytest.approx(w[3], rel=1e-12)


def test_falling_terms_follow_the_news(lake):
    jan = top(lake, "falling_terms", "2023-01-01")
    # Jiang Zemin's death filled December; by January he was no longer news at all.
    assert jan[0] == "江泽民" and "江泽民" in top(lake, "emerging_terms", "2022-12-01", 5)
    assert lake.execute("SELECT mentions FROM falling_terms WHERE month = '2023-01-01' AND term = '江泽民'").fetchone() == (0,)
    # China stopped reporting daily COVID cases in January 2023.
    assert {"病例", "确诊", "本土"} <= set(jan)
    # The 20th Party Congress rose in October and had faded by December; National Day (1 Oct)
    # was gone from November.
    assert "二十大" in top(lake, "emerging_terms", "2022-10-01") and "二十大" in top(lake, "falling_terms", "2022-12-01", 3)
    assert "国庆" in top(lake, "falling_terms", "2022-11-01")


def _is_number(term: str) -> bool:
    return bool(re.fullmatch(r"[0-9０-９.%％]+|[零〇一二三四五六七八九十百千万亿两点第]+", term))


def test_falling_terms_mirror_emerging_terms(lake):
    """falling_terms recomputed here from the terms view, the statistic written out in Python:
    the same G2 as emerging_terms, for words whose share of the month fell below their share of
    all earlier months, with the support counted in the earlier months."""
    counts, articles, words = defaultdict(float), defaultdict(set), defaultdict(float)
    for month, article, term, n, is_stop in lake.execute(
            "SELECT date_trunc('month', pub_date)::DATE, article_id, term, count, is_stop FROM terms "
            "WHERE pub_date IS NOT NULL").fetchall():
        words[month] += n
        if not is_stop and len(term) >= 2 and not _is_number(term):
            counts[month, term] += n
            articles[month, term].add(article)
    months = sorted(words)
    for i, month in enumerate(months[1:], 1):
        earlier = months[:i]
        w, w0 = words[month], sum(words[m] for m in earlier)
        want = []
        for term in {t for m in earlier for (mm, t) in counts if mm == m}:
            a, b = counts.get((month, term), 0.0), sum(counts.get((m, term), 0.0) for m in earlier)
            support = sum(len(articles.get((m, term), ())) for m in earlier)
            if b * w / w0 < 5 or support < 2 or a / w >= b / w0:
                continue
            e1, e2 = w * (a + b) / (w + w0), w0 * (a + b) / (w + w0)
            g2 = 2 * ((a * math.log(a / e1) if a else 0) + b * math.log(b / e2))
            want.append((-g2, term, a, b * w / w0))
        want = sorted(want)[:200]
        got = lake.execute("SELECT term, score, mentions, baseline FROM falling_terms WHERE month = ? ORDER BY rank",
                           [month]).fetchall()
        assert [t for t, *_ in got] == [t for _, t, *_ in want], month
        for (term, score, mentions, baseline), (g2, _, a, expected) in zip(got, want):
            assert score == pytest.approx(-g2, rel=1e-9) and mentions == a and baseline == pytest.approx(expected)
            assert mentions < baseline          # a falling word's share is below its earlier share
        rising = {t for (t,) in lake.execute("SELECT term FROM emerging_terms WHERE month = ?", [month]).fetchall()}
        assert got and not rising & {t for t, *_ in got}
    assert not lake.execute("SELECT * FROM falling_terms WHERE month = ?", [months[0]]).fetchall()


def test_lists_of_words_hold_only_reportable_words(lake, lake_path):
    """No list of words the lake reports holds a stop word, a one-character word or a number."""
    from flows.summary import top_terms
    from tasks.enrich.terms import stopwords
    listed = {t for (t,) in lake.execute("SELECT term FROM emerging_terms UNION SELECT term FROM falling_terms").fetchall()}
    listed |= {t for t, _ in top_terms(str(lake_path), 200)}
    assert len(listed) > 1000
    assert not [t for t in listed if len(t) < 2 or _is_number(t) or t in stopwords()]
