"""What keywords are weighed with: the tags of words that can be keywords, and the IDF.

TF-IDF (counted per batch in `tasks.enrich.terms`) takes its IDF from the lake's own
document frequencies once the lake has enough articles, else from jieba's built-in IDF
table, shipped inside the jieba package (offline). Words missing from the table get the
table's median IDF, as jieba does.
"""
from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from statistics import median
from typing import Iterable, Mapping

# Tags of words that can be keywords: nouns, names, verbs, verbal nouns, idioms.
KEYWORD_TAGS = frozenset("n nr nrt nrfg ns nt nz vn v l i j eng an".split())


@cache
def jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (for unseen words)."""
    # Found without importing jieba.analyse, which loads jieba's POS tagger and its own copy
    # of this table (0.9 s of every worker's start); read by Arrow's CSV reader (0.16 s
    # against 0.22 s for its 270k lines split in Python).
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


class Idf:
    """word → its IDF from `table`, `unseen` for words it lacks."""

    def __init__(self, table: Mapping[str, float], unseen: float):
        self.table, self.unseen = table, unseen

    def __call__(self, word: str) -> float:
        return self.table.get(word, self.unseen)

    def many(self, words: Iterable[str]) -> list[float]:
        table, unseen = self.table, self.unseen
        return [table.get(w, unseen) for w in words]


def idf_lookup(idf: Mapping[str, float] | None = None, unseen_idf: float | None = None) -> Idf:
    """word → its IDF: from `idf` (words it lacks get `unseen_idf`, default its median), else
    from jieba's table."""
    if idf is None:
        return Idf(*jieba_idf())
    if unseen_idf is None:
        unseen_idf = median(idf.values()) if idf else 1.0
    return Idf(idf, unseen_idf)
