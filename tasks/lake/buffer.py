"""Rows gathered column by column per (table, month), then written as one Parquet part each.

Columnar lists are far cheaper than a dict per row, and the schema from `tasks.lake.schemas` is
applied once at flush. The terms and keywords of articles are not rows here at all: their
words go in as ids and are counted at flush (`tasks.enrich.wordcounts`).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pyarrow as pa

from tasks.enrich.keywords import Idf
from tasks.lake.store import Lake
from tasks.lake.schemas import TABLES
from tasks.enrich.wordcounts import Frozen, Vocabulary, WordCounts

# Sort keys per table: terms by term so a one-term trend query reads few row groups;
# the rest by date then article, the order analysts read them in.
SORT_KEYS = {
    "articles": [("pub_date", "ascending"), ("article_id", "ascending")],
    "terms": [("term", "ascending"), ("pub_date", "ascending")],
    "entities": [("normalized", "ascending"), ("pub_date", "ascending")],
    "figures": [("pub_date", "ascending"), ("article_id", "ascending")],
    "keywords": [("keyword", "ascending"), ("pub_date", "ascending")],
    "sources": [("source_path", "ascending")],
}
# The columns a row of terms, entities, figures or keywords takes from its article.
ARTICLE_COLUMNS = ("article_id", "pub_date", "source_id", "run_id")


class TableBuffers:
    """`idf_of` and `top_k`: TF-IDF keywords worked out at flush from the counted words (None:
    keywords come as rows, e.g. TextRank's)."""

    def __init__(self, idf_of: Idf | None = None, top_k: int = 10) -> None:
        self._cols: dict[tuple[str, str], dict[str, list]] = {}
        self.vocab = Vocabulary()
        self._words: dict[str, WordCounts] = {}
        self.idf_of, self.top_k = idf_of, top_k

    def columns(self, table: str, month: str) -> dict[str, list]:
        key = (table, month)
        cols = self._cols.get(key)
        if cols is None:
            cols = self._cols[key] = {name: [] for name in TABLES[table].names}
        return cols

    def add(self, table: str, month: str, row: dict) -> None:
        cols = self.columns(table, month)
        for name, values in cols.items():
            values.append(row.get(name))

    def add_article(self, month: str, row: dict, tags: Sequence[tuple[str, str]]) -> None:
        """An article and its tagged words: its terms, keywords and `n_words` follow at flush."""
        index = len(self.columns("articles", month)["article_id"])
        self.add("articles", month, row)
        counts = self._words.get(month)
        if counts is None:
            counts = self._words[month] = WordCounts(self.vocab)
        counts.add(index, tags)

    def add_many(self, table: str, month: str, fixed: dict, names: tuple[str, ...], rows: list[tuple]) -> None:
        """Rows that share `fixed` values (the article's ids and date) and differ in `names`."""
        if not rows:
            return
        cols = self.columns(table, month)
        n = len(rows)
        for name, value in fixed.items():
            cols[name].extend([value] * n)
        for name, column in zip(names, zip(*rows)):  # transpose in C, not per value in Python
            cols[name].extend(column)

    def _counted(self, month: str, vocab: Frozen) -> dict[str, pa.Table]:
        """The terms (and TF-IDF keywords) of a month's articles, in the order of SORT_KEYS;
        fills the articles' `n_words`."""
        articles = self._cols[("articles", month)]
        terms = self._words.pop(month).terms(vocab.flags)
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

        out = {"terms": table("terms", terms.article, terms.word, {
            "pos": vocab.tag_array.take(pa.array(terms.tag)),
            "count": pa.array(terms.count, pa.int32()), "is_stop": pa.array(terms.is_stop)})}
        if self.idf_of is not None:
            a, w, weight, rank = terms.tfidf(vocab, self.idf_of, self.top_k)
            out["keywords"] = table("keywords", a, w, {"weight": pa.array(weight), "rank": pa.array(rank, pa.int32())})
        return out

    def flush(self, lake: Lake, run_id: str, part: int) -> list[str]:
        """Write every buffered (table, month) as one sorted part file; returns the paths."""
        tables: dict[tuple[str, str], pa.Table] = {}
        if self._words:
            vocab = Frozen(self.vocab)
            for month in list(self._words):
                for name, data in self._counted(month, vocab).items():
                    tables[(name, month)] = data
        for key, cols in self._cols.items():
            data = pa.Table.from_pydict(cols, schema=TABLES[key[0]])
            if key in tables:        # keyword rows of both kinds: sort them together
                data = pa.concat_tables([tables[key], data]).sort_by(SORT_KEYS[key[0]])
            elif key[0] in SORT_KEYS:
                data = data.sort_by(SORT_KEYS[key[0]])
            tables[key] = data
        written = []
        for (table, month), data in sorted(tables.items()):
            if not data.num_rows:
                continue
            written.append(str(lake.write_part(table, month, run_id, part, data)))
        self._cols.clear()
        return written
