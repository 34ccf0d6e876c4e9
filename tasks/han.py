"""What every step means by a Han character: the CJK Unified Ideographs block, U+4E00–U+9FFF
(the extensions hold rare characters; one in 16 M characters of the corpora); and traditional
characters read as simplified, the form every analysis reads."""
from __future__ import annotations

import functools
import re

import opencc

HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF
HAN_RANGE = f"{chr(HAN_FIRST)}-{chr(HAN_LAST)}"     # the characters themselves: RE2 (Arrow's regex kernels) reads them too
HAN_CLASS = f"[{HAN_RANGE}]"
_HAN_WORD = re.compile(f"{HAN_CLASS}+")


def is_han(word: str) -> bool:
    """Every character of `word` is a Han character (and there is one at least)."""
    return _HAN_WORD.fullmatch(word) is not None


@functools.cache
def _to_simplified() -> opencc.OpenCC:
    # t2s plus Taiwan's forms (正忙著 → 正忙着: t2s keeps 著); standard and Hong Kong text read the same
    return opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    return _to_simplified().convert(text)
