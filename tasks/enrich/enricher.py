"""One article in, the rows of terms, entities, figures and keywords out.

The text (headline, then body) is tagged once; terms, entity candidates and keywords all
come from that one tag list, and figures read the same text with the same words.

`enrich` gives one article's rows. The pipeline calls `enrich_tagged` instead: it returns
the tagged words themselves, which `tasks.enrich.wordcounts` counts for a whole batch at once into
the same terms and keywords.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Mapping

from tasks.split.article import Article
from tasks.entities.rules import entities
from tasks.enrich.figures import figures
from tasks.enrich.keywords import Idf, idf_lookup, textrank, tfidf
from tasks.enrich.segment import get_segmenter
from tasks.enrich.terms import stopwords, terms


@dataclass
class Enrichment:
    terms: list[tuple[str, str, int, bool]]                 # term, pos, count, is_stop
    entities: list[tuple[str, str, str, str | None, int]]   # type, text, normalized, province, count
    figures: list[tuple[float, str, str, str, str]]         # value, unit, raw, context, qualifier
    keywords: list[tuple[str, float, int]]                  # keyword, weight, rank


@dataclass
class Tagged:
    """What `enrich_tagged` gives: the tagged words (for counting by the batch), the entity
    and figure rows, and keyword rows unless they are TF-IDF (counted too)."""
    tags: list[tuple[str, str]]
    entities: list[tuple[str, str, str, str | None, int]]
    figures: list[tuple[float, str, str, str, str]]
    keywords: list[tuple[str, float, int]] | None


def article_text(article: Article) -> str:
    """Headline and body as one text, a line apart (a clause never spans them)."""
    return "\n".join(t for t in (article.headline, article.body) if t)


class Enricher:
    def __init__(self, engine: str = "fast", idf: Mapping[str, float] | None = None,
                 keyword_method: str = "tfidf", top_k: int = 10):
        if keyword_method not in ("tfidf", "textrank"):
            raise ValueError(f"keyword_method must be tfidf or textrank, not {keyword_method!r}")
        self.segmenter = get_segmenter(engine)
        self.idf = idf
        # The IDF of words the lake's mapping lacks (its median): worked out here once, not
        # by sorting all of the lake's words for every article.
        self._unseen_idf = median(idf.values()) if idf else None
        self.keyword_method = keyword_method
        self.top_k = top_k
        # What the batch's TF-IDF uses; None for TextRank, which ranks per article.
        self.idf_of: Idf | None = (
            idf_lookup(idf, self._unseen_idf) if keyword_method == "tfidf" else None)

    def enrich(self, article: Article) -> Enrichment:
        """One article's rows, terms and keywords included (the batch counts those itself)."""
        e = self.enrich_tagged(article)
        term_rows = terms(e.tags)
        kw = e.keywords if e.keywords is not None else tfidf(term_rows, self.idf, self.top_k,
                                                             unseen_idf=self._unseen_idf)
        return Enrichment(terms=term_rows, entities=e.entities, figures=e.figures, keywords=kw)

    def enrich_tagged(self, article: Article) -> Tagged:
        text = article_text(article)
        tags = self.segmenter.tag(text)
        people = [*article.reporters, *article.correspondents, *article.photographers]
        kw = textrank(tags, stopwords(), self.top_k) if self.idf_of is None else None
        return Tagged(tags=tags, entities=entities(tags, people), figures=figures(text, tags), keywords=kw)
