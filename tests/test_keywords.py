import importlib.util
from pathlib import Path
from statistics import median

from tasks.enrich.keywords import jieba_idf, textrank, tfidf
from tasks.enrich.segment import get_segmenter
from tasks.enrich.terms import stopwords, terms
from tests.corpus import SEED


def _seed_tags():
    return get_segmenter().tag(SEED.read_text(encoding="utf-8"))


def test_tfidf_with_jieba_idf_finds_the_page_topics():
    kw = tfidf(terms(_seed_tags()), top_k=10)
    words = [w for w, _, _ in kw]
    assert [r for _, _, r in kw] == list(range(1, 11))
    assert "工会" in words and "职工" in words          # a trade-union page
    assert all(a[1] >= b[1] for a, b in zip(kw, kw[1:]))
    assert not set(words) & stopwords()


def test_lake_idf_overrides_builtin():
    rows = [("工会", "n", 5, False), ("消费券", "n", 1, False)]
    assert tfidf(rows, {"工会": 0.01, "消费券": 9.0}, top_k=1)[0][0] == "消费券"
    assert jieba_idf()[0]["工会"] > 0


def test_jiebas_idf_table_is_read_whole_and_exact():
    # Read by Arrow's CSV reader: every line of jieba's file, each value as Python reads it,
    # the median as jieba takes it (for words the table lacks).
    path = Path(importlib.util.find_spec("jieba").origin).parent / "analyse" / "idf.txt"
    expected = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, value = line.split(" ")
        expected[word] = float(value)
    table, unseen = jieba_idf()
    assert len(expected) > 250_000
    assert table == expected
    assert unseen == median(expected.values())


def test_textrank():
    kw = textrank(_seed_tags(), stopwords(), top_k=5)
    assert len(kw) == 5 and kw[0][1] == 1.0
    assert "工会" in [w for w, _, _ in kw]


def test_ties_rank_by_word_and_duplicate_words_add_up():
    rows = [("乙", "n", 1, False), ("甲方", "n", 2, False), ("乙方", "n", 1, False), ("甲方", "v", 1, False),
            ("的", "uj", 9, True), ("丙方", "x", 9, False)]
    idf = {"甲方": 1.0, "乙方": 3.0}
    # 甲方 as n and as v: 3 of 4 counts; 乙方 with 1 of 4 at 3.0 ties with it and ranks first
    # (乙 U+4E59 < 甲 U+7532).
    assert tfidf(rows, idf, top_k=5) == [("乙方", 0.75, 1), ("甲方", 0.75, 2)]
    assert tfidf(rows, idf, top_k=1) == [("乙方", 0.75, 1)]
    assert tfidf(rows, idf, top_k=0) == [] and tfidf([], idf) == []


def test_unseen_idf():
    rows = [("工会", "n", 1, False), ("新词", "n", 1, False)]
    assert tfidf(rows, {"工会": 2.0, "别的": 4.0}, top_k=2) == [("新词", 1.5, 1), ("工会", 1.0, 2)]
    assert tfidf(rows, {"工会": 2.0}, top_k=2, unseen_idf=8.0) == [("新词", 4.0, 1), ("工会", 1.0, 2)]


class _CountingIdf(dict):
    values_calls = 0

    def values(self):
        _CountingIdf.values_calls += 1
        return super().values()


def test_enricher_takes_the_lake_median_once_not_per_article():
    # The median of the lake's IDF (for words it lacks) sorts all of the lake's words: per
    # article, with ~10^5 words, it cost 30× the tagging.
    from tasks.split.article import Article
    from tasks.enrich.enricher import Enricher

    idf = _CountingIdf({f"词{i}": float(i % 7) for i in range(1000)}, 工会=0.5)
    e = Enricher(idf=idf)
    for body in ("工会组织职工开展活动。", "新就业形态劳动者加入工会。", "职工之家建设。"):
        assert e.enrich(Article(body=body)).keywords
    assert _CountingIdf.values_calls == 1
