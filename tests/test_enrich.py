import math
from time import perf_counter

import tasks.enrich.enricher
from tasks.split.article import Article
from tasks.enrich.enricher import Enricher, article_text
from tasks.enrich.figures import figures
from tasks.enrich.keywords import tfidf
from tasks.enrich.terms import terms
from tests.corpus import SEED, corpus_path
from tests.enrich_eval import enrich_speed, xwlb_articles

BODY = ("本报讯(记者李丰)记者日前从贵州省总工会获悉，截至10月底，全省成立新业态工会1388个，"
        "覆盖企业3653家，发展新就业形态劳动者会员22.2万人。")


def test_enrich_one_article():
    art = Article(headline="“四步走”把新就业形态劳动者引进“家”", body=BODY, reporters=["李丰"])
    e = Enricher().enrich(art)
    terms = {t[0]: t for t in e.terms}
    assert terms["新就业形态劳动者"][2] == 2             # headline and body
    assert terms["把"][3] is True and terms["获悉"][3] is True and terms["企业"][3] is False
    assert "，" not in terms and "1388" not in terms
    ents = {(t, x): (n, p, c) for t, x, n, p, c in e.entities}
    assert ents[("ORG", "贵州省总工会")][1] == "贵州省"
    assert ("PER", "李丰") in ents
    assert (222000, "人") in [(v, u) for v, u, *_ in e.figures]
    assert e.keywords and e.keywords[0][2] == 1


def test_enrich_seed_page_and_textrank():
    art = Article(body=SEED.read_text(encoding="utf-8"))
    e = Enricher(keyword_method="textrank", top_k=5).enrich(art)
    assert len(e.keywords) == 5 and len(e.figures) > 20


def test_enrich_throughput_against_the_tagger():
    # A ratio to rjieba's own tagging speed on the same text, measured in turns in the same
    # test, so that a loaded or slower machine moves both. Whole `enrich` runs at 0.17–0.18×
    # of tagging alone on a quiet machine (~1.05 M chars/s when rjieba tags ~6 M; 0.13–0.15×
    # before terms, keywords and figures were reworked), and lower when other jobs share the
    # two cores; the target is 0.25×, not reached. Per stage: test_stages_against_the_tagger.
    corpus_path("xwlb", "2023")
    arts = xwlb_articles(limit_files=30)
    enrich, tag = enrich_speed(arts[:len(arts) // 2], warm=arts[len(arts) // 2:], rounds=5)
    assert enrich >= tag / 12, (enrich, tag)


def _stage_ratios(arts: list[Article], rounds: int) -> dict[str, float]:
    """Time of each stage over the articles as a ratio to rjieba's tagging of them, and the
    glue: `enrich` (its entities stubbed out by the caller) over the same steps called by hand.

    Each text is tagged and then put through the stages at once, as `enrich` does (the stages
    find the fresh tags in the CPU cache); per text the best of `rounds` passes, so that a
    moment of load on the shared machine is not counted."""
    enricher = Enricher()
    tag = enricher.segmenter.tag
    texts = [article_text(a) for a in arts]
    steps = ("tag", "terms", "keywords", "figures", "by hand", "enrich")
    best = {k: [math.inf] * len(texts) for k in steps}

    def keep(step: str, i: int, d: float) -> None:
        best[step][i] = min(best[step][i], d)

    for _ in range(rounds):
        for i, x in enumerate(texts):
            t0 = perf_counter()
            tags = tag(x)
            t1 = perf_counter()
            rows = terms(tags)
            t2 = perf_counter()
            tfidf(rows)
            t3 = perf_counter()
            figures(x, tags)
            t4 = perf_counter()
            for k, d in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                keep(k, i, d)
        for i, x in enumerate(texts):
            t0 = perf_counter()
            tags = tag(x)
            tfidf(terms(tags))
            figures(x, tags)
            keep("by hand", i, perf_counter() - t0)
        for i, a in enumerate(arts):
            t0 = perf_counter()
            enricher.enrich(a)
            keep("enrich", i, perf_counter() - t0)
    total = {k: sum(v) for k, v in best.items()}
    ratios = {k: total[k] / total["tag"] for k in steps[1:4]}
    ratios["glue"] = total["enrich"] / total["by hand"] - 1
    return ratios


def test_stages_against_the_tagger(monkeypatch):
    # Stage time / tag time on the same text, in the same test. On the 2-core dev machine:
    # terms ~0.61 (counting the (word, tag) pairs alone is ~0.3: a C loop, but a dict update
    # per word), keywords ~0.49, figures ~0.32, and the glue of `enrich` a few per cent of
    # them. Before the stages were reworked: 0.68, 0.60 and 0.67. The bounds leave room for
    # a loaded machine; the per-word dict look-ups are what load slows most.
    corpus_path("xwlb", "2023")
    monkeypatch.setattr(tasks.enrich.enricher, "entities", lambda tags, people: [])
    arts = xwlb_articles(limit_files=20)
    _stage_ratios(arts, rounds=1)            # dictionaries and per-word caches loaded
    ratios = _stage_ratios(arts, rounds=5)
    assert ratios["terms"] < 0.9, ratios
    assert ratios["keywords"] < 0.8, ratios
    assert ratios["figures"] < 0.5, ratios
    assert ratios["glue"] < 0.15, ratios
