"""Top-k keywords of an article from the words already tagged for it.

TF-IDF: term frequency from the article's term counts times an IDF from the mapping the
caller passes (the lake's own document frequencies, once it has enough articles), else
jieba's built-in IDF table, shipped inside the jieba package (offline). Words missing from
the table get the table's median IDF, as jieba does. TextRank (method="textrank") ranks
words by co-occurrence within a window of the tagged sequence instead.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from heapq import nsmallest
from pathlib import Path
from statistics import median
from typing import Mapping, Sequence

# Tags of words that can be keywords: nouns, names, verbs, verbal nouns, idioms.
KEYWORD_TAGS = frozenset("n nr nrt nrfg ns nt nz vn v l i j eng an".split())


@lru_cache(maxsize=1)
def jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (for unseen words)."""
    import jieba.analyse

    path = Path(jieba.analyse.__file__).with_name("idf.txt")
    table = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            word, idf = line.split()
            table[word] = float(idf)
    return table, median(table.values())


def _candidate(term: str, pos: str, is_stop: bool) -> bool:
    return not is_stop and len(term) >= 2 and pos in KEYWORD_TAGS


# Words met so far → jieba IDF. The table has ~350k words and its look-ups miss the CPU
# cache; a text's words come from a far smaller working set, so they are looked up here
# first (bounded by the vocabulary of the text processed).
_jieba_seen: dict[str, float] = {}


def tfidf(terms: Sequence[tuple[str, str, int, bool]], idf: Mapping[str, float] | None = None,
          top_k: int = 10) -> list[tuple[str, float, int]]:
    """(keyword, weight, rank) from (term, pos, count, is_stop) rows."""
    counts: dict[str, int] = defaultdict(int)
    for term, pos, count, is_stop in terms:
        if not is_stop and pos in KEYWORD_TAGS and len(term) >= 2:
            counts[term] += count     # one word can carry two tags
    total = sum(counts.values()) or 1
    scored = []
    if idf is None:
        table, default = jieba_idf()
        seen = _jieba_seen
        for w, c in counts.items():
            v = seen.get(w)
            if v is None:
                v = seen[w] = table.get(w, default)
            scored.append((-c / total * v, w))
    else:
        default = median(idf.values()) if idf else 1.0
        scored = [(-c / total * idf.get(w, default), w) for w, c in counts.items()]
    return [(w, -s, r) for r, (s, w) in enumerate(nsmallest(top_k, scored), 1)]


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
