from tasks.segment import get_segmenter
from tasks.terms import WordCache, is_term, stopwords, terms


def test_terms_rows_in_order_of_first_occurrence():
    tags = [("工会", "n"), ("，", "x"), ("1388", "m"), ("的", "uj"), ("工会", "n"), ("发展", "vn"),
            ("发展", "v"), ("三万五千", "m"), ("5G", "eng"), ("x", "eng")]
    assert terms(tags) == [("工会", "n", 2, False), ("的", "uj", 1, True), ("发展", "vn", 1, False),
                           ("发展", "v", 1, False), ("5G", "eng", 1, False)]
    assert terms([]) == []


def test_is_term():
    assert is_term("工会") and is_term("5G") and is_term("iPhone") and is_term("第一书记")
    assert not any(map(is_term, ["，", "1388", "3.5", "x", "http://", "三万五千", "第一", " ", "\n"]))


def test_terms_of_a_tagged_text_match_the_definition():
    text = "发展新就业形态劳动者会员22.2万人，覆盖企业3653家。2021年，iPhone与5G用户达三万五千户。"
    tags = get_segmenter().tag(text)
    rows = terms(tags)
    assert {w for w, _, _, _ in rows} == {w for w, _ in tags if is_term(w)}
    assert all(s == (w in stopwords()) for w, _, _, s in rows)
    assert sum(n for _, _, n, _ in rows) == sum(1 for w, _ in tags if is_term(w))


def test_word_cache_decides_once_and_stays_bounded():
    calls = []
    cache = WordCache(lambda w: calls.append(w) or len(w), limit=3)
    assert [cache[w] for w in ["ab", "abc", "ab"]] == [2, 3, 2]
    assert calls == ["ab", "abc"]
    for w in ["d", "e", "f", "g"]:
        cache[w]
    assert len(cache) <= 3 and cache["ab"] == 2
