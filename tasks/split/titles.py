"""Which lines of a title run title the article, and which title each one is: kicker (引题),
headline (主题) or subheadline (副题).

On a blank-line page the run opening an article may run on into its first paragraphs
(`split_block`). A block of three lines is kicker, headline, subheadline; of two lines, a few
printed cues decide and otherwise a small logistic model over the two lines (`pair_features`,
weights in data/split_title_pair.tsv, fit by `python -m tests.split_eval --fit-pairs`).
"""
from __future__ import annotations

import math
import re

from tasks.split.cues import (COLUMN_TAG, DOC_NO, DOC_NO_PATTERN, KICKER_END, MAX_TITLE_LINES,
                              is_column_name, tagged)
from tasks.split.models import load_weights

_SUB_START = ("——", "（", "(")   # a subheadline spelling out ("——…") or annotating the headline
_SUB_END = re.compile(r"(?:主持|出席|参加)[\u4e00-\u9fff]{0,5}$|(?:会见|讲话|致辞)$")
_DIGIT = re.compile(r"\d")
# bulleted summary lines under a headline open its body
_BULLET = re.compile(r"^[■●◆▲★·◎]")
# a second title line that can only annotate the headline above it: a note in parentheses (a
# document's date or adoption, a count) or a document's number: rmrb 2019-02, 9 of 9 such two-line
# blocks are headline + subheadline
_NOTE_SUB = re.compile(r"^[（(].*[）)]$|" + DOC_NO_PATTERN)
# a first line opening on a framing preposition is a kicker leading to the headline ("从…入手",
# "针对…问题", "随着…，…"): rmrb 2019-02, 7 of 7
_LEAD_IN = re.compile(r"^(?:从|针对|随着)")
_MAX_ITEM_KICKER = 4    # "新技术", "能帮就帮": the kicker of an item in a column, never a headline

# weights of `pair_features`, fit on rmrb 2019-02 (how: see the header of the TSV)
PAIR_WEIGHTS = load_weights("split_title_pair.tsv")


def pair_features(first: str, second: str, dated: bool = False) -> dict[str, float]:
    """Cues of a two-line block: column tags sit on the headline; kickers end in a reporting
    verb ("…时强调") and are the longer line, subheadlines are parenthesised notes, a person's role
    ("栗战书主持") or figures ("累计精简比例达81%"); plus the characters at the end of line 1 and
    at both ends of line 2 ("…发布" / "…开幕" open an event headline). `dated`: the article opens
    on a dateline ("本报北京2月1日电"): hard news, titled headline + subheadline far more often
    (rmrb 2019-02: 71 of 187 dated blocks, 27 of 234 undated). A comma sets off a kicker's
    background clause ("…，…") more often than a subheadline's summary."""
    cues = {
        "dated": dated,
        "comma1": "，" in first or "," in first, "comma2": "，" in second or "," in second,
        "tag2": tagged(second), "tag1": bool(COLUMN_TAG.search(first)),
        "kend1": bool(KICKER_END.search(first)), "subend2": bool(_SUB_END.search(second)),
        "paren2": second.startswith(("（", "(")),
        "dig1": bool(_DIGIT.search(first)), "dig2": bool(_DIGIT.search(second)),
        "pct2": "%" in second or "％" in second,
        "sp1": " " in first, "sp2": " " in second,
        "q1": first.startswith("“"), "q2": second.startswith("“"),
        "lr": max(-1.0, min(1.0, math.log(len(second) / len(first)))),
        "short1": len(first) <= 8, "long2": len(second) >= 30,
        "colon1": first.endswith(("：", ":")),
        "semi2": "；" in second or "。" in second,
    }
    out = {name: float(v) for name, v in cues.items() if v}
    for name in ("e1:" + first[-1:], "e1:" + first[-2:], "s2:" + second[:1], "s2:" + second[:2],
                 "e2:" + second[-1:], "e2:" + second[-2:], "s1:" + first[:2]):
        out[name] = 1.0
    return out


