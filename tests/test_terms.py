from tasks.enrich.segment import get_segmenter
import pyarrow as pa
import pytest

from tasks.enrich.terms import stopwords, term_flags
from tests.reference import is_term, stop_flag, terms
from tests.corpus import SEED, corpus_path


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


def _flag(word: str) -> int:
    f = stop_flag(word)
    return -1 if f is None else int(f)


def test_term_flags_of_a_batch_are_the_one_word_rules():
    # The batch path (Arrow's regex kernels) against the one-word definition, on edge cases
    # and on the whole vocabulary of real text.
    words = ["工会", "的", "5G", "iPhone", "COVID-19", "a1", "ab-", "-ab", "x", "http", "3.5", "1388",
             "三万五千", "第一", "第一书记", "3万", "二〇二二年", " ", "\n", "，", "Ａ股", "ab\n", "é1", ""]
    text = SEED.read_text(encoding="utf-8")
    try:
        files = sorted(corpus_path("xwlb").rglob("xwlb-*.txt"))[::100]
        text += "".join(f.read_text(encoding="utf-8") for f in files)
    except pytest.skip.Exception:
        pass
    words += sorted({w for w, _ in get_segmenter().tag(text)})
    assert len(words) > 3000
    assert term_flags(pa.array(words, pa.string())).tolist() == [_flag(w) for w in words]
