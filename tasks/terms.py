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
from typing import Sequence

STOPWORDS = Path(__file__).with_name("data") / "stopwords.txt"
_HAN = re.compile(r"[\u4e00-\u9fff]")
# An ASCII word worth keeping mixes letters with a digit or is a capitalised name of 2+
# letters (5G, COVID, iPhone); everything else ASCII (x, http, 3.5) is left out.
_ASCII_TERM = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-]*$")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def is_term(word: str) -> bool:
    """Whether a word counts as a term."""
    if _HAN.search(word):
        # Chinese numbers (三万五千) are numbers, not words.
        return not all(c in "零〇一二三四五六七八九十百千万亿两点第" for c in word)
    return len(word) >= 2 and bool(_ASCII_TERM.match(word)) and not word.isdigit()


# word → is_term(word), filled as words come: the vocabulary repeats, and a dict look-up
# is several times cheaper than an lru_cache call.
_is_term: dict[str, bool] = {}


def terms(tags: Sequence[tuple[str, str]]) -> list[tuple[str, str, int, bool]]:
    """(term, pos, count, is_stop), one row per distinct (word, tag)."""
    stop = stopwords()
    known = _is_term
    counts = Counter(tags)
    for w, _ in counts:
        if w not in known:
            known[w] = is_term(w)
    return [(w, p, n, w in stop) for (w, p), n in counts.items() if known[w]]
