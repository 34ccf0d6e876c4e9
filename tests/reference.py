"""The pipeline's definitions one article at a time, in plain Python: what the batch's array
code (`tasks.enrich.terms`) must give, row for row. Tests run both on real text."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from tasks.enrich.enricher import Enricher
from tasks.enrich.keywords import KEYWORD_TAGS, idf_lookup
from tasks.enrich.terms import NUMERALS, stopwords
from tasks.han import HAN_CLASS
from tasks.split.article import Article

_HAN = re.compile(HAN_CLASS)
# An ASCII word worth keeping mixes letters with a digit or is a name of 2+ letters (5G,
# COVID, iPhone); everything else ASCII (x, http, 3.5) is left out.
_ASCII_TERM = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-]*")


def is_term(word: str) -> bool:
    if _HAN.search(word):
        return not all(c in NUMERALS for c in word)     # Chinese numbers (三万五千) are numbers
    return len(word) >= 2 and bool(_ASCII_TERM.fullmatch(word)) and not word.isdigit()


def stop_flag(word: str) -> bool | None:
    """is_stop of a term, None for a word that is no term."""
    return word in stopwords() if is_term(word) else None


def terms(tags: Sequence[tuple[str, str]]) -> list[tuple[str, str, int, bool]]:
    """(term, pos, count, is_stop), one row per distinct (word, tag), in order of first sight."""
    return [(w, p, n, s) for (w, p), n in Counter(tags).items() if (s := stop_flag(w)) is not None]


def tfidf(term_rows: Sequence[tuple[str, str, int, bool]], idf: Mapping[str, float] | None = None,
          top_k: int = 10) -> list[tuple[str, float, int]]:
    """(keyword, weight, rank): term frequency among the candidate words (no stop words, two
    characters or more, a keyword tag; a word's tags add up) times its IDF; highest weight
    first, ties by word."""
    tf: dict[str, int] = {}
    for t, p, c, s in term_rows:
        if not s and p in KEYWORD_TAGS and len(t) >= 2:
            tf[t] = tf.get(t, 0) + c
    if not tf or top_k <= 0:
        return []
    total = sum(tf.values())
    idf_of = idf_lookup(idf)
    ranked = sorted((-(c / total * idf_of(w)), w) for w, c in tf.items())[:top_k]
    return [(w, -s, r) for r, (s, w) in enumerate(ranked, 1)]


@dataclass
class Enrichment:
    terms: list[tuple[str, str, int, bool]]
    entities: list
    figures: list
    keywords: list[tuple[str, float, int]]


def enrich(enricher: Enricher, article: Article, idf: Mapping[str, float] | None = None) -> Enrichment:
    """One article's rows of every derived table."""
    tagged = enricher.tag(article)
    rows = terms(tagged.tags)
    return Enrichment(rows, tagged.entities, tagged.figures, tfidf(rows, idf))
