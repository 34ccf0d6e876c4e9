from tasks.keywords import jieba_idf, textrank, tfidf
from tasks.segment import get_segmenter
from tasks.terms import stopwords, terms
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


def test_textrank():
    kw = textrank(_seed_tags(), stopwords(), top_k=5)
    assert len(kw) == 5 and kw[0][1] == 1.0
    assert "工会" in [w for w, _, _ in kw]
