"""Paragraphs of a raw page, and the layout cues the splitter reads from them.

A page arrives either with blank lines between paragraphs, or with paragraphs marked by
full-width indentation (U+3000 U+3000) and blank lines only between articles (if at all). In the
indented layout an unindented line is a title (or a column continuation), which is a far stronger
cue than anything in the text, so the mode is detected once per page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# NBSP, figure/thin spaces, ideographic space inside a line: all just a space
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\ufeff\t]")
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
_EDGE = " \u3000"
# share of non-empty lines that must be indented before indentation is taken as the paragraph
# mark (rmrb pages: 85-95 % of lines are indented body paragraphs, blank-line pages: ~0 %)
_INDENT_MODE_SHARE = 0.4

# a paragraph ends a sentence: 。！？… and closing quotes/brackets after them, ASCII too
_TERMINAL = re.compile(r"(?:[。！？!?…;；]|[。！？!?…][”’」』）)\"']+|\.(?=\s*$))\s*$")
_OPEN_END = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“‘「《（(]$")
_SOFT_END = re.compile(r"[，,、：:]$")


@dataclass
class Para:
    text: str
    indented: bool = False   # marked by leading indentation (only meaningful in indent mode)
    gap: bool = False        # a blank line comes before it


def paragraphs(text: str) -> tuple[list[Para], bool]:
    """The non-empty paragraphs of `text` and whether the page uses indentation marks."""
    lines = _ODD_SPACE.sub(" ", text).split("\n")
    nonempty = [ln for ln in lines if ln.strip(_EDGE)]
    indented = sum(1 for ln in nonempty if _INDENT.match(ln))
    indent_mode = bool(nonempty) and indented / len(nonempty) >= _INDENT_MODE_SHARE
    out: list[Para] = []
    gap = False
    for ln in lines:
        text = ln.strip(_EDGE + "\r\v\f")
        if text:
            out.append(Para(text, indent_mode and bool(_INDENT.match(ln)), gap and bool(out)))
        gap = not text
    return out, indent_mode


def title_slots(text: str) -> tuple[str, str, str] | None:
    """(kicker, headline, subheadline) of a one-article file that keeps its titles by position:
    three unindented lines, any but the headline possibly empty, then an indented body (or none).
    People's Daily files look like this; a file that does not gives None."""
    lines = _ODD_SPACE.sub(" ", text).replace("\r", "").split("\n")
    slots, rest = lines[:3], lines[3:]
    if len(slots) < 2 or any(_INDENT.match(ln) for ln in slots):
        return None
    slots += [""] * (3 - len(slots))
    body = [ln for ln in rest if ln.strip(_EDGE)]
    if body and not _INDENT.match(rest[0]):
        return None
    kicker, headline, sub = (ln.strip(_EDGE + "\v\f") for ln in slots)
    return (kicker, headline, sub) if headline else None


def is_terminated(text: str) -> bool:
    """Ends like a finished sentence (a paragraph that does not was probably cut)."""
    return bool(_TERMINAL.search(text))


def continues(prev: str, nxt: str) -> bool:
    """`nxt` is the rest of `prev`, cut by a page or column break: `prev` stops mid-sentence
    (on a character, or on a comma in a long paragraph)."""
    if not prev or not nxt or is_terminated(prev):
        return False
    if _OPEN_END.search(prev):
        return len(prev) >= 8
    return bool(_SOFT_END.search(prev)) and len(prev) >= 40
