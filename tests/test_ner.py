"""The learned entity model: shipped files reproducible, fast scorer equal to the features."""
import gzip
from itertools import accumulate

from tasks.entities import rules as entities

from tasks.entities import model as ner

from tests import ner_train
from tasks.enrich.segment import get_segmenter
from tests.corpus import SEED, corpus_path


def test_training_reproduces_the_shipped_model():
    sentences = ner_train.read_bio(corpus_path("ner", "peoples-daily-ner.dev.bio"))
    names, w = ner_train.fit(sentences)
    assert ner_train.lexicon_text(names) == entities.LEXICON.read_text(encoding="utf-8")
    assert ner_train.weights_text(w) == gzip.decompress(ner.WEIGHTS.read_bytes()).decode("utf-8")


def test_training_sees_no_held_out_sentence():
    sentences = [(f"句{k}", set()) for k in range(10)]
    assert [k for k, _ in enumerate(sentences) if ner_train.is_tuning(k)] == [1, 2, 3, 4, 6, 7, 8, 9]


def test_fast_scorer_equals_the_feature_sum():
    # `_Scorer.scores` inlines `features` for speed; both must give the same scores.
    text = SEED.read_text(encoding="utf-8")
    tags = get_segmenter().tag(text)
    words, poss = zip(*tags)
    offsets = [0, *accumulate(map(len, words))]
    cands = entities.candidates(tags, words, poss, offsets, text)
    assert len(cands) > 100
    scorer, w = ner.scorer(), ner.weights()
    for c, fast in zip(cands, scorer.scores(cands, words, poss, text)):
        slow = ner._sum(w, ner.features(c, words, poss, text))
        assert max(abs(a - b) for a, b in zip(fast, slow)) < 1e-6, c


def test_overlaps_go_to_the_outer_name():
    text = "西藏藏文古籍出版社成立"
    tags = get_segmenter().tag(text)
    found = {(m.text, m.type) for m in entities.find_mentions(tags)}
    assert ("西藏藏文古籍出版社", "ORG") in found and ("西藏", "LOC") not in found
