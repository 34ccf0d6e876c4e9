"""Reported quantities: 22.2万人 → (222000, 人), 近20% → (20, %, qualifier 近).

A figure is a number followed by a unit or measure word. Dates, times and ordinals
(2021年, 12月16日, 10点, 第一次) have no unit from the list, or are preceded by 第, and so
are left out. Its context is the phrase it counts: the words of its clause from the last
verb before it (全省成立新业态工会1388个 → 成立新业态工会).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Sequence

import cn2an

# Measure words and units, longest first so 万元 wins over 元 and 个月 over 个.
UNITS = sorted("""
平方公里 平方米 千瓦时 公里 千米 公斤 千克 万元 亿元 美元 欧元 港元 日元 英镑 卢布 韩元 澳元 加元
澳门元 新台币 台币 港币 元 人次 个月 小时 分钟 千瓦 兆瓦
% ％ 人 个 家 份 条 项 次 名 位 户 台 辆 件 场 所 座 米 吨 亩 盒 片 粒 天 周 岁 倍 篇 本 套 批 支 颗
株 只 头 张 处 栋 间 种 类 期 届 组 对 双 包 箱 瓶 袋 斤 克 升 度 架 艘 列 趟 班 例 起 笔 单 宗 封 册
""".split(), key=len, reverse=True)
QUALIFIERS_BEFORE = ("将近", "接近", "超过", "大约", "不到", "不足", "近", "约", "超", "逾")
_CN_DIGITS = "零〇一二三四五六七八九十百千万亿两"
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}

# The pattern starts at the number, not at an optional qualifier (read off the text), and
# with one character class, a digit or a numeral (a look back at it tells which branch
# follows): the regex engine then skips in C to the next place a figure can start, where
# `\d+|[…]{2,}` made it try every position of the text. Digits are taken possessively and
# never from the middle of a run: no unit can follow a shorter run, so each such try only
# failed again, through all the units.
FIGURE_RE = re.compile(
    rf"(?P<num>[\d{_CN_DIGITS}](?:(?<=\d)(?<!\d\d)\d*+(?:\.\d+)?+|(?<=[{_CN_DIGITS}])[{_CN_DIGITS}]+))"
    r"(?P<mult>[万亿]{1,2}|千)?"
    r"(?P<q2>余|多)?"
    rf"(?P<unit>{'|'.join(map(re.escape, UNITS))})"
)
# Qualifiers by length, longest first (将近 before 近).
_QUALIFIERS = [(n, frozenset(q for q in QUALIFIERS_BEFORE if len(q) == n))
               for n in sorted({len(q) for q in QUALIFIERS_BEFORE}, reverse=True)]
# A clause ends at punctuation; the context never crosses one.
_CLAUSE_END = re.compile(r"[，。；：、！？,;:!?（）()“”\"《》\s]")
# Tags that start a counted phrase: verbs (成立, 覆盖, 发展…).
_VERB_TAGS = frozenset(("v", "vn", "vd"))
# After 个 or 周, a period of time or a date part: 1个月 is a duration, 周年 an anniversary.
_NOT_AFTER = frozenset("年月日号时点分秒")


@lru_cache(maxsize=4096)
def _numeral(num: str) -> float | None:
    """A Chinese numeral's value; cached, as cn2an takes ~10 µs and news repeats a few dozen
    numerals (十四, 二十…)."""
    try:
        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, IndexError):  # cn2an raises KeyError on some malformed numerals
        return None


def _value(num: str, mult: str | None) -> float | None:
    value = float(num) if num[0].isdigit() else _numeral(num)
    if value is None:
        return None
    for c in mult or "":
        value *= _MULT[c]
    return value


# currencies by the names printed before an amount (新台币一千亿元, 港币5000元: the unit of the 元
# after it; 元 alone stays yuan, 人民币) or as its unit (5000港币)
_CURRENCIES = {"新台币": "新台币", "台币": "新台币", "港币": "港元", "美金": "美元", "澳门币": "澳门元"}


def _unit(unit: str) -> tuple[str, float]:
    """Unit as stored and the factor it carries: 万元 → (元, 1e4), ％ → (%, 1)."""
    if unit in ("万元", "亿元"):
        return "元", _MULT[unit[0]]
    return ("%" if unit == "％" else _CURRENCIES.get(unit, unit)), 1.0


def _currency_before(text: str, start: int) -> str | None:
    """The currency named right before a figure starting at `start` (see `_CURRENCIES`)."""
    for name, currency in _CURRENCIES.items():
        if text.startswith(name, start - len(name)):
            return currency
    return None


_UNITS = {u: _unit(u) for u in UNITS}      # one look-up per figure instead of a call


def _qualifier_before(text: str, begin: int) -> str:
    for n, qualifiers in _QUALIFIERS:
        if begin >= n and text[begin - n:begin] in qualifiers:
            return text[begin - n:begin]
    return ""


def figures(text: str, tags: Sequence[tuple[str, str]] | None = None
            ) -> list[tuple[float, str, str, str, str]]:
    """(value, unit, raw, context, qualifier) for each quantity in the text, in order.

    `tags` are the tagged words of exactly this text (from `enrich`); without them the
    context is the whole clause before the figure."""
    found = []
    for m in FIGURE_RE.finditer(text):
        begin, end = m.span()
        before = text[begin - 1:begin]
        if before in ("第", ".") or before.isdigit():
            continue
        num, mult, q2, unit = m.groups()
        if unit in ("个", "周") and text[end:end + 1] in _NOT_AFTER:
            continue
        value = _value(num, mult)
        if value is None:
            continue
        unit, factor = _UNITS[unit]
        qualifier = _qualifier_before(text, begin)
        start = begin - len(qualifier)
        if unit == "元" and start >= 2:
            unit = _currency_before(text, start) or unit
        qualifier = qualifier or q2 or ""
        if text.startswith("左右", end):
            qualifier = qualifier or "左右"
        found.append((value * factor, unit, start, end, qualifier))
    if not found:
        return []
    # The words are consulted only now, and only up to the last figure.
    words = _Words(text, tags, found[-1][2])
    return [(value, unit, text[start:end], words.context(start), qualifier)
            for value, unit, start, end, qualifier in found]


class _Words:
    """Where words start and clauses end in one text, for the context of its figures."""

    def __init__(self, text: str, tags: Sequence[tuple[str, str]] | None, last: int):
        """`last`: the offset of the last figure; words past it are never looked at."""
        self.text = text
        self.reversed = text[::-1]
        self.tags = tags or ()
        # A word has at least one character, so the word at offset `last` is among the
        # first last + 1.
        self.starts = [0, *accumulate(map(len, map(itemgetter(0), self.tags[:last + 1])))]

    def context(self, end: int) -> str:
        """The phrase a figure ending its prefix at `end` counts: from the clause's last verb
        before it, else from the clause's start."""
        # The clause starts after the nearest clause end before `end`: the first one in the
        # reversed text from there (no Python per clause of the text).
        m = _CLAUSE_END.search(self.reversed, len(self.text) - end)
        clause_start = len(self.text) - m.start() if m else 0
        starts, tags = self.starts, self.tags
        i = bisect_right(starts, end) - 1
        if i >= len(tags):
            i = len(tags) - 1
        while i >= 0 and starts[i] >= clause_start:
            if starts[i] < end and tags[i][1] in _VERB_TAGS:
                return self.text[starts[i]:end]
            i -= 1
        return self.text[clause_start:end]
