import time

from tasks.enrich.segment import get_segmenter, read_userdict, segment_line
from tests.corpus import corpus_path
from tests.enrich_eval import pku, segment_eval, word_f1

LINES = 400   # a bounded slice of the PKU test set: ~1 s for jieba


def test_pku_f1_fast_matches_plain_jieba():
    corpus_path("sighan2005", "pku_test_gold.utf8")
    raw, gold = pku(LINES)
    plain, _ = segment_eval("jieba", raw, gold, userdict=False, rounds=1)
    fast, _ = segment_eval("fast", raw, gold, rounds=1)
    assert plain > 0.80                    # jieba's known level on PKU is ~0.82
    assert fast >= plain - 1e-9


def test_fast_is_ten_times_jieba_on_the_same_text():
    corpus_path("sighan2005", "pku_test.utf8")
    raw, _ = pku(LINES)
    text = "".join(raw)
    speeds = {}
    for engine in ("jieba", "fast"):
        seg = get_segmenter(engine)
        seg.cut(text[:100])
        best = float("inf")
        for _ in range(3 if engine == "fast" else 1):
            t = time.perf_counter()
            for line in raw:
                seg.cut(line)
            best = min(best, time.perf_counter() - t)
        speeds[engine] = len(text) / best
    assert speeds["fast"] >= 10 * speeds["jieba"], speeds


def test_both_engines_keep_user_dictionary_words_whole():
    for engine in ("jieba", "fast"):
        seg = get_segmenter(engine)
        for word, _, _ in read_userdict():
            assert seg.cut(word) == [word], (engine, word)
    sentence = "发展新就业形态劳动者会员22.2万人，推动建会入会，建设职工之家"
    assert get_segmenter("jieba").cut(sentence) == get_segmenter("fast").cut(sentence)
    assert "新就业形态劳动者" in get_segmenter("fast").cut(sentence)


def test_segment_line():
    assert segment_line("贵州省总工会 获悉", "fast") == "贵州省 总工会 获悉"
    assert segment_line("贵州省总工会 获悉", "jieba") == "贵州省 总工会 获悉"


def test_word_f1_is_exact_span_match():
    assert word_f1([["中国", "人民"]], [["中国", "人民"]]) == 1.0
    assert abs(word_f1([["中国", "人民"]], [["中国人民"]]) - 0.0) < 1e-9