def pair_score(first: str, second: str, dated: bool = False,
               weights: dict[str, float] = PAIR_WEIGHTS) -> float:
    """> 0: a two-line block reads as headline + subheadline (else kicker + headline)."""
    return weights["_bias"] + sum(weights.get(name, 0.0) * v for name, v in
                                  pair_features(first, second, dated).items())


def is_subheadline(first: str, second: str, dated: bool = False,
                   weights: dict[str, float] = PAIR_WEIGHTS) -> bool:
    """A two-line block reads as headline + subheadline (else kicker + headline)."""
    if not first or not second:
        return False
    return pair_score(first, second, dated, weights) > 0


def split_block(run: list[str], dated: bool) -> tuple[list[str], list[str]]:
    """Blank-line pages: the title lines of a run opening an article, and the lines after them
    that are its first paragraphs. A column-tagged headline has at most a kicker before it and
    only a "——" subheadline after it (rmrb: 1279 of 1380 have no subheadline, 80 of the other
    101 start with "——"); a bare column name (unless a dateline follows two lines: then it is a
    short kicker, "中宣部"; above three lines, or two and a standalone byline, it titles a
    compound column, "速览", "新春走基层" / "张鼓匠 摘了帽" / "本报记者 白剑峰": rmrb 2019-02 has
    3 such columns and no short kicker over a headline and a byline), a "——" or parenthesised
    subheadline end the block early. `dated`: a dateline lead follows the run."""
    first_tagged = next((k for k, line in enumerate(run) if tagged(line)), None)
    if first_tagged is not None and first_tagged <= 1:
        end = first_tagged + 1
    elif len(run) >= 2 and is_column_name(run[0]) and (not dated or len(run) >= 3):
        end = 1
    elif len(run) >= 3 and (run[1].endswith("——") or len(run[1]) <= _MAX_ITEM_KICKER):
        # the second line is the kicker of a section head below the headline (a column's title
        # over its first item, "新技术" / "…可全程追踪"): rmrb 2019-02 and 2019-10 have no
        # three-line title block with a headline that short (2019-02: 4 such columns)
        end = 1
    else:
        end = next((k for k in (1, 2) if k < len(run) and run[k].startswith(_SUB_START)),
                   MAX_TITLE_LINES)
    if end < min(len(run), MAX_TITLE_LINES) and run[end].startswith(_SUB_START):
        end += 1
    # an order's heading and number under a document's title open its text ("…的决定" /
    # "…国务院令" / "第703号")
    end = next((k for k in range(1, min(end, len(run) - 1))
                if run[k].endswith("令") and DOC_NO.match(run[k + 1])), end)
    # bulleted summary lines under a headline open its body (rmrb 2019-02: 61 articles start on
    # one; 4 title lines carry bullets, all first lines)
    end = next((k for k in range(1, min(end, len(run))) if _BULLET.match(run[k])), end)
    return run[:end], run[end:]


def assign_titles(lines: list[str], dated: bool = False,
                  pair_weights: dict[str, float] = PAIR_WEIGHTS) -> tuple[str, str, str]:
    """(kicker, headline, subheadline) of a title block of 1-3 lines.

    Two lines: a "——", a parenthesised or numbered note below (`_NOTE_SUB`) or a framing
    preposition above (`_LEAD_IN`) decides; without one (rmrb 2019-02: 323 of 421 such blocks are
    kicker + headline) the pair model of `is_subheadline` (`dated`: the article opens on a
    dateline; `pair_weights`: its weights)."""
    if len(lines) == 1:
        return "", lines[0], ""
    if len(lines) == 2:
        first, second = lines
        if first.endswith("——"):
            return first, second, ""
        if second.startswith("——") or _NOTE_SUB.match(second):
            return "", first, second
        if _LEAD_IN.match(first):
            return first, second, ""
        if is_subheadline(first, second, dated, pair_weights):
            return "", first, second
        return first, second, ""
    return lines[0], lines[1], lines[2]
