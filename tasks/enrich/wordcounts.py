"""The terms and keywords tables of a batch of articles, counted over arrays.

Per article only its words and tags go in, as small integers (`tasks.enrich.word_ids`: two dict
look-ups per word, in C when compiled). Counting, the term filter, TF-IDF and the top-k
keywords then run once per batch and month in numpy and Arrow: building a Python row per
(article, term) and converting millions of them to Arrow was a third of a worker's time.

The definitions are those of the one-article functions `tasks.enrich.terms.terms` and
`tasks.enrich.keywords.tfidf` (tests check that both agree on real text): is_term and is_stop are
`tasks.enrich.terms.term_flags`, the same rules over a batch's words at once; keyword candidates
come from the same tags and IDF, ties go by word.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tasks.enrich import word_ids
from tasks.enrich.keywords import KEYWORD_TAGS, Idf
from tasks.enrich.terms import term_flags



class Vocabulary:
    """The words and tags of one batch, numbered in order of first sight."""

    def __init__(self) -> None:
        self.words: dict[str, int] = {}      # word → id
        self.tags: dict[str, int] = {}


class Frozen:
    """Arrays over a vocabulary that no longer grows (at flush): each word as Arrow string,
    its length, its place in word order, its flags (`tasks.enrich.terms.term_flags`); each tag as
    string and keyword tag."""

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
        """One row per (article, term, tag) with its count, as `tasks.enrich.terms.terms` defines;
        `flags` are the vocabulary's (`Frozen.flags`)."""
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

    def tfidf(self, vocab: Frozen, idf_of: Idf, top_k: int) -> tuple[np.ndarray, ...]:
        """(article, word id, weight, rank) of each article's top-k keywords by TF-IDF: term
        frequency among the article's candidate words (a word's tags add up) times its IDF;
        highest weight first, ties by word, as `tasks.enrich.keywords.tfidf`."""
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
