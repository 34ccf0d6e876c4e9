"""Per-article word counts from the tagged words: what the `terms` table holds.

Kept: words with at least one Han character or a mixed-script name (5G, iPhone). Left out:
punctuation and whitespace (tag x without Han), numbers (tag m made of digits, 2021年 is
cut into 2021 / 年), and pure-ASCII junk (URLs, stray letters). Stop words stay, flagged.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

STOPWORDS = Path(__file__).with_name("data") / "stopwords.txt"
# A Python string (the characters, not \u escapes): RE2 reads it too (`term_flags`).
_HAN_CLASS = "[\u4e00-\u9fff]"
_HAN = re.compile(_HAN_CLASS)
# An ASCII word worth keeping mixes letters with a digit or is a capitalised name of 2+
# letters (5G, COVID, iPhone); everything else ASCII (x, http, 3.5) is left out.
_ASCII_TERM = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-]*")


_NUMERALS = "零〇一二三四五六七八九十百千万亿两点第"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def is_term(word: str) -> bool:
    """Whether a word counts as a term."""
    if _HAN.search(word):
        # Chinese numbers (三万五千) are numbers, not words.
        return not all(c in _NUMERALS for c in word)
    return len(word) >= 2 and bool(_ASCII_TERM.fullmatch(word)) and not word.isdigit()


class WordCache(dict):
    """word → a decision about it, worked out on first sight: the vocabulary repeats, and a
    plain dict look-up (`__missing__` runs only for new words) is the cheapest way to reuse
    one. Cleared when full, so that a long run's numbers and names cannot grow it without
    bound."""

    def __init__(self, decide: Callable[[str], Any], limit: int = 1 << 18):
        super().__init__()
        self.decide, self.limit = decide, limit

    def __missing__(self, word: str):
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.decide(word)
        return value


def _stop_flag(word: str) -> bool | None:
    """is_stop of a term, None for a word that is no term."""
    return word in stopwords() if is_term(word) else None


_stop_flags = WordCache(_stop_flag)


def term_flags(words: pa.Array) -> np.ndarray:
    """`_stop_flag` of many words at once, as int8: -1 for a word that is no term, 0 for a
    term, 1 for a stop word. Arrow's regex kernels (RE2, no look-ahead: the letter is a
    second test) over a batch's vocabulary, instead of a Python call per new word."""
    def has(pattern: str) -> pa.Array:
        return pc.match_substring_regex(words, pattern)

    han = has(_HAN_CLASS)
    ascii_term = pc.and_(pc.and_(has("^[A-Za-z0-9][A-Za-z0-9\\-]*$"), has("[A-Za-z]")),
                         pc.greater_equal(pc.utf8_length(words), 2))
    term = pc.if_else(han, pc.invert(has(f"^[{_NUMERALS}]+$")), ascii_term)
    stop = pc.is_in(words, value_set=_stop_array())
    return np.where(term.to_numpy(zero_copy_only=False),
                    stop.to_numpy(zero_copy_only=False).astype(np.int8), np.int8(-1))


@lru_cache(maxsize=1)
def _stop_array() -> pa.Array:
    return pa.array(sorted(stopwords()), pa.string())


def terms(tags: Sequence[tuple[str, str]]) -> list[tuple[str, str, int, bool]]:
    """(term, pos, count, is_stop), one row per distinct (word, tag)."""
    # One look-up per distinct word, which settles both whether it is a term and is_stop.
    flags = _stop_flags
    return [(w, p, n, s) for (w, p), n in Counter(tags).items() if (s := flags[w]) is not None]
