"""The terms and keywords of a batch of articles, counted over arrays.

A term is a word with at least one Han character that is not a Chinese number (三万五千), or a
mixed-script name (5G, iPhone, COVID); punctuation, digits and other ASCII (x, http, 3.5) are
not terms. Stop words stay, flagged.

Per article only its words and tags go in, as small integers (`tasks.enrich.word_ids`).
Counting, the term filter, TF-IDF and the top-k keywords then run once per batch and month
in numpy and Arrow: building a Python row per (article, term) and converting millions of them
to Arrow was a third of a worker's time. `tests/reference.py` holds the same definitions one
article at a time, and tests check that both agree on real text.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tasks.enrich import word_ids
from tasks.enrich.keywords import KEYWORD_TAGS, Idf
from tasks.han import HAN_CLASS
from tasks.lake.schemas import SORT_KEYS, TABLES

STOPWORDS = Path(__file__).with_name("data") / "stopwords.txt"
NUMERALS = "零〇一二三四五六七八九十百千万亿两点第"
# The columns a row of terms or keywords takes from its article.
ARTICLE_COLUMNS = ("article_id", "pub_date", "source_id", "run_id")


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def term_flags(words: pa.Array) -> np.ndarray:
    """Per word, as int8: -1 for a word that is no term, 0 for a term, 1 for a stop word.
    Arrow's regex kernels (RE2, no look-ahead: the letter is a second test) over a batch's
    vocabulary at once."""
    def has(pattern: str) -> pa.Array:
        return pc.match_substring_regex(words, pattern)

    han = has(HAN_CLASS)
    ascii_term = pc.and_(pc.and_(has("^[A-Za-z0-9][A-Za-z0-9\\-]*$"), has("[A-Za-z]")),
                         pc.greater_equal(pc.utf8_length(words), 2))
    term = pc.if_else(han, pc.invert(has(f"^[{NUMERALS}]+$")), ascii_term)
    stop = pc.is_in(words, value_set=pa.array(sorted(stopwords()), pa.string()))
    return np.where(term.to_numpy(zero_copy_only=False),
                    stop.to_numpy(zero_copy_only=False).astype(np.int8), np.int8(-1))


class Vocabulary:
    """The words and tags of one batch, numbered in order of first sight."""

    def __init__(self) -> None:
        self.words: dict[str, int] = {}      # word → id
        self.tags: dict[str, int] = {}


class FrozenVocabulary:
    """Arrays over a vocabulary that no longer grows (at flush): each word as Arrow string,
    its length, its place in word order, its flags (`term_flags`); each tag as string and
    whether it is a keyword tag."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.words = list(vocab.words)          # insertion order is id order
        self.word_array = pa.array(self.words, pa.string())
        self.flags = term_flags(self.word_array)
        self.tag_array = pa.array(list(vocab.tags), pa.string())
        self.length = pc.utf8_length(self.word_array).to_numpy().astype(np.int64)
        self.rank = np.empty(len(self.words), np.int64)
        self.rank[pc.sort_indices(self.word_array).to_numpy()] = np.arange(len(self.words))
        self.keyword_tag = np.fromiter((t in KEYWORD_TAGS for t in vocab.tags), bool, len(vocab.tags))


