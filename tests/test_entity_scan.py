"""The compiled entity modules (`tasks.entities.scan` and `rules`, built by `make setup`) and the
same modules run by Python from their source give the same candidates, scores and names on
real text; the scan's loop over the characters finds what its reference regex finds."""
import re

import pytest

from tasks.enrich.enricher import article_text
from tasks.enrich.segment import get_segmenter
from tasks.entities import lexicon, rules, scan
from tasks.entities.model import Scorer, read_weights
from tasks.entities.recognizer import Recognizer
from tasks.split.splitter import split_text
from tests import compiled
from tests.corpus import corpus_path

COMPILED = compiled.is_compiled(scan) or compiled.is_compiled(rules)

# The reference of `scan._abbr_matches`: one-character places in a run, before 方, after a
# visiting verb.
ABBR_RE = re.compile(
    rf"[{lexicon.ABBR_PLACES}](?:{lexicon.LIST_MARK}?[{lexicon.ABBR_PLACES}])+"
    rf"|[{lexicon.ABBR_PLACES}](?={lexicon.SIDE}[^{lexicon.NOT_AFTER_SIDE}])"
    rf"|[{lexicon.VISIT_VERBS}](?=[{lexicon.ABBR_PLACES}])")


def xwlb_tags(step: int = 12) -> list[tuple[list[tuple[str, str]], list[str]]]:
    """(tags, byline names) of the articles of every `step`-th xwlb file, all years."""
    files = sorted(corpus_path("xwlb").rglob("xwlb-*.txt"))[::step]
    seg = get_segmenter("fast")
    arts = [a for f in files for a in split_text(f.read_text(encoding="utf-8"), None)]
    return [(seg.tag(article_text(a)), [*a.reporters, *a.correspondents, *a.photographers]) for a in arts]


@pytest.fixture(scope="module")
def recognizer():
    return Recognizer.load()


@pytest.fixture(scope="module")
def source_scan():
    return compiled.source(scan)


@pytest.fixture(scope="module")
def from_source(recognizer, source_scan):
    """A scanner whose scan and rules Python runs from their source, with the same data."""
    source_rules = compiled.source(rules).NameRules(
        recognizer.gazetteer, lexicon.world_places(), lexicon.name_lexicon())
    return source_scan.Scanner(source_rules, Scorer(read_weights(), source_rules.span_kind), recognizer.gazetteer)


@pytest.fixture(scope="module")
def tagged():
    return xwlb_tags()


@pytest.mark.skipif(not COMPILED, reason="the entity scan and rules are not compiled: nothing to compare")
def test_compiled_and_python_agree_on_xwlb(recognizer, from_source, tagged):
    assert len(tagged) > 1000
    for tags, people in tagged:
        assert recognizer.scanner.entity_rows(tags, people) == from_source.entity_rows(tags, people)


@pytest.mark.skipif(not COMPILED, reason="the entity scan and rules are not compiled: nothing to compare")
def test_compiled_and_python_agree_on_candidates_and_scores(recognizer, from_source, tagged):
    # What training sees: the candidates in order, their scores, and the names taken.
    for tags, _ in tagged[::5]:
        cands = recognizer.scanner.candidates(tags)
        assert cands == from_source.candidates(tags)
        assert recognizer.scanner.candidate_scores(tags, cands) == from_source.candidate_scores(tags, cands)
        assert recognizer.scanner.spans(tags) == from_source.spans(tags)


def test_character_loop_finds_what_the_regex_finds(source_scan, tagged):
    texts = ["".join(w for w, _ in tags) for tags, _ in tagged[::3]]
    texts += ["中美关系", "中、美、俄", "中方面", "中方", "访华", "在中", "中、", "、中", "中美、", "方"]
    for text in texts:
        assert source_scan._abbr_matches(text) == [m.span() for m in ABBR_RE.finditer(text)], text


def test_a_fresh_scanner_proposes_what_a_warm_one_does(recognizer, tagged):
    text = "中华人民共和国驻布隆迪大使在莱克伍德县和怀柔会见来宾，中美关系，吉林省委书记张德江"
    tags = get_segmenter().tag(text)
    for earlier, _ in tagged[:200]:
        recognizer.candidates(earlier)
    assert Recognizer.load().candidates(tags) == recognizer.candidates(tags)
