"""The entity loops compiled (`tasks/entity_scan.*.so`, built by `pip install -e .`) and run by
Python from the same source give the same candidates, scores and names on real text."""
import re
from itertools import accumulate

import pytest

from tests import compiled

from tasks.entities import rules as entities

from tasks.entities import scan as entity_scan

from tasks.entities import model as ner
from tasks.enrich.enricher import article_text
from tasks.enrich.segment import get_segmenter
from tasks.split.splitter import split_text
from tests.corpus import corpus_path

COMPILED = compiled.is_compiled(entity_scan)


def xwlb_tags(step: int = 12) -> list[tuple[list[tuple[str, str]], list[str]]]:
    """(tags, byline names) of the articles of every `step`-th xwlb file, all years."""
    files = sorted(corpus_path("xwlb").rglob("xwlb-*.txt"))[::step]
    seg = get_segmenter("fast")
    arts = [a for f in files for a in split_text(f.read_text(encoding="utf-8"), None)]
    return [(seg.tag(article_text(a)), [*a.reporters, *a.correspondents, *a.photographers]) for a in arts]


@pytest.fixture(scope="module")
def source():
    """The module run from its source by Python, with the rules and model of the other."""
    return compiled.source(entity_scan)


@pytest.fixture(scope="module")
def tagged():
    return xwlb_tags()


@pytest.mark.skipif(not COMPILED, reason="tasks.entities.scan is not compiled: nothing to compare")
def test_compiled_and_python_agree_on_xwlb(source, tagged):
    assert len(tagged) > 1000
    model, normalize = ner.scorer(), entities._normalize
    for tags, people in tagged:
        assert entity_scan.entities(tags, people, model, normalize) == \
            source.entities(tags, people, model, normalize)


@pytest.mark.skipif(not COMPILED, reason="tasks.entities.scan is not compiled: nothing to compare")
def test_compiled_and_python_agree_on_candidates_and_scores(source, tagged):
    # What training sees: the candidates in order, and the public scores and decisions.
    model = ner.scorer()
    for tags, _ in tagged[::5]:
        words, poss = [w for w, _ in tags], [p for _, p in tags]
        offsets, text = [0, *accumulate(map(len, words))], "".join(words)
        cands = entity_scan.candidates(tags, words, poss, offsets, text)
        assert cands == source.candidates(tags, words, poss, offsets, text)
        assert entity_scan.scores(model, cands, words, poss, text) == source.scores(model, cands, words, poss, text)
        assert entity_scan.decide(cands, words, poss, text, model) == source.decide(cands, words, poss, text, model)


# The reference of `scan._abbr_matches`: one-character places in a run, before 方, after a
# visiting verb.
ABBR_RE = re.compile(
    rf"[{entities._ABBR_CLASS}](?:{entities._LIST_MARK}?[{entities._ABBR_CLASS}])+"
    rf"|[{entities._ABBR_CLASS}](?={entities._FANG}[^{entities._NOT_AFTER_FANG}])"
    rf"|[{entities._VISIT}](?=[{entities._ABBR_CLASS}])")


def test_character_loop_finds_what_the_regex_finds(source, tagged):
    # The one-character place names are found by a loop over the characters; run by Python
    # here, it must find what the regex finds.
    source._bind()
    texts = ["".join(w for w, _ in tags) for tags, _ in tagged[::3]]
    texts += ["中美关系", "中、美、俄", "中方面", "中方", "访华", "在中", "中、", "、中", "中美、", "方"]
    for text in texts:
        assert source._abbr_matches(text) == [m.span() for m in ABBR_RE.finditer(text)], text


def test_python_path_of_a_fresh_module_matches(source):
    # A module without a cache yet (as after `use_lexicon`) proposes the same as one warm.
    text = "中华人民共和国驻布隆迪大使在莱克伍德县和怀柔会见来宾，中美关系，吉林省委书记张德江"
    tags = get_segmenter().tag(text)
    words, poss = [w for w, _ in tags], [p for _, p in tags]
    offsets = [0, *accumulate(map(len, words))]
    first = source.candidates(tags, words, poss, offsets, text)
    source.clear()
    assert source.candidates(tags, words, poss, offsets, text) == first
    assert first == entities.candidates(tags, words, poss, offsets, text)
