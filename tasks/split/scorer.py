# cython: language_level=3
"""Does a run of title lines on a blank-line page open a new article, or head a section of the
article above it? Asked only when no hard cue decides (see `tasks.split.splitter`).

A logistic regression weighs the run's layout, byline, length and topic cues (`run_features`),
the lexical cohesion of the paragraph below it (`cohesion_features`) and how parallel it is to
the article's earlier section heads; boosted regression trees over the same cues but cohesion add
what those cues mean together. Weights and trees are data files beside this module (each header
says how it was fit; the trees are refit by `python -m tests.split_eval --fit-trees`).
"""
from __future__ import annotations

import math
import re
from typing import Callable

from tasks.split import bylines
from tasks.split.cues import STANDING_TITLES, tagged
from tasks.split.draft import Draft
from tasks.split.layout import Para
from tasks.split.models import load_trees, load_weights

# leaders, bodies and verbs of hard news: headline words, rare in section heads
_NEWS_WORD = re.compile(r"习近平|李克强|栗战书|汪洋|王沪宁|赵乐际|韩正|王岐山|中共中央|国务院|人大|政协|"
                        r"召开|会见|会谈|举行|印发|发布|出席|签署|公报|致电|通过|颁布|公布")
_TOPIC_PARAS = 4        # paragraphs on either side of a title run compared with it for topic
_CAPTION_LOOKAHEAD = 3  # a photo item: at most this many caption paragraphs before the credit
_COHESION_CHARS = 80    # the opening of the paragraph below a title run compared for cohesion
_COHESION_PARAS = 6     # …with this many paragraphs of the article above and of the text after it
_COHESION_WINDOW = 1500  # …at most this many characters of either
_BAND = 2               # section heads of one article: last lines within this many characters


class BoostedTrees:
    """Regression trees whose values add up. A tree is a leaf value or a split, (feature number,
    threshold, left, right): go left while the feature (0 when absent) is at most the threshold.
    Built from the trees as stored (`models.load_trees`); features are numbered by `names`."""

    def __init__(self, stored: list[list]):
        self.names = sorted({node[0] for nodes in stored for node in nodes if node and node[0]})
        number = {name: k for k, name in enumerate(self.names)}

        def nested(nodes: list, n: int):
            name, threshold, leaf = nodes[n]
            if not name:
                return leaf
            return number[name], threshold, nested(nodes, 2 * n + 1), nested(nodes, 2 * n + 2)
        self.roots = [nested(nodes, 0) for nodes in stored]

    def value(self, features: dict[str, float]) -> float:
        # each feature read once, nested tuples: 16 us a run against 27 us walking the stored nodes
        values = [features.get(name, 0.0) for name in self.names]
        total = 0.0
        for node in self.roots:
            while type(node) is tuple:
                node = node[2] if values[node[0]] <= node[1] else node[3]
            total += node
        return total


# the weights of `open_score`, fit on rmrb 2019-02 (how, and why they are not refit: the TSV's
# header); the trees catch combinations the linear score misses (an unsigned commentary ending,
# a short one-line title, a long article with no heads yet)
WEIGHTS = load_weights("split_open_weights.tsv")
BIAS = WEIGHTS.pop("_bias")
TREES = BoostedTrees(load_trees("split_open_trees.tsv"))
NO_TREES = BoostedTrees([])

# the range the cohesion cues (each a share in [0, 1]) can add to the score; the trees never read
# them, so outside it they cannot change a decision
_COHESION_LOW = sum(min(0.0, WEIGHTS[n]) for n in ("cohesion_above", "cohesion_below"))
_COHESION_HIGH = sum(max(0.0, WEIGHTS[n]) for n in ("cohesion_above", "cohesion_below"))


def open_score(features: dict[str, float], trees: BoostedTrees = TREES) -> float:
    """> 0: the title run opens a new article. The logistic regression over `run_features` and
    `cohesion_features`, plus the boosted `trees` (NO_TREES: the linear score alone)."""
    return (BIAS + sum(WEIGHTS[name] * value for name, value in features.items())
            + trees.value(features))


def opens(features: dict[str, float], cohesion_cues: Callable[[], dict[str, float]],
          trees: BoostedTrees = TREES) -> bool:
    """`open_score` > 0 over `features` and the cohesion features, which `cohesion_cues` computes
    only when they can change the decision."""
    score = open_score(features, trees)
    # beyond what the cohesion cues can add, skip them: -19 % of split's time on blank-line pages
    if not _COHESION_LOW <= -score < _COHESION_HIGH:
        return score > 0
    return score + sum(WEIGHTS[name] * value for name, value in cohesion_cues().items()) > 0


