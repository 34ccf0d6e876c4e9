"""The entity loops compiled (`tasks/entity_scan.*.so`, built by `pip install -e .`) and run by
Python from the same source give the same candidates, scores and names on real text."""
import importlib
import importlib.machinery
import os
import time
from itertools import accumulate
from pathlib import Path

import pytest

from tasks import compiled, entities, entity_scan, ner
from tasks.enrich import article_text
from tasks.segment import get_segmenter
from tasks.split import split_text
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
    return entities.scan_source()


@pytest.fixture(scope="module")
def tagged():
    return xwlb_tags()


@pytest.mark.parametrize("name", compiled.MODULES)
def test_the_built_modules_are_current(name):
    # A build older than its source (edited since) is not imported: the source runs, correct
    # but slower. Rebuild: `make setup` (pip install -e .).
    module = importlib.import_module(f"tasks.{name}")
    folder = Path(module.__file__).parent
    if not any((folder / f"{name}{s}").exists() for s in importlib.machinery.EXTENSION_SUFFIXES):
        pytest.skip(f"tasks.{name} is not compiled (no Cython or C compiler at install)")
    assert compiled.is_compiled(module), f"tasks/{name}.py changed since the build: make setup"


def test_a_build_older_than_its_source_is_not_imported(tmp_path, monkeypatch):
    # A package of two modules, each with a "build" beside it (a file in the extension's name:
    # the finder only decides by the files' times, it never loads a build itself).
    pkg = tmp_path / "fresh_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name, source_newer in (("edited", True), ("built", False)):
        (pkg / f"{name}.py").write_text(f"WHO = {name!r}\n")
        (pkg / f"{name}{suffix}").write_bytes(b"")
        old, new = time.time() - 100, time.time()
        os.utime(pkg / f"{name}.py", (new, new) if source_newer else (old, old))
        os.utime(pkg / f"{name}{suffix}", (old, old) if source_newer else (new, new))
    finder = compiled.FreshBuilds("fresh_pkg", pkg)
    with pytest.warns(RuntimeWarning, match="older than edited.py"):
        spec = finder.find_spec("fresh_pkg.edited")
    assert spec.origin == str(pkg / "edited.py")
    assert finder.find_spec("fresh_pkg.built") is None       # the usual import: the build
    assert finder.find_spec("other_pkg.edited") is None
    assert finder.find_spec("fresh_pkg.nothing_built") is None


@pytest.mark.skipif(not COMPILED, reason="tasks.entity_scan is not compiled: nothing to compare")
def test_compiled_and_python_agree_on_xwlb(source, tagged):
    assert len(tagged) > 1000
    model, normalize = ner.scorer(), entities._normalize
    for tags, people in tagged:
        assert entity_scan.entities(tags, people, model, normalize) == \
            source.entities(tags, people, model, normalize)


@pytest.mark.skipif(not COMPILED, reason="tasks.entity_scan is not compiled: nothing to compare")
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


def test_character_loop_finds_what_the_regex_finds(source, tagged):
    # Compiled, the one-character place names are found by a loop over the characters, not
    # by `entities._ABBR_RE`; run by Python here, the loop must find the same matches.
    source._bind()
    texts = ["".join(w for w, _ in tags) for tags, _ in tagged[::3]]
    texts += ["中美关系", "中、美、俄", "中方面", "中方", "访华", "在中", "中、", "、中", "中美、", "方"]
    for text in texts:
        assert source._abbr_matches(text) == [m.span() for m in entities._ABBR_RE.finditer(text)], text


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
