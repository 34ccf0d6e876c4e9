import importlib.util
from pathlib import Path
from statistics import median

from tasks.enrich.keywords import jieba_idf
from tasks.enrich.segment import get_segmenter
from tasks.enrich.terms import stopwords
from tests.corpus import SEED
from tests.reference import terms, tfidf


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
    # Words the lake's IDF lacks get its median: (2.0 + 4.0) / 2 for 新词.
    rows = [("工会", "n", 1, False), ("新词", "n", 1, False)]
    assert tfidf(rows, {"工会": 2.0, "别的": 4.0}, top_k=2) == [("新词", 1.5, 1), ("工会", 1.0, 2)]
