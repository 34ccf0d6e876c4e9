"""Top-k keywords of an article from the words already tagged for it.

TF-IDF: term frequency from the article's term counts times an IDF from the mapping the
caller passes (the lake's own document frequencies, once it has enough articles), else
jieba's built-in IDF table, shipped inside the jieba package (offline). Words missing from
the table get the table's median IDF, as jieba does. TextRank (method="textrank") ranks
words by co-occurrence within a window of the tagged sequence instead.
"""
from __future__ import annotations

import importlib.util
import math
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Iterable, Mapping, Sequence

from tasks.enrich.terms import WordCache

# Tags of words that can be keywords: nouns, names, verbs, verbal nouns, idioms.
KEYWORD_TAGS = frozenset("n nr nrt nrfg ns nt nz vn v l i j eng an".split())


@lru_cache(maxsize=1)
def jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (for unseen words)."""
    # Found without importing jieba.analyse, which loads jieba's POS tagger and its own copy
    # of this table: 0.9 s of every worker's start. Read by Arrow's CSV reader: 0.16 s
    # instead of 0.22 s for splitting its 270k lines in Python, in every worker's start.
    import numpy as np
    import pyarrow as pa
    from pyarrow import csv

    path = Path(importlib.util.find_spec("jieba").origin).parent / "analyse" / "idf.txt"
    data = csv.read_csv(path, read_options=csv.ReadOptions(column_names=["word", "idf"]),
                        parse_options=csv.ParseOptions(delimiter=" ", quote_char=False),
                        convert_options=csv.ConvertOptions(column_types={"word": pa.string(), "idf": pa.float64()},
                                                           strings_can_be_null=False))
    idf = data["idf"].to_numpy()
    return dict(zip(data["word"].to_pylist(), idf.tolist())), float(np.median(idf))


def _candidate(term: str, pos: str, is_stop: bool) -> bool:
    return not is_stop and len(term) >= 2 and pos in KEYWORD_TAGS


class Idf:
    """word → its IDF from `table`, `unseen` for words it lacks; `many` looks up a list at
    once (a batch's words: one C-level pass, no Python call per word)."""

    def __init__(self, table: Mapping[str, float], unseen: float):
        self.table, self.unseen = table, unseen
        # Words met so far. Look-ups in a big table (jieba's has ~270k words) miss the CPU
        # cache; a text's words come from a far smaller working set, looked up here first.
        self._seen = WordCache(lambda word: table.get(word, unseen))

    def __call__(self, word: str) -> float:
        return self._seen[word]

    def many(self, words: Iterable[str]) -> list[float]:
        return list(map(self._seen.__getitem__, words))


@lru_cache(maxsize=1)
def _jieba_lookup() -> Idf:
    """One for the process, so that its words met so far serve every article."""
    return Idf(*jieba_idf())


def idf_lookup(idf: Mapping[str, float] | None = None, unseen_idf: float | None = None) -> Idf:
    """word → its IDF: from `idf` (words it lacks get `unseen_idf`, default its median), else
    from jieba's table."""
    if idf is None:
        return _jieba_lookup()
    if unseen_idf is None:
        unseen_idf = median(idf.values()) if idf else 1.0
    return Idf(idf, unseen_idf)


def tfidf(terms: Sequence[tuple[str, str, int, bool]], idf: Mapping[str, float] | None = None,
          top_k: int = 10, *, unseen_idf: float | None = None) -> list[tuple[str, float, int]]:
    """(keyword, weight, rank) from (term, pos, count, is_stop) rows.

    `unseen_idf` is the IDF of words missing from `idf` (default: its median); a caller
    scoring many articles against one mapping passes it so as not to sort the mapping's
    values for each of them."""
    # `_candidate` inlined: a call per row would cost more than the rest of the row's work.
    cands = [(t, c) for t, p, c, s in terms if not s and p in KEYWORD_TAGS and len(t) >= 2]
    if not cands or top_k <= 0:
        return []
    tf = dict(cands)
    if len(tf) < len(cands):      # one word can carry two tags: its counts add up
        tf = {}
        for w, c in cands:
            tf[w] = tf.get(w, 0) + c
    total = sum(tf.values()) or 1
    idf_of = idf_lookup(idf, unseen_idf)
    weights = [c / total * v for c, v in zip(tf.values(), idf_of.many(tf))]
    # Only words at or above the k-th weight can rank; sorting the floats alone finds it.
    kth = sorted(weights, reverse=True)[top_k - 1] if len(weights) > top_k else -math.inf
    # Highest weight first, ties by word: the order of (-weight, word).
    ranked = sorted([(-v, w) for v, w in zip(weights, tf) if v >= kth])
    return [(w, -s, r) for r, (s, w) in enumerate(ranked[:top_k], 1)]


def textrank(tags: Sequence[tuple[str, str]], stop: frozenset[str], top_k: int = 10,
             window: int = 5, iterations: int = 10) -> list[tuple[str, float, int]]:
    """(keyword, weight, rank) by TextRank over the candidate words of the tagged text."""
    seq = [w for w, p in tags if _candidate(w, p, w in stop)]
    graph: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for i, w in enumerate(seq):
        for v in seq[i + 1:i + window]:
            if v != w:
                graph[w][v] += 1
                graph[v][w] += 1
    if not graph:
        return []
    score = dict.fromkeys(graph, 1.0)
    out_weight = {w: sum(edges.values()) for w, edges in graph.items()}
    for _ in range(iterations):
        score = {w: 0.15 + 0.85 * sum(wt / out_weight[v] * score[v] for v, wt in edges.items())
                 for w, edges in graph.items()}
    top = max(score.values())
    ranked = sorted(score.items(), key=lambda x: (-x[1], x[0]))[:top_k]
    return [(w, s / top, r) for r, (w, s) in enumerate(ranked, 1)]