class WordCounts:
    """The tagged words of the articles of one (batch, month), as ids."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.articles: list[int] = []
        self.word: list[np.ndarray] = []
        self.tag: list[np.ndarray] = []

    def add(self, article: int, tags: Sequence[tuple[str, str]]) -> None:
        words, tag = np.empty(len(tags), np.int32), np.empty(len(tags), np.int32)
        word_ids.tag_ids(tags if isinstance(tags, list) else list(tags), self.vocab.words, self.vocab.tags, words, tag)
        self.articles.append(article)
        self.word.append(words)
        self.tag.append(tag)

    def terms(self, flags: np.ndarray) -> "Terms":
        """One row per (article, term, tag) with its count; `flags` are the vocabulary's
        (`FrozenVocabulary.flags`)."""
        a = np.repeat(np.array(self.articles, np.int64), [len(w) for w in self.word])
        w = np.concatenate(self.word).astype(np.int64) if self.word else np.empty(0, np.int64)
        t = np.concatenate(self.tag).astype(np.int64) if self.tag else np.empty(0, np.int64)
        keep = flags[w] >= 0
        a, w, t = a[keep], w[keep], t[keep]
        # One int64 key per (article, word, tag), counted by Arrow's hash kernel.
        wbits = max(1, len(self.vocab.words).bit_length())
        tbits = max(1, len(self.vocab.tags).bit_length())
        if (int(a.max(initial=0)) + 1).bit_length() + wbits + tbits > 63:
            raise OverflowError("too many articles or words in one batch to count")
        key = (a << (wbits + tbits)) | (w << tbits) | t
        counted = pc.value_counts(pa.array(key, pa.int64()))
        key = counted.field("values").to_numpy()
        count = counted.field("counts").to_numpy().astype(np.int32)
        t = key & ((1 << tbits) - 1)
        w = (key >> tbits) & ((1 << wbits) - 1)
        a = key >> (wbits + tbits)
        return Terms(a, w, t, count, flags[w] == 1)


class Terms:
    """Counted terms of a (batch, month) as parallel arrays of ids."""

    def __init__(self, article, word, tag, count, is_stop) -> None:
        self.article, self.word, self.tag, self.count, self.is_stop = article, word, tag, count, is_stop

    def words_per_article(self, n_articles: int) -> np.ndarray:
        """`articles.n_words`: the term occurrences of each article."""
        return np.bincount(self.article, weights=self.count, minlength=n_articles).astype(np.int32)

    def tfidf(self, vocab: FrozenVocabulary, idf_of: Idf, top_k: int) -> tuple[np.ndarray, ...]:
        """(article, word id, weight, rank) of each article's top-k keywords by TF-IDF: term
        frequency among the article's candidate words (not stop words, two characters or
        more, a keyword tag; a word's tags add up) times its IDF; highest weight first, ties
        by word."""
        cand = ~self.is_stop & vocab.keyword_tag[self.tag] & (vocab.length[self.word] >= 2)
        if top_k <= 0 or not cand.any():
            empty = np.empty(0, np.int64)
            return empty, empty, np.empty(0, np.float64), empty
        a, w, c = self.article[cand], self.word[cand], self.count[cand]
        # A word's counts under its tags add up: group by (article, word).
        wbits = max(1, len(vocab.words).bit_length())
        key, inverse = np.unique((a << wbits) | w, return_inverse=True)
        c = np.bincount(inverse, weights=c)
        a, w = key >> wbits, key & ((1 << wbits) - 1)
        total = np.bincount(a, weights=c)
        # IDF of the words present only. In float64 these are the same operations as
        # Python's c / total * idf, so the same numbers.
        present = np.unique(w)
        idf = np.zeros(len(vocab.words))
        idf[present] = idf_of.many(map(vocab.words.__getitem__, present.tolist()))
        weight = c / total[a] * idf[w]
        order = np.lexsort((vocab.rank[w], -weight, a))
        a, w, weight = a[order], w[order], weight[order]
        starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]])
        rank = np.arange(len(a)) - np.repeat(starts, np.diff(np.r_[starts, len(a)])) + 1
        top = rank <= top_k
        return a[top], w[top], weight[top], rank[top]


class BatchWords:
    """The tagged words of a batch's articles, per month, counted at the end into the rows of
    `terms` and `keywords` (and each article's `n_words`)."""

    def __init__(self, idf_of: Idf, top_k: int = 10) -> None:
        self.vocab = Vocabulary()
        self.months: dict[str, WordCounts] = {}
        self.idf_of, self.top_k = idf_of, top_k

    def add(self, month: str, article: int, tags: Sequence[tuple[str, str]]) -> None:
        """The words of the month's `article`-th article."""
        counts = self.months.get(month)
        if counts is None:
            counts = self.months[month] = WordCounts(self.vocab)
        counts.add(article, tags)

    def tables(self, articles_of) -> dict[tuple[str, str], pa.Table]:
        """(table, month) → the terms and keywords of the month's articles, in the order of
        SORT_KEYS; `articles_of(month)` gives the month's article columns, whose `n_words`
        this fills."""
        if not self.months:
            return {}
        vocab = FrozenVocabulary(self.vocab)
        out = {}
        for month, counts in self.months.items():
            for name, data in self._month(counts, articles_of(month), vocab).items():
                out[(name, month)] = data
        return out

    def _month(self, counts: WordCounts, articles: dict[str, list], vocab: FrozenVocabulary) -> dict[str, pa.Table]:
        terms = counts.terms(vocab.flags)
        articles["n_words"] = terms.words_per_article(len(articles["article_id"])).tolist()
        fixed = {name: pa.array(articles[name], TABLES["articles"].field(name).type) for name in ARTICLE_COLUMNS}
        day = np.fromiter((d.toordinal() if d else 0 for d in articles["pub_date"]), np.int64,
                          len(articles["pub_date"]))

        def table(name: str, article: np.ndarray, word: np.ndarray, columns: dict) -> pa.Table:
            # Sorted by word, then date, in numpy: Arrow would sort the strings themselves.
            order = np.lexsort((article, day[article], vocab.rank[word]))
            take = pa.array(order)
            index = pa.array(article[order])
            data = {n: fixed[n].take(index) for n in ARTICLE_COLUMNS}
            data |= {n: c.take(take) for n, c in columns.items()}
            data[SORT_KEYS[name][0][0]] = vocab.word_array.take(pa.array(word[order]))
            return pa.table(data).select(TABLES[name].names).cast(TABLES[name])

        a, w, weight, rank = terms.tfidf(vocab, self.idf_of, self.top_k)
        return {
            "terms": table("terms", terms.article, terms.word, {
                "pos": vocab.tag_array.take(pa.array(terms.tag)),
                "count": pa.array(terms.count, pa.int32()), "is_stop": pa.array(terms.is_stop)}),
            "keywords": table("keywords", a, w, {"weight": pa.array(weight), "rank": pa.array(rank, pa.int32())}),
        }