def run_features(run: list[str], i: int, j: int, paras: list[Para], roles: list[str],
                 article: Draft) -> dict[str, float]:
    """The cues of the title run paras[i:j] (its lines `run`) under `article`, the article it would
    close or head a section of."""
    nxt = roles[j] if j < len(paras) else ""
    prev = roles[i - 1] if i else ""
    longest = max(len(line) for line in run)
    body_lens = [len(it.text) for it in article.items if not it.is_head]
    since = next((k for k, it in enumerate(reversed(article.items)) if it.is_head),
                 len(article.items))
    heads = [it.text for it in article.items if it.is_head]
    last = run[-1]
    return {
        "next_byline": nxt in ("byline", "signature"),
        "next_byline_again": nxt in ("byline", "signature") and article.bylines_met > 0,
        "next_tip": nxt == "tip",
        "after_credit": prev in ("end", "editor", "photo", "credit", "source"),
        "caption_ahead": _caption_ahead(roles, paras, j - 1),
        "column_tag": any(tagged(line) for line in run),
        "long_run": len(run) >= 4,
        "dash_kicker": run[0].endswith("——"),
        "dash_sub": len(run) > 1 and run[1].startswith("——"),
        "news_word": any(_NEWS_WORD.search(line) for line in run),
        "body_paras": math.log1p(len(body_lens)) / 3,
        "length": min(longest, 40) / 40,
        "spaced": any(" " in line for line in run),
        "standing": run[0] in STANDING_TITLES,
        "body_chars": math.log1p(sum(body_lens)) / 10,
        "has_heads": bool(article.head_runs),
        "parallel": any(_parallel(head_run_shape(run), shape) for shape in article.head_runs),
        "credited": article.lead is not None or bool(article.credits),
        "quoted": run[0].startswith(("“", "\"")),
        "since_head": math.log1p(since) / 3,
        "topic_above": _overlap(run, "".join(it.text for it in article.items[-_TOPIC_PARAS:])),
        "topic_below": _overlap(run, "".join(p.text for p in paras[j:j + _TOPIC_PARAS])),
        # parallel section heads: same opening character ("一是…", "坚持…"), same length band
        "same_first": any(h[:1] == last[:1] for h in heads),
        "head_band": any(abs(len(h) - len(last)) <= _BAND for h in heads),
    }


def cohesion_features(j: int, paras: list[Para], article: Draft) -> dict[str, float]:
    """The lexical cohesion cues of the paragraph below a title run ending before paras[j],
    under `article` (apart from `run_features`, as they are the costly ones)."""
    below = paras[j].text if j < len(paras) else ""
    above_c, below_c = cohesion_shares(
        below, "".join(it.text for it in article.items[-_COHESION_PARAS:])[-_COHESION_WINDOW:],
        "".join(p.text for p in paras[j + 1:j + 1 + _COHESION_PARAS])[:_COHESION_WINDOW])
    return {"cohesion_above": above_c, "cohesion_below": below_c}


def cohesion_shares(text: str, above: str, below: str) -> tuple[float, float]:
    """Shares of the character pairs of `text` (the opening of the paragraph below a title run)
    found in the article's last paragraphs and in the paragraphs after it: body text under a
    section head carries on the article's words, the first paragraph of a new article those of
    the text below it."""
    pairs = {text[k:k + 2] for k in range(min(len(text), _COHESION_CHARS) - 1)}
    if not pairs:
        return 0.0, 0.0
    return (len([p for p in pairs if p in above]) / len(pairs),
            len([p for p in pairs if p in below]) / len(pairs))


def head_run_shape(run: list[str]) -> tuple[int, bool, int]:
    """What makes head runs of one article parallel: line count, a dash-ended first line and
    the length of the last line."""
    return len(run), run[0].endswith("——"), len(run[-1])


def _parallel(a: tuple[int, bool, int], b: tuple[int, bool, int]) -> bool:
    return a[:2] == b[:2] and abs(a[2] - b[2]) <= 1


def _overlap(run: list[str], text: str) -> float:
    """Share of the run's character pairs found in `text`: a section head shares the words of
    the article around it, a new headline those of the text below it."""
    pairs = {line[k:k + 2] for line in run for k in range(len(line) - 1)}
    return len([p for p in pairs if p in text]) / len(pairs) if pairs else 0.0


def _caption_ahead(roles: list[str], paras: list[Para], i: int) -> bool:
    """The paragraphs after position i are a photo caption: a few body paragraphs, then a credit."""
    for j in range(i + 1, min(len(paras), i + 1 + _CAPTION_LOOKAHEAD + 1)):
        if roles[j] in ("photo", "source") or (roles[j] == "body"
                                               and bylines.split_trailing_photo(paras[j].text)[1]):
            return j > i + 1 or roles[j] == "body"
        if roles[j] != "body":
            return False
    return False
