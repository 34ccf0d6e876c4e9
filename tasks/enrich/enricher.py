"""The enricher: what a worker process loads to enrich articles (the segmenter and its
dictionary, entity recognition with its word lists and model), held by one object that the
batch passes down.

An article's text (headline, then body) is tagged once; entity candidates and figures come
from that one tag list, quotations from the body and those entities, and the batch counts its
words into terms and keywords (`tasks.enrich.terms`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Mapping

from tasks.enrich.figures import figures
from tasks.enrich.keywords import Idf, idf_lookup
from tasks.enrich.quotes import quotes
from tasks.enrich.segment import Segmenter, get_segmenter
from tasks.entities.recognizer import EntityRow, Recognizer
from tasks.split.article import Article


@dataclass
class Tagged:
    """One article's tagged words (the batch counts them) and its entity and figure rows."""
    tags: list[tuple[str, str]]
    entities: list[EntityRow]
    figures: list[tuple[float, str, str, str, str]]     # value, unit, raw, context, qualifier
    quotes: list[tuple]     # speaker, speaker_entity, speaker_title, verb, quote, direct


def article_text(article: Article) -> str:
    """Headline and body as one text, a line apart (a clause never spans them)."""
    return "\n".join(t for t in (article.headline, article.body) if t)


class Enricher:
    """Loading takes about a second (the dictionaries and the model): one per process."""

    def __init__(self, engine: str = "fast"):
        self.segmenter: Segmenter = get_segmenter(engine)
        self.recognizer = Recognizer.load()

    def tag(self, article: Article, with_quotes: bool = True) -> Tagged:
        text = article_text(article)
        tags = self.segmenter.tag(text)
        people = [*article.reporters, *article.correspondents, *article.photographers]
        entities = self.recognizer.entities(tags, people)
        return Tagged(tags=tags, entities=entities, figures=figures(text, tags),
                      quotes=quotes(article.body, entities) if with_quotes else [])

    @staticmethod
    def keyword_idf(lake_idf: Mapping[str, float] | None) -> Idf:
        """The keywords' IDF: the lake's own (`lake_idf`), else jieba's table."""
        return idf_lookup(lake_idf)


@cache
def shared_enricher(engine: str = "fast") -> Enricher:
    """The process's one enricher of an engine (what it learns of the words it meets serves
    every batch the process runs)."""
    return Enricher(engine)
