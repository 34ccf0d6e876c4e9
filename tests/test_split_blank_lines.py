"""Blank-line pages (layout a): the boosted trees of the run scorer and the title-block cues added
with them (signatures, picture sources, a page-top kicker, a speaker kicker, bullets and note
marks under a headline)."""
from __future__ import annotations

import random

from tasks.split import bylines, scorer
from tasks.split.models import load_trees
from tasks.split.splitter import Splitter, split_text
from tests.corpus import corpus_path
from tests.pages import page_text, pages_of

BODY = "乡村振兴战略实施以来，各地因地制宜推进产业发展，农民收入持续增长，乡村面貌焕然一新。"


def _page(*paras: str) -> str:
    return "\n\n".join(paras) + "\n"


def test_signature_lines():
    for line in ("张  岩", "王汉超 徐 驰", "郑少忠 娄国标", "江西新余市  廖海金", "乔  栋   白鸿滨"):
        assert bylines.is_signature(line), line
    # spaced titles, unspaced words, sentences
    for line in ("抓时节 抢采收", "张鼓匠 摘了帽", "农家乐 挺红火", "张岩", "云南鲜花  香飘海外",
                 "王老师说 这是好事"):
        assert not bylines.is_signature(line), line


def test_picture_sources():
    for line in ("人民视觉", "影像中国", "朱慧卿作（新华社发）"):
        assert bylines.is_picture_source(line), line
    assert not bylines.is_picture_source("人民视觉很好看")
    assert bylines.is_other_credit("剧照摄影：刘海栋") and bylines.is_other_credit("本版摄影：史家民")


def test_trees_walk_left_while_the_feature_is_at_most_the_threshold():
    stump = [("length", 0.5, 0.0), ("", 0.0, -1.0), ("", 0.0, 2.0)]
    deeper = [("credited", 0.0, 0.0), ("", 0.0, 0.25), ("length", 0.2, 0.0), None, None,
              ("", 0.0, 4.0), ("", 0.0, 8.0)]
    assert scorer.BoostedTrees([stump]).value({"length": 0.5}) == -1.0
    assert scorer.BoostedTrees([stump]).value({"length": 0.6}) == 2.0
    both = scorer.BoostedTrees([stump, deeper])
    assert both.value({}) == -1.0 + 0.25          # a missing feature is 0
    assert both.value({"credited": True, "length": 0.3}) == -1.0 + 8.0
    assert scorer.NO_TREES.value({"length": 0.6}) == 0.0
    assert scorer.TREES.roots, "tasks/split/data/split_open_trees.tsv holds no trees"


def _stored_trees_value(stored: list[list], features: dict) -> float:
    """The reference: walk each tree's stored nodes in heap order (children of n at 2n+1, 2n+2)."""
    total = 0.0
    for nodes in stored:
        n = 0
        name, threshold, leaf = nodes[0]
        while name:
            n = 2 * n + (1 if features.get(name, 0.0) <= threshold else 2)
            name, threshold, leaf = nodes[n]
        total += leaf
    return total


def test_shipped_trees_give_the_reference_walk():
    stored = load_trees("split_open_trees.tsv")
    rng = random.Random(3)
    for _ in range(500):
        f = {n: rng.choice([0.0, 1.0, True, False, rng.random()])
             for n in scorer.TREES.names if rng.random() < .6}
        assert scorer.TREES.value(f) == _stored_trees_value(stored, f)


def test_trees_refit_reproduces_the_stored_ones():
    """`python -m tests.split_eval --fit-trees` on the tuning pages gives (nearly) the stored
    trees: their decisions agree on the runs of the held-out pages."""
    from tests.split_eval import _training_texts, fit_trees, run_samples
    corpus_path("rmrb", "2019-02")
    trees = fit_trees(*run_samples(_training_texts("tuning")))
    pages = pages_of("held-out", corpus_path("rmrb", "2019-10").parents[1])[:150]
    xs, _, _ = run_samples([(page_text(p.articles, "a"), p.articles, 1.0) for p in pages])
    refit = scorer.BoostedTrees(trees)
    agree = sum((scorer.open_score(x, refit) > 0) == (scorer.open_score(x) > 0) for x in xs)
    assert len(xs) > 150 and agree / len(xs) >= 0.995, (agree, len(xs))


def test_signed_piece_stays_in_its_column():
    """A title over a bare signature inside a long article is a piece of a compound column."""
    text = _page("来信选登", "本报记者  王  明", BODY * 3, BODY * 2, "学生寒假补课忙", "江西新余市  廖海金",
                 BODY * 2, BODY)
    arts = split_text(text)
    assert len(arts) == 1 and "江西新余市  廖海金" in arts[0].body


def test_page_top_kicker_and_speaker_kicker():
    text = _page("写春联、赏年画、进博物馆……", "翰墨飘香 年味渐浓", "本报北京1月31日电  " + BODY, BODY,
                 "国台办：", "搞对抗没有出路", "本报北京10月11日电  （记者王明）" + BODY)
    arts = split_text(text)
    assert [(a.kicker, a.headline) for a in arts] == [
        ("写春联、赏年画、进博物馆……", "翰墨飘香 年味渐浓"), ("国台办：", "搞对抗没有出路")]


def test_bullets_and_note_marks_open_the_body():
    text = _page("将中医针灸传向世界", "■欧洲彭策尔学院打开了中医在当地的知名度", "■如今学院遍布25个国家",
                 BODY, BODY)
    (a,) = split_text(text)
    assert (a.kicker, a.headline, a.subheadline) == ("", "将中医针灸传向世界", "")
    assert a.body.startswith("■欧洲彭策尔学院")
    (b,) = split_text(_page("咱们村，年味浓", "编者的话", BODY, BODY))
    assert (b.kicker, b.headline) == ("", "咱们村，年味浓") and b.body.startswith("编者的话")


def test_transcripts_are_scored_without_trees():
    lead = "央视网消息（新闻联播）：" + BODY
    text = _page(*[x for k in range(3) for x in (f"第{k}条新闻的标题", lead, BODY)])
    assert Splitter(text).transcript
    assert not Splitter(_page("标题", "本报北京1月31日电  " + BODY)).transcript
