"""Traditional script (Hong Kong, Taiwan, Macau papers): told apart from simplified, converted with
OpenCC for analysis, and the fields read from the conversion mapped back to the text as printed.

The splitter's cues, the segmenter and the entity lexicon are all simplified, so a traditional
page is split and analysed as its simplified conversion; `articles` keeps what was printed.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from operator import ne

from tasks.han import HAN_CLASS, to_simplified
from tasks.split.article import Article
from tasks.split.splitter import split_text

SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"
# share of Han characters that conversion to simplified changes: ~0 % in simplified text (OpenCC
# keeps 著名, 后来, 头发 as they are), 15-30 % in traditional news text
_TRADITIONAL_SHARE = 0.05
_SAMPLE = 1000      # characters looked at to tell the script (0.2 ms a file)
_HAN = re.compile(HAN_CLASS + "+")
_TEXT_FIELDS = ("kicker", "headline", "subheadline", "reading_tip", "dateline_place", "body")
_LIST_FIELDS = ("section_heads", "reporters", "correspondents", "photographers", "editors")


def detect(text: str) -> str:
    """SIMPLIFIED or TRADITIONAL: the script the text is printed in."""
    han = "".join(_HAN.findall(text, 0, _SAMPLE))
    if not han:
        return SIMPLIFIED
    converted = to_simplified(han)
    if converted == han:
        return SIMPLIFIED
    changed = sum(map(ne, han, converted)) if len(converted) == len(han) else len(han)
    return TRADITIONAL if changed >= len(han) * _TRADITIONAL_SHARE else SIMPLIFIED


class Printed:
    """Maps strings of a text's simplified conversion back to the text as printed.

    OpenCC maps character for character, so a string found in the conversion is the printed
    text at the same place; a string the splitter built from pieces (two lines joined across a
    page break, a dateline cut off) is mapped line by line, then character by character."""

    def __init__(self, printed: str, simplified: str):
        self.printed, self.simplified = printed, simplified
        aligned = len(printed) == len(simplified)
        self.chars = {s: p for s, p in zip(simplified, printed) if s != p} if aligned else {}
        self.aligned = aligned

    def __call__(self, s: str) -> str:
        if not s or not self.aligned:
            return s
        at = self.simplified.find(s)
        if at >= 0:
            return self.printed[at:at + len(s)]
        if "\n" in s:
            return "\n".join(self(part) for part in s.split("\n"))
        return "".join(self.chars.get(c, c) for c in s)

    def article(self, a: Article) -> Article:
        """`a`, read from the simplified text, with its text fields as printed."""
        return dataclasses.replace(
            a, **{f: self(getattr(a, f)) for f in _TEXT_FIELDS},
            **{f: [self(x) for x in getattr(a, f)] for f in _LIST_FIELDS})


def split_as_printed(text: str, pub_date: date | None = None, single: bool = False,
                     script: str | None = None, title_blocks: bool | None = None
                     ) -> tuple[str, list[tuple[Article, Article]]]:
    """(script, [(article as printed, article as analysed)]) of a decoded page: the same article
    twice for simplified text; for traditional, split from its simplified conversion, which the
    analysis reads, and mapped back to what was printed. `script` and `title_blocks`, when a
    paper's profile says them, overrule what is read from the text."""
    script = script or detect(text)
    if script == SIMPLIFIED:
        return script, [(a, a) for a in split_text(text, pub_date, single, title_blocks)]
    simplified = to_simplified(text)
    printed = Printed(text, simplified)
    return script, [(printed.article(a), a)
                    for a in split_text(simplified, pub_date, single, title_blocks)]
