"""Word segmentation and POS tagging.

Two engines with one dictionary: `jieba` (pure Python, the reference) and `fast`
(rjieba, the jieba-rs binding, ~20× faster). Both start from jieba's built-in dictionary
and get the same domain words from `data/userdict.txt` through `add_word` with explicit
frequencies, so they cut the same text into the same words.

Cuts differ only on dotted or hyphenated ASCII (jieba: F / - / 35, jieba-rs: F-35; 3 of
3,326 xwlb lines). Tags of words already in jieba's dictionary keep jieba-rs's own tag
even when the user dictionary gives another, so user entries use the dictionary's tag.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Protocol

USERDICT = Path(__file__).with_name("data") / "userdict.txt"
ENGINES = ("fast", "jieba")


class Segmenter(Protocol):
    name: str

    def cut(self, text: str) -> list[str]: ...

    def tag(self, text: str) -> list[tuple[str, str]]: ...


def read_userdict(path: Path = USERDICT) -> list[tuple[str, int, str]]:
    """(word, freq, pos) entries; `#` comments and blank lines skipped."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, freq, pos = line.split()
        entries.append((word, int(freq), pos))
    return entries


class JiebaSegmenter:
    name = "jieba"

    def __init__(self, userdict: list[tuple[str, int, str]]):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tok = jieba.Tokenizer()
        self._tok.initialize()
        for word, freq, pos in userdict:
            self._tok.add_word(word, freq, pos)
        self._pos = jieba.posseg.POSTokenizer(self._tok)

    def cut(self, text: str) -> list[str]:
        return self._tok.lcut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._pos.cut(text)]


class FastSegmenter:
    name = "fast"

    def __init__(self, userdict: list[tuple[str, int, str]]):
        import rjieba

        self._jb = rjieba.Jieba()
        for word, freq, pos in userdict:
            self._jb.add_word(word, freq, pos)
        # Bound methods: no attribute lookups in the hot path.
        self.cut = self._jb.cut
        self.tag = self._jb.tag


def get_segmenter(engine: str = "fast", userdict: bool = True) -> Segmenter:
    """The process-wide segmenter of an engine (`fast` or `jieba`); loading takes ~1 s.

    `userdict=False` gives the plain engine, for measuring what the domain words change."""
    return _segmenter(engine, userdict)  # one cache key however it is called


@lru_cache(maxsize=None)
def _segmenter(engine: str, userdict: bool) -> Segmenter:
    entries = read_userdict() if userdict else []
    if engine == "fast":
        return FastSegmenter(entries)
    if engine == "jieba":
        return JiebaSegmenter(entries)
    raise ValueError(f"unknown engine {engine!r}: choose one of {ENGINES}")


def segment_line(line: str, engine: str = "fast") -> str:
    """One line as space-separated words (for `baoku segment`); whitespace tokens dropped."""
    return " ".join(w for w in get_segmenter(engine).cut(line) if not w.isspace())
