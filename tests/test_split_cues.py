"""The run scorer's cohesion and parallel-head cues (tasks.split.scorer.cohesion_features,
run_features)."""
from __future__ import annotations

from tasks.split import scorer
from tasks.split.splitter import Splitter, opens_by_cues, split_text
from tests.corpus import corpus_path
from tests.pages import load_pages, page_text


def test_cohesion_shares():
    above, below = scorer.cohesion_shares("脱贫攻坚战", "打赢脱贫攻坚战是头等大事", "春节前后")
    assert above == 1.0 and below == 0.0
    assert scorer.cohesion_shares("", "任何文字", "任何文字") == (0.0, 0.0)


def test_skipping_cohesion_never_changes_a_decision():
    """`scorer.opens` skips the costly cohesion cues when they cannot flip the score: the
    decisions must be those of the full score on real pages."""
    pages = load_pages(corpus_path("rmrb", "2019-10"))[:60]
    seen = []

    def checked(run):
        got = opens_by_cues(run)
        if run.hard_cue is None:   # a run the scorer decides
            features = run.features()
            features.update(run.cohesion_features())
            trees = scorer.NO_TREES if run.transcript else scorer.TREES
            assert got == (scorer.open_score(features, trees) > 0), run.lines
            seen.append(got)
        return got

    for page in pages:
        Splitter(page_text(page.articles, "a"), opens=checked).drafts()
    assert len(seen) > 50 and any(seen) and not all(seen)


def test_parallel_section_heads_stay_in_their_article():
    """Three parallel heads ("一是…") in one long article: none opens an article."""
    body = "乡村振兴战略实施以来，各地因地制宜推进产业发展，农民收入持续增长，乡村面貌焕然一新。"
    text = "\n\n".join(["乡村振兴迈出坚实步伐", "本报记者  王  明", body * 3,
                       "一是产业兴旺", body * 2, "二是生态宜居", body * 2, "三是乡风文明",
                       body * 2]) + "\n"
    arts = split_text(text)
    assert len(arts) == 1
    assert arts[0].section_heads == ["一是产业兴旺", "二是生态宜居", "三是乡风文明"]
